"""The status report as text: progress bars, pace, the next sessions, what is overdue."""

from __future__ import annotations

from collections.abc import Mapping

from planner.renderers.pace import pace_sentences
from planner.renderers.terminal import (
    PLAIN,
    Bar,
    Cell,
    Column,
    Label,
    Terminal,
    label,
    layout,
    short_label,
    time_span,
    wrap,
)
from planner.reports.status import StatusReport
from planner.scheduling import AnySession, WorkSpan
from planner.words import count, done_command

OVERDUE_SHOWN = 5


def session_number(session: AnySession) -> str:
    """``3/14`` for study, ``review 1/3`` for a review."""
    number = f"{session.number}/{session.of}"
    return f"review {number}" if session.kind == "review" else number


def render_status(status: StatusReport, *, terminal: Terminal = PLAIN) -> str:
    """Progress bars per stage, pace, the next sessions and the overdue ones, as text."""
    width = terminal.width

    def item(node_id: str) -> Label:
        return label(status.names[node_id], node_id, status.short_names.get(node_id, ""))

    def brief(node_id: str) -> str:
        name, short = status.names[node_id], status.short_names.get(node_id, "")
        return short_label(name, node_id, short, terminal=terminal)

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
        for sentence in pace_sentences(status.pace, status.forecasts, profile_file=status.profile_file):
            lines += wrap(sentence, width, indent="  ", hanging="    ")
    local = status.schedule.local
    lines += ["", "Next sessions"]
    if not status.upcoming:
        lines.append("  none: nothing left to schedule")
    upcoming: list[list[Cell]] = [
        [time_span(local(s.start), local(s.end)), item(s.item), session_number(s)] for s in status.upcoming
    ]
    table = layout((Column(), Column(shrink=True, minimum=20), Column()), upcoming, terminal, indent=2)
    lines += [table.row(row) for row in upcoming]
    if status.at_work:
        lines += ["", "At work, beside study"]
        lines += at_work_lines(status.at_work, status.names, width)
    lines += ["", "Overdue"]
    if not status.overdue:
        lines.append("  nothing overdue")
    for late in status.overdue[:OVERDUE_SHOWN]:
        lines += wrap(
            f"{brief(late.item)}: {count(late.sessions, 'session')}, "
            f"{late.hours:g} h planned since {late.since}, not done",
            width,
            indent="  ",
            hanging="    ",
        )
    if len(status.overdue) > OVERDUE_SHOWN:
        lines.append(f"  ... and {len(status.overdue) - OVERDUE_SHOWN} more items")
    if status.overdue:
        lines += wrap(
            f"Record what you finished: {done_command(status.profile_file, on=True)}",
            width,
            indent="  ",
            hanging="    ",
        )
    return terminal.lines(lines)


def at_work_lines(spans: tuple[WorkSpan, ...], names: Mapping[str, str], width: int | None) -> list[str]:
    """A line for each span of work at a job, under a heading the caller writes."""
    lines: list[str] = []
    for span in spans:
        lines += wrap(
            f"{label(names[span.item], span.item)}: {span.start} → {span.end}",
            width,
            indent="  ",
            hanging="    ",
        )
    return lines
