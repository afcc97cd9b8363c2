"""The roadmap as a plain-text table, grouped by milestone and month, with totals."""

from __future__ import annotations

from planner.scheduling import Schedule
from planner.views.schedule import (
    choice_lines,
    extras_title,
    groups,
    hours,
    item_label,
    milestone_title,
    nothing_left,
)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(schedule: Schedule, *, name: str = "") -> str:
    """Render a readable roadmap table for a terminal."""
    plan = schedule.plan
    avail = schedule.availability
    names = {goal.id: goal.name for goal in plan.stages}
    goals = {goal.id: goal for goal in plan.stages}
    target = plan.target_name or plan.target
    who = f"{' '.join(name.split())} → " if name.strip() else ""
    lines = [f"Roadmap: {who}{target}", ""]
    finish = schedule.finish
    lines.append(
        f"Start {schedule.start} · {avail.hours_per_week:g} h/week · {avail.timezone} · "
        f"{len(plan.items)} items · {hours(plan.minutes)} h · finish "
        + (schedule.local(finish).date().isoformat() if finish else "-")
    )
    choices = choice_lines(plan)
    if choices:
        lines += ["", "Choices:", *(f"  {line}" for line in choices)]
    if not plan.items:
        lines += ["", "Nothing left to learn: every requirement of the target is known."]
    milestones = {m.stage: m for m in schedule.milestones}
    header = f"  {'start':<10}  {'end':<10}  {'kind':<7}  {'item':<44} {'hours':>7}"
    for stage, rows in groups(schedule):
        title = names.get(stage, stage) if stage else extras_title(rows)
        reached = f" — {milestone_title(milestones[stage])}" if stage in milestones else ""
        lines += ["", f"== {title}{reached} ==", ""]
        if not rows:
            lines.append(f"  {nothing_left(goals[stage], names)}" if stage else "")
            continue
        lines.append(header)
        month = ""
        for row in rows:
            label = row.start.strftime("%B %Y")
            if label != month:
                month = label
                lines.append(f"  {label}")
            lines.append(
                f"  {row.start.isoformat():<10}  {row.end.isoformat():<10}  "
                f"{row.item.kind:<7}  {_clip(item_label(row.item), 44):<44} {hours(row.item.minutes):>7}"
            )
        subtotal = sum(r.item.minutes for r in rows)
        lines.append(f"  {'':<10}  {'':<10}  {'':<7}  {'subtotal: ' + str(len(rows)) + ' items':<44} "
                     f"{hours(subtotal):>7}")
    if plan.items:
        lines += [
            "",
            f"Total: {len(plan.items)} items, {hours(plan.minutes)} h in "
            f"{len(schedule.sessions)} sessions",
        ]
    return "\n".join(lines) + "\n"
