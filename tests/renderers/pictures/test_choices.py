"""Choices and recommendations in every picture: a small node named for the choice and
saying how many it takes ("A deep learning framework: 1 of") between the members and
what needs it, the picked members marked; recommendations, dashed, only when asked for."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace

import pytest

from planner.graph import CareerGraph, load_graph
from planner.planning import make_plan
from planner.profile import check_profile
from planner.renderers.pictures.dot import render_dot
from planner.renderers.pictures.json import render_json
from planner.renderers.pictures.mermaid import render_flowchart
from planner.renderers.pictures.view import GraphView
from planner.scheduling import Availability, schedule_plan
from tests.paths import CURRICULUM


@pytest.fixture(scope="module")
def graph() -> CareerGraph:
    return load_graph(CURRICULUM)


def planned_view(graph: CareerGraph) -> GraphView:
    profile = check_profile(
        {
            "target": "ml-engineer",
            "start": dt.date(2027, 1, 4),
            "hours_per_week": 6,
            "known": ["py"],
            "availability": {"sat": ["09:00-13:00"]},
            "choices": {"dl-framework": "tf"},
        },
        graph,
        file="p.toml",
    )
    schedule = schedule_plan(
        make_plan(graph, profile), Availability.from_profile(profile), start=dt.date(2027, 1, 4)
    )
    return GraphView.from_graph(graph, schedule=schedule)


def edge_classes(dot: str) -> dict[tuple[str, str], str]:
    return {
        (a, b): c
        for a, b, c in re.findall(
            r'^  "([^"]+)" -> "([^"]+)" \[id="(?:edge|rec)_\d+", class="([^"]+)"', dot, re.M
        )
    }


def test_dot_draws_a_choice_as_a_hexagon_named_and_saying_how_many(graph: CareerGraph) -> None:
    dot = render_dot(GraphView.from_graph(graph))
    hexagon = r', [^\n]*shape="hexagon"'
    assert re.search(r'"dl-framework" \[label="A deep learning\\nframework: 1 of"' + hexagon, dot)
    assert re.search(r'"ml-specialization" \[label="Two\\nspecialisations:\\n2 of"' + hexagon, dot)
    edges = edge_classes(dot)
    assert edges[("pytorch", "dl-framework")] == edges[("tensorflow", "dl-framework")] == "member"


def test_with_a_profile_the_picked_members_are_marked(graph: CareerGraph) -> None:
    dot = render_dot(planned_view(graph))
    edges = edge_classes(dot)
    assert edges[("tensorflow", "dl-framework")] == "picked"
    assert edges[("pytorch", "dl-framework")] == "member"
    assert re.search(r'"tensorflow" -> "dl-framework" \[[^\n]*penwidth="2.5"', dot)
    assert re.search(r'"pytorch" -> "dl-framework" \[[^\n]*style="dotted"', dot)


def test_recommendations_are_drawn_only_when_asked_for(graph: CareerGraph) -> None:
    plain = GraphView.from_graph(graph)
    assert plain.recommendations == []
    assert "recommend" not in render_dot(plain) and "recommend" not in render_flowchart(plain)
    view = GraphView.from_graph(graph, recommended=True)
    assert view.recommendations == [("jupyter", "python"), ("spark", "ml-engineer")]
    assert ("jupyter", "python") not in view.edges
    dot = render_dot(view)
    assert re.search(r'"jupyter" -> "python" \[id="rec_0", class="recommends", style="dashed"', dot)
    assert "recommended" in dot  # the legend says what a dashed line is


def test_mermaid_names_choices_and_draws_recommendations_when_asked(graph: CareerGraph) -> None:
    text = render_flowchart(planned_view(graph))
    assert 'n_dl_framework{{"A deep learning framework#58; 1 of"}}' in text
    assert 'n_ml_specialization{{"Two specialisations#58; 2 of"}}' in text
    assert "  n_tensorflow ==> n_dl_framework\n" in text
    assert "  n_pytorch -.-> n_dl_framework\n" in text
    assert "recommended" not in text
    asked = render_flowchart(replace(planned_view(graph), recommended=True))
    assert "  n_jupyter -. recommended .-> n_python\n" in asked


def test_json_carries_pick_and_recommends(graph: CareerGraph) -> None:
    data = json.loads(render_json(GraphView.from_graph(graph)))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["ml-specialization"]["kind"] == "choice" and nodes["ml-specialization"]["pick"] == 2
    assert nodes["python"]["recommends"] == ["jupyter"]
    assert {"source": "pytorch", "target": "dl-framework"} in data["edges"]
    assert {"source": "jupyter", "target": "python"} not in data["edges"]


def test_the_tooltip_of_a_choice_names_its_members_and_the_pick(graph: CareerGraph) -> None:
    assert planned_view(graph).tooltip("dl-framework") == (
        "A deep learning framework · choice · one of pytorch, tensorflow · tensorflow (profile); "
        "not picked: pytorch · planned"
    )
