"""Mermaid flowcharts: golden output, order independence, sanitized ids and labels."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from planner.errors import PlanError
from planner.graph import CareerGraph
from planner.visualizers import GRAPH_FORMATS
from planner.visualizers.mermaid import MAX_EDGES, label, render_flowchart
from planner.visualizers.view import GraphView

from .support import check_golden

_LINE = re.compile(
    r'(flowchart TB'
    r'|  subgraph band_\d+\["[^"]*"\]'
    r'|    n_\w+(\[\["[^"]*"\]\]|\(\["[^"]*"\]\)|\["[^"]*"\])'
    r'|  end'
    r'|  n_\w+ (-->|==>) n_\w+'
    r'|  classDef [a-z_]+ [a-z0-9:#,.\- ]+'
    r'|  class n_\w+(,n_\w+)* [a-z_]+)'
)
"""Every line a flowchart may hold: no data can add any other kind of statement."""


def test_golden(ladder: CareerGraph) -> None:
    check_golden("ladder.mmd", render_flowchart(GraphView.from_graph(ladder)))


def test_golden_profile(ladder: CareerGraph, schedule_for: Callable[..., Any]) -> None:
    view = GraphView.from_graph(ladder, schedule=schedule_for(ladder), focus="eda-report")
    check_golden("ladder-profile.mmd", str(GRAPH_FORMATS["mermaid"](view)))


def test_stage_filter(ladder: CareerGraph) -> None:
    text = render_flowchart(GraphView.from_graph(ladder, stage="junior-ml-engineer"))
    assert "n_docker" not in text and "n_hobby" not in text
    assert "n_eda_report" in text


def test_same_output_for_shuffled_input(ladder: CareerGraph, ladder_shuffled: CareerGraph) -> None:
    assert render_flowchart(GraphView.from_graph(ladder)) == render_flowchart(
        GraphView.from_graph(ladder_shuffled)
    )


def test_hostile_names_only_make_labels(hostile: CareerGraph) -> None:
    text = render_flowchart(GraphView.from_graph(hostile, focus="model-api"))
    for line in text.splitlines():
        assert _LINE.fullmatch(line), line
    assert "<" not in text and ">" not in text.replace("-->", "").replace("==>", "")
    assert label("A-->B[x]") == "A--#62;B#91;x#93;"
    assert label('"]; evil') == "#34;#93;#59; evil"


def test_too_many_edges_is_a_clear_error(build: Callable[..., CareerGraph]) -> None:
    skills = [{"id": f"s{i}", "name": f"S{i}", "hours": 1} for i in range(40)]
    skills += [{"id": f"t{i}", "name": f"T{i}", "hours": 1, "requires": [f"s{j}" for j in range(40)]}
               for i in range(13)]
    stages = [{"id": "top", "name": "Top", "requires": [f"t{i}" for i in range(13)]}]
    graph = build(("g.toml", {"skills": skills, "stages": stages}))
    with pytest.raises(PlanError, match=f"Mermaid renders at most {MAX_EDGES}"):
        render_flowchart(GraphView.from_graph(graph))
