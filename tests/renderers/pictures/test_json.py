"""Node-link JSON: the documented keys, sorted, order independent, any name round-trips."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import networkx as nx

from planner.graph import CareerGraph
from planner.renderers.pictures.json import render_json
from planner.renderers.pictures.view import GraphView

from .support import HOSTILE_NAMES


def test_node_link_data(ladder: CareerGraph) -> None:
    data = json.loads(render_json(GraphView.from_graph(ladder)))
    assert [n["id"] for n in data["nodes"]] == sorted(ladder.nodes)
    pandas = next(n for n in data["nodes"] if n["id"] == "pandas")
    assert pandas == {"id": "pandas", "kind": "skill", "name": "pandas", "hours": 6.0, "category": "data"}
    stage = next(n for n in data["nodes"] if n["id"] == "ml-engineer")
    assert "hours" not in stage and stage["kind"] == "stage"
    assert [(e["source"], e["target"]) for e in data["edges"]] == sorted(ladder.digraph.edges)
    rebuilt = nx.node_link_graph(data, edges="edges")
    assert set(rebuilt.edges) == set(ladder.digraph.edges)


def test_status_and_highlight(ladder: CareerGraph, schedule_for: Callable[..., Any]) -> None:
    view = GraphView.from_graph(ladder, schedule=schedule_for(ladder), focus="pandas")
    nodes = {n["id"]: n for n in json.loads(render_json(view))["nodes"]}
    assert nodes["numpy"]["status"] == "known"
    assert nodes["hobby"]["status"] == "not-needed"
    assert {i for i, n in nodes.items() if n.get("highlight")} == {"pandas", "numpy", "python"}


def test_same_output_for_shuffled_input(ladder: CareerGraph, ladder_shuffled: CareerGraph) -> None:
    assert render_json(GraphView.from_graph(ladder)) == render_json(GraphView.from_graph(ladder_shuffled))


def test_hostile_names_round_trip(hostile: CareerGraph) -> None:
    text = render_json(GraphView.from_graph(hostile))
    assert text.endswith("}\n")
    names = {n["id"]: n["name"] for n in json.loads(text)["nodes"]}
    for node_id, name in HOSTILE_NAMES.items():
        assert names[node_id] == name
