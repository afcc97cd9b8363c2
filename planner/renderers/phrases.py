"""What several renderers of a roadmap say the same way: hours, milestones, choices, extras, reviews."""

from __future__ import annotations

from collections.abc import Callable

from planner.planning import Plan, PlanItem, StageGoal
from planner.reports.roadmap import Row
from planner.scheduling import Availability, Milestone, Schedule
from planner.words import count


def weekly_hours(availability: Availability) -> str:
    """The study time a week a plan really has: ``hours_per_week``, or what the
    windows hold when that is less (``8 h/week``)."""
    return f"{availability.weekly_minutes / 60:g} h/week"


def hours(minutes: float) -> str:
    """Format minutes as hours with one decimal: ``90 -> '1.5'``."""
    return f"{minutes / 60:.1f}"


def nothing_left(goal: StageGoal, names: dict[str, str]) -> str:
    """Why a planned stage has no items of its own, for the roadmap."""
    text = "Nothing more to learn: what this stage needs is known or planned for the stages before it."
    if goal.min_months_in_previous_role and goal.previous:
        previous = " or ".join(names.get(p, p) for p in goal.previous)
        text += (
            f" It also asks for {goal.min_months_in_previous_role} months as {previous} before the milestone."
        )
    return text


def waits_phrase(milestone: Milestone, escape: Callable[[str], str] = str) -> str:
    """Why a stage comes after its skills, in plain words: "after 12 months as ML
    Engineer (6 of them from your experience), then about 3 months of job search"."""
    parts = []
    for wait in milestone.waits:
        if wait.reason == "time_in_role":
            text = f"after {milestone.months} months as {escape(wait.role_name)}"
            if wait.experience:
                text += f" ({min(wait.experience, milestone.months)} of them from your experience)"
            parts.append(text)
        elif wait.reason == "job_search":
            parts.append(f"about {count(wait.required, 'month')} of job search")
    return ", then ".join(parts)


def asks_for(milestone: Milestone) -> str:
    """What a stage waits for after its skills, as nouns: "12 months as Junior ML
    Engineer, then about 3 months of job search"."""
    parts = []
    for wait in milestone.waits:
        if wait.reason == "time_in_role":
            parts.append(f"{milestone.months} months as {wait.role_name}")
        elif wait.reason == "job_search":
            parts.append(f"about {count(wait.required, 'month')} of job search")
    return ", then ".join(parts)


def milestone_title(milestone: Milestone, escape: Callable[[str], str] = str) -> str:
    """When a stage is reached: "reached 2028-08-12"; with time in role "skills ready
    2029-03-02; reached 2030-01-14 after 24 months as ML Engineer"; with a job search
    "skills ready 2029-10-14, then about 3 months of job search; reached 2030-01-14".
    ``escape`` is applied to the stage names (the parts that come from data)."""
    if not milestone.waits:
        return f"reached {milestone.date}"
    why = waits_phrase(milestone, escape)
    if milestone.waits[0].reason == "time_in_role":
        return f"skills ready {milestone.skills_ready}; reached {milestone.date} {why}"
    return f"skills ready {milestone.skills_ready}, then {why}; reached {milestone.date}"


def credential_notes(plan: Plan) -> list[str]:
    """What most postings for a planned first job ask for that the plan cannot give."""
    return [
        f"Most postings for {c.stage_name} list {c.name} [{c.id}] among their requirements, and it is "
        f"not in your profile: add {c.id} to known if you have it; without it, expect some postings "
        "to filter on it."
        for c in plan.credentials
    ]


def work_months(item: PlanItem) -> str:
    """The calendar months of work done at a job: ``12 mo``, ``4.5 mo``."""
    return f"{round(item.months, 1):g} mo"


def choice_lines(plan: Plan) -> list[str]:
    """One line per choice of the plan that names its members: what was picked, why,
    and what instead. (A choice that what you know satisfies has nothing to say.)"""
    return [f"{pick.name} [{pick.id}]: {pick.summary()}" for pick in plan.choices if not pick.by_knowledge]


def extras_title(rows: list[Row]) -> str:
    """The title of the group of items no planned stage needs."""
    kinds = {"recommended" if row.item.recommended else "focus" for row in rows}
    return f"Extras ({' and '.join(sorted(kinds, key=('focus', 'recommended').index))})"


def item_label(item: PlanItem) -> str:
    """An item's name, marked when it is only recommended."""
    return f"{item.name} (recommended)" if item.recommended else item.name


def review_summary(schedule: Schedule) -> str:
    """One line about the review sessions: how many, how long, how late at worst."""
    reviews = schedule.reviews
    total = sum(r.minutes for r in reviews)
    latest = max((schedule.local(r.start).date() - r.due).days for r in reviews)
    when = "each on the day it is due" if latest == 0 else f"up to {latest} days after they are due"
    return (
        f"Reviews: {count(len(reviews), 'session')}, {hours(total)} h, in the time study leaves free ({when})"
    )
