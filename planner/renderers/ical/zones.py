"""VTIMEZONE components built from a zone's real transitions (icalendar's own zones
stop at 2038), exact to the second over the whole plan."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard


def _transitions(zone: ZoneInfo, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """UTC instants in [begin, end) where the zone's UTC offset or name changes."""
    found: list[dt.datetime] = []

    def state(moment: dt.datetime) -> tuple[Any, ...]:
        local = moment.astimezone(zone)
        return (local.utcoffset(), local.tzname(), bool(local.dst()))

    step = dt.timedelta(hours=12)
    moment = begin
    current = state(moment)
    while moment < end:
        following = min(moment + step, end)
        nxt = state(following)
        if nxt != current:
            # To the second: offsets such as Amsterdam's +00:19:32 change off the minute.
            lo, hi = moment, following
            while hi - lo > dt.timedelta(seconds=1):
                mid = (lo + (hi - lo) / 2).replace(microsecond=0)
                if state(mid) == current:
                    lo = mid
                else:
                    hi = mid
            found.append(hi)
        moment, current = following, nxt
    return found


def build_vtimezone(tzid: str, begin: dt.date, end: dt.date) -> Any:
    """A VTIMEZONE for ``tzid`` that is exact from ``begin`` to ``end`` (plus a year)."""
    zone = ZoneInfo(tzid)
    first = dt.datetime(begin.year - 1, 1, 1, tzinfo=dt.UTC)
    last = dt.datetime(end.year + 2, 1, 1, tzinfo=dt.UTC)
    vtz = Timezone()
    vtz.add("tzid", tzid)

    def observance(moment: dt.datetime, before: dt.datetime) -> Any:
        local = moment.astimezone(zone)
        prior = before.astimezone(zone)
        comp = TimezoneDaylight() if local.dst() else TimezoneStandard()
        # DTSTART is the local time of the change, read in the offset in force before it.
        start = (moment + prior.utcoffset()).replace(tzinfo=None)  # type: ignore[operator]
        comp.add("dtstart", start)
        comp.add("tzoffsetfrom", prior.utcoffset())
        comp.add("tzoffsetto", local.utcoffset())
        comp.add("tzname", local.tzname() or tzid)
        return comp

    vtz.add_component(observance(first, first))
    for moment in _transitions(zone, first, last):
        vtz.add_component(observance(moment, moment - dt.timedelta(seconds=1)))
    return vtz
