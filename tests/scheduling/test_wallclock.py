"""Wall-clock arithmetic: local times to UTC, and months of the calendar."""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.records import WEEKDAYS, Window
from planner.scheduling import Availability
from planner.scheduling.wallclock import (
    add_months,
    local_to_utc,
    month_days,
    wall_instant,
    wall_time,
    window_instances,
)

ZONES = (
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",  # a half-hour change
    "Europe/Dublin",  # "winter time" is its daylight-saving time
    "America/Sao_Paulo",  # changes at midnight, until 2019
    "Pacific/Apia",  # skipped a whole day in 2011
    "Asia/Kolkata",
    "UTC",
)


def by_search(naive: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """What a local time means, found the slow way: the first instant whose local time
    is ``naive`` (a repeated time's first occurrence), or, for a time a change skips,
    the first instant whose local time is past it (the instant of the change)."""
    candidates = {naive.replace(tzinfo=zone, fold=fold).astimezone(dt.UTC) for fold in (0, 1)}
    exact = [c for c in candidates if c.astimezone(zone).replace(tzinfo=None) == naive]
    if exact:
        return min(exact)
    lo, hi = min(candidates), max(candidates)
    while hi - lo > dt.timedelta(minutes=1):
        mid = (lo + (hi - lo) / 2).replace(second=0, microsecond=0)
        if mid.astimezone(zone).replace(tzinfo=None) > naive:
            hi = mid
        else:
            lo = mid
    return hi


@given(
    st.sampled_from(ZONES),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2045, 12, 31)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
)
def test_a_local_time_is_its_first_instant_or_the_change_that_skips_it(
    zone_name: str, naive: dt.datetime
) -> None:
    zone = ZoneInfo(zone_name)
    assert local_to_utc(naive, zone) == by_search(naive, zone)


@pytest.mark.parametrize("zone_name", ZONES)
def test_every_quarter_hour_around_each_change_from_2009_to_2030(zone_name: str) -> None:
    """Random times rarely fall inside a gap or a repeated hour: walk every quarter hour
    of the two days around each change of offset instead."""
    zone = ZoneInfo(zone_name)
    day, changes = dt.datetime(2009, 1, 1), 0
    while day.year <= 2030:
        following = day + dt.timedelta(days=1)
        if zone.utcoffset(day) != zone.utcoffset(following + dt.timedelta(hours=12)):
            changes += 1
            for quarter in range(3 * 24 * 4):
                naive = day + dt.timedelta(minutes=15 * quarter)
                assert local_to_utc(naive, zone) == by_search(naive, zone), naive
        day = following
    assert changes >= (0 if zone_name in ("Asia/Kolkata", "UTC") else 10), "the walk met the changes"


def test_a_wall_time_is_the_local_time_it_names() -> None:
    assert wall_time(0) == (0, dt.time(0), dt.time(0, fold=1))
    assert wall_time(19 * 60 + 30) == (0, dt.time(19, 30), dt.time(19, 30, fold=1))
    assert wall_time(24 * 60) == (1, dt.time(0), dt.time(0, fold=1))  # 24:00, the next midnight


@given(
    st.sampled_from(ZONES),
    st.dates(dt.date(1990, 1, 1), dt.date(2045, 12, 31)),
    st.integers(0, 24 * 60),
)
def test_a_wall_instant_is_the_local_time_s(zone_name: str, day: dt.date, minute: int) -> None:
    zone = ZoneInfo(zone_name)
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
    assert wall_instant(day, wall_time(minute), zone) == local_to_utc(naive, zone)


@pytest.mark.parametrize("zone_name", ZONES)
def test_every_quarter_hour_s_wall_instant_around_each_change_from_2009_to_2030(zone_name: str) -> None:
    """The shortcut for a time with one offset (whose two occurrences agree), met with
    the slow way on the days around each change, where gaps and repeated hours are."""
    zone = ZoneInfo(zone_name)
    day = dt.date(2009, 1, 1)
    while day.year <= 2030:
        following = day + dt.timedelta(days=1)
        midnight = dt.datetime.combine(day, dt.time())
        if zone.utcoffset(midnight) != zone.utcoffset(midnight + dt.timedelta(days=2, hours=12)):
            for quarter in range(3 * 24 * 4):
                naive = midnight + dt.timedelta(minutes=15 * quarter)
                expected = by_search(naive, zone)
                at = wall_time(naive.hour * 60 + naive.minute)
                assert wall_instant(naive.date(), at, zone) == expected, naive
                if at == wall_time(0):  # also 24:00 of the day before
                    before = naive.date() - dt.timedelta(days=1)
                    assert wall_instant(before, wall_time(24 * 60), zone) == expected
        day = following


@given(
    st.sampled_from(ZONES),
    st.dates(dt.date(2009, 1, 1), dt.date(2030, 12, 31)),
    st.integers(0, 24 * 60 - 30).flatmap(lambda a: st.tuples(st.just(a), st.integers(a + 30, 24 * 60))),
)
def test_a_window_instance_lies_in_its_local_day(
    zone_name: str, start: dt.date, window: tuple[int, int]
) -> None:
    """So the scheduler takes an item's last session to end on the day of its window.
    Every day of a year of one window, whatever gaps and repeated hours it meets."""
    zone = ZoneInfo(zone_name)
    windows = dict.fromkeys(WEEKDAYS, (Window(start=window[0], end=window[1]),))
    avail = Availability(zone_name, 168, windows)
    for day, begin, end in window_instances(avail, start, until=add_months(start, 12)):
        assert begin.astimezone(zone).date() == day
        assert (end - dt.timedelta(microseconds=1)).astimezone(zone).date() == day


@given(st.integers(dt.MINYEAR, dt.MAXYEAR), st.integers(1, 12))
def test_month_days_are_the_calendars(year: int, month: int) -> None:
    assert month_days(year, month) == calendar.monthrange(year, month)[1]


def test_add_months_keeps_the_day_or_the_months_last() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 11, 30), 1) == dt.date(2027, 12, 30)
    assert add_months(dt.date(9999, 12, 31), 0) == dt.date(9999, 12, 31)
    assert add_months(dt.date(9999, 12, 31), 1) == dt.date.max
