"""The roadmap as JSON, in the shape docs/formats.md describes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.io import jsontext
from planner.renderers.phrases import credential_notes, milestone_title
from planner.renderers.roadmap.isotext import IsoText
from planner.renderers.roadmap.periods import period_title
from planner.renderers.terminal import PLAIN, Terminal
from planner.reports.roadmap import Period, Row, periods, rows
from planner.scheduling import LocalSession, Milestone, Review, Schedule, Wait


def _session(local: LocalSession, iso: IsoText) -> dict[str, Any]:
    session, start, end = local
    data: dict[str, Any] = {
        "item": session.item,
        "kind": session.kind,
        "start": iso.moment(start),
        "end": iso.moment(end),
    }
    if isinstance(session, Review):
        data |= {"index": session.number, "count": session.of, "due": session.due.isoformat()}
    return data


def _item(row: Row, iso: IsoText, hours: Mapping[int, float]) -> dict[str, Any]:
    item = row.item
    data: dict[str, Any] = {
        "id": item.id,
        "kind": item.kind,
        "name": item.name,
        "hours": hours[item.minutes],
        "start": iso.day(row.start),
        "end": iso.day(row.end),
        "requires": list(item.requires),
        "category": item.category,
        "stage": item.stage,
        "sessions": row.sessions,
        "recommended": item.recommended,
        "picked_for": list(item.picked_for),
        "at_work": item.at_work,
        "after_milestones": list(item.holding),
    }
    if item.at_work:
        data["months"] = round(item.months, 2)
    return data


def _wait(wait: Wait) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reason": wait.reason,
        "from": wait.start.isoformat(),
        "until": wait.end.isoformat(),
        "days": wait.days,
        "months": wait.months,
        "required_months": wait.required,
    }
    if wait.reason == "time_in_role":
        data |= {"in": wait.role, "experience_months": wait.experience}
    return data


def _milestone(m: Milestone) -> dict[str, Any]:
    role = m.wait("time_in_role")
    return {
        "stage": m.stage,
        "name": m.name,
        "date": m.date.isoformat(),
        "skills_ready": m.skills_ready.isoformat(),
        "time_in_role": {"months": m.months, "in": m.previous, "experience_months": role.experience}
        if role is not None
        else None,
        "waits": [_wait(w) for w in m.waits],
        "experience_months": m.experience,
        "said": milestone_title(m),
    }


def _period(period: Period) -> dict[str, Any]:
    return {
        "title": period_title(period),
        "held": period.held,
        "from": period.start.isoformat(),
        "until": period.end.isoformat() if period.end else None,
        "milestone": period.milestone.stage if period.milestone else None,
        "hours": round(period.minutes / 60, 2),
        "items": [row.item.id for row in period.rows],
    }


def roadmap_data(schedule: Schedule, *, name: str = "", warnings: tuple[str, ...] = ()) -> dict[str, Any]:
    """The roadmap as plain data: items in roadmap order (work done at a job with its
    span and ``"at_work": true``), study and review sessions by start, milestones with
    what they wait for (and ``said``, in the roadmap's words), the periods (the time
    each stage is held, with the items that start in it), choices, notes and the
    deadline warnings."""
    local = schedule.local
    iso = IsoText(schedule.zone)
    finish = schedule.finish
    timeline = schedule.local_timeline()
    table = rows(schedule, schedule.days(timeline))
    # The sessions first, so the items' days are already written; and the items share a
    # few sizes, each rounded once.
    sessions = [_session(s, iso) for s in timeline]
    hours = {minutes: round(minutes / 60, 4) for minutes in {item.minutes for item in schedule.plan.items}}
    return {
        "name": name,
        "target": schedule.plan.target,
        "start": schedule.start.isoformat(),
        "timezone": schedule.availability.timezone,
        "hours_per_week": schedule.availability.hours_per_week,
        "study_ahead": schedule.plan.study_ahead,
        "total_hours": round(schedule.plan.minutes / 60, 2),
        "finish": local(finish).isoformat() if finish else None,
        "items": [_item(row, iso, hours) for row in table],
        "sessions": sessions,
        "milestones": [_milestone(m) for m in schedule.milestones],
        "periods": [_period(p) for p in periods(schedule, table)],
        "choices": [c.as_dict() for c in schedule.plan.choices],
        "notes": credential_notes(schedule.plan),
        "warnings": list(warnings),
    }


def render_json(
    schedule: Schedule, *, name: str = "", warnings: tuple[str, ...] = (), terminal: Terminal = PLAIN
) -> str:
    """Render the roadmap as indented JSON text ending in a newline."""
    return jsontext.dumps(roadmap_data(schedule, name=name, warnings=warnings)) + "\n"
