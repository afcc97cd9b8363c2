"""iCalendar content lines, written fast and byte for byte as icalendar writes them.

A calendar with thousands of sessions spent nearly all its time in icalendar's
per-property machinery: it folds each line one character at a time, and builds,
encodes and writes an object with its own parameters for every property of every
event (about 0.3 ms an event). The events of a new plan are a few kinds of lines, so:

- :class:`EventWriter` encodes each distinct value once with icalendar's own types
  (text escaping, categories, durations, and the form of a date-time in each zone)
  and writes an event's lines in icalendar's property order;
- :func:`fold` folds a content line as icalendar does, working on its UTF-8 bytes;
- :func:`serialize` turns content lines into the file's bytes.

The calendar itself, its VTIMEZONE and events kept from an earlier export stay
icalendar components. The file is what icalendar writes: icalendar reading it and
writing it again gives the same bytes (the tests check this).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, Final, NamedTuple

from icalendar import Alarm, Event, Parameters, vText

Prop = tuple[tuple[tuple[str, str], ...], str]
"""A property as written: its parameters (name, value) and its encoded value."""

_ESCAPED: Final = re.compile(r"[\\;,\r\n]")
"""The characters a TEXT value escapes (RFC 5545 3.3.11)."""


class NewEvent(NamedTuple):
    """An event of the new plan: its UID, when it is, and its properties as written
    (all but SEQUENCE, which depends on the earlier export)."""

    uid: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    props: Mapping[str, Prop]
    alarm: Mapping[str, Prop] | None = None

    def shown(self, name: str) -> tuple[bytes, str, str] | None:
        """A property's value as written, with its TZID and VALUE parameters."""
        prop = self.props.get(name)
        if prop is None:
            return None
        params = dict(prop[0])
        return prop[1].encode("utf-8"), params.get("TZID", ""), params.get("VALUE", "")

    @property
    def tzid(self) -> str | None:
        """The TZID its start and end are written in (None: UTC or a date)."""
        return dict(self.props["DTSTART"][0]).get("TZID")


class EventWriter:
    """Encodes property values as icalendar does, each distinct one once, and writes
    events as content lines."""

    def __init__(self) -> None:
        self._event_order, self._alarm_order = Event.canonical_order, Alarm.canonical_order
        self.event_order: Sequence[str] = self._event_order
        """icalendar's order of an event's properties."""
        self._values: dict[tuple[str, Hashable], Prop] = {}
        self._zones: dict[Any, tuple[tuple[tuple[str, str], ...], str]] = {}
        self._params: dict[tuple[tuple[str, str], ...], str] = {}
        self._orders: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}

    @staticmethod
    def _encode(name: str, value: Any) -> Prop:
        """What ``Event.add(name, value)`` stores, as written."""
        event = Event()
        event.add(name, value)
        prop = event[name]
        written = prop.to_ical()
        return tuple(prop.params.items()), written.decode("utf-8") if isinstance(written, bytes) else written

    def value(self, name: str, value: Hashable) -> Prop:
        """A value that repeats across events (a status, an item id, the stamp)."""
        key = (name, value)
        if key not in self._values:
            self._values[key] = self._encode(name, list(value) if isinstance(value, tuple) else value)
        return self._values[key]

    @staticmethod
    def text(value: str) -> Prop:
        """A TEXT value that differs from event to event (a UID, a summary)."""
        if not _ESCAPED.search(value):  # nothing RFC 5545 escapes: written as it is
            return (), value
        return (), vText(value).to_ical().decode("utf-8")

    def moment(self, name: str, value: dt.datetime | dt.date) -> Prop:
        """A DTSTART or DTEND: a date-time in the form its zone takes, or a date."""
        if not isinstance(value, dt.datetime):
            return self._encode(name, value)
        if value.tzinfo not in self._zones:
            params, written = self._encode(name, value)
            self._zones[value.tzinfo] = params, "Z" if written.endswith("Z") else ""
        params, suffix = self._zones[value.tzinfo]
        return params, (
            f"{value.year:04}{value.month:02}{value.day:02}T"
            f"{value.hour:02}{value.minute:02}{value.second:02}{suffix}"
        )

    def component(
        self, name: str, props: Mapping[str, Prop], order: Sequence[str] | None, inner: Iterable[str] = ()
    ) -> list[str]:
        """The lines of a component: its properties in icalendar's order (``order``
        first, then by name), then ``inner``."""
        shape = (tuple(order or ()), tuple(props))
        if shape not in self._orders:
            rank = {key: i for i, key in enumerate(shape[0])}
            self._orders[shape] = sorted(
                shape[1], key=lambda key: (0, rank[key], "") if key in rank else (1, 0, key)
            )
        return [
            f"BEGIN:{name}",
            *(self._line(key, props[key]) for key in self._orders[shape]),
            *inner,
            f"END:{name}",
        ]

    def event(self, event: NewEvent, sequence: int) -> list[str]:
        """The lines of a new event with its SEQUENCE."""
        alarm = self.component("VALARM", event.alarm, self._alarm_order) if event.alarm is not None else ()
        return self.component(
            "VEVENT", {**event.props, "SEQUENCE": ((), str(sequence))}, self._event_order, alarm
        )

    def _line(self, name: str, prop: Prop) -> str:
        params, value = prop
        if not params:
            return f"{name}:{value}"
        if params not in self._params:
            self._params[params] = Parameters(dict(params)).to_ical().decode("utf-8")
        written = self._params[params]
        return f"{name};{written}:{value}" if written else f"{name}:{value}"


def component_lines(component: Any) -> list[str]:
    """The content lines of an icalendar component, as icalendar writes them."""
    return [line for line in component.content_lines() if line]


def serialize(lines: Iterable[str]) -> bytes:
    """The file's bytes: each content line folded, and ended by CRLF."""
    return b"".join(fold(line) + b"\r\n" for line in lines)


def fold(line: str) -> bytes:
    """A content line folded as RFC 5545 3.1 says, byte for byte as icalendar does:
    pieces of at most 74 octets (75 with the leading space of a continuation),
    never inside a UTF-8 character nor right after a backslash or caret, so an
    escape stays on one line."""
    data = line.encode("utf-8")
    if len(data) <= 74:
        return data
    pieces = []
    start = 0
    while len(data) - start > 74:
        cut = start + 74
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            cut -= 1
        if data[cut - 1] in b"\\^":
            cut -= 1
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)
