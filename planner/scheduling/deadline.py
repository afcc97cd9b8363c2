"""Advice for a deadline the schedule misses: the weekly hours that would meet it."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import NamedTuple

from planner.errors import PlanError
from planner.scheduling.model import Milestone, Schedule
from planner.scheduling.scheduler import reach_stages, schedule_plan


class DeadlineAdvice(NamedTuple):
    """What it takes to meet a deadline the schedule misses."""

    deadline: dt.date
    reached: dt.date
    hours_per_week: float | None
    """Weekly hours that meet the deadline, verified by scheduling again; None if no
    budget within the availability windows does."""
    reached_at_advice: dt.date | None
    max_hours: float
    estimate: float
    """Weekly hours the remaining effort would need, spread evenly until the deadline."""
    role_limit: Milestone | None = None
    """The target's milestone were every skill ready on the first day, when time in role
    alone keeps it past the deadline: no number of hours can meet it."""


def advise_deadline(schedule: Schedule, deadline: dt.date) -> DeadlineAdvice | None:
    """Return advice when ``schedule`` reaches its target after ``deadline``, else None.

    The weekly hours are found by bisection in half-hour steps up to the hours the
    availability windows can hold, and each candidate is checked by scheduling again.
    """
    reached = schedule.target_date
    if reached is None or reached <= deadline:
        return None
    avail, plan = schedule.availability, schedule.plan
    steps_max = min(168 * 2, avail.window_minutes // 30)
    max_hours = steps_max / 2

    def trial(steps: int) -> Schedule | None:
        try:
            return schedule_plan(plan, replace(avail, hours_per_week=steps / 2), start=schedule.start)
        except PlanError:
            return None

    def reach(steps: int) -> dt.date | None:
        tried = trial(steps)
        return tried.target_date if tried is not None else None

    weeks = max((deadline - schedule.start).days + 1, 1) / 7
    estimate = math.ceil(plan.minutes / 60 / weeks * 2) / 2
    floor = reach_stages(plan, schedule.start, {goal.id: schedule.start for goal in plan.stages})
    limit = next((m for m in floor if m.stage == plan.target), None)
    if limit is not None and limit.date > deadline:
        return DeadlineAdvice(deadline, reached, None, None, max_hours, estimate, limit)
    low = int(avail.hours_per_week * 2)  # known to miss (or below the current budget)
    fastest = trial(steps_max) if steps_max > low else schedule
    best = fastest.target_date if fastest is not None else None
    if best is None or best > deadline:
        return DeadlineAdvice(deadline, reached, None, best, max_hours, estimate)
    high = steps_max
    while high - low > 1:
        mid = (low + high) // 2
        got = reach(mid)
        if got is not None and got <= deadline:
            high, best = mid, got
        else:
            low = mid
    return DeadlineAdvice(deadline, reached, high / 2, best, max_hours, estimate)
