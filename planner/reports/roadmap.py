"""Views of a schedule that several exporters share: its rows, and its periods.

A **period** is the time a person holds one stage: from one milestone to the next
(the first runs from the plan's start to the first milestone, while the stage held now
or before any). The roadmaps group the work by the period it starts in, so under the
default rule the work for Senior shows "while ML Engineer".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from planner.planning import PlanItem
from planner.scheduling import Milestone, Schedule


class Row(NamedTuple):
    """One roadmap item with its local start and end days (for work done at a job, the
    days its span starts and is done)."""

    item: PlanItem
    start: dt.date
    end: dt.date
    sessions: int

    @property
    def minutes(self) -> int:
        """The study minutes of the row (none for work done at a job)."""
        return self.item.minutes


def rows(schedule: Schedule, days: Mapping[str, tuple[dt.date, dt.date]] | None = None) -> list[Row]:
    """Roadmap items in plan order with their first and last local session days, or
    their span. ``days``: the schedule's :meth:`~Schedule.days`, when the caller has
    them already."""
    if days is None:
        days = schedule.days()
    spans = {span.item: span for span in schedule.at_work}
    counts: dict[str, int] = {}
    for s in schedule.sessions:
        counts[s.item] = counts.get(s.item, 0) + 1
    result = []
    for item in schedule.plan.items:
        if item.at_work:
            span = spans[item.id]
            result.append(Row(item, span.start, span.end, 0))
            continue
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


class Period(NamedTuple):
    """The time from one milestone to the next, with the work that starts in it."""

    held: str | None
    """The stage held in the period: the last one reached (or the one held now)."""
    held_name: str
    start: dt.date
    end: dt.date | None
    """The milestone that ends the period (None: the period after the last one)."""
    rows: tuple[Row, ...]
    milestone: Milestone | None
    """The milestone that ends the period."""

    @property
    def minutes(self) -> int:
        return sum(row.minutes for row in self.rows)

    @property
    def study(self) -> int:
        """How many rows are study (not work done at a job)."""
        return sum(1 for row in self.rows if not row.item.at_work)

    @property
    def for_stages(self) -> tuple[str, ...]:
        """The stages the period's work is for, lowest first (none for extras)."""
        seen: list[str] = []
        for row in self.rows:
            if row.item.stage is not None and row.item.stage not in seen:
                seen.append(row.item.stage)
        return tuple(seen)

    def years(self) -> list[tuple[int, int, int]]:
        """(year, study minutes, items) for each calendar year the period's work starts in."""
        found: dict[int, list[int]] = {}
        for row in self.rows:
            totals = found.setdefault(row.start.year, [0, 0])
            totals[0] += row.minutes
            totals[1] += 1
        return [(year, minutes, items) for year, (minutes, items) in sorted(found.items())]


def periods(schedule: Schedule, table: list[Row] | None = None) -> list[Period]:
    """The schedule's periods in time order, each with the rows that start in it; a
    period after the last milestone is kept only when work starts in it. ``table``:
    the schedule's :func:`rows`, when the caller has them already."""
    plan = schedule.plan
    milestones = sorted(schedule.milestones, key=lambda m: (m.date, plan_rank(schedule, m.stage)))
    held = plan.current_stage
    held_name = plan.stage_names.get(held, held) if held else ""
    start = schedule.start
    pending = rows(schedule) if table is None else table
    result: list[Period] = []
    work = {goal.id: goal.items for goal in plan.stages}
    for milestone in [*milestones, None]:
        end = milestone.date if milestone is not None else None
        needed = work[milestone.stage] if milestone is not None else frozenset()
        # Work on the milestone's own day belongs before it when the stage needs it.
        inside = [r for r in pending if _before(r, end, needed)]
        pending = [r for r in pending if not _before(r, end, needed)]
        if milestone is not None or inside:
            result.append(Period(held, held_name, start, end, tuple(inside), milestone))
        if milestone is not None:
            held, held_name, start = milestone.stage, milestone.name, milestone.date
    return result


def _before(row: Row, end: dt.date | None, needed: frozenset[str]) -> bool:
    return end is None or row.start < end or (row.start == end and row.item.id in needed)


def plan_rank(schedule: Schedule, stage: str) -> int:
    """The position of a planned stage on the plan's ladder (lowest first)."""
    return next((i for i, goal in enumerate(schedule.plan.stages) if goal.id == stage), -1)
