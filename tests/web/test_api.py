"""The JSON API: each page's data is the Python API's ``to_dict()``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import planner
from planner.graph import CareerGraph

from .support import MOMENT


def same(data: Any) -> Any:
    """``data`` as JSON reads it back."""
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize(
    ("path", "use_case"),
    [
        ("/api/week", lambda p, g: planner.week(p, graph=g, now=MOMENT)),
        (
            "/api/week?from=2027-03-01&days=3",
            lambda p, g: planner.week(p, graph=g, now=MOMENT, start=dt.date(2027, 3, 1), days=3),
        ),
        ("/api/status", lambda p, g: planner.status(p, graph=g, now=MOMENT)),
        ("/api/status?count=9", lambda p, g: planner.status(p, graph=g, now=MOMENT, count=9)),
        ("/api/roadmap", lambda p, g: planner.roadmap(p, graph=g, now=MOMENT)),
        ("/api/graph", lambda p, g: planner.picture(graph=g, profile=p, now=MOMENT)),
        ("/api/calendar", lambda p, g: planner.calendar(p, graph=g, now=MOMENT)),
    ],
)
def test_each_route_is_the_use_case_s_to_dict(
    client: TestClient, marco: Path, graph: CareerGraph, path: str, use_case: Any
) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.json() == same(use_case(planner.load_profile(marco), graph).to_dict())


def test_bad_parameters_are_422_with_fastapi_s_details(client: TestClient) -> None:
    assert client.get("/api/week?days=40").status_code == 422
    assert client.get("/api/week?from=soon").status_code == 422


def test_the_profile_route_shows_the_file_and_its_problems(client: TestClient, marco: Path) -> None:
    answer = client.get("/api/profile").json()
    assert answer["valid"] is True and answer["problems"] == [] and answer["error"] is None
    assert answer["values"]["start"] == "2027-01-11"
    marco.write_text(marco.read_text().replace("hours_per_week = 15", "hours_per_week = 0"))
    answer = client.get("/api/profile").json()
    assert answer["valid"] is False
    assert answer["problems"] == [
        {
            "key": "hours_per_week",
            "line": 7,
            "message": "0 is out of range: it must be more than 0 and at most 168 (the hours in a week)",
        }
    ]
    assert answer["error"].startswith(f"{marco}:7: key 'hours_per_week': ")


def test_a_broken_profile_is_422_with_the_cli_s_message(client: TestClient, marco: Path) -> None:
    marco.write_text("target = \n")
    for path in ("/api/week", "/api/status", "/api/roadmap", "/api/graph", "/api/calendar"):
        answer = client.get(path)
        assert answer.status_code == 422
        assert answer.json()["error"].startswith(f"{marco}:1: TOML syntax error")


def test_the_documentation_is_served_without_a_cdn(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/week",
        "/api/status",
        "/api/roadmap",
        "/api/graph",
        "/api/calendar",
        "/api/profile",
    }
    docs = client.get("/docs")
    assert docs.status_code == 200
    for path in spec["paths"]:
        assert f'<a href="{path}"><code>{path}</code></a>' in docs.text
    assert "cdn" not in docs.text.lower() and "swagger" not in docs.text.lower()
    assert client.get("/redoc").status_code == 404
