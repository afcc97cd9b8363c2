"""When a stage is reached: its skills, then the time in the role below, then the job search.

A stage is reached on the latest of:

- **its skills ready**: the day its last required item ends (study or work at a job);
- **time in role**: ``min_months_in_previous_role`` after the milestone of the rung
  below (or after the profile's ``current_stage_since``, or the plan's start, for the
  stage held now), less the months of experience that count;

and then, for a first job (``job_search_months``), that many months of job search.

**Experience that counts.** The profile's ``[[experience]]`` in the rung below, and
in the roles the stage's ``experience_counts`` lists at their rate, counts toward the
time in role: each day before the rung below's clock starts counts once, at the best
rate of the roles held that day, and the total is rounded to whole months (a year in a
role is 12 of them); experience can only bring a milestone forward. An entry without ``to`` (still in the
role) lasts until the person takes their next planned role: the plan's first
milestone, or the plan's start for a person who holds a stage now.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence

from planner.planning import Plan, StageGoal
from planner.profile.knowledge import DAYS_PER_MONTH
from planner.records import Experience
from planner.scheduling.model import Milestone, Wait
from planner.scheduling.wallclock import add_months

_DAY = dt.timedelta(days=1)


def counted_months(experience: Sequence[tuple[Experience, float]], until: dt.date) -> int:
    """Whole months the ``experience`` (entries with their rates) counts before
    ``until``: each day at the best rate of the entries that hold it, from ``from`` to
    ``to`` (the last day in the role, included); an entry without ``to`` runs up to
    ``until``."""
    # ``to`` is the last day in the role: the span ends the day after.
    spans = [(e.start, min(e.end + _DAY if e.end else until, until), rate) for e, rate in experience]
    spans = [(a, b, r) for a, b, r in spans if b > a]
    if not spans:
        return 0
    bounds = sorted({d for a, b, _ in spans for d in (a, b)})
    days = 0.0
    for low, high in itertools.pairwise(bounds):
        rate = max((r for a, b, r in spans if a <= low and high <= b), default=0.0)
        days += (high - low).days * rate
    return math.floor(days / DAYS_PER_MONTH + 0.5)


def reach_stage(
    plan: Plan,
    goal: StageGoal,
    ready: dt.date,
    reached: Mapping[str, Milestone],
    *,
    start: dt.date,
) -> Milestone:
    """The milestone of ``goal``, whose skills are ``ready``, given the milestones
    ``reached`` so far (the stages below it among them) and the plan's ``start``."""
    names = {g.id: g.name for g in plan.stages} | dict(plan.stage_names)
    first = reached.get(plan.stages[0].id) if plan.stages else None
    role_done, bound_by, counted, required = ready, None, 0, 0
    credits: dict[str, int] = {}
    for previous in goal.previous:
        if previous in reached:
            anchor = reached[previous].date
        else:  # held already: from when the person took the role, else from the start
            anchor = min(plan.role_since.get(previous, start), start)
        # Still in a role: until the person takes the next one (see the module docstring).
        ongoing = start if plan.current_stage else (first.date if first is not None else anchor)
        credit = counted_months(goal.experience, min(anchor, ongoing)) if goal.experience else 0
        credits[previous] = credit
        need = max(goal.min_months_in_previous_role - credit, 0)
        earliest = max(add_months(anchor, need), anchor)
        if earliest > role_done:
            role_done, bound_by, counted, required = earliest, previous, credit, need
    waits: list[Wait] = []
    if bound_by is not None:
        name = names.get(bound_by, bound_by)
        waits.append(Wait("time_in_role", ready, role_done, required, bound_by, name, counted))
    date = role_done
    if goal.job_search_months:
        date = add_months(role_done, goal.job_search_months)
        waits.append(Wait("job_search", role_done, date, goal.job_search_months))
    experience = counted if bound_by is not None else max(credits.values(), default=0)
    return Milestone(
        goal.id,
        goal.name,
        date,
        ready,
        goal.min_months_in_previous_role if bound_by else 0,
        bound_by,
        names.get(bound_by, bound_by) if bound_by else "",
        tuple(waits),
        experience,
    )


def reach_stages(plan: Plan, start: dt.date, ready: Mapping[str, dt.date]) -> tuple[Milestone, ...]:
    """The milestones of ``plan``'s stages, lowest first, from the day each one's skills
    are ``ready`` (see the module docstring)."""
    milestones: dict[str, Milestone] = {}
    for goal in plan.stages:
        milestones[goal.id] = reach_stage(plan, goal, ready[goal.id], milestones, start=start)
    return tuple(milestones.values())
