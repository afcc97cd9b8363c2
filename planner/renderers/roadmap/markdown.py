"""The roadmap as a GitHub-flavoured Markdown checklist grouped by stage, with a Mermaid
gantt chart of its timeline (which GitHub renders)."""

from __future__ import annotations

import datetime as dt
import re

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
from planner.renderers.terminal import PLAIN, Terminal
from planner.reports.roadmap import groups
from planner.scheduling import Schedule
from planner.words import count

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")
_UNSAFE_TASK = re.compile(r"[^A-Za-z0-9 .()/+&'-]")


def md_escape(text: str) -> str:
    """Escape Markdown and HTML syntax so data shows as literal text."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;")
    return _SPECIAL.sub(r"\\\1", text)


def render_markdown(
    schedule: Schedule,
    *,
    name: str = "",
    warnings: tuple[str, ...] = (),
    gantt: bool = True,
    terminal: Terminal = PLAIN,
) -> str:
    """Render the roadmap as a Markdown checklist, with a Mermaid gantt chart; the review
    sessions and any deadline warning are summed up after the checklist."""
    plan = schedule.plan
    avail = schedule.availability
    names = {goal.id: goal.name for goal in plan.stages}
    goals = {goal.id: goal for goal in plan.stages}
    target = plan.target_name or plan.target
    who = f"{md_escape(name)} → " if name.strip() else ""
    out = [
        f"# Roadmap: {who}{md_escape(target)}",
        "",
        f"**Start** {schedule.start} · **Finish** "
        f"{schedule.finish_day or '-'} · "
        f"**{hours(plan.minutes)} h** in {count(len(plan.items), 'item')} · "
        f"{weekly_hours(avail)} · {md_escape(avail.timezone)}",
    ]
    choices = choice_lines(plan)
    if choices:
        out += ["", "**Choices**", "", *(f"- {md_escape(line)}" for line in choices)]
    if not plan.items:
        out += ["", "Nothing left to learn: every requirement of the target is known."]
    milestones = {m.stage: m for m in schedule.milestones}
    for stage, rows in groups(schedule):
        title = md_escape(names[stage]) if stage else md_escape(extras_title(rows))
        reached = f" — {milestone_title(milestones[stage], md_escape)}" if stage in milestones else ""
        out += ["", f"## {title}{reached}", ""]
        if not rows:
            out.append(md_escape(nothing_left(goals[stage], names)) if stage else "")
            continue
        for row in rows:
            when = row.start.isoformat() if row.start == row.end else f"{row.start} → {row.end}"
            out.append(
                f"- [ ] **{md_escape(item_label(row.item))}** `{row.item.id}` \\({row.item.kind}, "
                f"{hours(row.item.minutes)} h\\) — {when}"
            )
        out.append("")
        out.append(f"_{count(len(rows), 'item')}, {hours(sum(r.item.minutes for r in rows))} h_")
    if schedule.reviews:
        out += ["", md_escape(review_summary(schedule))]
    for warning in warnings:
        out += ["", f"**Warning:** {md_escape(warning)}"]
    if gantt and plan.items:
        out += ["", "## Timeline", "", render_gantt(schedule).rstrip("\n")]
    return "\n".join(out) + "\n"


def task_name(text: str) -> str:
    """A gantt task or section name: gantt lines have no escaping, so strip syntax."""
    text = _UNSAFE_TASK.sub(" ", " ".join(text.split()))
    return " ".join(text.split())[:80] or "item"


def render_gantt(schedule: Schedule) -> str:
    """A Mermaid gantt chart of a schedule, in a fenced block for Markdown."""
    names = {g.id: g.name for g in schedule.plan.stages}
    milestones = {m.stage: m.date for m in schedule.milestones}
    out = [
        "```mermaid",
        "gantt",
        "    title Study plan",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
    ]
    number = 0
    for stage, rows in groups(schedule):
        out.append(f"    section {task_name(names[stage]) if stage else 'Extras'}")
        for row in rows:
            number += 1
            end = row.end + dt.timedelta(days=1)
            out.append(f"    {task_name(row.item.name)} :t{number}, {row.start}, {end}")
        if stage in milestones:
            number += 1
            out.append(
                f"    Reached {task_name(names[stage])} :milestone, m{number}, {milestones[stage]}, 0d"
            )
    out.append("```")
    return "\n".join(out) + "\n"
