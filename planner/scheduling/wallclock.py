"""Wall-clock arithmetic: local times to UTC across daylight-saving changes, months,
and the instances of weekly windows."""

from __future__ import annotations

import datetime as dt
from typing import Final
from zoneinfo import ZoneInfo

from planner.records import WEEKDAYS
from planner.scheduling.model import Availability

UTC: Final = dt.UTC
_NAIVE_EPOCH: Final = dt.datetime(1970, 1, 1)
_UTC_EPOCH: Final = _NAIVE_EPOCH.replace(tzinfo=UTC)
_DAY: Final = dt.timedelta(days=1)


def wall_to_utc(day: dt.date, minute: int, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of local wall-clock ``minute`` after midnight of ``day``.

    An ambiguous time (the repeated hour of a fall-back change) is its first
    occurrence; a time inside a spring-forward gap is the instant of the change.
    """
    return local_to_utc(dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute), zone)


def local_to_utc(naive: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of the local wall-clock time ``naive``, as :func:`wall_to_utc`."""
    offset = zone.utcoffset(naive)  # for a repeated time, its first occurrence's
    if offset is not None:  # never None for a ZoneInfo
        guess = _UTC_EPOCH + (naive - _NAIVE_EPOCH - offset)
        if guess.astimezone(zone).utcoffset() == offset:
            return guess  # the zone keeps that offset there: the time is not in a gap
    # A spring-forward gap: the time does not exist; find the instant of the change.
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
    """``day`` plus whole months, clamped to the month's last day; a day past the
    calendar's last is its last day (``date.max``), which callers refuse as past a plan's
    end."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, min(day.day, month_days(year, month)))


def month_days(year: int, month: int) -> int:
    """How many days ``month`` of ``year`` has."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


Instance = tuple[dt.date, dt.datetime, dt.datetime]
"""A window on a day: ``(local day, UTC start, UTC end)``."""

WallTime = tuple[int, dt.time, dt.time]
"""A time of a window's day: days after it (1 for 24:00, the next midnight), and the
local time, as its first and as its second occurrence (``fold`` 0 and 1)."""


def wall_time(minute: int) -> WallTime:
    """The :data:`WallTime` ``minute`` (0 to 1440) after a day's midnight."""
    days, minute = divmod(minute, 1440)
    return days, dt.time(minute // 60, minute % 60), dt.time(minute // 60, minute % 60, fold=1)


def wall_instant(day: dt.date, at: WallTime, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of the wall-clock time ``at`` of local ``day``, as :func:`wall_to_utc`.

    A time whose two occurrences have one offset lies in no gap and is not repeated,
    so it is its local time less that offset; only the others need
    :func:`local_to_utc`'s look at the zone.
    """
    days, first, second = at
    if days:
        day += _DAY
    naive = dt.datetime.combine(day, first)
    offset = zone.utcoffset(naive)
    if offset is not None and offset == zone.utcoffset(dt.datetime.combine(day, second)):
        return _UTC_EPOCH + (naive - _NAIVE_EPOCH - offset)
    return local_to_utc(naive, zone)


class DayWindows:
    """The window instances of any one day, made when asked: a day's local windows
    become UTC instants only for the days (and windows) a caller looks at."""

    def __init__(self, avail: Availability) -> None:
        self.avail = avail
        self.zone = ZoneInfo(avail.timezone)
        self.times = [
            tuple((wall_time(w.start), wall_time(w.end)) for w in avail.windows.get(weekday, ()))
            for weekday in WEEKDAYS
        ]

    def local(self, day: dt.date) -> tuple[tuple[WallTime, WallTime], ...]:
        """The windows of ``day`` as local times (none on a blackout day)."""
        windows = self.times[day.weekday()]
        return windows if windows and not self.avail.is_blackout(day) else ()

    def instance(self, day: dt.date, window: tuple[WallTime, WallTime]) -> Instance | None:
        """The window of ``day`` in UTC; None when a spring-forward gap removes it, or
        when it has ended by ``avail.not_before`` (one under way then is kept whole)."""
        begin = wall_instant(day, window[0], self.zone)
        end = wall_instant(day, window[1], self.zone)
        past = self.avail.not_before
        return (day, begin, end) if end > begin and (past is None or end > past) else None

    def of(self, day: dt.date) -> list[Instance]:
        """The windows of ``day`` in UTC, in order."""
        return [found for window in self.local(day) if (found := self.instance(day, window)) is not None]


class WindowInstances:
    """Every window instance from ``start`` to ``until``, chronologically, each made
    only when it is reached; :meth:`skip_week` passes over the rest of a Monday-Sunday
    week (whose cap is reached) without making its instances."""

    def __init__(self, avail: Availability, start: dt.date, *, until: dt.date) -> None:
        self.windows = DayWindows(avail)
        self.until = until
        self.day = start - _DAY
        self.today: tuple[tuple[WallTime, WallTime], ...] = ()
        self.next = 0

    def __iter__(self) -> WindowInstances:
        return self

    def __next__(self) -> Instance:
        while True:
            while self.next >= len(self.today):
                if self.day >= self.until:
                    raise StopIteration
                self.day += _DAY
                self.today, self.next = self.windows.local(self.day), 0
            self.next += 1
            found = self.windows.instance(self.day, self.today[self.next - 1])
            if found is not None:
                return found

    def skip_week(self) -> None:
        """Go on from the next Monday: the rest of this week's instances are never made."""
        self.day = min(self.until, self.day + dt.timedelta(days=6 - self.day.weekday()))
        self.today, self.next = (), 0


def window_instances(avail: Availability, start: dt.date, *, until: dt.date) -> WindowInstances:
    """Every ``(day, start, end)`` window instance from ``start`` to ``until``,
    chronologically, made lazily (see :class:`WindowInstances`)."""
    return WindowInstances(avail, start, until=until)
