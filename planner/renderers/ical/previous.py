"""Reading an earlier export (``planner calendar --previous``): each event's UID,
SEQUENCE, start, end, status and item, checked so a damaged file gives a clean message.

The file is read in one pass, in time and memory linear in its size: its lines are
unfolded and split, and only the properties the update rules compare are taken
apart. An event is kept as its content lines, so one that stays in the new file is
written again as it was. (A general iCalendar parser builds an object for every
property and parameter: 13 s for the 8 MB export of a long plan, minutes for 32 MiB.)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Final, NamedTuple
from zoneinfo import ZoneInfo

from planner.errors import CalendarError
from planner.io.patterns import later
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
READ: Final = frozenset((*SIGNIFICANT, "UID", "SEQUENCE", "CATEGORIES", "X-PLANNER-ITEM"))
"""The properties taken apart: the significant ones, and what the update rules read."""
ONCE: Final = (*SIGNIFICANT, "SEQUENCE")
"""The properties an event may hold at most once."""

_CONTROL: Final = later(r"[\x00-\x08\x0b-\x1f\x7f]")
_FOLD: Final = later(r"\r?\n[ \t]")
_LINE_BREAK: Final = later(r"\r?\n")
_NAME: Final = later(r"[A-Za-z0-9-]+")
_BOUNDARY: Final = later(r"(?i)(BEGIN|END):")
_WANTED: Final = READ | {"BEGIN", "END"}
"""The names of the lines an event is read for (BEGIN and END: an alarm inside it)."""
_PARAM: Final = later(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)')
_MOMENT: Final = later(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?")
_UNESCAPE: Final = later(r"\\([\\;,nN])")


class Property(NamedTuple):
    """One content line taken apart: its parameters (unquoted) and its value as written."""

    params: tuple[tuple[str, str], ...]
    value: str

    def param(self, name: str) -> str:
        for key, value in self.params:
            if key == name:
                return value
        return ""

    @property
    def text(self) -> str:
        """The value as TEXT: its escapes undone."""
        if "\\" not in self.value:
            return self.value
        return _UNESCAPE().sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), self.value)


class PreviousEvent(NamedTuple):
    """One VEVENT of an earlier export, with what the update rules need."""

    uid: str
    sequence: int
    start: dt.datetime | dt.date | None
    end: dt.datetime | dt.date | None
    cancelled: bool
    item: str | None
    props: Mapping[str, Property]
    """The properties of :data:`READ` it holds (the first of each)."""
    lines: tuple[str, ...]
    """Its content lines, unfolded, from BEGIN:VEVENT to END:VEVENT."""

    def shown(self, name: str) -> tuple[bytes, str, str] | None:
        """A property's value as written, with its TZID and VALUE parameters."""
        prop = self.props.get(name)
        if prop is None:
            return None
        return prop.value.encode("utf-8"), prop.param("TZID"), prop.param("VALUE")

    def tzid(self, name: str) -> str:
        """The TZID of property ``name`` ("" when it has none)."""
        prop = self.props.get(name)
        return prop.param("TZID") if prop is not None else ""


def read_previous(data: bytes, *, file: str) -> dict[str, PreviousEvent]:
    """Parse an earlier export into its events by UID.

    Raises
    ------
    CalendarError
        When the file is not an iCalendar file, or an event is damaged.
    """
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise _unreadable(file, f"not UTF-8 text: bad byte at offset {exc.start}") from None
    lines = [line for line in _LINE_BREAK().split(_FOLD().sub("", text)) if line]
    if not lines or lines[0].upper() != "BEGIN:VCALENDAR":
        raise CalendarError(f"{file}: not an iCalendar file (no VCALENDAR)")
    events: dict[str, PreviousEvent] = {}
    stack: list[str] = []
    number, begin, in_event = 0, -1, False
    for at, line in enumerate(lines):
        if (boundary := _BOUNDARY().match(line)) is not None:
            name = line[boundary.end() :].upper()
            if boundary.group(1).upper() == "BEGIN":
                if name == "VEVENT" and in_event:
                    raise _unreadable(file, f"an event inside event {number}")
                stack.append(name)
                if name == "VEVENT":
                    number, begin, in_event = number + 1, at, True
                continue
            if not stack or stack[-1] != name:
                raise _unreadable(file, f"END:{name} closes no BEGIN:{name}")
            stack.pop()
            if name == "VEVENT":
                in_event = False
                event = _event(lines[begin : at + 1], number, file)
                if event is not None:
                    if event.uid in events:
                        raise CalendarError(
                            f"{file}: event {number} repeats the UID {event.uid}; a calendar file holds "
                            "each UID once"
                        )
                    events[event.uid] = event
            elif not stack and any(lines[at + 1 :]):
                raise _unreadable(file, f"content after END:VCALENDAR: {lines[at + 1][:60]}")
        elif not stack or _NAME().match(line) is None or ":" not in line:
            raise _unreadable(file, f"a line that is not NAME:VALUE: {line[:60]}")
    if stack:
        raise _unreadable(file, f"BEGIN:{stack[-1]} is never closed")
    return events


