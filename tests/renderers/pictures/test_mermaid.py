"""Mermaid flowcharts: golden output, order independence, sanitized ids and labels."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.errors import PlanError
from planner.graph import CareerGraph
from planner.planning import make_plan
from planner.renderers.pictures import GRAPH_FORMATS
from planner.renderers.pictures.mermaid import MAX_EDGES, label, render_flowchart
from planner.renderers.pictures.view import GraphView
from tests.golden import check_golden

_LINE = re.compile(
    r"(flowchart TB"
    r'|  subgraph band_\d+\["[^"]*"\]'
    r"|    direction TB"
    r'|    n_\w+(\[\["[^"]*"\]\]|\(\["[^"]*"\]\)|\["[^"]*"\])'
    r"|  end"
    r"|  n_\w+ (-->|==>|~~~) n_\w+"
    r"|  classDef [a-z0-9_]+ [a-z0-9:#,.\- ]+"
    r"|  class n_\w+(,n_\w+)* [a-z0-9_]+"
    r"|  linkStyle \d+(,\d+)* [a-z0-9:#,.\- ]+)"
)
"""Every line a flowchart may hold: no data can add any other kind of statement."""

GOLDEN = Path(__file__).parent / "golden"


def test_golden(ladder: CareerGraph) -> None:
    check_golden(GOLDEN / "ladder.mmd", render_flowchart(GraphView.from_graph(ladder)))


def test_golden_profile(ladder: CareerGraph, schedule_for: Callable[..., Any]) -> None:
    view = GraphView.from_graph(ladder, schedule=schedule_for(ladder), focus="eda-report")
    check_golden(GOLDEN / "ladder-profile.mmd", str(GRAPH_FORMATS["mermaid"](view)))


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


def _wide(build: Callable[..., CareerGraph]) -> CareerGraph:
    skills = [{"id": f"s{i}", "name": f"S{i}", "hours": 1} for i in range(40)]
    skills += [
        {"id": f"t{i}", "name": f"T{i}", "hours": 1, "requires": [f"s{j}" for j in range(40)]}
        for i in range(13)
    ]
    stages = [{"id": "top", "name": "Top", "requires": [f"t{i}" for i in range(13)]}]
    return build(("g.toml", {"skills": skills, "stages": stages}))


@pytest.mark.parametrize(
    ("kwargs", "advice"),
    [
        (
            {},
            "Narrow it with --stage ID or --profile, draw the ladder alone with --overview, "
            "or use --format svg or html",
        ),
        (
            {"stage": "top"},
            "Narrow it with --profile, draw the ladder alone with --overview, or use --format svg or html",
        ),
        (
            {"stage": "top", "plan": True},
            "Draw the ladder alone with --overview, or use --format svg or html",
        ),
    ],
)
def test_too_many_edges_suggests_only_options_not_given(
    build: Callable[..., CareerGraph], make_profile: Callable[..., Any], kwargs: dict[str, Any], advice: str
) -> None:
    graph = _wide(build)
    if kwargs.pop("plan", False):
        kwargs["plan"] = make_plan(graph, make_profile(graph, target="top"))
    view = GraphView.from_graph(graph, **kwargs)
    with pytest.raises(PlanError) as error:
        render_flowchart(view)
    rows = [row for band in view.rows.values() for row in band]
    links = 40 * 13 + sum(len(row) for row in rows[1:])  # the prerequisites, and a link into each row
    assert str(error.value) == f"the view needs {links} links; Mermaid renders at most {MAX_EDGES}. {advice}"


def test_bands_run_top_to_bottom_in_ladder_order(ladder: CareerGraph) -> None:
    """Mermaid ranks nodes by links alone: every node after the first row is linked
    (invisibly if need be) from the row above it, so rows and bands stack in order."""
    text = render_flowchart(GraphView.from_graph(ladder))
    bands = re.findall(r'subgraph band_\d+\["([^"]*)"\]', text)
    assert bands == ["1. Junior ML Engineer", "2. ML Engineer", "Not required by any stage"]
    rows = [row for band in GraphView.from_graph(ladder).rows.values() for row in band]
    links = set(re.findall(r"  (n_\w+) ~~~ (n_\w+)", text))
    for upper, lower in itertools.pairwise(rows):
        for node in lower:
            assert ("n_" + upper[0].replace("-", "_"), "n_" + node.replace("-", "_")) in links


def test_categories_have_the_colours_of_every_other_format(ladder: CareerGraph) -> None:
    view = GraphView.from_graph(ladder)
    text = render_flowchart(view)
    fills = dict(re.findall(r"classDef (\w+) fill:(#[0-9a-f]{6})", text))
    for members, name in re.findall(r"  class ([\w,]+) (\w+)", text):
        for mermaid_id in members.split(","):
            node = next(n for n in view.nodes if "n_" + n.replace("-", "_") == mermaid_id)
            expected = "#263238" if view.nodes[node].kind == "stage" else view.fills[view.category(node)]
            assert fills[name] == expected, node


def test_overview(ladder: CareerGraph) -> None:
    text = render_flowchart(GraphView.from_graph(ladder, overview=True))
    assert text == (
        "flowchart TB\n"
        '  n_junior_ml_engineer["1. Junior ML Engineer<br>4 skills #183; 1 project #183; 30 h"]\n'
        '  n_ml_engineer["2. ML Engineer<br>2 skills #183; 1 project #183; 13 h"]\n'
        '  n__unstaged["Not required by any stage<br>1 skill #183; 4 h"]\n'
        "  n_junior_ml_engineer ==> n_ml_engineer\n"
    )
