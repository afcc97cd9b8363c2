"""The schedule as an iCalendar (RFC 5545) file that calendar clients import cleanly.

- one VEVENT per session and one all-day VEVENT per milestone, titled with the node's
  short name in at most 60 characters, described in names (why, what it unlocks);
- one all-day VEVENT for the whole span of each piece of work done at a job (``at_work``;
  never sessions);
- times carry the profile's zone (TZID) with a VTIMEZONE built from the zone's real
  transitions over the whole plan (icalendar's own zones stop at 2038);
- UIDs derive from the person, the item and the occurrence, so exporting the same
  plan again gives the same UIDs;
- with an earlier export (``previous``), a session that still exists keeps its UID,
  a changed one gets a higher SEQUENCE, one that disappeared is written again as
  STATUS:CANCELLED with a higher SEQUENCE, and sessions that ended before the new
  plan starts stay as they were, so no earlier UID ever leaves the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo

from icalendar import Calendar, vText

from planner.errors import ForeignCalendarError
from planner.renderers.ical.lines import EventWriter, NewEvent, Prop, component_lines, serialize
from planner.renderers.ical.previous import (
    SIGNIFICANT,
    PreviousEvent,
    ended_before,
)
from planner.renderers.ical.words import describe, milestone_description, title
from planner.renderers.ical.zones import build_vtimezone

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.graph.model import Routes
    from planner.scheduling import AnySession, Schedule, WorkSpan

PRODID: Final = "-//planner//Learning path planner//EN"
UID_DOMAIN: Final = "planner.invalid"
_UTC_NAMES: Final = {
    "UTC",
    "Etc/UTC",
    "Etc/UCT",
    "UCT",
    "Etc/Zulu",
    "Zulu",
    "Universal",
    "Etc/Universal",
    "GMT",
    "Etc/GMT",
    "Etc/GMT0",
    "Etc/GMT+0",
    "Etc/GMT-0",
    "Etc/Greenwich",
    "Greenwich",
    "GMT0",
    "GMT+0",
    "GMT-0",
}


def event_uid(person: str, *parts: str | int) -> str:
    """A stable UID from the person and the parts that identify one event."""
    key = "\x1f".join([" ".join(person.split()).casefold(), *(str(p) for p in parts)])
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


# --- events ------------------------------------------------------------------------------


class _Events:
    """Builds the new plan's events: each session, review and milestone as content
    lines' properties, with the stamp, the reminder and the zone every event shares."""

    def __init__(
        self, schedule: Schedule, graph: CareerGraph, *, person: str, stamp: dt.datetime, reminder: int | None
    ) -> None:
        self.schedule, self.graph, self.person = schedule, graph, person
        self.stamp, self.reminder = stamp, reminder
        self.zone = ZoneInfo(schedule.availability.timezone)
        self.use_utc = schedule.availability.timezone in _UTC_NAMES
        self.writer = EventWriter()

    def _ambiguous(self, value: dt.datetime) -> bool:
        local = value.astimezone(self.zone)
        return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()

    def times(self, start: dt.datetime, end: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """A session's start and end as written: in the profile's zone, or in UTC for a
        UTC profile and for a session in the repeated hour of a fall-back change (a
        local time there reads as its first occurrence, RFC 5545 3.3.5)."""
        if self.use_utc or self._ambiguous(start) or self._ambiguous(end):
            return start.astimezone(dt.UTC), end.astimezone(dt.UTC)
        return start.astimezone(self.zone), end.astimezone(self.zone)

    def timed(
        self, uid: str, session: AnySession, summary: str, description: str, item: str | None = None
    ) -> NewEvent:
        """A confirmed event for a study or review session, with the reminder."""
        writer = self.writer
        begin, finish = self.times(session.start, session.end)
        shown = writer.text(clean_text(" ".join(summary.split())))
        category = clean_text(self.graph.nodes[session.item].category)  # type: ignore[union-attr]
        properties = {
            "UID": writer.text(uid),
            "DTSTAMP": writer.value("DTSTAMP", self.stamp),
            "DTSTART": writer.moment("DTSTART", begin),
            "DTEND": writer.moment("DTEND", finish),
            "SUMMARY": shown,
            "DESCRIPTION": writer.text(clean_text(description)),
            "CATEGORIES": writer.value("CATEGORIES", (category,)),
            "STATUS": writer.value("STATUS", "CONFIRMED"),
            "TRANSP": writer.value("TRANSP", "OPAQUE"),
        }
        if item is not None:
            properties["X-PLANNER-ITEM"] = writer.text(item)
        alarm = None
        if self.reminder is not None:
            alarm = {
                "ACTION": writer.value("ACTION", "DISPLAY"),
                "DESCRIPTION": shown,
                "TRIGGER": writer.value("TRIGGER", dt.timedelta(minutes=-self.reminder)),
            }
        return NewEvent(uid, begin, finish, properties, alarm=alarm)

    def studies(self, kept: Mapping[str, PreviousEvent]) -> list[NewEvent]:
        """One event per study session; numbers go on from the sessions ``kept`` from an
        earlier export, and a UID of theirs is never reused."""
        schedule, graph, person = self.schedule, self.graph, self.person
        done_before: dict[str, int] = {}
        for past in kept.values():
            if past.item:
                done_before[past.item] = done_before.get(past.item, 0) + 1
        left = {item.id: item.minutes for item in schedule.plan.items}
        about: dict[str, list[str]] = {}
        routes: dict[str, Routes] = {}
        events = []
        for session in schedule.sessions:
            item = schedule.plan.item(session.item)
            offset = done_before.get(session.item, 0)
            number, count = session.number + offset, session.of + offset
            uid = event_uid(person, "session", session.item, number)
            if uid in kept:  # an old session at this number is in the past: never reuse its UID
                uid = event_uid(person, "session", session.item, number, "replan", schedule.start.isoformat())
            left[session.item] -= session.minutes
            verb = "Project" if item.kind == "project" else "Study"
            summary = title(verb, item.name, item.short_name, f"{number}/{count}" if count > 1 else "")
            if session.item not in about:
                about[session.item] = describe(graph, schedule, session.item, routes)
            hours_left = f"Hours left after this session: {left[session.item] / 60:g} of {item.hours:g}"
            description = "\n".join([*about[session.item], hours_left])
            events.append(self.timed(uid, session, summary, description, item=session.item))
        return events

    def reviews(self, kept: Mapping[str, PreviousEvent]) -> list[NewEvent]:
        """One event per review session."""
        events = []
        for review in self.schedule.reviews:
            uid = event_uid(self.person, "review", review.item, review.number)
            if uid in kept:
                uid = event_uid(
                    self.person,
                    "review",
                    review.item,
                    review.number,
                    "replan",
                    self.schedule.start.isoformat(),
                )
            name = self.graph.nodes[review.item].name
            summary = title(
                "Review", name, self.graph.short_name(review.item), f"{review.number}/{review.of}"
            )
            text = f"Go over {name} again: review {review.number} of {review.of}, due {review.due}."
            events.append(self.timed(uid, review, summary, text))
        return events

    def milestones(self) -> list[NewEvent]:
        """One all-day event per milestone."""
        writer, events = self.writer, []
        for milestone in self.schedule.milestones:
            uid = event_uid(self.person, "milestone", milestone.stage)
            last = milestone.date + dt.timedelta(days=1)
            summary = title("Milestone", milestone.name, self.graph.short_name(milestone.stage))
            properties = {
                "UID": writer.text(uid),
                "DTSTAMP": writer.value("DTSTAMP", self.stamp),
                "DTSTART": writer.moment("DTSTART", milestone.date),
                "DTEND": writer.moment("DTEND", last),
                "SUMMARY": writer.text(clean_text(" ".join(summary.split()))),
                "DESCRIPTION": writer.text(clean_text(milestone_description(milestone))),
                "CATEGORIES": writer.value("CATEGORIES", ("milestone",)),
                "STATUS": writer.value("STATUS", "CONFIRMED"),
                "TRANSP": writer.value("TRANSP", "TRANSPARENT"),
            }
            events.append(NewEvent(uid, milestone.date, last, properties))
        return events


# --- the file ----------------------------------------------------------------------------

Keyed = tuple[tuple[str, str], list[str]]
"""An event as (sort key, content lines)."""


def _merge(
    events: _Events,
    fresh: list[NewEvent],
    previous: Mapping[str, PreviousEvent],
    kept: Mapping[str, PreviousEvent],
) -> tuple[list[Keyed], dict[str, list[dt.date]]]:
    """The new plan's events with their SEQUENCE, then the earlier export's that the
    plan no longer has (kept as they were when past, else cancelled); and the days each
    TZID of the file spans, for its VTIMEZONE."""
    schedule = events.schedule
    keyed: list[Keyed] = []
    spans: dict[str, list[dt.date]] = (
        {} if events.use_utc else {schedule.availability.timezone: [schedule.start]}
    )
    for ev in fresh:
        old = previous.get(ev.uid)
        sequence = 0
        if old is not None:
            sequence = old.sequence + (1 if old.cancelled or _differs(old, ev) else 0)
        keyed.append((_sort_key(ev.start, ev.uid), events.writer.event(ev, sequence)))
        if ev.tzid:
            spans.setdefault(ev.tzid, []).extend(_day(v) for v in (ev.start, ev.end))
    for uid in sorted(set(previous) - {ev.uid for ev in fresh}):
        old = previous[uid]
        kept_as_it_was = uid in kept or old.cancelled
        lines = list(old.lines) if kept_as_it_was else _cancelled(old, events.stamp, events.writer)
        keyed.append((_sort_key(old.start if old.start is not None else dt.date.min, uid), lines))
        # Every TZID in the file gets a VTIMEZONE covering its events: the profile's
        # zone, and any other zone that events kept from an earlier export still carry.
        for key, moment in (("DTSTART", old.start), ("DTEND", old.end)):
            tzid = old.tzid(key)
            if tzid and moment is not None:
                spans.setdefault(tzid, []).append(_day(moment))
    return keyed, spans


def _calendar(keyed: list[Keyed], spans: Mapping[str, list[dt.date]], calendar_name: str | None) -> bytes:
    """The VCALENDAR with a VTIMEZONE per zone, and its events in time order."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(clean_text(" ".join((calendar_name or "Learning plan").split()))))
    for tzid in sorted(spans) if keyed else ():
        cal.add_component(build_vtimezone(tzid, min(spans[tzid]), max(spans[tzid])))
    head = component_lines(cal)  # ends with END:VCALENDAR: the events go before it
    keyed.sort(key=lambda pair: pair[0])
    return serialize([*head[:-1], *(line for _, lines in keyed for line in lines), head[-1]])


def render_ical(
    schedule: Schedule,
    graph: CareerGraph,
    *,
    person: str,
    stamp: dt.datetime,
    reminder: int | None = None,
    previous: Mapping[str, PreviousEvent] | None = None,
    calendar_name: str | None = None,
    cancel_foreign: bool = False,
) -> bytes:
    """Render the schedule as iCalendar bytes.

    Parameters
    ----------
    schedule:
        The scheduled plan.
    graph:
        The graph, for descriptions, categories and resources.
    person:
        The learner's name; part of every UID.
    stamp:
        DTSTAMP of every event (the CLI passes now, or SOURCE_DATE_EPOCH).
    reminder:
        Minutes before each session for a display alarm, or None.
    previous:
        Events of an earlier export (see :func:`read_previous`), to keep UIDs and
        raise SEQUENCE as the module docstring says.
    cancel_foreign:
        Cancel the future events of a ``previous`` that shares no UID with this plan
        (another person's calendar?) instead of raising :class:`ForeignCalendarError`.
    """
    previous = previous or {}
    stamp = stamp.astimezone(dt.UTC).replace(microsecond=0)
    events = _Events(schedule, graph, person=person, stamp=stamp, reminder=reminder)
    kept = {
        uid: ev
        for uid, ev in previous.items()
        if not ev.cancelled and ended_before(ev, replan_start(schedule))
    }
    at_work = [
        _span_event(events.writer, graph, schedule, span, person=person, stamp=stamp)
        for span in schedule.at_work
    ]
    fresh = [*events.studies(kept), *events.reviews(kept), *at_work, *events.milestones()]
    new_uids = {ev.uid for ev in fresh}
    doomed = [uid for uid in set(previous) - new_uids if uid not in kept and not previous[uid].cancelled]
    if doomed and not cancel_foreign and not new_uids & previous.keys():
        raise ForeignCalendarError(len(doomed))
    keyed, spans = _merge(events, fresh, previous, kept)
    return _calendar(keyed, spans, calendar_name)


def replan_start(schedule: Schedule) -> dt.datetime:
    """The moment the plan was (re-)made from: its first day's midnight, or the moment
    it was made at when that is later (no session of it lies before). Events of an
    earlier export that ended before it stay as they were."""
    zone = ZoneInfo(schedule.availability.timezone)
    midnight = dt.datetime.combine(schedule.start, dt.time(), tzinfo=zone).astimezone(dt.UTC)
    made = schedule.availability.not_before
    return max(midnight, made) if made is not None else midnight


def _span_event(
    writer: EventWriter,
    graph: CareerGraph,
    schedule: Schedule,
    span: WorkSpan,
    *,
    person: str,
    stamp: dt.datetime,
) -> NewEvent:
    """One all-day event for the whole span of work done at a job (never sessions): it
    does not block the study time around it."""
    uid = event_uid(person, "at-work", span.item)
    item = schedule.plan.item(span.item)
    about = describe(graph, schedule, span.item, {})
    summary = title("At work", item.name, item.short_name)
    about.append(
        f"At work, beside study: {round(item.months, 1):g} months from {span.start} to {span.end}. "
        f"Record it with `planner done` when it is done."
    )
    return NewEvent(
        uid,
        span.start,
        span.end,
        {
            "UID": writer.text(uid),
            "DTSTAMP": writer.value("DTSTAMP", stamp),
            "DTSTART": writer.moment("DTSTART", span.start),
            "DTEND": writer.moment("DTEND", span.end),
            "SUMMARY": writer.text(clean_text(" ".join(summary.split()))),
            "DESCRIPTION": writer.text(clean_text("\n".join(about))),
            "CATEGORIES": writer.value("CATEGORIES", (clean_text(item.category),)),
            "STATUS": writer.value("STATUS", "CONFIRMED"),
            "TRANSP": writer.value("TRANSP", "TRANSPARENT"),
        },
    )


def _day(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _sort_key(start: dt.datetime | dt.date, uid: str) -> tuple[str, str]:
    if isinstance(start, dt.datetime):
        key = (
            start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S")
            if start.tzinfo
            else start.strftime("%Y%m%dT%H%M%S")
        )
    else:
        key = start.strftime("%Y%m%dT000000")
    return key, uid


def _differs(old: PreviousEvent, new: NewEvent) -> bool:
    """Whether a significant property changed, its value or its TZID/VALUE parameter."""
    return any(old.shown(prop) != new.shown(prop) for prop in SIGNIFICANT)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Text for a TEXT property: line breaks as LF, no other control characters
    (RFC 5545 allows none but tab)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _cancelled(old: PreviousEvent, stamp: dt.datetime, writer: EventWriter) -> list[str]:
    """The lines of an old event marked CANCELLED, with a higher SEQUENCE: its time,
    summary, categories and item as they were."""
    props: dict[str, Prop] = {"UID": writer.text(old.uid), "DTSTAMP": writer.value("DTSTAMP", stamp)}
    for key in ("DTSTART", "DTEND", "SUMMARY", "CATEGORIES", "X-PLANNER-ITEM"):
        if (prop := old.props.get(key)) is not None:
            props[key] = prop.params, prop.value
    props |= {
        "DESCRIPTION": writer.text("Cancelled: this session is no longer in the plan."),
        "STATUS": writer.value("STATUS", "CANCELLED"),
        "TRANSP": writer.value("TRANSP", "TRANSPARENT"),
        "SEQUENCE": ((), str(old.sequence + 1)),
    }
    return writer.component("VEVENT", props, writer.event_order)
