"""Spaced review: a short session that goes over an item again some days after it ends.

With ``review_days = [7, 30, 90]`` every item gets three 30-minute reviews, due 7, 30
and 90 days after the local day of its last session (or of the day it was recorded
done, for items finished before the plan starts). Reviews are placed like study:

- inside the availability windows, never on a blackout day, never overlapping a
  session or another review;
- under ``hours_per_week``, together with the week's study;
- never before they are due, and as close to it as the time left allows: reviews are
  taken by due day and each goes into the earliest free half hour from its due day on.

Study is placed first and never moves, so reviews use only the time it leaves free
and no milestone (``skills_ready`` or ``date``) ever changes. A review due before the
plan's first day is past and left out, and so is one due after the plan's 50 years
(:data:`~planner.limits.MAX_PLAN_YEARS`), or one no free half hour is left for by then.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Final

from planner.limits import MAX_PLAN_YEARS, MIN_SESSION_MINUTES
from planner.scheduling.model import Review, Schedule
from planner.scheduling.wallclock import DayWindows, add_months

REVIEW_MINUTES: Final = MIN_SESSION_MINUTES
"""How long a review takes."""

_LENGTH: Final = dt.timedelta(minutes=REVIEW_MINUTES)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


class _FreeTime:
    """The time study and earlier reviews leave free, day by day from the plan's first
    day to ``until``, and in each week under the cap.

    Days are looked at only from a review's due day on, and a day's windows are made
    only when a review looks at it, so a review due decades ahead costs nothing for the
    years between. Room only shrinks as reviews are booked, so a day found full (or in
    a week whose cap is reached) is passed over for good: it points at the next day to
    try (the next Monday for a full week), and those pointers are followed with path
    compression.
    """

    def __init__(self, schedule: Schedule, until: dt.date) -> None:
        self.cap = schedule.availability.cap_minutes
        self.until = until
        self.busy: dict[dt.date, list[tuple[dt.datetime, dt.datetime]]] = {}
        self.used: dict[dt.date, int] = {}
        for s in schedule.sessions:
            day = schedule.local(s.start).date()
            self.busy.setdefault(day, []).append((s.start, s.end))
            self.used[_monday(day)] = self.used.get(_monday(day), 0) + s.minutes
        for spans in self.busy.values():
            spans.sort()
        self.windows = DayWindows(schedule.availability)
        self.made: dict[dt.date, list[tuple[dt.date, dt.datetime, dt.datetime]]] = {}
        self.passed: dict[dt.date, dt.date] = {}
        """A day with no room left -> a later day to try."""

    def _open(self, day: dt.date) -> dt.date:
        """The first day from ``day`` on not known to be full."""
        root = day
        while root in self.passed:
            root = self.passed[root]
        while day in self.passed and self.passed[day] != root:
            self.passed[day], day = root, self.passed[day]
        return root

    def _book(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        """Book the earliest free half hour of ``day``, or None when it has none."""
        if day not in self.made:
            self.made[day] = self.windows.of(day)
        spans = self.busy.setdefault(day, [])
        for _, begin, end in self.made[day]:
            moment = begin
            for low, high in spans:
                if high <= moment:
                    continue
                if low - moment >= _LENGTH or low >= end:
                    break
                moment = high
            if end - moment >= _LENGTH:
                bisect.insort(spans, (moment, moment + _LENGTH))
                return moment, moment + _LENGTH
        return None

    def take(self, due: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        """Book the earliest free half hour on or after ``due``, or None if none is left."""
        day = self._open(due)
        while day <= self.until:
            week = _monday(day)
            if self.cap - self.used.get(week, 0) < REVIEW_MINUTES:
                self.passed[day] = week + dt.timedelta(days=7)
            elif (slot := self._book(day) if self.windows.local(day) else None) is not None:
                self.used[week] = self.used.get(week, 0) + REVIEW_MINUTES
                return slot
            else:
                self.passed[day] = day + dt.timedelta(days=1)
            day = self._open(day)
        return None


def add_reviews(
    schedule: Schedule, review_days: Sequence[int], *, finished: Mapping[str, dt.date] | None = None
) -> Schedule:
    """``schedule`` with a review of every item ``review_days`` days after its last
    session, and of every item in ``finished`` (id -> the day it was done) after that day.

    The study sessions and milestones are returned unchanged.
    """
    days = sorted(set(review_days))
    ends = {item: last for item, (_, last) in schedule.days().items()}
    for item, day in (finished or {}).items():
        ends.setdefault(item, day)
    last = add_months(schedule.start, 12 * MAX_PLAN_YEARS)
    wanted = sorted(
        (end + dt.timedelta(days=after), item, number)
        for item, end in ends.items()
        for number, after in enumerate(days, start=1)
        if schedule.start <= end + dt.timedelta(days=after) <= last
    )
    if not wanted or schedule.availability.weekly_minutes < REVIEW_MINUTES:
        return schedule
    free = _FreeTime(schedule, until=last)
    reviews = []
    for due, item, number in wanted:
        slot = free.take(due)
        if slot is not None:
            reviews.append(Review(item, slot[0], slot[1], number, len(days), due=due))
    reviews.sort(key=lambda r: (r.start, r.item))
    return schedule._replace(reviews=tuple(reviews))
