"""Views of a schedule that several exporters share."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from planner.planning import PlanItem
from planner.scheduling import Schedule


class Row(NamedTuple):
    """One roadmap item with its local start and end days."""

    item: PlanItem
    start: dt.date
    end: dt.date
    sessions: int


def rows(schedule: Schedule) -> list[Row]:
    """Roadmap items in plan order with their first and last local session days."""
    days = schedule.days()
    counts: dict[str, int] = {}
    for s in schedule.sessions:
        counts[s.item] = counts.get(s.item, 0) + 1
    result = []
    for item in schedule.plan.items:
        first, last = days[item.id]
        result.append(Row(item, first, last, counts[item.id]))
    return result


def groups(schedule: Schedule) -> list[tuple[str | None, list[Row]]]:
    """Rows grouped by the lowest planned stage needing them, in ladder order.

    Items no planned stage needs (``focus`` extras) form a last group keyed ``None``.
    """
    by_stage: dict[str | None, list[Row]] = {}
    for row in rows(schedule):
        by_stage.setdefault(row.item.stage, []).append(row)
    ordered: list[tuple[str | None, list[Row]]] = [
        (goal.id, by_stage.get(goal.id, [])) for goal in schedule.plan.stages
    ]
    if None in by_stage:
        ordered.append((None, by_stage[None]))
    return ordered
