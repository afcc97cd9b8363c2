"""Place a plan's items into dated sessions inside the learner's real week.

Rules (each one is a property the tests check over random plans and profiles):

- sessions lie inside the availability windows, in the wall-clock time of the
  profile's zone, so they stay at 19:00 local across daylight-saving changes; a
  window part that a spring-forward gap removes is skipped;
- a calendar week (Monday to Sunday, local) never holds more than ``hours_per_week``;
- no session falls on a blackout day, and sessions never overlap;
- an item may span many sessions, but no session of an item is shorter than 30
  minutes unless the whole item is;
- an item starts only after every planned prerequisite has ended;
- work is taken in roadmap order; when the next item cannot use what is left of a
  window (because of the 30-minute rule), a later item that is already ready may
  use it, so nothing idles while ready work is left.

A stage's milestone is the local day its last required item ends. When the graph
gives a stage ``min_months_in_previous_role``, the milestone is also no earlier than
that many months after the milestone of the stage it requires (or after the plan's
start, when that stage is already reached).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Final
from zoneinfo import ZoneInfo

from planner.errors import PlanError
from planner.models import Blackout, Profile, Window
from planner.planning import SESSION_STEP_MINUTES, Plan, PlanItem

UTC: Final = dt.UTC
MAX_YEARS: Final = 50
"""A plan that would run longer than this is refused as pathological."""
MIN_PIECE: Final = SESSION_STEP_MINUTES
_SCAN_AHEAD: Final = 64


@dataclass(frozen=True)
class Session:
    """One scheduled block of study on one item. Times are aware, in UTC."""

    item: str
    start: dt.datetime
    end: dt.datetime
    index: int
    """1-based position among the item's sessions."""
    count: int
    """How many sessions the item has in all."""

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class Milestone:
    """The local day a stage is reached."""

    stage: str
    name: str
    date: dt.date


@dataclass(frozen=True)
class Availability:
    """When a learner can study: everything the scheduler needs from a profile."""

    timezone: str
    hours_per_week: float
    windows: Mapping[str, tuple[Window, ...]]
    blackouts: tuple[Blackout, ...] = ()

    @classmethod
    def from_profile(cls, profile: Profile, *, hours_per_week: float | None = None) -> Availability:
        return cls(
            timezone=profile.timezone,
            hours_per_week=profile.hours_per_week if hours_per_week is None else hours_per_week,
            windows=profile.availability,
            blackouts=profile.blackouts,
        )

    @property
    def cap_minutes(self) -> int:
        return round(self.hours_per_week * 60)

    @property
    def window_minutes(self) -> int:
        """Nominal minutes of all weekly windows together."""
        return sum(w.end - w.start for ws in self.windows.values() for w in ws)

    @property
    def weekly_minutes(self) -> int:
        """Minutes a normal week can hold: the windows, capped by ``hours_per_week``."""
        return min(self.cap_minutes, self.window_minutes)

    def is_blackout(self, day: dt.date) -> bool:
        return any(b.start <= day <= b.end for b in self.blackouts)


@dataclass(frozen=True)
class Schedule:
    """A plan placed in time."""

    plan: Plan
    availability: Availability
    start: dt.date
    sessions: tuple[Session, ...]
    milestones: tuple[Milestone, ...]

    @property
    def finish(self) -> dt.datetime | None:
        return max((s.end for s in self.sessions), default=None)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.availability.timezone)

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.zone)

    def spans(self) -> dict[str, tuple[dt.datetime, dt.datetime]]:
        """First start and last end of each scheduled item."""
        result: dict[str, tuple[dt.datetime, dt.datetime]] = {}
        for s in self.sessions:
            first, last = result.get(s.item, (s.start, s.end))
            result[s.item] = (min(first, s.start), max(last, s.end))
        return result

    def days(self) -> dict[str, tuple[dt.date, dt.date]]:
        """Local day of the first and of the last session of each scheduled item."""
        result: dict[str, tuple[dt.date, dt.date]] = {}
        zone = self.zone
        for s in self.sessions:
            day = s.start.astimezone(zone).date()
            first, last = result.get(s.item, (day, day))
            result[s.item] = (min(first, day), max(last, day))
        return result

    def milestone(self, stage: str) -> Milestone | None:
        return next((m for m in self.milestones if m.stage == stage), None)

    @property
    def target_date(self) -> dt.date | None:
        reached = self.milestone(self.plan.target)
        return reached.date if reached else None


