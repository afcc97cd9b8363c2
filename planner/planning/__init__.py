"""Decide what a learner must still learn and build, and in which order.

- :mod:`~planner.planning.choices`: what a person knows, and which members satisfy
  each "one of these" choice;
- :mod:`~planner.planning.plan`: the plan, and what each item waits for;
- :mod:`~planner.planning.order`: the learner's order of a plan;
- :mod:`~planner.planning.effort`: the effort left on an item.
"""

from __future__ import annotations

from planner.planning.choices import ChoicePick, ChoiceResolver
from planner.planning.effort import remaining_minutes
from planner.planning.order import learner_order
from planner.planning.plan import Credential, Plan, PlanItem, StageGoal, make_plan, order_plan, rung_below
from planner.profile.knowledge import known_closure

__all__ = [
    "ChoicePick",
    "ChoiceResolver",
    "Credential",
    "Plan",
    "PlanItem",
    "StageGoal",
    "known_closure",
    "learner_order",
    "make_plan",
    "order_plan",
    "remaining_minutes",
    "rung_below",
]
