"""IsoText writes exactly what isoformat() writes, however many times it is asked."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.renderers.roadmap.isotext import IsoText

ZONES = sorted(zoneinfo.available_timezones())

# Few clock times, so that one IsoText meets the same clock time at different offsets.
instants = st.builds(
    lambda day, hour, minute, second, micro: dt.datetime.combine(
        day, dt.time(hour, minute, second, micro), dt.UTC
    ),
    st.dates(dt.date(1850, 1, 1), dt.date(2200, 12, 31)),
    st.integers(0, 23),
    st.sampled_from([0, 15, 30, 45]),
    st.sampled_from([0, 0, 0, 59]),
    st.sampled_from([0, 0, 0, 1, 500000]),
)


@settings(max_examples=300)
@given(zone=st.sampled_from(ZONES), moments=st.lists(instants, min_size=1, max_size=40))
def test_moment_is_isoformat_in_every_zone(zone: str, moments: list[dt.datetime]) -> None:
    tz = zoneinfo.ZoneInfo(zone)
    iso = IsoText(tz)
    for moment in [*moments, *moments]:
        local = moment.astimezone(tz)
        assert iso.moment(local) == local.isoformat()
        assert iso.day(local.date()) == local.date().isoformat()


def test_same_clock_time_at_two_offsets() -> None:
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    iso = IsoText(berlin)
    winter = dt.datetime(2027, 1, 4, 8, tzinfo=berlin)
    summer = dt.datetime(2027, 7, 5, 8, tzinfo=berlin)
    assert iso.moment(winter) == "2027-01-04T08:00:00+01:00"
    assert iso.moment(summer) == "2027-07-05T08:00:00+02:00"


def test_the_hour_repeated_when_clocks_go_back() -> None:
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    iso = IsoText(berlin)
    first = dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC).astimezone(berlin)
    second = dt.datetime(2027, 10, 31, 1, 30, tzinfo=dt.UTC).astimezone(berlin)
    assert (iso.moment(first), iso.moment(second)) == (
        "2027-10-31T02:30:00+02:00",
        "2027-10-31T02:30:00+01:00",
    )
