"""Wall-clock arithmetic: months of the calendar."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from planner.scheduling.wallclock import add_months, month_days


@given(st.integers(dt.MINYEAR, dt.MAXYEAR), st.integers(1, 12))
def test_month_days_are_the_calendars(year: int, month: int) -> None:
    assert month_days(year, month) == calendar.monthrange(year, month)[1]


def test_add_months_keeps_the_day_or_the_months_last() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 11, 30), 1) == dt.date(2027, 12, 30)
    assert add_months(dt.date(9999, 12, 31), 0) == dt.date(9999, 12, 31)
    assert add_months(dt.date(9999, 12, 31), 1) == dt.date.max
