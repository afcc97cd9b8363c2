"""A learner's next days, session by session: what to do now, with the ids to type."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from planner.graph import CareerGraph
from planner.reports.status import Overdue, overdue_items, short_names
from planner.scheduling import AnySession, Milestone, Schedule, WorkSpan


class Planned(NamedTuple):
    """One session of the days shown, with what it is for."""

    session: AnySession
    purpose: str
    """``first``, ``continue``, ``finish``, ``whole`` (the item in one session) or
    ``review``."""
    left: float | None
    """Hours of the item left after the session (None for a review)."""


class WeekReport(NamedTuple):
    """Everything ``planner week`` shows."""

    first: dt.date
    last: dt.date
    sessions: tuple[Planned, ...]
    overdue: tuple[Overdue, ...]
    milestone: Milestone | None
    """The next milestone on or after ``first``."""
    following: AnySession | None
    """The first session after ``last``, when the days shown hold none."""
    schedule: Schedule
    names: Mapping[str, str]
    profile_file: str = "PROFILE"
    short_names: Mapping[str, str] = MappingProxyType({})
    """The graph's ``short_name`` of the items shown, where it gives one."""
    warnings: tuple[str, ...] = ()
    """What the person should fix in the profile (windows that cannot hold its hours)."""
    now: dt.datetime | None = None
    """The moment the plan was re-made at, when the first day is the clock's."""
    at_work: tuple[WorkSpan, ...] = ()
    """Work done at a job under way on some of the days shown (no sessions: beside them)."""


def _purpose(session: AnySession, started: bool) -> str:
    if session.kind == "review":
        return "review"
    if session.of == 1:
        return "continue" if started else "whole"
    if session.number == session.of:
        return "finish"
    return "first" if session.number == 1 and not started else "continue"


def make_week(
    graph: CareerGraph,
    *,
    original: Schedule,
    replanned: Schedule,
    first: dt.date,
    last: dt.date,
    profile_file: str = "PROFILE",
    now: dt.datetime | None = None,
) -> WeekReport:
    """The sessions of ``replanned`` (the plan re-made from ``first``) from ``first`` to
    ``last``, with what is overdue in ``original`` (the plan as first made): before
    ``first``, or before ``now`` when the first day is the clock's."""
    items = {item.id: item for item in replanned.plan.items}
    left = {item_id: item.minutes for item_id, item in items.items()}
    started = {i for i, item in items.items() if item.minutes < item.total_hours * 60 - 1e-9}
    shown: list[Planned] = []
    following = None
    for s in replanned.timeline:
        day = replanned.local(s.start).date()
        if s.kind == "study":
            left[s.item] -= s.minutes
        if day > last:
            following = None if shown else s
            break
        if day >= first:
            hours = left[s.item] / 60 if s.kind == "study" else None
            shown.append(Planned(s, _purpose(s, s.item in started), hours))
    overdue = overdue_items(original, replanned, first, now)
    ahead = [m for m in replanned.milestones if m.date >= first]
    spans = replanned.ongoing(first, last)
    ids = {p.session.item for p in shown} | {o.item for o in overdue} | {s.item for s in spans}
    if following is not None:
        ids.add(following.item)
    return WeekReport(
        first,
        last,
        tuple(shown),
        overdue,
        min(ahead, key=lambda m: m.date, default=None),
        following,
        replanned,
        {n: graph.nodes[n].name for n in ids},
        profile_file,
        short_names(graph, ids),
        now=now,
        at_work=spans,
    )
