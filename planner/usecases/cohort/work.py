"""Plan one person of a cohort: their result line, and what the summary counts.

This is the work every engine runs, in this process, in worker processes or on Dask
workers; the result line is made here, once, so every engine writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from planner.errors import PlannerError, ProfileError, location
from planner.profile import check_profile, parse_profile
from planner.reports.cohort import Outcome
from planner.usecases.catalogue import gaps
from planner.usecases.cohort.inputs import Entry
from planner.usecases.plans import roadmap

if TYPE_CHECKING:
    from planner.graph import CareerGraph


def plan_entries(graph: CareerGraph, entries: Iterable[Entry], now: dt.datetime) -> list[Outcome]:
    """Plan each entry with :func:`plan_entry`, in order."""
    return [plan_entry(graph, entry, now) for entry in entries]


def plan_entry(graph: CareerGraph, entry: Entry, now: dt.datetime) -> Outcome:
    """Parse, check and plan one person, as ``planner roadmap`` would.

    A person who cannot be planned gives an outcome with the message ``planner
    roadmap`` prints for their profile, located at their line of a JSON Lines file;
    only errors planner raises on purpose are caught.
    """
    if entry.error is not None:
        return _failure(entry, None, entry.error)
    name: Any = None
    try:
        data, text, is_json = parse_profile(entry.raw, file=entry.file, suffix=entry.suffix)
        name = data.get("name")
        profile = check_profile(data, graph, file=entry.file, text=text, is_json=is_json)
        planned = roadmap(profile, graph=graph, now=now)
        readiness = gaps(profile, graph=graph).stages
    except PlannerError as exc:
        return _failure(entry, name if isinstance(name, str) else None, _located(exc, entry))
    schedule = planned.schedule
    goals = {goal.id for goal in schedule.plan.stages}
    plan = planned.to_dict()
    finish = schedule.local(schedule.finish).date() if schedule.finish else schedule.start
    result: dict[str, Any] = {
        "input": entry.label,
        "name": profile.name or None,
        "ok": True,
        "target": plan["target"],
        "start": plan["start"],
        "finish": finish.isoformat(),
        "hours": plan["total_hours"],
        "milestones": plan["milestones"],
        "warnings": list(planned.warnings),
        "error": None,
    }
    return Outcome(
        line=_json_line(result),
        target=schedule.plan.target,
        finish=finish,
        minutes=schedule.plan.minutes,
        missing=tuple((item.id, item.minutes) for item in schedule.plan.items),
        ready=tuple(not row.missing for row in readiness),
        percent=tuple(row.percent for row in readiness),
        studying=tuple(row.stage in goals for row in readiness),
    )


def _located(exc: PlannerError, entry: Entry) -> str:
    """The message of ``exc`` at the entry's line of a JSON Lines file (a profile's own
    file already names itself)."""
    if entry.line is None:
        return str(exc)
    if isinstance(exc, ProfileError):  # every mistake of the line, on the line
        where = location(entry.file, entry.line)
        return where + "; ".join((f"key '{p.key}': " if p.key else "") + p.message for p in exc.problems)
    return f"{location(entry.file, entry.line)}{exc}"


def _failure(entry: Entry, name: str | None, message: str) -> Outcome:
    result: dict[str, Any] = {
        "input": entry.label,
        "name": name or None,
        "ok": False,
        "target": None,
        "start": None,
        "finish": None,
        "hours": None,
        "milestones": None,
        "warnings": [],
        "error": message,
    }
    return Outcome(line=_json_line(result), error=message)


def _json_line(result: dict[str, Any]) -> str:
    """One line of JSON; U+2028 and U+2029 escaped too, as some readers split on them."""
    text = json.dumps(result, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate quoted from a broken profile
        return json.dumps(result)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
