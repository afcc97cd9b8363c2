"""Where a learner stands: hours done per stage, pace against the plan, the next
sessions, what is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.graph import CareerGraph
from planner.models import Profile
from planner.planning import ChoiceResolver
from planner.scheduling import Schedule, Session
from planner.views.pace import Forecast, Pace, pace_sentences
from planner.views.stages import StageHours, stage_hours
from planner.views.terminal import (
    PLAIN,
    Bar,
    Cell,
    Column,
    Terminal,
    label,
    layout,
    time_span,
    wrap,
)
from planner.words import count

OVERDUE_SHOWN = 5


@dataclass(frozen=True)
class Overdue:
    """An item still open whose planned sessions ended before today."""

    item: str
    sessions: int
    hours: float
    since: dt.date
    """The day of its first overdue session."""


@dataclass(frozen=True)
class Status:
    """Everything ``planner status`` shows."""

    stages: tuple[StageHours, ...]
    upcoming: tuple[Session, ...]
    """The next study and review sessions."""
    overdue: tuple[Overdue, ...]
    schedule: Schedule
    names: dict[str, str]
    pace: Pace | None = None
    forecasts: tuple[Forecast, ...] = ()
    profile_file: str = "PROFILE"


def stage_progress(graph: CareerGraph, profile: Profile, target: str) -> list[StageHours]:
    """Progress for each stage on the way to ``target`` (and the target), lowest first."""
    return stage_hours(
        graph, resolver=ChoiceResolver.for_profile(graph, profile), stages=graph.closure([target])
    )


def overdue_items(original: Schedule, replanned: Schedule, today: dt.date) -> tuple[Overdue, ...]:
    """Items of ``replanned`` (still open) with sessions of ``original`` that ended
    before ``today``, in the order of those sessions."""
    still_open = {item.id for item in replanned.plan.items}
    late: dict[str, list[Session]] = {}
    for s in original.sessions:
        if s.item in still_open and original.local(s.end).date() < today:
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
) -> Status:
    """Combine the plan as first scheduled (``original``, from the profile's start) with
    the plan re-made from ``today`` (``replanned``).

    Overdue sessions are those of ``original`` that ended before ``today`` for items
    that are still not done; upcoming ones are the first ``count`` of ``replanned``.
    """
    overdue = overdue_items(original, replanned, today)
    upcoming = replanned.timeline[:count]
    shown = {s.item for s in upcoming} | {o.item for o in overdue}
    return Status(
        stages=tuple(stage_progress(graph, profile, replanned.plan.target)),
        upcoming=upcoming,
        overdue=overdue,
        schedule=replanned,
        names={n: graph.nodes[n].name for n in shown},
        pace=pace,
        forecasts=forecasts,
        profile_file=profile.source,
    )


def session_number(session: Session) -> str:
    """``3/14`` for study, ``review 1/3`` for a review."""
    number = f"{session.index}/{session.count}"
    return f"review {number}" if session.kind == "review" else number


def render_status(status: Status, *, terminal: Terminal = PLAIN) -> str:
    """Progress bars per stage, pace, the next sessions and the overdue ones, as text."""
    width = terminal.width
    lines = ["Progress by stage"]
    rows: list[list[Cell]] = [
        [
            row.name,
            Bar(row.fraction),
            f"{row.fraction * 100:.1f}%",
            f"{row.done_hours:.1f} / {row.total_hours:.1f} h",
        ]
        for row in status.stages
    ]
    table = layout(
        (
            Column(shrink=True, minimum=20),
            Column(shrink=True, minimum=8, drop=1),
            Column(right=True),
            Column(right=True),
        ),
        rows,
        terminal,
        indent=2,
    )
    lines += [table.row(row) for row in rows]
    if status.pace is not None:
        lines += ["", "Pace"]
        for sentence in pace_sentences(status.pace, status.forecasts):
            lines += wrap(sentence, width, indent="  ", hanging="    ")
    local = status.schedule.local
    lines += ["", "Next sessions"]
    if not status.upcoming:
        lines.append("  none: nothing left to schedule")
    upcoming: list[list[Cell]] = [
        [time_span(local(s.start), local(s.end)), label(status.names[s.item], s.item), session_number(s)]
        for s in status.upcoming
    ]
    table = layout((Column(), Column(shrink=True, minimum=20), Column()), upcoming, terminal, indent=2)
    lines += [table.row(row) for row in upcoming]
    lines += ["", "Overdue"]
    if not status.overdue:
        lines.append("  nothing overdue")
    for late in status.overdue[:OVERDUE_SHOWN]:
        lines += wrap(
            f"{label(status.names[late.item], late.item)}: {count(late.sessions, 'session')}, "
            f"{late.hours:g} h planned since {late.since}, not done",
            width,
            indent="  ",
            hanging="    ",
        )
    if len(status.overdue) > OVERDUE_SHOWN:
        lines.append(f"  ... and {len(status.overdue) - OVERDUE_SHOWN} more items")
    if status.overdue:
        lines += wrap(
            f"Record what you finished: planner done {status.profile_file} ID...",
            width,
            indent="  ",
            hanging="    ",
        )
    return terminal.lines(lines)
