"""The JSON roadmap: golden file, the documented keys, input order."""

from __future__ import annotations

import json
from pathlib import Path

from planner.renderers.roadmap.json import render_json, roadmap_data
from planner.scheduling import Schedule
from tests.golden import check_golden

from ..support import ROADMAP_GRAPH, Shuffle, schedule_of

GOLDEN = Path(__file__).parent / "golden"


def test_golden(roadmap_schedule: Schedule) -> None:
    check_golden(GOLDEN / "roadmap.json", render_json(roadmap_schedule, name="Tess"))


def test_spec_keys(roadmap_schedule: Schedule) -> None:
    data = roadmap_data(roadmap_schedule)
    assert {"target", "items", "sessions", "milestones"} <= set(data)
    assert {"id", "kind", "name", "hours", "start", "end", "requires"} <= set(data["items"][0])
    assert set(data["sessions"][0]) >= {"item", "start", "end"}
    assert set(data["milestones"][0]) >= {"stage", "date"}


def test_items_in_roadmap_order_and_hours_remaining(roadmap_schedule: Schedule) -> None:
    items = roadmap_data(roadmap_schedule)["items"]
    assert [i["id"] for i in items] == [i.id for i in roadmap_schedule.plan.items]
    assert next(i for i in items if i["id"] == "numpy")["hours"] == 1.0  # half of 2 h was done


def test_same_json_whatever_the_input_order(roadmap_schedule: Schedule, shuffle: Shuffle) -> None:
    expected = render_json(roadmap_schedule)
    for seed in range(3):
        assert render_json(schedule_of(shuffle(ROADMAP_GRAPH, seed))[1]) == expected
    json.loads(expected)


def test_study_and_review_sessions_by_start_with_their_kind(roadmap_schedule: Schedule) -> None:
    sessions = roadmap_data(roadmap_schedule)["sessions"]
    assert [s["start"] for s in sessions] == sorted(s["start"] for s in sessions)
    study = [s for s in sessions if s["kind"] == "study"]
    reviews = [s for s in sessions if s["kind"] == "review"]
    assert len(study) == len(roadmap_schedule.sessions)
    assert len(reviews) == len(roadmap_schedule.reviews) == 14
    assert set(study[0]) == {"item", "kind", "start", "end"}
    first = next(r for r in reviews if r["item"] == "numpy")
    assert first == {
        "item": "numpy",
        "kind": "review",
        "start": "2027-03-27T11:30:00+01:00",
        "end": "2027-03-27T12:00:00+01:00",
        "index": 1,
        "count": 2,
        "due": "2027-03-08",
    }


def test_warnings_are_in_the_data(roadmap_schedule: Schedule) -> None:
    assert roadmap_data(roadmap_schedule, warnings=("late",))["warnings"] == ["late"]
