"""The roadmap as GitHub-flavoured Markdown: a summary by period, a checklist per period
(the time a person holds each stage), and a Mermaid gantt chart of its timeline (which
GitHub renders)."""

from __future__ import annotations

import datetime as dt

from planner.io.patterns import later
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
from planner.renderers.terminal import PLAIN, Terminal
from planner.reports.roadmap import Period, periods
from planner.scheduling import Schedule
from planner.words import count

_SPECIAL = later(r"([\\`*_{}\[\]<>()#+\-.!|~])")
_UNSAFE_TASK = later(r"[^A-Za-z0-9 .()/+&'-]")


def md_escape(text: str) -> str:
    """Escape Markdown and HTML syntax so data shows as literal text."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;")
    return _SPECIAL().sub(r"\\\1", text)


def render_markdown(
    schedule: Schedule,
    *,
    name: str = "",
    warnings: tuple[str, ...] = (),
    gantt: bool = True,
    terminal: Terminal = PLAIN,
) -> str:
    """Render the roadmap as a Markdown summary by period, then a checklist per period,
    with a Mermaid gantt chart; the review sessions and any deadline warning are summed
    up after the checklists."""
    plan = schedule.plan
    avail = schedule.availability
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
    if plan.study_ahead:
        out += [
            "",
            md_escape("Studying ahead (study_ahead = true): each stage's work as early as it can be."),
        ]
    choices = choice_lines(plan)
    if choices:
        out += ["", "**Choices**", "", *(f"- {md_escape(line)}" for line in choices)]
    notes = credential_notes(plan)
    if notes:
        out += ["", "**Notes**", "", *(f"- {md_escape(line)}" for line in notes)]
    by_period = periods(schedule)
    if not plan.items:
        out += ["", "Nothing left to learn: every requirement of the target is known."]
    elif by_period:
        out += ["", "## Summary by period", "", *_summary(by_period)]
    for period in by_period:
        out += ["", f"## {md_escape(period_title(period))}: {period_span(period)}", ""]
        if not period.rows:
            out.append("No study in this period.")
        for row in period.rows:
            when = row.start.isoformat() if row.start == row.end else f"{row.start} → {row.end}"
            amount = (
                f"at work, {work_months(row.item)}" if row.item.at_work else f"{hours(row.item.minutes)} h"
            )
            out.append(
                f"- [ ] **{md_escape(item_label(row.item))}** `{row.item.id}` \\({row.item.kind}, "
                f"{amount}\\) — {when}"
            )
        if period.rows:
            out += ["", f"_{count(len(period.rows), 'item')}, {hours(period.minutes)} h_"]
        if period.milestone is not None:
            reached = period.milestone
            out += ["", f"**Then {md_escape(reached.name)}**: {milestone_title(reached, md_escape)}"]
    if schedule.reviews:
        out += ["", md_escape(review_summary(schedule))]
    for warning in warnings:
        out += ["", f"**Warning:** {md_escape(warning)}"]
    if gantt and plan.items:
        out += ["", "## Timeline", "", render_gantt(schedule, by_period).rstrip("\n")]
    return "\n".join(out) + "\n"


def _summary(by_period: list[Period]) -> list[str]:
    """The periods as a Markdown table: when, hours, items and the milestone that ends it."""
    out = ["| Period | When | Hours | Items | Then |", "|---|---|--:|--:|---|"]
    for period in by_period:
        reached = period.milestone
        then = f"{md_escape(reached.name)}: {milestone_title(reached, md_escape)}" if reached else ""
        out.append(
            f"| {md_escape(period_title(period))} | {period_span(period)} | {hours(period.minutes)} | "
            f"{len(period.rows)} | {then} |"
        )
        years = period.years()
        if len(years) > 1:
            out += [f"| | in {year} | {hours(minutes)} | {items} | |" for year, minutes, items in years]
    return out


def task_name(text: str) -> str:
    """A gantt task or section name: gantt lines have no escaping, so strip syntax."""
    text = _UNSAFE_TASK().sub(" ", " ".join(text.split()))
    return " ".join(text.split())[:80] or "item"


def render_gantt(schedule: Schedule, by_period: list[Period] | None = None) -> str:
    """A Mermaid gantt chart of a schedule, in a fenced block for Markdown: a section
    per period, each closed by its milestone (``by_period``: the schedule's
    :func:`periods`, when the caller has them already)."""
    out = [
        "```mermaid",
        "gantt",
        "    title Study plan",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
    ]
    number = 0
    for period in periods(schedule) if by_period is None else by_period:
        out.append(f"    section {task_name(period_title(period))}")
        for row in period.rows:
            number += 1
            end = row.end + dt.timedelta(days=1)
            out.append(f"    {task_name(row.item.name)} :t{number}, {row.start}, {end}")
        if period.milestone is not None:
            number += 1
            reached = period.milestone
            out.append(f"    Reached {task_name(reached.name)} :milestone, m{number}, {reached.date}, 0d")
    out.append("```")
    return "\n".join(out) + "\n"
