"""Review sessions in the calendar: "Review: PyTorch (1/3)", with UIDs that stay put."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from planner.graph import CareerGraph
from planner.renderers.ical.calendar import event_uid, render_ical
from planner.renderers.ical.previous import read_previous
from planner.scheduling import Schedule

from ..support import ROADMAP_GRAPH, schedule_of

STAMP = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)


def reviews_in(data: bytes) -> list[tuple[str, str, str]]:
    return [
        (str(ev["UID"]), str(ev["SUMMARY"]), ev["DTSTART"].dt.isoformat())
        for ev in Calendar.from_ical(data).walk("VEVENT")
        if str(ev["SUMMARY"]).startswith("Review: ")
    ]


def test_each_review_is_an_event_with_a_stable_uid(roadmap_schedule: Schedule) -> None:
    graph: CareerGraph = schedule_of(ROADMAP_GRAPH)[0]
    data = render_ical(roadmap_schedule, graph, person="Tess", stamp=STAMP, reminder=10)
    found = reviews_in(data)
    assert len(found) == len(roadmap_schedule.reviews) == 14
    numpy = [f for f in found if "NumPy" in f[1]]
    assert numpy == [
        (event_uid("Tess", "review", "numpy", 1), "Review: NumPy (1/2)", "2027-03-27T11:30:00+01:00"),
        (event_uid("Tess", "review", "numpy", 2), "Review: NumPy (2/2)", "2027-04-03T09:30:00+02:00"),
    ]
    events = {str(ev["UID"]): ev for ev in Calendar.from_ical(data).walk("VEVENT")}
    review = events[numpy[0][0]]
    assert str(review["DESCRIPTION"]) == "Go over NumPy again: review 1 of 2, due 2027-03-08."
    assert len(review.subcomponents) == 1  # the reminder
    assert "X-PLANNER-ITEM" not in review  # study numbering never counts reviews
    again = render_ical(
        roadmap_schedule,
        graph,
        person="Tess",
        stamp=STAMP,
        reminder=10,
        previous=read_previous(data, file="old.ics"),
    )
    assert reviews_in(again) == found
    assert all(int(ev.get("SEQUENCE", 0)) == 0 for ev in Calendar.from_ical(again).walk("VEVENT"))
