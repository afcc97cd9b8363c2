"""The catalogue as tables: the stages of the ladder, and the skills and projects."""

from __future__ import annotations

from collections.abc import Sequence

from planner.graph import CareerGraph
from planner.models import Project, Skill
from planner.views.stages import StageHours, salary_span
from planner.views.terminal import PLAIN, Cell, Column, Terminal, layout


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
        cells.append([row.stage, row.name, str(row.work), f"{row.total_hours:.1f}", years, salary])
    table = layout(columns, cells, terminal)
    return terminal.lines([table.header(), *(table.row(c) for c in cells)])


def render_skill_list(nodes: Sequence[Skill | Project], *, terminal: Terminal = PLAIN) -> str:
    """Skills and projects, one a line: the id to type, then what it is."""
    columns = (
        Column("id"),
        Column("kind", drop=1),
        Column("category", shrink=True, minimum=12, drop=2),
        Column("hours", right=True),
        Column("name", shrink=True, minimum=20),
    )
    cells: list[list[Cell]] = [[n.id, n.kind, n.category, f"{n.hours:.1f}", n.name] for n in nodes]
    table = layout(columns, cells, terminal)
    return terminal.lines([table.header(), *(table.row(c) for c in cells)])