def wall_to_utc(day: dt.date, minute: int, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of local wall-clock ``minute`` after midnight of ``day``.

    An ambiguous time (the repeated hour of a fall-back change) is its first
    occurrence; a time inside a spring-forward gap is the instant of the change.
    """
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
    first = naive.replace(tzinfo=zone).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == naive:
        return first
    second = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    lo, hi = sorted((first, second))
    while hi - lo > dt.timedelta(minutes=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(second=0, microsecond=0)
        if mid <= lo:
            break
        if mid.astimezone(zone).replace(tzinfo=None) > naive:
            hi = mid
        else:
            lo = mid
    return hi


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, clamped to the month's last day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _slots(
    avail: Availability, start: dt.date, *, until: dt.date
) -> Iterator[tuple[dt.date, dt.datetime, dt.datetime]]:
    """Yield ``(day, start, end)`` of every window instance, chronologically."""
    zone = ZoneInfo(avail.timezone)
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    day = start
    one = dt.timedelta(days=1)
    while day <= until:
        windows = avail.windows.get(names[day.weekday()], ())
        if windows and not avail.is_blackout(day):
            for window in windows:
                begin = wall_to_utc(day, window.start, zone)
                end = wall_to_utc(day, window.end, zone)
                if end > begin:
                    yield day, begin, end
        day += one


def _piece(remaining: int, free: int) -> int:
    """Minutes of an item to place in ``free`` minutes under the 30-minute rule."""
    if remaining <= free:
        return remaining
    piece = min(free, remaining - MIN_PIECE)
    return piece if piece >= MIN_PIECE else 0


def _check_feasible(plan: Plan, avail: Availability) -> None:
    weekly = avail.weekly_minutes
    if not plan.items:
        return
    if weekly < MIN_PIECE:
        raise PlanError(
            f"availability gives only {weekly} minutes a week (hours_per_week = "
            f"{avail.hours_per_week:g}, windows {avail.window_minutes / 60:g} h); at least "
            f"{MIN_PIECE} minutes a week are needed to schedule anything"
        )
    weeks = plan.minutes / weekly
    if weeks > MAX_YEARS * 52.18:
        raise PlanError(
            f"the plan holds {plan.minutes / 60:,.1f} hours; at {weekly / 60:g} h a week it "
            f"would take about {weeks / 52.18:,.0f} years, past the limit of {MAX_YEARS} years. "
            "Raise hours_per_week or add availability windows"
        )


def schedule_plan(plan: Plan, avail: Availability, *, start: dt.date) -> Schedule:
    """Place ``plan`` into sessions from ``start`` (a local date) on.

    Raises
    ------
    PlanError
        When the availability cannot hold a session, or the plan would run past
        :data:`MAX_YEARS` years.
    """
    _check_feasible(plan, avail)
    if start.year > dt.MAXYEAR - MAX_YEARS - 1:
        raise PlanError(f"a plan starting on {start} would run past the year {dt.MAXYEAR}")
    items: list[PlanItem] = list(plan.items)
    remaining = [item.minutes for item in items]
    position = {item.id: i for i, item in enumerate(items)}
    after = [tuple(position[a] for a in item.after) for item in items]
    finished: dict[int, dt.datetime] = {}
    last_start: dict[int, dt.datetime] = {}
    raw: list[tuple[int, dt.datetime, dt.datetime]] = []
    cap = avail.cap_minutes
    first = 0
    week: dt.date | None = None
    used = 0
    until = add_months(start, 12 * MAX_YEARS)
    for day, begin, end in _slots(avail, start, until=until) if items else ():
        monday = day - dt.timedelta(days=day.weekday())
        if monday != week:
            week, used = monday, 0
        free = min(int((end - begin).total_seconds() // 60), cap - used)
        moment = begin
        while free > 0 and first < len(items):
            chosen = -1
            piece = 0
            scanned = 0
            for j in range(first, len(items)):
                if remaining[j] == 0:
                    continue
                scanned += 1
                if scanned > _SCAN_AHEAD:
                    break
                if any(finished.get(a, moment + dt.timedelta(seconds=1)) > moment for a in after[j]):
                    continue
                piece = _piece(remaining[j], free)
                if piece:
                    chosen = j
                    break
            if chosen < 0:
                break
            stop = moment + dt.timedelta(minutes=piece)
            raw.append((chosen, moment, stop))
            remaining[chosen] -= piece
            if remaining[chosen] == 0:
                finished[chosen] = stop
                last_start[chosen] = moment
                while first < len(items) and remaining[first] == 0:
                    first += 1
            moment, free, used = stop, free - piece, used + piece
        if first >= len(items):
            break
    if first < len(items):
        raise PlanError(f"the plan cannot be finished within {MAX_YEARS} years of {start}")

    counts: dict[int, int] = {}
    for index, _, _ in raw:
        counts[index] = counts.get(index, 0) + 1
    seen: dict[int, int] = {}
    sessions = []
    for index, begin, end in raw:
        seen[index] = seen.get(index, 0) + 1
        sessions.append(Session(items[index].id, begin, end, seen[index], counts[index]))

    zone = ZoneInfo(avail.timezone)
    # A session ends at 24:00 at the latest, so the day it starts is the day of the work.
    ends = {items[i].id: moment for i, moment in last_start.items()}
    milestones: dict[str, Milestone] = {}
    for goal in plan.stages:
        done = max((ends[i] for i in goal.items if i in ends), default=None)
        date = done.astimezone(zone).date() if done else start
        for previous in goal.previous:
            reached = milestones[previous].date if previous in milestones else start
            date = max(date, add_months(reached, goal.min_months_in_previous_role))
            date = max(date, reached)
        milestones[goal.id] = Milestone(goal.id, goal.name, date)
    return Schedule(
        plan=plan,
        availability=avail,
        start=start,
        sessions=tuple(sessions),
        milestones=tuple(milestones.values()),
    )


def capacity_bound(avail: Availability, start: dt.date, minutes: int) -> dt.datetime | None:
    """The earliest moment the available, capped time from ``start`` covers ``minutes``.

    No schedule can finish earlier; :func:`schedule_plan` finishes at this bound
    whenever the 30-minute rule forces no gap.
    """
    if minutes <= 0 or start.year > dt.MAXYEAR - MAX_YEARS - 1:
        return None
    cap = avail.cap_minutes
    week: dt.date | None = None
    used = 0
    total = 0
    for day, begin, end in _slots(avail, start, until=add_months(start, 12 * MAX_YEARS)):
        monday = day - dt.timedelta(days=day.weekday())
        if monday != week:
            week, used = monday, 0
        free = min(int((end - begin).total_seconds() // 60), cap - used)
        if free <= 0:
            continue
        if total + free >= minutes:
            return begin + dt.timedelta(minutes=minutes - total)
        total += free
        used += free
    return None


@dataclass(frozen=True)
class DeadlineAdvice:
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

    def reach(steps: int) -> dt.date | None:
        try:
            trial = schedule_plan(plan, replace(avail, hours_per_week=steps / 2), start=schedule.start)
        except PlanError:
            return None
        return trial.target_date

    weeks = max((deadline - schedule.start).days + 1, 1) / 7
    estimate = math.ceil(plan.minutes / 60 / weeks * 2) / 2
    low = int(avail.hours_per_week * 2)  # known to miss (or below the current budget)
    best = reach(steps_max) if steps_max > low else reached
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
