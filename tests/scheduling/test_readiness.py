"""Spans of work done at a job: whole months as the calendar counts them, fractions of
the month that follows."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.scheduling.readiness import span_end


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 28)),
        (dt.date(2027, 3, 15), 12, dt.date(2028, 3, 15)),
        (dt.date(2027, 3, 15), 0.5, dt.date(2027, 3, 31)),
        (dt.date(2027, 3, 15), 2.25, dt.date(2027, 5, 23)),
    ],
)
def test_span_end(start: dt.date, months: float, end: dt.date) -> None:
    assert span_end(start, months) == end


def test_less_work_at_a_job_never_ends_later() -> None:
    """Regression: 0.967 of a month from 5 February (29 days of an average month) ended a
    day after a whole February month, so experience delayed a milestone."""
    start = dt.date(2026, 2, 5)
    assert span_end(start, 0.967) <= span_end(start, 1) == dt.date(2026, 3, 5)
    for day in range(365):
        first = start + dt.timedelta(days=day)
        ends = [span_end(first, m / 10) for m in range(0, 40)]
        assert ends == sorted(ends), first
