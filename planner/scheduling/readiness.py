"""What may start when: the bookkeeping behind the scheduler.

As the scheduler finishes study items, :class:`Readiness` counts down what each item
and each stage still waits for. An item is *ready* once every planned prerequisite is
done and the stages it waits for (:attr:`~planner.planning.PlanItem.holding`) are
reached; it may then start from its *gate*: the local midnight of the latest day among
the ends of the work it follows at a job and the milestones it waits for. Work done at a
job is placed the moment it is ready, as a span of months from its gate day; a stage
is reached (:mod:`planner.scheduling.milestones`) the moment all its work is done.
Placing a span or reaching a stage can make more ready, so :meth:`Readiness.settle`
runs until nothing changes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
from zoneinfo import ZoneInfo

from planner.planning import Plan
from planner.scheduling.milestones import reach_stage
from planner.scheduling.model import Milestone, WorkSpan
from planner.scheduling.wallclock import add_months, local_to_utc


def span_end(start: dt.date, months: float) -> dt.date:
    """The day ``months`` of work from ``start`` are done: whole months as the calendar
    counts them, and a fraction as that share of the month that follows (so more months
    never end sooner)."""
    whole = math.floor(months + 1e-9)
    end = add_months(start, whole)
    if months - whole <= 1e-9:
        return end
    length = (add_months(start, whole + 1) - end).days
    return end + dt.timedelta(days=round((months - whole) * length))


class Readiness:
    """What each item and stage of ``plan`` still waits for, from ``start`` on.

    ``ready`` holds the indexes (in plan order) of study items that may take a session
    now, in one list kept up to date in place; :meth:`open` moves in those whose gate
    has passed.
    """

    def __init__(self, plan: Plan, start: dt.date, zone: ZoneInfo) -> None:
        self.plan, self.start, self.zone = plan, start, zone
        items = plan.items
        self.index = {item.id: i for i, item in enumerate(items)}
        self.waiting = [len(item.after) + len(item.holding) for item in items]
        self.gate_day = [start] * len(items)
        self.followers: list[list[int]] = [[] for _ in items]
        for i, item in enumerate(items):
            for before in item.after:
                self.followers[self.index[before]].append(i)
        self.holders: dict[str, list[int]] = {}
        for i, item in enumerate(items):
            for stage in item.holding:
                self.holders.setdefault(stage, []).append(i)
        self.stage_left = {g.id: sum(1 for n in g.items if n in self.index) for g in plan.stages}
        self.stage_ready = {g.id: start for g in plan.stages}
        self.stages_of: list[list[str]] = [[] for _ in items]
        for goal in plan.stages:
            for node in goal.items:
                if node in self.index:
                    self.stages_of[self.index[node]].append(goal.id)
        self.milestones: dict[str, Milestone] = {}
        self.spans: dict[int, WorkSpan] = {}
        self.ready: list[int] = []
        self._gated: list[tuple[dt.datetime, int]] = []
        self._spans_due: list[int] = []
        self._midnights: dict[dt.date, dt.datetime] = {}
        for i, count in enumerate(self.waiting):
            if not count:
                self._release(i)

    def midnight(self, day: dt.date) -> dt.datetime:
        """The instant local ``day`` begins (most gates fall on a few days: kept)."""
        found = self._midnights.get(day)
        if found is None:
            found = self._midnights[day] = local_to_utc(dt.datetime.combine(day, dt.time()), self.zone)
        return found

    def open(self, moment: dt.datetime) -> None:
        """Make ready every study item whose gate is at or before ``moment``."""
        gated = self._gated
        while gated and gated[0][0] <= moment:
            bisect.insort(self.ready, heapq.heappop(gated)[1])

    def _release(self, i: int) -> None:
        """Item ``i`` waits for nothing more: place it (at work) or gate it (study)."""
        if self.plan.items[i].at_work:
            self._spans_due.append(i)
        else:
            heapq.heappush(self._gated, (self.midnight(self.gate_day[i]), i))

    def _done_before(self, i: int, day: dt.date) -> None:
        """Follow up on the end of item ``i`` on local ``day``."""
        for j in self.followers[i]:
            self.gate_day[j] = max(self.gate_day[j], day)
            self.waiting[j] -= 1
            if not self.waiting[j]:
                self._release(j)
        for stage in self.stages_of[i]:
            self.stage_left[stage] -= 1
            self.stage_ready[stage] = max(self.stage_ready[stage], day)

    def finish(self, i: int, day: dt.date) -> None:
        """Study item ``i`` had its last session on local ``day``."""
        self.ready.remove(i)
        self._done_before(i, day)
        self.settle()

    def settle(self) -> None:
        """Place the spans of work at a job and reach the stages that nothing holds up
        any longer, until nothing changes."""
        changed = True
        while changed:
            changed = False
            while self._spans_due:
                i = self._spans_due.pop()
                item = self.plan.items[i]
                first = self.gate_day[i]
                span = self.spans[i] = WorkSpan(item.id, first, span_end(first, item.months))
                self._done_before(i, span.end)
                changed = True
            for goal in self.plan.stages:
                if goal.id in self.milestones or self.stage_left[goal.id]:
                    continue
                if any(p not in self.milestones for p in goal.previous if p in self.stage_left):
                    continue
                reached = reach_stage(
                    self.plan, goal, self.stage_ready[goal.id], self.milestones, start=self.start
                )
                self.milestones[goal.id] = reached
                for j in self.holders.get(goal.id, ()):
                    self.gate_day[j] = max(self.gate_day[j], reached.date)
                    self.waiting[j] -= 1
                    if not self.waiting[j]:
                        self._release(j)
                changed = True

    def complete(self) -> bool:
        """Whether every span is placed and every stage reached."""
        spans = sum(1 for item in self.plan.items if item.at_work)
        return len(self.spans) == spans and len(self.milestones) == len(self.plan.stages)
