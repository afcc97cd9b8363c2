"""A learner's next days, session by session: what to do now, with the ids to type."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.graph import CareerGraph
from planner.scheduling import Milestone, Schedule, Session
from planner.views.schedule import milestone_title
from planner.views.status import OVERDUE_SHOWN, Overdue, overdue_items
from planner.views.terminal import (
    PLAIN,
    Column,
    Label,
    Terminal,
    day_label,
    label,
    layout,
    time_span,
    wrap,
)
from planner.words import count


@dataclass(frozen=True)
class Planned:
    """One session of the days shown, with what it is for."""

    session: Session
    purpose: str
    """``first``, ``continue``, ``finish``, ``whole`` (the item in one session) or
    ``review``."""
    left: float | None
    """Hours of the item left after the session (None for a review)."""


@dataclass(frozen=True)
class Week:
    """Everything ``planner week`` shows."""

    first: dt.date
    last: dt.date
    sessions: tuple[Planned, ...]
    overdue: tuple[Overdue, ...]
    milestone: Milestone | None
    """The next milestone on or after ``first``."""
    following: Session | None
    """The first session after ``last``, when the days shown hold none."""
    schedule: Schedule
    names: dict[str, str]
    profile_file: str = "PROFILE"


def _purpose(session: Session, started: bool) -> str:
    if session.kind == "review":
        return "review"
    if session.count == 1:
        return "continue" if started else "whole"
    if session.index == session.count:
        return "finish"
    return "first" if session.index == 1 and not started else "continue"


def make_week(
    graph: CareerGraph,
    *,
    original: Schedule,
    replanned: Schedule,
    first: dt.date,
    last: dt.date,
    profile_file: str = "PROFILE",
) -> Week:
    """The sessions of ``replanned`` (the plan re-made from ``first``) from ``first`` to
    ``last``, with what is overdue in ``original`` (the plan as first made)."""
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
    overdue = overdue_items(original, replanned, first)
    ahead = [m for m in replanned.milestones if m.date >= first]
    ids = {p.session.item for p in shown} | {o.item for o in overdue}
    if following is not None:
        ids.add(following.item)
    return Week(
        first,
        last,
        tuple(shown),
        overdue,
        min(ahead, key=lambda m: m.date, default=None),
        following,
        replanned,
        {n: graph.nodes[n].name for n in ids},
        profile_file,
    )


def render_week(week: Week, *, terminal: Terminal = PLAIN) -> str:
    """The days as a short table: each session's time, purpose, item and hours left."""
    width = terminal.width
    local = week.schedule.local
    study = sum(p.session.minutes for p in week.sessions if p.session.kind == "study") / 60
    review = sum(p.session.minutes for p in week.sessions if p.session.kind == "review") / 60
    span = f"{day_label(week.first)} – {day_label(week.last)}"
    summary = (
        f"{count(len(week.sessions), 'session')}, {study:.1f} h of study" if week.sessions else "no sessions"
    )
    lines = wrap(f"{span}: {summary}" + (f" and {review:.1f} h of review" if review else ""), width)

    def row(planned: Planned) -> list[str | Label]:
        s = planned.session
        purpose = f"review {s.index}/{s.count}" if s.kind == "review" else planned.purpose
        hours = "" if planned.left is None else "done" if planned.left <= 0 else f"{planned.left:.1f} h left"
        return [
            time_span(local(s.start), local(s.end), with_day=False),
            purpose,
            label(week.names[s.item], s.item),
            hours,
        ]

    rows = [row(p) for p in week.sessions]
    table = layout(
        (Column(), Column(), Column(shrink=True, minimum=20), Column(right=True)), rows, terminal, indent=2
    )
    day = None
    for planned, cells in zip(week.sessions, rows, strict=True):
        this = local(planned.session.start).date()
        if this != day:
            day = this
            lines += ["", day_label(this)]
        lines.append(table.row(cells))
    if not week.sessions:
        lines += [""]
        if week.following is not None:
            s = week.following
            what = f"review {s.index}/{s.count} of " if s.kind == "review" else ""
            lines += wrap(
                f"Nothing planned these days. Next: {time_span(local(s.start), local(s.end))}, "
                f"{what}{label(week.names[s.item], s.item)}",
                width,
            )
        else:
            lines.append("Nothing planned: every requirement of the target is known.")
    if week.overdue:
        hours = sum(o.hours for o in week.overdue)
        lines += [
            "",
            *wrap(
                f"Overdue: {count(len(week.overdue), 'item')}, {hours:g} h planned before "
                f"{week.first}, not done",
                width,
            ),
        ]
        for late in week.overdue[:OVERDUE_SHOWN]:
            lines += wrap(
                f"{label(week.names[late.item], late.item)}: {late.hours:g} h since {late.since}",
                width,
                indent="  ",
                hanging="    ",
            )
        if len(week.overdue) > OVERDUE_SHOWN:
            lines.append(f"  ... and {len(week.overdue) - OVERDUE_SHOWN} more")
    if week.milestone is not None:
        lines += [
            "",
            *wrap(f"Next milestone: {week.milestone.name}, {milestone_title(week.milestone)}", width),
        ]
    if week.sessions or week.overdue:
        lines += ["", *wrap(f"Record what you finish: planner done {week.profile_file} ID...", width)]
    return terminal.lines(lines)
