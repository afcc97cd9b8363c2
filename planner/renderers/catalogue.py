"""The catalogue as tables: the stages of the ladder, and the skills and projects."""

from __future__ import annotations

from collections.abc import Sequence

from planner.graph import CareerGraph
from planner.records import Project, Salary, Skill
from planner.renderers.terminal import PLAIN, Cell, Column, Label, Terminal, cells, layout
from planner.reports.stages import StageHours


def render_stage_list(rows: Sequence[StageHours], graph: CareerGraph, *, terminal: Terminal = PLAIN) -> str:
    """Every stage with what it needs from scratch, its experience and its pay: the
    headline figure whole, or no pay column (the years go first where room is short)."""
    stages = {stage.id: stage for stage in graph.stages}
    pay = {row.stage: salary_cell(stages[row.stage].salary, stages[row.stage].salaries) for row in rows}
    columns: tuple[Column, ...] = (
        Column("id"),
        Column("name", shrink=True, minimum=20),
        Column("needs", right=True),
        Column("hours", right=True),
        Column("years", drop=2),
        Column("salary", shrink=True, minimum=max((cells(c.short) for c in pay.values()), default=0), drop=1),
    )
    table_cells: list[list[Cell]] = []
    for row in rows:
        stage = stages[row.stage]
        name = Label(row.name, short=graph.short_name(row.stage))
        years = stage.experience_years or ""
        table_cells.append([row.stage, name, str(row.work), f"{row.total_hours:.1f}", years, pay[row.stage]])
    table = layout(columns, table_cells, terminal)
    if table.widths[-1] is None:  # no room for the pay: the years may fit without it
        columns, table_cells = columns[:-1], [c[:-1] for c in table_cells]
        table = layout(columns, table_cells, terminal)
    return terminal.lines([table.header(), *(table.row(c) for c in table_cells)])


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


def salary_cell(headline: Salary | None, more: Sequence[Salary] = ()) -> Label:
    """A stage's pay as a table cell: :func:`salary_span` in full, and the leading
    figure alone where the column is narrow."""
    return Label(salary_span(headline, more), short=_lead(headline, more)[0])


def salary_span(headline: Salary | None, more: Sequence[Salary] = ()) -> str:
    """A stage's pay in one short text, never a span of unlike figures: its headline
    figure (the stage's ``salary``, else its first figure in no table), then how many
    more figures ``planner explain`` lists, those of published tables counted under the
    tables' name: ``USD 100,000-182,000 (+11: 8 in US 2024 tables)``."""
    lead, loose = _lead(headline, more)
    tables: dict[str, int] = {}
    for figure in more:
        if figure.table is not None:
            tables[figure.table] = tables.get(figure.table, 0) + 1
    counted = [f"{n} in {name} tables" for name, n in tables.items()]
    if not lead:
        return ", ".join(counted)
    if not counted:
        extra = f"+{loose} more" if loose else ""
    elif not loose and len(counted) == 1:
        extra = f"+{counted[0]}"
    else:
        extra = f"+{loose + sum(tables.values())}: {', '.join(counted)}"
    return f"{lead} ({extra})" if extra else lead


def _lead(headline: Salary | None, more: Sequence[Salary]) -> tuple[str, int]:
    """The figure a stage's pay leads with, and how many figures in no table follow it."""
    loose = [f for f in more if f.table is None]
    if headline is not None:
        return str(headline), len(loose)
    if loose:
        return str(loose[0]), len(loose) - 1
    return "", 0
