"""Where a learner stands: hours done per stage, pace against the plan, the next
sessions, what is overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from planner.graph import CareerGraph
from planner.planning import ChoiceResolver
from planner.records import Profile
from planner.reports.pace import Forecast, Pace
from planner.reports.stages import StageHours, stage_hours
from planner.scheduling import AnySession, Schedule, Session, WorkSpan


class Overdue(NamedTuple):
    """An item still open whose planned sessions ended before today."""

    item: str
    sessions: int
    hours: float
    since: dt.date
    """The day of its first overdue session."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "sessions": self.sessions,
            "hours": round(self.hours, 2),
            "since": self.since.isoformat(),
        }


class StatusReport(NamedTuple):
    """Everything ``planner status`` shows."""

    stages: tuple[StageHours, ...]
    upcoming: tuple[AnySession, ...]
    """The next study and review sessions."""
    overdue: tuple[Overdue, ...]
    schedule: Schedule
    names: Mapping[str, str]
    pace: Pace | None = None
    forecasts: tuple[Forecast, ...] = ()
    profile_file: str = "PROFILE"
    short_names: Mapping[str, str] = MappingProxyType({})
    """The graph's ``short_name`` of the items shown, where it gives one."""
    warnings: tuple[str, ...] = ()
    """What the person should fix in the profile (windows that cannot hold its hours)."""
    at_work: tuple[WorkSpan, ...] = ()
    """Work done at a job under way today (it takes no study sessions)."""


def stage_progress(graph: CareerGraph, profile: Profile, target: str) -> list[StageHours]:
    """Progress for each stage on the way to ``target`` (and the target), lowest first."""
    return stage_hours(
        graph, resolver=ChoiceResolver.for_profile(graph, profile), stages=graph.closure([target])
    )


def overdue_items(
    original: Schedule, replanned: Schedule, today: dt.date, now: dt.datetime | None = None
) -> tuple[Overdue, ...]:
    """Items of ``replanned`` (still open) with sessions of ``original`` that ended
    before ``today`` (before ``now``, when the day is the clock's: this morning's
    session is overdue tonight), in the order of those sessions.

    Nothing is overdue on the plan's first day: the plan may have been made after that
    day's first window (``planner init`` writes today as the start), so its sessions
    count as overdue from the next day on."""
    if today <= original.start:
        return ()
    still_open = {item.id for item in replanned.plan.items}
    late: dict[str, list[Session]] = {}
    for s in original.sessions:
        ended = s.end <= now if now is not None else original.local(s.end).date() < today
        if s.item in still_open and ended:
            late.setdefault(s.item, []).append(s)
    return tuple(
        Overdue(
            item,
            len(sessions),
            sum(s.minutes for s in sessions) / 60,
            original.local(sessions[0].start).date(),
        )
        for item, sessions in late.items()
    )


def make_status(
    graph: CareerGraph,
    profile: Profile,
    *,
    original: Schedule,
    replanned: Schedule,
    today: dt.date,
    count: int = 5,
    pace: Pace | None = None,
    forecasts: tuple[Forecast, ...] = (),
    now: dt.datetime | None = None,
) -> StatusReport:
    """Combine the plan as first scheduled (``original``, from the profile's start) with
    the plan re-made from ``today`` (``replanned``).

    Overdue sessions are those of ``original`` that ended before ``today`` (before
    ``now``, when today is the clock's) for items that are still not done; upcoming
    ones are the first ``count`` of ``replanned``.
    """
    overdue = overdue_items(original, replanned, today, now)
    upcoming = replanned.timeline[:count]
    spans = replanned.ongoing(today, today)
    shown = {s.item for s in upcoming} | {o.item for o in overdue} | {s.item for s in spans}
    return StatusReport(
        stages=tuple(stage_progress(graph, profile, replanned.plan.target)),
        upcoming=upcoming,
        overdue=overdue,
        schedule=replanned,
        names={n: graph.nodes[n].name for n in shown},
        pace=pace,
        forecasts=forecasts,
        profile_file=profile.source,
        short_names=short_names(graph, shown),
        at_work=spans,
    )


def short_names(graph: CareerGraph, ids: Iterable[str]) -> dict[str, str]:
    """The ``short_name`` of each of ``ids`` that has one."""
    return {n: short for n in sorted(ids) if (short := graph.short_name(n))}
