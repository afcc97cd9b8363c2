"""The roadmap as plain text: a summary by period, then a table per period, with totals.

It opens with what to do first (the next session and the first milestone) and a short
summary of the periods (the time a person holds each stage: its hours, its items, the
milestone that ends it, and each year's share), then one table per period grouped by
month, each closed by the milestone it leads to. The totals and any deadline warning
close it, so neither is lost below a long table. On a terminal the tables fit its
width: names are clipped with an ellipsis, ids never.
"""

from __future__ import annotations

from planner.renderers.phrases import (
    choice_lines,
    credential_notes,
    hours,
    item_label,
    milestone_title,
    review_summary,
    weekly_hours,
    work_months,
)
from planner.renderers.roadmap.periods import period_span, period_title
from planner.renderers.terminal import (
    PLAIN,
    Cell,
    Column,
    Terminal,
    label,
    layout,
    short_label,
    time_span,
    wrap,
    wrap_parts,
)
from planner.reports.roadmap import Period, Row, periods
from planner.scheduling import Schedule
from planner.words import count


def render_text(
    schedule: Schedule, *, name: str = "", warnings: tuple[str, ...] = (), terminal: Terminal = PLAIN
) -> str:
    """Render a readable roadmap for a terminal (``terminal.width`` columns at most)."""
    width = terminal.width
    plan = schedule.plan
    by_period = periods(schedule)
    lines = _head(schedule, name, terminal)
    if not plan.items:
        lines += ["", "Nothing left to learn: every requirement of the target is known."]
    elif by_period:
        lines += ["", "Summary by period:", "", *_summary(by_period, terminal)]
    lines += _tables(by_period, terminal)
    if plan.items:
        sessions = count(len(schedule.sessions), "session")
        spans = f" and {count(len(schedule.at_work), 'span')} at work" if schedule.at_work else ""
        total = f"Total: {count(len(plan.items), 'item')}, {hours(plan.minutes)} h in {sessions}{spans}"
        lines += ["", *wrap(total, width)]
    if schedule.reviews:
        lines += wrap(review_summary(schedule), width)
    for warning in warnings:
        lines += wrap(f"warning: {warning}", width, hanging="  ")
    return terminal.lines(lines)


def _head(schedule: Schedule, name: str, terminal: Terminal) -> list[str]:
    """The title, the plan in one line, what comes first, the choices and the notes."""
    width = terminal.width
    plan = schedule.plan
    avail = schedule.availability
    target = plan.target_name or plan.target
    who = f"{' '.join(name.split())} → " if name.strip() else ""
    lines = [*wrap(f"Roadmap: {who}{target}", width), ""]
    lines += wrap_parts(
        [
            f"Start {schedule.start}",
            weekly_hours(avail),
            avail.timezone,
            count(len(plan.items), "item"),
            f"{hours(plan.minutes)} h",
            f"finish {schedule.finish_day or '-'}",
        ],
        width,
    )
    if schedule.sessions:
        first = schedule.sessions[0]
        local = schedule.local
        item = plan.item(first.item)
        lines += wrap(
            f"Next: {time_span(local(first.start), local(first.end))}, "
            f"{short_label(item.name, item.id, item.short_name, terminal=terminal)}",
            width,
        )
    if schedule.milestones:
        milestone = schedule.milestones[0]
        lines += wrap(f"First milestone: {milestone.name}, {milestone_title(milestone)}", width)
    if plan.study_ahead:
        lines += wrap("Studying ahead (study_ahead = true): each stage's work as early as it can be.", width)
    choices = choice_lines(plan)
    if choices:
        lines += ["", "Choices:"]
        for line in choices:
            lines += wrap(line, width, indent="  ", hanging="    ")
    notes = credential_notes(plan)
    if notes:
        lines += ["", "Notes:"]
        for line in notes:
            lines += wrap(line, width, indent="  ", hanging="    ")
    return lines


def _items(period_rows: tuple[Row, ...]) -> str:
    study = sum(1 for r in period_rows if not r.item.at_work)
    jobs = len(period_rows) - study
    return str(study) + (f" + {jobs} at work" if jobs else "")


def _summary(by_period: list[Period], terminal: Terminal) -> list[str]:
    """One line per period (its span, hours and items); under it each year's share when
    it runs over several, and the milestone that ends it."""
    table_rows: list[list[Cell]] = [
        [period_title(p), period_span(p), hours(p.minutes), _items(p.rows)] for p in by_period
    ]
    table = layout(
        (
            Column("period", shrink=True, minimum=24),
            Column("when", drop=1),
            Column("hours", right=True),
            Column("items"),
        ),
        table_rows,
        terminal,
        indent=2,
    )
    lines = [table.header()]
    for period, cells in zip(by_period, table_rows, strict=True):
        lines.append(table.row(cells))
        years = period.years()
        if len(years) > 1:
            shares = " · ".join(
                f"{year}: {hours(minutes)} h, {count(n, 'item')}" for year, minutes, n in years
            )
            lines += wrap(shares, terminal.width, indent="    ", hanging="    ")
        if period.milestone is not None:
            lines += wrap(
                f"→ {period.milestone.name}, {period.milestone.date}", terminal.width, indent="    "
            )
    return lines


def _tables(by_period: list[Period], terminal: Terminal) -> list[str]:
    """A table per period, by month, with its subtotal and the milestone that ends it."""
    width = terminal.width
    columns = (
        Column("start"),
        Column("end", drop=1),
        Column("kind", drop=2),
        Column("item", shrink=True, minimum=20),
        Column("hours", right=True),
    )

    def cells_of(row: Row) -> list[Cell]:
        kind = "at work" if row.item.at_work else row.item.kind
        amount = work_months(row.item) if row.item.at_work else hours(row.item.minutes)
        return [
            row.start.isoformat(),
            row.end.isoformat(),
            kind,
            label(item_label(row.item), row.item.id, row.item.short_name),
            amount,
        ]

    table_rows = [cells_of(row) for period in by_period for row in period.rows]
    subtotals: list[list[Cell]] = [
        ["", "", "", f"subtotal: {count(len(p.rows), 'item')}", hours(p.minutes)] for p in by_period
    ]
    table = layout(columns, table_rows + subtotals, terminal, indent=2)
    cells = iter(table_rows)
    lines: list[str] = []
    for period, subtotal in zip(by_period, subtotals, strict=True):
        lines += ["", *wrap(f"== {period_title(period)}: {period_span(period)} ==", width), ""]
        if period.rows:
            lines.append(table.header())
            month = ""
            for row in period.rows:
                month_label = row.start.strftime("%B %Y")
                if month_label != month:
                    month = month_label
                    lines.append(f"  {month_label}")
                lines.append(table.row(next(cells)))
            lines.append(table.row(subtotal))
        else:
            lines += wrap("No study in this period.", width, indent="  ")
        if period.milestone is not None:
            reached = period.milestone
            lines += [
                "",
                *wrap(f"Then {reached.name}: {milestone_title(reached)}", width, indent="  ", hanging="    "),
            ]
    return lines
