"""The days ahead as text: each session's time, purpose, item and hours left."""

from __future__ import annotations

from planner.renderers.phrases import milestone_title
from planner.renderers.status import OVERDUE_SHOWN, at_work_lines
from planner.renderers.terminal import (
    PLAIN,
    Column,
    Label,
    Terminal,
    day_label,
    label,
    layout,
    short_label,
    time_span,
    wrap,
)
from planner.reports.week import Planned, WeekReport
from planner.words import count, done_command


def render_week(week: WeekReport, *, terminal: Terminal = PLAIN) -> str:
    """The days as a short table: each session's time, purpose, item and hours left."""
    width = terminal.width
    local = week.schedule.local

    def item(node_id: str) -> Label:
        return label(week.names[node_id], node_id, week.short_names.get(node_id, ""))

    def brief(node_id: str) -> str:
        name, short = week.names[node_id], week.short_names.get(node_id, "")
        return short_label(name, node_id, short, terminal=terminal)

    study = sum(p.session.minutes for p in week.sessions if p.session.kind == "study") / 60
    review = sum(p.session.minutes for p in week.sessions if p.session.kind == "review") / 60
    span = f"{day_label(week.first)} – {day_label(week.last)}"
    summary = (
        f"{count(len(week.sessions), 'session')}, {study:.1f} h of study" if week.sessions else "no sessions"
    )
    lines = wrap(f"{span}: {summary}" + (f" and {review:.1f} h of review" if review else ""), width)

    def row(planned: Planned) -> list[str | Label]:
        s = planned.session
        purpose = f"review {s.number}/{s.of}" if s.kind == "review" else planned.purpose
        hours = "" if planned.left is None else "done" if planned.left <= 0 else f"{planned.left:.1f} h left"
        return [
            time_span(local(s.start), local(s.end), with_day=False),
            purpose,
            item(s.item),
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
            what = f"review {s.number}/{s.of} of " if s.kind == "review" else ""
            lines += wrap(
                f"Nothing planned these days. Next: {time_span(local(s.start), local(s.end))}, "
                f"{what}{brief(s.item)}",
                width,
            )
        else:
            lines.append("Nothing planned: every requirement of the target is known.")
    if week.at_work:
        lines += ["", "At work, beside study:"]
        lines += at_work_lines(week.at_work, week.names, width)
    if week.overdue:
        hours = sum(o.hours for o in week.overdue)
        lines += [
            "",
            *wrap(
                f"Overdue: {count(len(week.overdue), 'item')}, {hours:g} h planned before "
                f"{'now' if week.now else week.first}, not done",
                width,
            ),
        ]
        for late in week.overdue[:OVERDUE_SHOWN]:
            lines += wrap(
                f"{brief(late.item)}: {late.hours:g} h since {late.since}",
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
        lines += ["", *wrap(f"Record what you finish: {done_command(week.profile_file)}", width)]
    return terminal.lines(lines)
