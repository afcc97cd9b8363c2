"""Wall-clock arithmetic: local times to UTC across daylight-saving changes, months,
and the instances of weekly windows."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Final
from zoneinfo import ZoneInfo

from planner.records import WEEKDAYS
from planner.scheduling.model import Availability

UTC: Final = dt.UTC


def wall_to_utc(day: dt.date, minute: int, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of local wall-clock ``minute`` after midnight of ``day``.

    An ambiguous time (the repeated hour of a fall-back change) is its first
    occurrence; a time inside a spring-forward gap is the instant of the change.
    """
    return local_to_utc(dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute), zone)


def local_to_utc(naive: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of the local wall-clock time ``naive``, as :func:`wall_to_utc`."""
    offset = zone.utcoffset(naive)
    if offset is not None and offset == zone.utcoffset(naive.replace(fold=1)):
        return (naive - offset).replace(tzinfo=UTC)  # neither repeated nor skipped: the one instant
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


def window_instances(
    avail: Availability, start: dt.date, *, until: dt.date
) -> Iterator[tuple[dt.date, dt.datetime, dt.datetime]]:
    """Yield ``(day, start, end)`` of every window instance, chronologically; none that
    has ended by ``avail.not_before`` (one under way at that moment is kept whole)."""
    zone = ZoneInfo(avail.timezone)
    day = start
    one = dt.timedelta(days=1)
    minutes = [
        tuple(
            (dt.timedelta(minutes=w.start), dt.timedelta(minutes=w.end))
            for w in avail.windows.get(weekday, ())
        )
        for weekday in WEEKDAYS
    ]
    past = avail.not_before
    while day <= until:
        windows = minutes[day.weekday()]
        if windows and not avail.is_blackout(day):
            midnight = dt.datetime(day.year, day.month, day.day)
            for first, last in windows:
                begin = local_to_utc(midnight + first, zone)
                end = local_to_utc(midnight + last, zone)
                if end > begin and (past is None or end > past):
                    yield day, begin, end
        day += one
