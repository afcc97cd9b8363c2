"""Place a plan's items into dated sessions inside the learner's real week.

Rules (each one is a property the tests check over random plans and profiles):

- sessions lie inside the availability windows, in the wall-clock time of the
  profile's zone, so they stay at 19:00 local across daylight-saving changes; a
  window part that a spring-forward gap removes is skipped;
- a calendar week (Monday to Sunday, local) never holds more than ``hours_per_week``;
- no session falls on a blackout day, and sessions never overlap;
- an item may span many sessions, but no session of an item is shorter than 30
  minutes unless the whole item is, and an item is split so that its rest can always
  be placed (a week that holds 30 minutes always gets its plan);
- an item starts only after every planned prerequisite has ended, and no earlier than
  the milestones of the stages it waits for (:attr:`PlanItem.holding`: the stage below
  its own, while the person holds it, unless the profile studies ahead);
- work done at a job (``at_work``) takes no sessions: it runs beside study, for its
  months, from the day its prerequisites allow;
- work is taken in roadmap order; when the next ready item cannot use what is left of
  a window (because of the 30-minute rule), a later item that is already ready may
  use it, so nothing idles while ready work is left.

A stage's milestone comes from the day its last required item ends, after any time in
role and job search (:mod:`planner.scheduling.milestones`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Final
from zoneinfo import ZoneInfo

from planner.errors import PlanError
from planner.limits import MAX_PLAN_YEARS, MIN_SESSION_MINUTES
from planner.planning import Plan, PlanItem
from planner.scheduling.milestones import reach_stages
from planner.scheduling.model import Availability, Milestone, Schedule, Session
from planner.scheduling.readiness import Readiness
from planner.scheduling.wallclock import add_months, window_instances

__all__ = ["READY_SCAN", "capacity_bound", "reach_stages", "schedule_plan"]

READY_SCAN: Final = 64
"""How many ready items, in roadmap order, the scheduler tries for the rest of a window
when the first one cannot use it (the 30-minute rule leaves it a tail too short to
split). Only then does it matter, and any ready item that fits will do; the bound keeps
a window's cost constant in a plan where thousands of items are ready at once. For the
shipped graph's Head of ML plan, up to 37 items are ready together, and even with
windows of 40 to 95 minutes the scheduler never needed to look past the second."""

_MINUTE: Final = dt.timedelta(minutes=1)


class _WeeklyCap:
    """The minutes left under ``hours_per_week`` in the current Monday-Sunday week."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.week = -1
        """The current week, counted from the calendar's first (day 1 was a Monday)."""
        self.used = 0

    def free(self, day: dt.date, begin: dt.datetime, end: dt.datetime) -> int:
        """Minutes of the window ``begin``-``end`` on ``day`` the week's cap leaves free."""
        week = (day.toordinal() - 1) // 7
        if week != self.week:
            self.week, self.used = week, 0
        return min((end - begin) // _MINUTE, self.cap - self.used)

    def use(self, minutes: int) -> None:
        self.used += minutes

    @property
    def left(self) -> int:
        """Minutes the current week's cap leaves."""
        return self.cap - self.used


def _piece(remaining: int, free: int, longest: int) -> int:
    """Minutes of an item to place in ``free`` minutes, under the 30-minute rule.

    No piece is shorter than 30 minutes (or than ``longest``, the most any session can
    hold, when that is less) unless it ends the item, and what is left must still split
    into such pieces, so the rule bends the split instead of stalling the plan: 90
    minutes in 40-minute windows go as 30 + 30 + 30, never 40 + 50, which no window
    could take. A rest that splits in no way (only when no session can hold 30 minutes,
    or for effort that is not whole half hours) goes in the largest pieces that fit,
    the last one shorter.
    """
    if remaining <= free:
        return remaining
    shortest = min(MIN_SESSION_MINUTES, longest)
    if shortest <= free <= remaining - shortest and _splits(remaining - free, shortest, longest):
        return free  # all of it, leaving a rest that splits: what the steps below come to
    if not _splits(remaining, shortest, longest):
        return free if free >= shortest else 0
    for piece in range(min(free, remaining - shortest), shortest - 1, -1):
        if _splits(remaining - piece, shortest, longest):
            return piece
    return 0


def _splits(minutes: int, shortest: int, longest: int) -> bool:
    """Whether ``minutes`` split into pieces of ``shortest`` to ``longest`` minutes."""
    return shortest * -(-minutes // longest) <= minutes


def _check_feasible(plan: Plan, avail: Availability) -> None:
    weekly = avail.weekly_minutes
    if not plan.minutes:
        return
    if weekly < MIN_SESSION_MINUTES:
        raise PlanError(
            f"availability gives only {weekly} minutes a week (hours_per_week = "
            f"{avail.hours_per_week:g}, windows {avail.window_minutes / 60:g} h); at least "
            f"{MIN_SESSION_MINUTES} minutes a week are needed to schedule anything"
        )
    weeks = plan.minutes / weekly
    if weeks > MAX_PLAN_YEARS * 52.18:
        raise PlanError(
            f"the plan holds {plan.minutes / 60:,.1f} hours; at {weekly / 60:g} h a week it "
            f"would take about {weeks / 52.18:,.0f} years, past the limit of {MAX_PLAN_YEARS} years. "
            "Raise hours_per_week or add availability windows"
        )


def _unfinished(avail: Availability, start: dt.date, until: dt.date) -> str:
    """Why a plan that fits the weekly capacity still cannot be finished: the blackouts
    from ``start`` to ``until`` took the time, and which they are."""
    message = f"the plan cannot be finished within {MAX_PLAN_YEARS} years of {start}"
    ranges = [(a, b) for a, b in avail.blackout_ranges if b >= start and a <= until]
    if not ranges:
        return message
    shown = "; ".join(f"{a} to {b}" for a, b in ranges[:3])
    more = f"; and {len(ranges) - 3:,} more" if len(ranges) > 3 else ""
    days = sum((min(b, until) - max(a, start)).days + 1 for a, b in ranges)
    return (
        f"{message}: the blackouts ({shown}{more}) take {days:,} of its "
        f"{(until - start).days + 1:,} days; shorten them"
    )


def schedule_plan(plan: Plan, avail: Availability, *, start: dt.date) -> Schedule:
    """Place ``plan`` into sessions from ``start`` (a local date) on.

    Raises
    ------
    PlanError
        When the availability cannot hold a session, or the plan would run past
        :data:`MAX_PLAN_YEARS` years.
    """
    _check_feasible(plan, avail)
    if start.year > dt.MAXYEAR - MAX_PLAN_YEARS - 1:
        raise PlanError(f"a plan starting on {start} would run past the year {dt.MAXYEAR}")
    zone = ZoneInfo(avail.timezone)
    state = Readiness(plan, start, zone)
    state.settle()
    items = plan.items
    remaining = [item.minutes for item in items]
    left = sum(1 for item in items if not item.at_work)
    raw: list[tuple[int, dt.datetime, dt.datetime]] = []
    weekly = _WeeklyCap(avail.cap_minutes)
    longest = avail.longest_minutes
    shortest = min(MIN_SESSION_MINUTES, longest)
    until = add_months(start, 12 * MAX_PLAN_YEARS)
    instances = window_instances(avail, start, until=until)
    lengths: dict[int, dt.timedelta] = {}  # each length of a piece, made once
    ready = state.ready  # one list, which the state keeps up to date
    for day, begin, end in instances if left else ():
        free = weekly.free(day, begin, end)
        moment = begin
        while free > 0:
            state.open(moment)
            chosen, piece = _next_piece(ready, remaining, free, longest)
            if chosen < 0:
                break
            length = lengths.get(piece)
            if length is None:
                length = lengths[piece] = dt.timedelta(minutes=piece)
            stop = moment + length
            raw.append((chosen, moment, stop))
            remaining[chosen] -= piece
            if remaining[chosen] == 0:
                left -= 1
                # The session lies in the window of local ``day``, which ends at 24:00 at the latest.
                state.finish(chosen, day)
            moment, free = stop, free - piece
            weekly.use(piece)
        if not left:
            break
        if weekly.left < shortest and (
            weekly.left == 0 or weekly.left < min((r for r in remaining if r), default=0)
        ):
            # No item can use what the week's cap leaves (under the 30-minute rule only
            # a whole rest that short could): its other windows need not be made. (A
            # spent week, the common case, needs no look at the rests.)
            instances.skip_week()
    if left:
        raise PlanError(
            _past_the_end(state.milestones.values(), start, until) or _unfinished(avail, start, until)
        )
    state.settle()
    assert state.complete(), "every span placed and every stage reached once the study is done"
    late = _past_the_end(state.milestones.values(), start, until)
    if late:
        raise PlanError(late)
    return Schedule(
        plan=plan,
        availability=avail,
        start=start,
        sessions=_sessions(items, raw),
        milestones=tuple(state.milestones[goal.id] for goal in plan.stages),
        at_work=tuple(state.spans[i] for i in sorted(state.spans)),
    )


def _past_the_end(milestones: Iterable[Milestone], start: dt.date, until: dt.date) -> str:
    """Why the first milestone past the plan's end (``until``) cannot be planned: the
    time in role the stages ask for adds up to more than the plan's 50 years ("" when
    none is past)."""
    late = min((m for m in milestones if m.date > until), key=lambda m: m.date, default=None)
    if late is None:
        return ""
    when = "only after the year 9999" if late.date == dt.date.max else f"only on {late.date}"
    role = f", after {late.months} months as {late.previous_name}" if late.previous_name else ""
    return (
        f"{late.name} ({late.stage}) would be reached {when}{role}: past {until}, the end of a plan's "
        f"{MAX_PLAN_YEARS} years from {start} (the stages' min_months_in_previous_role add up to more)"
    )


def _next_piece(ready: list[int], remaining: list[int], free: int, longest: int) -> tuple[int, int]:
    """The first ready item (in roadmap order, among the first :data:`READY_SCAN`) that
    can use ``free`` minutes under the 30-minute rule, and the minutes it takes; -1 and
    0 when none can."""
    for j in islice(ready, READY_SCAN):  # mostly the first takes it: no copy of the list
        piece = _piece(remaining[j], free, longest)
        if piece:
            return j, piece
    return -1, 0


def _sessions(
    items: Sequence[PlanItem], raw: list[tuple[int, dt.datetime, dt.datetime]]
) -> tuple[Session, ...]:
    """The placed pieces as sessions, each numbered among its item's."""
    counts = [0] * len(items)
    for index, _, _ in raw:
        counts[index] += 1
    seen = [0] * len(items)
    sessions = []
    for index, begin, end in raw:
        seen[index] += 1
        sessions.append(Session._make((items[index].id, begin, end, seen[index], counts[index], "study")))
    return tuple(sessions)


def capacity_bound(avail: Availability, start: dt.date, minutes: int) -> dt.datetime | None:
    """The earliest moment the available, capped time from ``start`` covers ``minutes``.

    No schedule can finish earlier; :func:`schedule_plan` finishes at this bound
    whenever the 30-minute rule forces no gap.
    """
    if minutes <= 0 or start.year > dt.MAXYEAR - MAX_PLAN_YEARS - 1:
        return None
    weekly = _WeeklyCap(avail.cap_minutes)
    total = 0
    instances = window_instances(avail, start, until=add_months(start, 12 * MAX_PLAN_YEARS))
    for day, begin, end in instances:
        free = weekly.free(day, begin, end)
        if free <= 0:
            continue
        if total + free >= minutes:
            return begin + dt.timedelta(minutes=minutes - total)
        total += free
        weekly.use(free)
        if weekly.left <= 0:
            instances.skip_week()
    return None
