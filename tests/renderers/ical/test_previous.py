"""Reading an earlier export: linear in its size, the events' lines kept as written, and
a damaged file refused with a message that names the event."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from planner.errors import CalendarError
from planner.limits import MAX_CALENDAR_BYTES
from planner.renderers.ical.previous import read_previous
from tests.hang import no_hang

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n"
TAIL = "END:VCALENDAR\r\n"


def calendar(*events: str) -> bytes:
    return (HEAD + "".join(events) + TAIL).encode("utf-8")


def event(uid: str = "a@x", *lines: str) -> str:
    body = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20270101T000000Z",
        "DTSTART;TZID=Europe/Berlin:20270104T190000",
        "DTEND;TZID=Europe/Berlin:20270104T210000",
        "SUMMARY:Study: Python (1/3)",
        *lines,
        "END:VEVENT",
    ]
    return "\r\n".join(body) + "\r\n"


def test_an_event_is_read_with_what_the_update_rules_need() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    events = read_previous(calendar(event("a\\,b@x", "SEQUENCE:3", "X-PLANNER-ITEM:python")), file="old.ics")
    old = events["a,b@x"]  # TEXT escapes undone in the UID
    assert (old.uid, old.sequence, old.cancelled, old.item) == ("a,b@x", 3, False, "python")
    assert old.start == dt.datetime(2027, 1, 4, 19, tzinfo=berlin)
    assert old.end == dt.datetime(2027, 1, 4, 21, tzinfo=berlin)
    assert old.shown("DTSTART") == (b"20270104T190000", "Europe/Berlin", "")
    assert old.shown("SUMMARY") == (b"Study: Python (1/3)", "", "")
    assert old.shown("LOCATION") is None
    assert old.lines[0] == "BEGIN:VEVENT" and old.lines[-1] == "END:VEVENT"


def test_folded_lines_lower_case_names_quoted_parameters_and_alarms() -> None:
    long = "x" * 200
    folded = f"DESCRIPTION:{long[:60]}\r\n {long[60:]}"
    text = event(
        "b@x", folded, "status:cancelled", "BEGIN:VALARM", "ACTION:DISPLAY", "SUMMARY:alarm", "END:VALARM"
    )
    text = text.replace("DTSTART;TZID=Europe/Berlin:", 'dtstart;tzid="Europe/Berlin":')
    old = read_previous(calendar(text), file="old.ics")["b@x"]
    assert old.shown("DESCRIPTION") == (long.encode(), "", "")
    assert old.cancelled
    assert old.shown("DTSTART") == (b"20270104T190000", "Europe/Berlin", "")
    assert old.shown("SUMMARY") == (b"Study: Python (1/3)", "", "")  # the alarm's is not the event's
    assert f"DESCRIPTION:{long}" in old.lines


def test_dates_utc_and_floating_times() -> None:
    text = event("c@x").replace("DTSTART;TZID=Europe/Berlin:20270104T190000", "DTSTART;VALUE=DATE:20270104")
    text = text.replace("DTEND;TZID=Europe/Berlin:20270104T210000", "DTEND:20270104T210000Z")
    old = read_previous(calendar(text, event("d@x").replace(";TZID=Europe/Berlin", "")), file="old.ics")
    assert (old["c@x"].start, old["c@x"].end) == (
        dt.date(2027, 1, 4),
        dt.datetime(2027, 1, 4, 21, tzinfo=dt.UTC),
    )
    assert old["d@x"].start == dt.datetime(2027, 1, 4, 19)  # floating: no zone
    assert old["c@x"].shown("DTSTART") == (b"20270104", "", "DATE")


def test_an_event_without_a_uid_is_left_out() -> None:
    assert read_previous(calendar(event("e@x").replace("UID:e@x\r\n", "")), file="old.ics") == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "old.ics: not an iCalendar file (no VCALENDAR)"),
        (b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", "old.ics: not an iCalendar file (no VCALENDAR)"),
        (b"\xff\xfeB\x00", "old.ics: not a readable iCalendar file (not UTF-8 text: bad byte at offset 0)"),
        (
            calendar(event()).replace(b"END:VEVENT", b"END:VTODO"),
            "old.ics: not a readable iCalendar file (END:VTODO closes no BEGIN:VTODO)",
        ),
        (
            calendar(event())[: -len(TAIL)],
            "old.ics: not a readable iCalendar file (BEGIN:VCALENDAR is never closed)",
        ),
        (
            calendar(event()) + b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            "old.ics: not a readable iCalendar file (content after END:VCALENDAR: BEGIN:VCALENDAR)",
        ),
        (
            calendar(event("f@x", "BEGIN:VEVENT", "END:VEVENT")),
            "old.ics: not a readable iCalendar file (an event inside event 1)",
        ),
        (
            calendar(event("g@x", "no colon here")),
            "old.ics: not a readable iCalendar file (a line that is not NAME:VALUE: no colon here)",
        ),
        (
            calendar(event("h@x", "SUMMARY:again")),
            "old.ics: event h@x has SUMMARY more than once; it may occur once",
        ),
        (
            calendar(event("h@x", 'LOCATION;X="unclosed:here')),
            "old.ics: not a readable iCalendar file (event 1 has a line that is not NAME:VALUE: "
            'LOCATION;X="unclosed:here)',
        ),
        (
            calendar(event(), event()),
            "old.ics: event 2 repeats the UID a@x; a calendar file holds each UID once",
        ),
        (
            calendar(event().replace("20270104T190000", "2027x104T190000")),
            "old.ics: event a@x has an unreadable DTSTART",
        ),
        (
            calendar(
                event().replace("DTEND;TZID=Europe/Berlin:20270104T210000", "DTEND;VALUE=PERIOD:x/PT1H")
            ),
            "old.ics: event a@x: DTEND must be a date or a date-time",
        ),
        (
            calendar(event().replace("Europe/Berlin:20270104T21", "Mars/Olympus:20270104T21")),
            "old.ics: event a@x: DTEND uses the time zone 'Mars/Olympus', which is not an IANA zone",
        ),
        (
            calendar(event("i@x", "SEQUENCE:" + "9" * 30)),
            "old.ics: event i@x has SEQUENCE 99999999999999999999... (30 digits); an update raises it, and "
            "iCalendar allows at most 2147483647: export afresh, without --previous",
        ),
        (
            calendar(event("j@x", "SEQUENCE:two")),
            "old.ics: event j@x has a SEQUENCE that is not a whole number",
        ),
    ],
)
def test_a_damaged_file_is_refused_clearly(data: bytes, message: str) -> None:
    with pytest.raises(CalendarError) as info:
        read_previous(data, file="old.ics")
    assert str(info.value) == message


@pytest.mark.slow
def test_an_export_as_big_as_the_limit_allows_is_read_in_linear_time() -> None:
    """Regression: a 4 MB --previous took 6 s to be refused, and a 31 MiB one (allowed)
    129 s and 2 GB: the general parser built objects for every character, parameter and
    property of every line. Lines of properties the update rules do not read now cost
    next to nothing; the guard is far above the seconds this takes now, and far below
    the minutes it took."""
    extra = ["X-PROP;X-PARAM=1:v"] * 200
    one = event("UID", "DESCRIPTION:" + "Unlocks: a\\, b\\, c. " * 20, "X-PLANNER-ITEM:python", *extra)
    count = (MAX_CALENDAR_BYTES - 4096) // (len(one) + 8)  # room for the numbers of the UIDs
    data = calendar(*(one.replace("UID:UID", f"UID:{n}@x") for n in range(count)))
    assert len(data) <= MAX_CALENDAR_BYTES
    with no_hang(f"reading a {len(data) / 2**20:.0f} MiB earlier export"):
        events = read_previous(data, file="old.ics")
    assert len(events) == count
