"""Readiness per stage as text: a bar per stage, the choices counted, what is recommended."""

from __future__ import annotations

from planner.planning import ChoicePick
from planner.renderers.terminal import PLAIN, Bar, Cell, Column, Terminal, label, layout, wrap
from planner.reports.stages import StageHours


def render_readiness(rows: list[StageHours], *, terminal: Terminal = PLAIN) -> str:
    """A table of readiness per stage with a progress bar, then the choices counted and
    what is recommended, not required."""
    columns = (
        Column("stage", shrink=True, minimum=40),  # the bar narrows first
        Column("known", right=True),
        Column("missing", right=True),
        Column("h missing", right=True),
        Column("ready", right=True),
        Column(shrink=True, minimum=8, drop=1),
    )
    cells: list[list[Cell]] = [
        [
            label(row.name, row.stage),
            str(len(row.known)),
            str(len(row.missing)),
            f"{row.missing_hours:.1f}",
            f"{row.percent:.1f}%",
            Bar(row.percent / 100),
        ]
        for row in rows
    ]
    table = layout(columns, cells, terminal, gap=1)
    lines = [table.header(), *(table.row(c) for c in cells)]
    picks: dict[str, ChoicePick] = {}
    for row in rows:
        for pick in row.choices:
            picks.setdefault(pick.id, pick)
    if picks:
        lines += ["", "Choices (counted with the members picked)"]
        for pick in picks.values():
            lines += wrap(f"{pick.id}: {pick.summary()}", terminal.width, indent="  ", hanging="    ")
    recommended = [row for row in rows if row.recommended]
    if recommended:
        lines += ["", "Recommended, not required"]
        seen: set[str] = set()
        for row in recommended:
            fresh = [r for r in row.recommended if r not in seen]
            seen.update(fresh)
            if fresh:
                lines += wrap(f"{row.stage}: {', '.join(fresh)}", terminal.width, indent="  ", hanging="    ")
    return terminal.lines(lines)
