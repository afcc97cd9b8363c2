"""ISO 8601 text of the days and local times of one schedule, as ``isoformat()`` writes it.

A roadmap has thousands of sessions on a few hundred days at a handful of clock times,
and ``isoformat()`` on an aware time costs about a microsecond. :class:`IsoText` writes
each distinct day and each distinct clock time (with its UTC offset) once, and puts a
session's text together from the two: the same characters, a fraction of the time.
"""

from __future__ import annotations

import datetime as dt


class IsoText:
    """The ``isoformat()`` text of days, and of times in the time zone ``zone``,
    remembering what it wrote (use one for one rendering)."""

    def __init__(self, zone: dt.tzinfo) -> None:
        self._zone = zone
        self._days: dict[dt.date, str] = {}
        self._clocks: dict[tuple[dt.time, dt.timedelta | None], str] = {}

    def day(self, day: dt.date) -> str:
        """``day.isoformat()``."""
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = day.isoformat()
        return text

    def moment(self, local: dt.datetime) -> str:
        """``local.isoformat()`` for a time whose ``tzinfo`` is the zone (as
        ``astimezone(zone)`` returns it): the text of its day, then that of its clock
        time and offset (``"T08:00:00+01:00"``), which depends on nothing else."""
        day_text = self.day(local.date())
        clock = (local.time(), self._zone.utcoffset(local))
        clock_text = self._clocks.get(clock)
        if clock_text is None:
            clock_text = self._clocks[clock] = local.isoformat()[len(day_text) :]
        return day_text + clock_text
