"""A cohort's heat map: nodes coloured by the share of people who still need them,
with a legend, in DOT (so SVG, PNG and HTML) and JSON, and ``planner graph --cohort``."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli
from planner.graph import CareerGraph
from planner.renderers.pictures.dot import render_dot
from planner.renderers.pictures.json import render_json
from planner.renderers.pictures.style import HEAT, heat_class
from planner.renderers.pictures.view import GraphView
from planner.reports.cohort import CohortHeat, StageShare
from tests.golden import check_golden

from .support import graph_from, ladder_data, needs_dot, run_dot

NEED = {"python": 7, "numpy": 6, "pandas": 3, "eda-report": 1, "docker": 9, "sql": 5}
"""Of a cohort of 10, 7 on the way to Junior (everyone, 86%, 43%, 14% of them) and all 10
to ML Engineer (90%, 50%); git, hobby and model-api: nobody."""
HEAT_OF = CohortHeat(
    10,
    NEED,
    stages=(
        StageShare("junior-ml-engineer", "Junior ML Engineer", ready=3, studying=7),
        StageShare("ml-engineer", "ML Engineer", ready=0, studying=10),
    ),
)
SVG = "{http://www.w3.org/2000/svg}"

GOLDEN = Path(__file__).parent / "golden"


def heat_view(graph: CareerGraph, **options: str) -> GraphView:
    return GraphView.from_graph(graph, heat=HEAT_OF, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (0.0, 0),
        (0.0001, 1),
        (0.2499, 1),
        (0.25, 2),
        (0.5, 3),
        (0.75, 4),
        (0.8999, 4),
        (0.9, 5),
        (0.9999, 5),
        (1.0, 6),
    ],
)
def test_heat_classes_start_at_their_lower_bound(share: float, expected: int) -> None:
    assert heat_class(share) == expected


def test_golden(ladder: CareerGraph) -> None:
    check_golden(GOLDEN / "ladder-cohort.dot", render_dot(heat_view(ladder)))


def test_same_output_for_shuffled_input(ladder: CareerGraph, ladder_shuffled: CareerGraph) -> None:
    assert render_dot(heat_view(ladder)) == render_dot(heat_view(ladder_shuffled))


def test_shades_tell_apart_what_differs_between_people(ladder: CareerGraph) -> None:
    """The regression: every Junior node showed the cohort minus those ready, in one
    shade. The share is of the people on the way to the node's stage: a node nobody on
    the way knows is darkest, one that some know lighter."""
    view = heat_view(ladder)
    assert view.share("python") == 1.0 and view.share("numpy") == 6 / 7
    assert view.share("docker") == 0.9  # on the way to ML Engineer: all ten
    dot = render_dot(view)
    expected = {
        "python": (6, "100%"),
        "numpy": (4, "86%"),
        "pandas": (2, "43%"),
        "eda-report": (1, "14%"),
        "docker": (5, "90%"),
        "sql": (3, "50%"),
        "git": (0, "0%"),
        "hobby": (0, "0%"),
        "model-api": (0, "0%"),
    }
    for node_id, (level, shown) in expected.items():
        line = next(x for x in dot.splitlines() if x.strip().startswith(f'"{node_id}" ['))
        assert f'class="heat-{level} ' in line, node_id
        look = HEAT[level][1]
        assert f'fillcolor="{look.fill}"' in line and f'fontcolor="{look.font}"' in line
        assert f'\\n{shown}"' in line, node_id
    stage = next(x for x in dot.splitlines() if x.strip().startswith('"ml-engineer" ['))
    assert 'class="cat-stage stage"' in stage and "%" not in stage
    assert view.tooltip("numpy").endswith("6 of the 7 people on the way still need it (86%)")


def test_an_older_summary_counts_everyone_not_ready(ladder: CareerGraph) -> None:
    older = CohortHeat(10, NEED, stages=(StageShare("junior-ml-engineer", "Junior ML Engineer", ready=3),))
    view = GraphView.from_graph(ladder, heat=older)
    assert view.share("numpy") == 6 / 7  # 10 planned, 3 ready
    assert view.share("docker") == 0.9  # no stage row: the whole cohort


def test_the_legend_names_every_class_and_the_title_the_cohort(ladder: CareerGraph) -> None:
    dot = render_dot(heat_view(ladder))
    legend = next(x for x in dot.splitlines() if x.startswith("  graph [label=<"))
    assert "Career graph · a cohort of 10: who still needs what" in legend
    assert "share of those on the way to its stage who still need it:" in legend
    labels = re.findall(r'<TD BGCOLOR="(#\w+)"[^>]*><FONT COLOR="#\w+">([^<]+)</FONT>', legend)
    assert labels[1:8] == [(look.fill, label) for label, look in HEAT]


def test_a_long_name_keeps_its_share(ladder: CareerGraph) -> None:
    data = ladder_data()
    data["skills"][0]["name"] = "A very long name that wraps over many many lines of the picture " * 2
    view = GraphView.from_graph(graph_from(data), heat=CohortHeat(5000, {"python": 1234}))
    line = next(x for x in render_dot(view).splitlines() if x.strip().startswith('"python" ['))
    label = re.search(r'label="([^"]*)"', line)
    assert label is not None
    assert label.group(1).replace("\\n", " ").endswith("… 25%")
    assert label.group(1).count("\\n") == 3  # three lines of name, one of the share


@needs_dot
def test_the_svg_keeps_one_classed_group_per_node(ladder: CareerGraph) -> None:
    root = ET.fromstring(run_dot(render_dot(heat_view(ladder))))
    classes = {
        g.get("id"): g.get("class") for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()
    }
    assert set(classes) == set(ladder.nodes)
    assert classes["numpy"] == "node heat-4 skill"


def test_json_gives_each_skill_and_project_its_people(ladder: CareerGraph) -> None:
    nodes = {n["id"]: n for n in json.loads(render_json(heat_view(ladder)))["nodes"]}
    assert {n: nodes[n].get("people") for n in nodes} == {
        **{n: NEED.get(n, 0) for n in nodes if ladder.kind(n) != "stage"},
        "junior-ml-engineer": None,
        "ml-engineer": None,
    }


# --- planner graph --cohort -------------------------------------------------------------------


@pytest.fixture
def summary(tmp_path: Path) -> Path:
    path = tmp_path / "summary.json"
    path.write_text(
        json.dumps({"planned": 4, "nodes": {"pandas": {"people": 4}, "git": {"people": 1}}}), encoding="utf-8"
    )
    return path


@pytest.fixture
def profile(write_profile: Callable[[str], Path], profile_toml: str) -> Path:
    return write_profile(profile_toml)


@pytest.fixture
def graph_command(runner: CliRunner, tiny_graph_dir: Path) -> Callable[..., Result]:
    """``graph_command(*args)``: ``planner graph`` on the tiny graph."""

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["graph", "--graph", str(tiny_graph_dir), *args])

    return invoke


def test_graph_cohort_colours_by_the_summary(graph_command: Callable[..., Result], summary: Path) -> None:
    result = graph_command("--cohort", str(summary), "--format", "json")
    assert result.exit_code == 0, result.output
    nodes = {n["id"]: n for n in json.loads(result.stdout)["nodes"]}
    assert (nodes["pandas"]["people"], nodes["git"]["people"], nodes["python"]["people"]) == (4, 1, 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--profile", "PROFILE"],
            "--cohort and --profile colour the graph in two different ways: give one of them",
        ),
        (["--format", "mermaid"], "the heat map is drawn in dot, svg, png, html and json, not mermaid"),
    ],
)
def test_graph_cohort_usage_errors(
    args: list[str], message: str, graph_command: Callable[..., Result], summary: Path, profile: Path
) -> None:
    result = graph_command("--cohort", str(summary), *[str(profile) if a == "PROFILE" else a for a in args])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: Invalid value for '--cohort': {message}\n")


def test_graph_cohort_from_another_graph_is_a_usage_error(
    graph_command: Callable[..., Result], tmp_path: Path
) -> None:
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({"planned": 2, "nodes": {"pandsa": {"people": 1}}}), encoding="utf-8")
    result = graph_command("--cohort", str(stale))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for '--cohort': {stale}: node 'pandsa' is not in the graph (did you mean "
        "'pandas'?); was the summary made with another graph?\n"
    )
