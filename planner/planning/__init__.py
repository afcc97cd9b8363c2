"""Decide what a learner must still learn and build, and in which order.

- :mod:`~planner.planning.choices`: what a person knows, and which members satisfy
  each "one of these" choice;
- :mod:`~planner.planning.plan`: the plan and its order;
- :mod:`~planner.planning.effort`: the effort left on an item.
"""

from __future__ import annotations

from planner.planning.choices import ChoicePick, ChoiceResolver
from planner.planning.effort import remaining_minutes
from planner.planning.plan import Plan, PlanItem, StageGoal, make_plan, order_plan
from planner.profile.knowledge import known_closure

__all__ = [
    "ChoicePick",
    "ChoiceResolver",
    "Plan",
    "PlanItem",
    "StageGoal",
    "known_closure",
    "make_plan",
    "order_plan",
    "remaining_minutes",
]
