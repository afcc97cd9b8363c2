"""Place a plan's items into dated sessions inside the learner's real week.

- :mod:`~planner.scheduling.model`: sessions, milestones, availability, the schedule;
- :mod:`~planner.scheduling.wallclock`: wall-clock arithmetic across daylight-saving changes;
- :mod:`~planner.scheduling.scheduler`: the scheduler and its rules;
- :mod:`~planner.scheduling.readiness`: what may start when, as the scheduler goes;
- :mod:`~planner.scheduling.milestones`: when a stage is reached (time in role, job search);
- :mod:`~planner.scheduling.reviews`: spaced review in the time study leaves free;
- :mod:`~planner.scheduling.deadline`: what it takes to meet a missed deadline.
"""

from __future__ import annotations

from planner.scheduling.deadline import DeadlineAdvice, advise_deadline
from planner.scheduling.milestones import counted_months
from planner.scheduling.model import (
    AnySession,
    Availability,
    LocalSession,
    Milestone,
    Review,
    Schedule,
    Session,
    Wait,
    WorkSpan,
)
from planner.scheduling.reviews import add_reviews
from planner.scheduling.scheduler import capacity_bound, schedule_plan
from planner.scheduling.wallclock import add_months, wall_to_utc

__all__ = [
    "AnySession",
    "Availability",
    "DeadlineAdvice",
    "LocalSession",
    "Milestone",
    "Review",
    "Schedule",
    "Session",
    "Wait",
    "WorkSpan",
    "add_months",
    "add_reviews",
    "advise_deadline",
    "capacity_bound",
    "counted_months",
    "schedule_plan",
    "wall_to_utc",
]
