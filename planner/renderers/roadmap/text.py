"""The roadmap as a plain-text table, grouped by milestone and month, with totals.

It opens with what to do first (the next session and the first milestone) and closes
with the totals and any deadline warning, so neither is lost above a long table. On a
terminal the table fits its width: names are clipped with an ellipsis, ids never.
"""

from __future__ import annotations

from planner.renderers.phrases import (
    choice_lines,
    extras_title,
    hours,
    item_label,
    milestone_title,
    nothing_left,
    review_summary,
    weekly_hours,
)
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
from planner.reports.roadmap import groups
from planner.scheduling import Schedule
from planner.words import count


def render_text(
    schedule: Schedule, *, name: str = "", warnings: tuple[str, ...] = (), terminal: Terminal = PLAIN
) -> str:
    """Render a readable roadmap table for a terminal (``terminal.width`` columns at most)."""
    width = terminal.width
    plan = schedule.plan
    avail = schedule.availability
    names = {goal.id: goal.name for goal in plan.stages}
    goals = {goal.id: goal for goal in plan.stages}
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
    choices = choice_lines(plan)
    if choices:
        lines += ["", "Choices:"]
        for line in choices:
            lines += wrap(line, width, indent="  ", hanging="    ")
    if not plan.items:
        lines += ["", "Nothing left to learn: every requirement of the target is known."]
    milestones = {m.stage: m for m in schedule.milestones}
    columns = (
        Column("start"),
        Column("end", drop=1),
        Column("kind", drop=2),
        Column("item", shrink=True, minimum=20),
        Column("hours", right=True),
    )
    grouped = groups(schedule)
    table_rows: list[list[Cell]] = [
        [
            row.start.isoformat(),
            row.end.isoformat(),
            row.item.kind,
            label(item_label(row.item), row.item.id, row.item.short_name),
            hours(row.item.minutes),
        ]
        for _, rows in grouped
        for row in rows
    ]
    subtotals: list[list[Cell]] = [
        ["", "", "", f"subtotal: {count(len(rows), 'item')}", hours(sum(r.item.minutes for r in rows))]
        for _, rows in grouped
    ]
    table = layout(columns, table_rows + subtotals, terminal, indent=2)
    cells = iter(table_rows)
    for (stage, rows), subtotal in zip(grouped, subtotals, strict=True):
        title = names.get(stage, stage) if stage else extras_title(rows)
        reached = f" — {milestone_title(milestones[stage])}" if stage in milestones else ""
        lines += ["", *wrap(f"== {title}{reached} ==", width), ""]
        if not rows:
            lines += wrap(nothing_left(goals[stage], names), width, indent="  ") if stage else [""]
            continue
        lines.append(table.header())
        month = ""
        for row in rows:
            month_label = row.start.strftime("%B %Y")
            if month_label != month:
                month = month_label
                lines.append(f"  {month_label}")
            lines.append(table.row(next(cells)))
        lines.append(table.row(subtotal))
    if plan.items:
        lines += [
            "",
            *wrap(
                f"Total: {count(len(plan.items), 'item')}, {hours(plan.minutes)} h in "
                f"{count(len(schedule.sessions), 'session')}",
                width,
            ),
        ]
    if schedule.reviews:
        lines += wrap(review_summary(schedule), width)
    for warning in warnings:
        lines += wrap(f"warning: {warning}", width, hanging="  ")
    return terminal.lines(lines)
