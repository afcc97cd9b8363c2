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
plan's first day is past and left out.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Final

from planner.limits import MAX_PLAN_YEARS, MIN_SESSION_MINUTES
from planner.scheduling.model import Availability, Review, Schedule
from planner.scheduling.wallclock import add_months, window_instances

REVIEW_MINUTES: Final = MIN_SESSION_MINUTES
"""How long a review takes."""

_LENGTH: Final = dt.timedelta(minutes=REVIEW_MINUTES)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


class _FreeTime:
    """The window instances from a day on, with the time study and earlier reviews
    leave free in each, and in each week under the cap."""

    def __init__(self, schedule: Schedule, until: dt.date) -> None:
        avail: Availability = schedule.availability
        self.cap = avail.cap_minutes
        self.busy: dict[dt.date, list[tuple[dt.datetime, dt.datetime]]] = {}
        self.used: dict[dt.date, int] = {}
        for s in schedule.sessions:
            day = schedule.local(s.start).date()
            self.busy.setdefault(day, []).append((s.start, s.end))
            self.used[_monday(day)] = self.used.get(_monday(day), 0) + s.minutes
        for spans in self.busy.values():
            spans.sort()
        self._source: Iterator[tuple[dt.date, dt.datetime, dt.datetime]] = window_instances(
            avail, schedule.start, until=until
        )
        self.days: list[dt.date] = []
        self.windows: list[tuple[dt.date, dt.datetime, dt.datetime]] = []
        self.next_open: list[int] = []
        """Union-find over instances: an instance with no room points past itself."""

    def _extend(self, index: int) -> bool:
        """Generate instances up to ``index``; whether it exists."""
        while len(self.windows) <= index:
            instance = next(self._source, None)
            if instance is None:
                return False
            self.days.append(instance[0])
            self.windows.append(instance)
            self.next_open.append(len(self.next_open))
        return True

    def _open(self, index: int) -> int:
        root = index
        while self._extend(root) and self.next_open[root] != root:
            root = self.next_open[root]
        while index < len(self.next_open) and self.next_open[index] != index:
            self.next_open[index], index = root, self.next_open[index]
        return root

    def first_from(self, day: dt.date) -> int:
        """The index of the first instance on or after ``day``."""
        while (not self.days or self.days[-1] < day) and self._extend(len(self.windows)):
            pass
        return bisect.bisect_left(self.days, day)

    def take(self, due: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        """Book the earliest free half hour on or after ``due``, or None if none is left."""
        index = self._open(self.first_from(due))
        while self._extend(index):
            day, begin, end = self.windows[index]
            week = _monday(day)
            if self.cap - self.used.get(week, 0) >= REVIEW_MINUTES:
                spans = self.busy.setdefault(day, [])
                moment = begin
                for low, high in spans:
                    if high <= moment:
                        continue
                    if low - moment >= _LENGTH or low >= end:
                        break
                    moment = high
                if end - moment >= _LENGTH:
                    bisect.insort(spans, (moment, moment + _LENGTH))
                    self.used[week] = self.used.get(week, 0) + REVIEW_MINUTES
                    return moment, moment + _LENGTH
            self.next_open[index] = index + 1
            index = self._open(index + 1)
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
    wanted = sorted(
        (end + dt.timedelta(days=after), item, number)
        for item, end in ends.items()
        for number, after in enumerate(days, start=1)
        if end + dt.timedelta(days=after) >= schedule.start
    )
    if not wanted or schedule.availability.weekly_minutes < REVIEW_MINUTES:
        return schedule
    free = _FreeTime(schedule, until=add_months(wanted[-1][0], 12 * MAX_PLAN_YEARS))
    reviews = []
    for due, item, number in wanted:
        slot = free.take(due)
        if slot is not None:
            reviews.append(Review(item, slot[0], slot[1], number, len(days), due=due))
    reviews.sort(key=lambda r: (r.start, r.item))
    return dataclasses.replace(schedule, reviews=tuple(reviews))
