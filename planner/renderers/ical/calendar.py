"""The schedule as an iCalendar (RFC 5545) file that calendar clients import cleanly.

- one VEVENT per session and one all-day VEVENT per milestone;
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

from planner.errors import ForeignCalendarError
from planner.renderers.ical.lines import EventWriter, NewEvent, Prop, component_lines, serialize
from planner.renderers.ical.previous import (
    SIGNIFICANT,
    PreviousEvent,
    ended_before,
)
from planner.renderers.ical.zones import build_vtimezone

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.graph.model import Routes
    from planner.scheduling import Milestone, Schedule, Session

PRODID: Final = "-//planner//Learning path planner//EN"
UID_DOMAIN: Final = "planner.invalid"
MAX_CHAIN: Final = 12
"""The most ids a description's chain of unlocks shows; a longer one is cut in the middle."""
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


# --- building --------------------------------------------------------------------------


def _chain(routes: Routes, item_id: str) -> str:
    """The chain of unlocks from an item to its stage, its middle cut when it is long,
    so a description stays short however deep the plan."""
    hops = routes.hops(item_id)
    if hops is None:
        return item_id
    if hops < MAX_CHAIN:
        return " → ".join(routes.path(item_id))
    head = routes.path(item_id, limit=MAX_CHAIN - 2)
    return " → ".join([*head, f"… ({hops - len(head)} more)", routes.target])


