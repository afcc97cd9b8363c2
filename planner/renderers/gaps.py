"""Readiness per stage as text: a bar per stage, the choices counted, what is recommended."""

from __future__ import annotations

from planner.planning import ChoicePick
from planner.renderers.terminal import PLAIN, Bar, Cell, Column, Terminal, fit, label, layout, pad, wrap
from planner.reports.stages import StageHours


def _numbers(row: StageHours) -> tuple[int, int, float, float]:
    return (len(row.known), len(row.missing), row.missing_hours, row.percent)


def render_readiness(rows: list[StageHours], *, terminal: Terminal = PLAIN) -> str:
    """A table of readiness per stage with a bar drawn to one scale (its length is the
    stage's hours, its filled part the hours known), then the choices counted and what
    is recommended, not required.

    Nothing known yet: the identical known and ready columns go, and a line says so. A
    stage whose numbers repeat the stage above says so instead of repeating them.
    """
    biggest = max((row.total_hours for row in rows), default=0.0) or 1.0
    nothing_known = all(not row.known and row.done_hours == 0 for row in rows)
    columns = [
        Column("stage", shrink=True, minimum=40),  # the bar narrows first
        *([] if nothing_known else [Column("known", right=True)]),
        Column("missing", right=True),
        Column("h missing", right=True),
        *([] if nothing_known else [Column("ready", right=True)]),
        Column(shrink=True, minimum=8, drop=1),
    ]
    cells: list[list[Cell]] = []
    for row in rows:
        numbers: list[Cell] = [str(len(row.missing)), f"{row.missing_hours:.1f}"]
        if not nothing_known:
            numbers = [str(len(row.known)), *numbers, f"{row.percent:.1f}%"]
        cells.append([label(row.name, row.stage), *numbers, Bar(row.fraction, row.total_hours / biggest)])
    table = layout(tuple(columns), cells, terminal, gap=1)
    lines = []
    if nothing_known and rows:
        lines += wrap(
            "Nothing is known yet: every stage is 0% ready. Each bar is the hours a stage "
            "needs, to one scale.",
            terminal.width,
        )
    lines.append(table.header())
    for index, (row, row_cells) in enumerate(zip(rows, cells, strict=True)):
        if index and _numbers(row) == _numbers(rows[index - 1]):
            width = table.widths[0] or 0
            shown = pad(fit(label(row.name, row.stage), width, terminal), width)
            lines.append(f"{shown} the same as {rows[index - 1].name}")
        else:
            lines.append(table.row(row_cells))
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
