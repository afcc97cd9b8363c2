"""Content lines: folding as icalendar folds, and events written as icalendar writes them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Alarm, Event, vText
from icalendar.parser.content_line import Contentline

from planner.renderers.ical.lines import EventWriter, NewEvent, component_lines, fold, serialize

LINES = st.text(
    st.sampled_from('ab ;:,\\^"\té€😀\u0301')
    | st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"),
    max_size=400,
)


@given(LINES)
def test_folding_is_icalendars(line: str) -> None:
    assert fold(line) == Contentline(line).to_ical()


@given(LINES)
def test_folded_lines_are_short_whole_and_unfold_to_the_line(line: str) -> None:
    physical = fold(line).split(b"\r\n")
    assert all(len(p) <= 75 for p in physical)
    assert all(p.startswith(b" ") for p in physical[1:])
    for piece in physical:
        piece.decode("utf-8")  # no character is split across lines
    assert b"".join([physical[0], *(p[1:] for p in physical[1:])]).decode("utf-8") == line


@given(LINES | st.text(st.sampled_from('ab\\;,\r\nN:"')))
def test_text_is_escaped_as_icalendar_escapes_it(text: str) -> None:
    assert EventWriter.text(text) == ((), vText(text).to_ical().decode("utf-8"))


def test_an_escape_is_never_split() -> None:
    for width in range(70, 80):
        line = "x" * width + "\\,y" * 40
        for piece in fold(line).split(b"\r\n"):
            assert not piece.endswith(b"\\") or piece.endswith(b"\\\\")


def test_events_are_written_as_icalendar_writes_them() -> None:
    writer = EventWriter()
    zone = ZoneInfo("America/New_York")
    start = dt.datetime(2027, 3, 15, 19, 0, tzinfo=zone)
    end = dt.datetime(2027, 3, 15, 21, 30, tzinfo=dt.UTC)
    stamp = dt.datetime(2027, 1, 1, 12, 30, 15, tzinfo=dt.UTC)
    summary = "Study: a, b; c \\ d (1/2)"
    new = NewEvent(
        "u1@x",
        start,
        end,
        {
            "UID": writer.text("u1@x"),
            "DTSTAMP": writer.value("DTSTAMP", stamp),
            "DTSTART": writer.moment("DTSTART", start),
            "DTEND": writer.moment("DTEND", end),
            "SUMMARY": writer.text(summary),
            "CATEGORIES": writer.value("CATEGORIES", ("data, and more",)),
            "X-PLANNER-ITEM": writer.value("X-PLANNER-ITEM", "pandas"),
        },
        alarm={
            "ACTION": writer.value("ACTION", "DISPLAY"),
            "DESCRIPTION": writer.text(summary),
            "TRIGGER": writer.value("TRIGGER", dt.timedelta(minutes=-15)),
        },
    )
    milestone = NewEvent(
        "u2@x",
        dt.date(2027, 4, 1),
        dt.date(2027, 4, 2),
        {
            "UID": writer.text("u2@x"),
            "DTSTART": writer.moment("DTSTART", dt.date(2027, 4, 1)),
            "DTEND": writer.moment("DTEND", dt.date(2027, 4, 2)),
        },
    )

    ev = Event()
    ev.add("uid", "u1@x")
    ev.add("dtstamp", stamp)
    ev.add("dtstart", start)
    ev.add("dtend", end)
    ev.add("summary", summary)
    ev.add("categories", ["data, and more"])
    ev.add("x-planner-item", "pandas")
    ev.add("sequence", 3)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", dt.timedelta(minutes=-15))
    ev.add_component(alarm)
    day = Event()
    day.add("uid", "u2@x")
    day.add("dtstart", dt.date(2027, 4, 1))
    day.add("dtend", dt.date(2027, 4, 2))
    day.add("sequence", 0)

    assert serialize(writer.event(new, 3)) == ev.to_ical()
    assert serialize(writer.event(milestone, 0)) == day.to_ical()
    assert component_lines(day) == writer.event(milestone, 0)
    assert new.tzid == "America/New_York" and milestone.tzid is None
    assert new.shown("DTSTART") == (b"20270315T190000", "America/New_York", "")
    assert new.shown("DTEND") == (b"20270315T213000Z", "", "")
    assert milestone.shown("DTSTART") == (b"20270401", "", "DATE")
    assert new.shown("LOCATION") is None