def _unreadable(file: str, reason: str) -> CalendarError:
    shown = " ".join(_CONTROL().sub(" ", reason).split())[:120]
    return CalendarError(f"{file}: not a readable iCalendar file ({shown})")


def _event(lines: list[str], number: int, file: str) -> PreviousEvent | None:
    """The event of ``lines`` (BEGIN:VEVENT to END:VEVENT), or None without a UID."""
    props: dict[str, Property] = {}
    seen: dict[str, int] = {}
    depth = 0
    for line in lines[1:-1]:
        name = _NAME().match(line)
        if name is None:
            continue
        key = name.group().upper()
        if key not in _WANTED:
            continue
        if key == "BEGIN":
            depth += 1  # an alarm inside the event: its lines are not the event's
        elif key == "END":
            depth -= 1
        elif not depth:
            seen[key] = seen.get(key, 0) + 1
            if key not in props:
                props[key] = _property(line, name.end(), number, file)
    uid = props.get("UID")
    if uid is None:
        return None
    where = f"{file}: event {uid.text}"
    for key in ONCE:
        if seen.get(key, 0) > 1:
            raise CalendarError(f"{where} has {key} more than once; it may occur once")
    start, end = (_moment(props.get(key), key, where) for key in ("DTSTART", "DTEND"))
    sequence = props.get("SEQUENCE")
    value = sequence.value.strip() if sequence is not None else "0"
    if not re.fullmatch(r"[+-]?\d{1,4000}", value):
        raise CalendarError(f"{where} has a SEQUENCE that is not a whole number")
    if int(value) >= MAX_SEQUENCE:
        shown = f"{int(value)}" if len(value) <= 20 else f"{value[:20]}... ({len(value):,} digits)"
        raise CalendarError(
            f"{where} has SEQUENCE {shown}; an update raises it, and iCalendar "
            f"allows at most {MAX_SEQUENCE}: export afresh, without --previous"
        )
    status, item = props.get("STATUS"), props.get("X-PLANNER-ITEM")
    return PreviousEvent(
        uid.text,
        max(int(value), 0),
        start,
        end,
        status is not None and status.value.strip().upper() == "CANCELLED",
        item.text if item is not None else None,
        props,
        tuple(lines),
    )


def _property(line: str, at: int, number: int, file: str) -> Property:
    """The parameters and value of content ``line`` after its name (which ends at ``at``)."""
    params = []
    while line.startswith(";", at):
        match = _PARAM().match(line, at)
        if match is None:
            raise _unreadable(file, f"event {number} has a broken parameter: {line[:60]}")
        values = [v[1:-1] if v.startswith('"') else v for v in match.group(2).split(",")]
        params.append((match.group(1).upper(), ",".join(values)))
        at = match.end()
    if not line.startswith(":", at):
        raise _unreadable(file, f"event {number} has a line that is not NAME:VALUE: {line[:60]}")
    return Property(tuple(params), line[at + 1 :])


def _moment(prop: Property | None, key: str, where: str) -> dt.datetime | dt.date | None:
    """The date or date-time of a DTSTART or DTEND, checked."""
    if prop is None:
        return None
    if prop.param("VALUE").upper() not in ("", "DATE", "DATE-TIME"):
        raise CalendarError(f"{where}: {key} must be a date or a date-time")
    match = _MOMENT().fullmatch(prop.value.strip())
    if match is None:
        raise CalendarError(f"{where} has an unreadable {key}")
    year, month, day, hour, minute, second, utc = match.groups()
    try:
        moment: dt.datetime | dt.date = dt.date(int(year), int(month), int(day))
        if hour is not None:
            clock = dt.time(int(hour), int(minute), min(int(second), 59))  # a leap second is :59
            moment = dt.datetime.combine(moment, clock)
    except ValueError:
        if not MIN_DATE.year <= int(year) <= MAX_CALENDAR_DATE.year:
            raise CalendarError(
                f"{where}: {key} {year}-{month}-{day} is out of range; dates run from {MIN_DATE} "
                f"to {MAX_CALENDAR_DATE}"
            ) from None
        raise CalendarError(f"{where} has an unreadable {key}") from None
    shown = moment.date() if isinstance(moment, dt.datetime) else moment
    if not MIN_DATE <= shown <= MAX_CALENDAR_DATE:
        raise CalendarError(
            f"{where}: {key} {shown} is out of range; dates run from {MIN_DATE} to {MAX_CALENDAR_DATE}"
        )
    tzid = prop.param("TZID")
    if tzid:
        try:
            zone = ZoneInfo(tzid)
        except (ValueError, OSError, KeyError):
            raise CalendarError(
                f"{where}: {key} uses the time zone {tzid[:60]!r}, which is not an IANA zone"
            ) from None
        if isinstance(moment, dt.datetime) and not utc:
            moment = moment.replace(tzinfo=zone)
    if isinstance(moment, dt.datetime) and utc:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def ended_before(event: PreviousEvent, moment: dt.datetime) -> bool:
    end = event.end
    if isinstance(end, dt.datetime):
        if end.tzinfo is None:
            end = end.replace(tzinfo=dt.UTC)
        return end <= moment
    if isinstance(end, dt.date):
        return end <= moment.date()
    return False
