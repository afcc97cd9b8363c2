"""Mermaid flowcharts: golden output, order independence, sanitized ids and labels."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.errors import PlanError
from planner.graph import CareerGraph
from planner.planning import make_plan
from planner.renderers.pictures import GRAPH_FORMATS
from planner.renderers.pictures.mermaid import MAX_EDGES, category_groups, label, render_flowchart
from planner.renderers.pictures.mermaid import ROW_BUDGET as MERMAID_ROW
from planner.renderers.pictures.view import GraphView
from tests.golden import check_golden

_LINE = re.compile(
    r"(flowchart TB"
    r'|  subgraph band_\d+\["[^"]*"\]'
    r'|    subgraph band_\d+_\d+\["[^"]*"\]'
    r"|    (  )?direction TB"
    r'|    (  )?n_\w+(\[\["[^"]*"\]\]|\(\["[^"]*"\]\)|\["[^"]*"\]|\{\{"[^"]*"\}\})'
    r"|  (  )?end"
    r"|  n_\w+ (-->|==>|-\.->) n_\w+"
    r"|  (n_\w+|band_\d+_\d+) ~~~ (n_\w+|band_\d+_\d+)"
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
    pattern = r"the view needs (\d+) links; Mermaid renders at most (\d+)\. (.*)"
    found = re.fullmatch(pattern, str(error.value))
    assert found is not None, str(error.value)
    assert int(found.group(1)) >= 40 * 13 > MAX_EDGES == int(found.group(2))  # the prerequisites alone
    assert found.group(3) == advice


def test_a_stage_runs_top_to_bottom_in_a_box_per_category(ladder: CareerGraph) -> None:
    """Mermaid ranks nodes by links alone, and a long link widens every rank it crosses
    (the regression: a 17,151-pixel strip). So each band holds a box per category, its
    rows linked (invisibly) from both ends of the row above, the boxes linked one below
    the other; arrows between categories are left out, and each box names the
    categories it needs."""
    view = GraphView.from_graph(ladder)
    text = render_flowchart(view)
    bands = re.findall(r'  subgraph band_\d+\["([^"]*)"\]', text)
    assert bands == ["1. Junior ML Engineer", "2. ML Engineer", "Not required by any stage"]
    boxes = re.findall(r'    subgraph (band_\d+_\d+)\["([^"]*)"\]', text)
    assert boxes[:4] == [
        ("band_1_1", "engineering"),
        ("band_1_2", "foundations"),
        ("band_1_3", "data (needs foundations)"),
        ("band_1_4", "project (needs data)"),
    ]
    order = re.findall(r"  (band_\d+_\d+|n_\w+) ~~~ (band_\d+_\d+|n_\w+)", text)
    assert ("band_1_4", "n_junior_ml_engineer") in order  # the stage comes last in its band
    assert ("n_junior_ml_engineer", "band_2_1") in order  # and the next band below it
    assert "  n_numpy --> n_pandas\n" in text  # inside one category
    assert "n_python --> n_numpy" not in text  # across categories: the box title says it


def test_a_big_stage_stays_about_a_page_wide() -> None:
    """The shipped ML Engineer stage: every row of every box holds at most a few nodes."""
    from planner import load_graph

    view = GraphView.from_graph(load_graph(), stage="ml-engineer")
    text = render_flowchart(view)
    assert "recommended" not in text
    assert len(re.findall(r" --> | ==> | -\.-> ", text)) < 120  # was 274 arrows with recommendations
    for band in view.bands:
        for _, rows in category_groups(view, band.id):
            assert all(sum(view.label_width(n) for n in row) <= MERMAID_ROW or len(row) == 1 for row in rows)


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