def _about(graph: CareerGraph, schedule: Schedule, item_id: str, routes: dict[str, Routes]) -> list[str]:
    """The lines of a session's description that do not change between sessions.

    ``routes`` holds the routes to each stage, found once for all its items."""
    node = graph.nodes[item_id]
    item = schedule.plan.item(item_id)
    unlocks = list(graph.succ[item_id])
    lines = []
    if node.description:
        lines.append(node.description)
    goal = item.stage or schedule.plan.target
    if goal not in routes:
        routes[goal] = graph.routes_to(goal, within=schedule.plan.needed)
    if item.recommended:
        lines.append("Why: something in your plan recommends it (recommended = true).")
    elif item.stage:
        lines.append(f"Why: {graph.nodes[goal].name} needs it ({_chain(routes[goal], item_id)}).")
    else:
        lines.append("Why: it is one of your focus items (or a focus item needs it).")
    for choice in item.picked_for:
        pick = schedule.plan.choice(choice)
        if pick is not None:
            others = f" instead of {', '.join(pick.alternatives)}" if pick.alternatives else ""
            lines.append(f"Picked for {pick.name}{others}: {pick.reasons[item_id]}.")
    if unlocks:
        lines.append(
            "Unlocks: "
            + ", ".join(graph.nodes[u].name for u in unlocks[:12])
            + (f" and {len(unlocks) - 12} more" if len(unlocks) > 12 else "")
        )
    resources = node.resources if node.kind in ("skill", "project") else ()
    if resources:
        lines.append("Resources:")
        lines.extend(f"- {r.title}: {r.url}" for r in resources)
    return lines


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
    from icalendar import Calendar, vText

    previous = previous or {}
    zone_name = schedule.availability.timezone
    use_utc = zone_name in _UTC_NAMES
    zone = ZoneInfo(zone_name)
    stamp = stamp.astimezone(dt.UTC).replace(microsecond=0)
    replan_start = dt.datetime.combine(schedule.start, dt.time(), tzinfo=zone).astimezone(dt.UTC)

    kept = {uid: ev for uid, ev in previous.items() if not ev.cancelled and ended_before(ev, replan_start)}
    done_before: dict[str, int] = {}
    for past in kept.values():
        if past.item:
            done_before[past.item] = done_before.get(past.item, 0) + 1

    def ambiguous(value: dt.datetime) -> bool:
        local = value.astimezone(zone)
        return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()

    def times(start: dt.datetime, end: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        # A local time in the repeated hour of a fall-back change reads as its first
        # occurrence (RFC 5545 3.3.5), so such a session is written in UTC instead.
        if use_utc or ambiguous(start) or ambiguous(end):
            return start.astimezone(dt.UTC), end.astimezone(dt.UTC)
        return start.astimezone(zone), end.astimezone(zone)

    writer = EventWriter()

    def timed_event(
        uid: str, session: Session, summary: str, description: str, item: str | None = None
    ) -> NewEvent:
        """A confirmed event for a study or review session, with the reminder."""
        begin, finish = times(session.start, session.end)
        shown = writer.text(clean_text(" ".join(summary.split())))
        properties = {
            "UID": writer.text(uid),
            "DTSTAMP": writer.value("DTSTAMP", stamp),
            "DTSTART": writer.moment("DTSTART", begin),
            "DTEND": writer.moment("DTEND", finish),
            "SUMMARY": shown,
            "DESCRIPTION": writer.text(clean_text(description)),
            "CATEGORIES": writer.value("CATEGORIES", (clean_text(graph.nodes[session.item].category),)),  # type: ignore[union-attr]
            "STATUS": writer.value("STATUS", "CONFIRMED"),
            "TRANSP": writer.value("TRANSP", "OPAQUE"),
        }
        if item is not None:
            properties["X-PLANNER-ITEM"] = writer.text(item)
        return NewEvent(
            uid,
            begin,
            finish,
            properties,
            alarm=None
            if reminder is None
            else {
                "ACTION": writer.value("ACTION", "DISPLAY"),
                "DESCRIPTION": shown,
                "TRIGGER": writer.value("TRIGGER", dt.timedelta(minutes=-reminder)),
            },
        )

    fresh: list[NewEvent] = []
    left: dict[str, int] = {item.id: item.minutes for item in schedule.plan.items}
    items = {item.id: item for item in schedule.plan.items}
    about: dict[str, list[str]] = {}
    routes: dict[str, Routes] = {}
    for session in schedule.sessions:
        node = graph.nodes[session.item]
        offset = done_before.get(session.item, 0)
        number, count = session.index + offset, session.count + offset
        uid = event_uid(person, "session", session.item, number)
        if uid in kept:  # an old session at this number is in the past: never reuse its UID
            uid = event_uid(person, "session", session.item, number, "replan", schedule.start.isoformat())
        left[session.item] -= session.minutes
        verb = "Project" if node.kind == "project" else "Study"
        summary = f"{verb}: {node.name}" + (f" ({number}/{count})" if count > 1 else "")
        if session.item not in about:
            about[session.item] = _about(graph, schedule, session.item, routes)
        hours_left = (
            f"Hours left after this session: {left[session.item] / 60:g} of {items[session.item].hours:g}"
        )
        fresh.append(
            timed_event(
                uid, session, summary, "\n".join([*about[session.item], hours_left]), item=session.item
            )
        )
    for review in schedule.reviews:
        uid = event_uid(person, "review", review.item, review.index)
        if uid in kept:
            uid = event_uid(person, "review", review.item, review.index, "replan", schedule.start.isoformat())
        name = graph.nodes[review.item].name
        fresh.append(
            timed_event(
                uid,
                review,
                f"Review: {name} ({review.index}/{review.count})",
                f"Go over {name} again: review {review.index} of {review.count}, due {review.due}.",
            )
        )
    for milestone in schedule.milestones:
        uid = event_uid(person, "milestone", milestone.stage)
        last = milestone.date + dt.timedelta(days=1)
        fresh.append(
            NewEvent(
                uid,
                milestone.date,
                last,
                {
                    "UID": writer.text(uid),
                    "DTSTAMP": writer.value("DTSTAMP", stamp),
                    "DTSTART": writer.moment("DTSTART", milestone.date),
                    "DTEND": writer.moment("DTEND", last),
                    "SUMMARY": writer.text(clean_text(" ".join(f"Milestone: {milestone.name}".split()))),
                    "DESCRIPTION": writer.text(clean_text(milestone_description(milestone))),
                    "CATEGORIES": writer.value("CATEGORIES", ("milestone",)),
                    "STATUS": writer.value("STATUS", "CONFIRMED"),
                    "TRANSP": writer.value("TRANSP", "TRANSPARENT"),
                },
            )
        )

    new_uids = {ev.uid for ev in fresh}
    doomed = [uid for uid in set(previous) - new_uids if uid not in kept and not previous[uid].cancelled]
    if doomed and not cancel_foreign and not new_uids & previous.keys():
        raise ForeignCalendarError(len(doomed))
    # Each event as (sort key, content lines): the new plan's, then the earlier export's.
    events: list[tuple[tuple[str, str], list[str]]] = []
    spans: dict[str, list[dt.date]] = {} if use_utc else {zone_name: [schedule.start]}
    for ev in fresh:
        old = previous.get(ev.uid)
        sequence = 0
        if old is not None:
            sequence = old.sequence
            if old.cancelled or _differs(old, ev):
                sequence += 1
        events.append((_sort_key(ev.start, ev.uid), writer.event(ev, sequence)))
        if ev.tzid:
            spans.setdefault(ev.tzid, []).extend(_day(v) for v in (ev.start, ev.end))
    for uid in sorted(set(previous) - new_uids):
        old = previous[uid]
        lines = list(old.lines) if uid in kept or old.cancelled else _cancelled(old, stamp, writer)
        events.append((_sort_key(old.start if old.start is not None else dt.date.min, uid), lines))
        # Every TZID in the file gets a VTIMEZONE covering its events: the profile's
        # zone, and any other zone that events kept from an earlier export still carry.
        for key, moment in (("DTSTART", old.start), ("DTEND", old.end)):
            tzid = old.tzid(key)
            if tzid and moment is not None:
                spans.setdefault(tzid, []).append(_day(moment))

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(clean_text(" ".join((calendar_name or "Learning plan").split()))))
    for tzid in sorted(spans) if events else ():
        cal.add_component(build_vtimezone(tzid, min(spans[tzid]), max(spans[tzid])))
    head = component_lines(cal)  # ends with END:VCALENDAR: the events go before it
    events.sort(key=lambda keyed: keyed[0])
    return serialize([*head[:-1], *(line for _, lines in events for line in lines), head[-1]])


def milestone_description(milestone: Milestone) -> str:
    """What a milestone event says: when the skills are ready, and the time in role."""
    text = f"You reach {milestone.name} ({milestone.stage}): every requirement of the stage is done."
    if milestone.waits_for_role:
        text = (
            f"You reach {milestone.name} ({milestone.stage}) after {milestone.months} months as "
            f"{milestone.previous_name}; its skills are ready on {milestone.skills_ready}."
        )
    return text


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
