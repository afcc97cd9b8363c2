"""The JSON roadmap: golden file, SPEC's keys, input order."""

from __future__ import annotations

import json

from planner.exporters.json import render_json, roadmap_data
from planner.scheduling import Schedule

from .support import ROADMAP_GRAPH, Shuffle, check_golden, schedule_of


def test_golden(roadmap_schedule: Schedule) -> None:
    check_golden("roadmap.json", render_json(roadmap_schedule, name="Tess"))


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
