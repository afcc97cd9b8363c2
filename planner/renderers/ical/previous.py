"""Reading an earlier export (``planner calendar --previous``): each event's UID,
SEQUENCE, end, status and item, checked so a damaged file gives a clean message."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Final
from zoneinfo import ZoneInfo

from planner.errors import CalendarError
from planner.limits import MAX_CALENDAR_DATE, MAX_SEQUENCE, MIN_DATE

SIGNIFICANT: Final = (
    "DTSTART",
    "DTEND",
    "DURATION",
    "STATUS",
    "SUMMARY",
    "LOCATION",
    "DESCRIPTION",
    "RRULE",
    "RDATE",
    "EXDATE",
)
"""The properties whose change raises an event's SEQUENCE."""
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class PreviousEvent:
    """One VEVENT of an earlier export, with what the update rules need."""

    uid: str
    sequence: int
    end: dt.datetime | dt.date | None
    cancelled: bool
    item: str | None
    component: Any


def read_previous(data: bytes, *, file: str) -> dict[str, PreviousEvent]:
    """Parse an earlier export into its events by UID.

    Raises
    ------
    CalendarError
        When the file is not an iCalendar file.
    """
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
    except Exception as exc:  # noqa: BLE001 -- any parser failure means "not a calendar"
        reason = " ".join(_CONTROL.sub(" ", str(exc)).split())[:120]
        raise CalendarError(f"{file}: not a readable iCalendar file ({reason})") from None
    if not hasattr(cal, "walk") or getattr(cal, "name", "") != "VCALENDAR":
        raise CalendarError(f"{file}: not an iCalendar file (no VCALENDAR)")
    events: dict[str, PreviousEvent] = {}
    for number, ev in enumerate(cal.walk("VEVENT"), start=1):
        uid = ev.get("UID")
        if uid is None:
            continue
        if isinstance(uid, list) or str(uid) in events:
            raise CalendarError(
                f"{file}: event {number} repeats the UID {_first(uid)!s}; a calendar file holds each UID once"
            )
        events[str(uid)] = _previous_event(ev, str(uid), file)
    return events


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _previous_event(ev: Any, uid: str, file: str) -> PreviousEvent:
    """Read what the update rules need from one earlier event, or say what is broken."""
    where = f"{file}: event {uid}"
    for prop in (*SIGNIFICANT, "SEQUENCE"):
        if isinstance(ev.get(prop), list):
            raise CalendarError(f"{where} has {prop} more than once; it may occur once")
    values: dict[str, Any] = {}
    for prop in ("DTSTART", "DTEND"):
        if ev.get(prop) is None:
            continue
        try:
            values[prop] = ev.get(prop).dt
        except Exception:  # noqa: BLE001 -- icalendar raises several types for bad values
            raise CalendarError(f"{where} has an unreadable {prop}") from None
        if not isinstance(values[prop], dt.date):
            raise CalendarError(f"{where}: {prop} must be a date or a date-time")
        day = values[prop].date() if isinstance(values[prop], dt.datetime) else values[prop]
        if not MIN_DATE <= day <= MAX_CALENDAR_DATE:
            raise CalendarError(
                f"{where}: {prop} {day} is out of range; dates run from {MIN_DATE} to {MAX_CALENDAR_DATE}"
            )
        tzid = ev.get(prop).params.get("TZID")
        if tzid:
            try:
                ZoneInfo(str(tzid))
            except (ValueError, OSError, KeyError):
                raise CalendarError(
                    f"{where}: {prop} uses the time zone {str(tzid)[:60]!r}, which is not an IANA zone"
                ) from None
    try:
        sequence = int(ev.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        raise CalendarError(f"{where} has a SEQUENCE that is not a whole number") from None
    if sequence >= MAX_SEQUENCE:
        raise CalendarError(
            f"{where} has SEQUENCE {sequence}; an update raises it, and iCalendar "
            f"allows at most {MAX_SEQUENCE}: export afresh, without --previous"
        )
    status = str(ev.get("STATUS", "")).upper()
    item = ev.get("X-PLANNER-ITEM")
    return PreviousEvent(
        uid,
        max(sequence, 0),
        values.get("DTEND"),
        status == "CANCELLED",
        str(item) if item is not None else None,
        ev,
    )


def ended_before(event: PreviousEvent, moment: dt.datetime) -> bool:
    end = event.end
    if isinstance(end, dt.datetime):
        if end.tzinfo is None:
            end = end.replace(tzinfo=dt.UTC)
        return end <= moment
    if isinstance(end, dt.date):
        return end <= moment.date()
    return False
