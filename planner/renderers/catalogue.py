"""The catalogue as tables: the stages of the ladder, and the skills and projects."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from planner.graph import CareerGraph
from planner.records import Project, Salary, Skill
from planner.renderers.terminal import PLAIN, Cell, Column, Label, Terminal, layout
from planner.reports.stages import StageHours


def render_stage_list(rows: Sequence[StageHours], graph: CareerGraph, *, terminal: Terminal = PLAIN) -> str:
    """Every stage with what it needs from scratch, its experience and its salaries."""
    columns = (
        Column("id"),
        Column("name", shrink=True, minimum=20),
        Column("needs", right=True),
        Column("hours", right=True),
        Column("years", drop=1),
        Column("salary", shrink=True, minimum=16, drop=2),
    )
    cells: list[list[Cell]] = []
    for row in rows:
        stage = graph.nodes[row.stage]
        salary = salary_span(stage.all_salaries)  # type: ignore[union-attr]
        years = stage.experience_years or ""  # type: ignore[union-attr]
        name = Label(row.name, short=graph.short_name(row.stage))
        cells.append([row.stage, name, str(row.work), f"{row.total_hours:.1f}", years, salary])
    table = layout(columns, cells, terminal)
    return terminal.lines([table.header(), *(table.row(c) for c in cells)])


def render_skill_list(nodes: Sequence[Skill | Project], *, terminal: Terminal = PLAIN) -> str:
    """Skills and projects, one a line: the id to type, then what it is."""
    columns = (
        Column("id"),
        Column("kind", drop=1),
        Column("category", shrink=True, minimum=12, drop=2),
        Column("hours", right=True),
        Column("name", shrink=True, minimum=28),  # a readable name before the category or kind
    )
    cells: list[list[Cell]] = [
        [
            n.id,
            n.kind,
            n.category,
            f"{n.months} mo" if n.at_work else f"{n.hours or 0:.1f}",
            Label(n.name, short=n.short_name or ""),
        ]
        for n in nodes
    ]
    table = layout(columns, cells, terminal)
    return terminal.lines([table.header(), *(table.row(c) for c in cells)])


def salary_span(salaries: Iterable[Salary]) -> str:
    """Every salary figure of a stage in one short cell: the whole span of the figures,
    and how many there are (``planner explain`` lists them with their sources)."""
    figures = list(salaries)
    if not figures:
        return ""
    if len(figures) == 1:
        return str(figures[0])
    currencies = sorted({f.currency for f in figures})
    low = min(f.low for f in figures)
    high = max(f.high or f.low for f in figures)
    return f"{'/'.join(currencies)} {low:,}-{high:,} ({len(figures)} figures)"
