"""DOT text: golden output, order independence, quoting, and Graphviz accepting it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.graph import CareerGraph
from planner.renderers.pictures.dot import quote, render_dot, text
from planner.renderers.pictures.style import short_label
from planner.renderers.pictures.view import GraphView
from tests.golden import check_golden

from .support import HOSTILE_NAMES, needs_dot, run_dot

SVG = "{http://www.w3.org/2000/svg}"

GOLDEN = Path(__file__).parent / "golden"


def test_golden(ladder: CareerGraph) -> None:
    check_golden(GOLDEN / "ladder.dot", render_dot(GraphView.from_graph(ladder)))


def test_golden_with_profile_and_focus(ladder: CareerGraph, schedule_for: Callable[..., Any]) -> None:
    view = GraphView.from_graph(ladder, schedule=schedule_for(ladder), focus="eda-report", person="Tess")
    check_golden(GOLDEN / "ladder-profile-focus.dot", render_dot(view))


def test_same_output_for_shuffled_input(
    ladder: CareerGraph, ladder_shuffled: CareerGraph, schedule_for: Callable[..., Any]
) -> None:
    assert render_dot(GraphView.from_graph(ladder)) == render_dot(GraphView.from_graph(ladder_shuffled))
    a = GraphView.from_graph(ladder, schedule=schedule_for(ladder), focus="model-api")
    b = GraphView.from_graph(ladder_shuffled, schedule=schedule_for(ladder_shuffled), focus="model-api")
    assert render_dot(a) == render_dot(b)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("two\nlines\r\nthree\rfour", '"two\\nlines\\nthree\\nfour"'),
        ("}; digraph x {", '"}; digraph x {"'),
        ("<b>html</b>", '"<b>html</b>"'),
        ("", '""'),
    ],
)
def test_quote(value: str, expected: str) -> None:
    assert quote(value) == expected


def test_text_neutralises_entities_keeps_line_breaks_and_drops_control_characters() -> None:
    assert text("a &amp; b") == '"a &amp;amp; b"'
    assert text("one two\nthree") == '"one two\\nthree"'
    assert text("bell\a esc\x1b[31m nul\x00 del\x7f c1\x9b") == '"bell esc[31m nul del c1"'


def test_focus_chain_is_red_and_classed(ladder: CareerGraph) -> None:
    dot = render_dot(GraphView.from_graph(ladder, focus="pandas"))
    assert '"numpy" -> "pandas" [id="edge_' in dot
    line = next(x for x in dot.splitlines() if x.startswith('  "numpy" -> "pandas" [id='))
    assert 'class="requires highlight"' in line
    assert 'color="#d32f2f"' in line
    node = next(x for x in dot.splitlines() if x.strip().startswith('"pandas" ['))
    assert 'class="cat-data skill highlight focus"' in node


@needs_dot
def test_graphviz_accepts_the_text(ladder: CareerGraph, schedule_for: Callable[..., Any]) -> None:
    run_dot(render_dot(GraphView.from_graph(ladder)), "canon")
    run_dot(render_dot(GraphView.from_graph(ladder, schedule=schedule_for(ladder), focus="docker")), "canon")


@needs_dot
def test_hostile_names_stay_labels(hostile: CareerGraph) -> None:
    """Every hostile name is drawn as exactly its text, and no extra node appears."""
    view = GraphView.from_graph(hostile, focus="model-api")
    root = ET.fromstring(run_dot(render_dot(view)))
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()}
    assert set(groups) == set(hostile.nodes)
    for node_id, name in HOSTILE_NAMES.items():
        drawn = " ".join(t.text or "" for t in groups[node_id].iter(f"{SVG}text"))
        # Boxes show the short label, over lines (the SVG's tooltips: test_svg.py).
        assert "".join(drawn.split()) == "".join("".join(short_label(name)).split()), node_id
    stage = " ".join(t.text or "" for t in groups["junior-ml-engineer"].iter(f"{SVG}text"))
    assert stage == 'Junior <i>ML</i> "Engineer" \\'


def test_with_a_profile_the_picture_shows_where_the_person_stands(
    ladder: CareerGraph, schedule_for: Callable[..., Any]
) -> None:
    """The regression: the PNG and SVG drawn with --profile showed neither position nor dates."""
    import datetime as dt

    schedule = schedule_for(ladder)
    now = dt.datetime.combine(schedule.start, dt.time(8), tzinfo=dt.UTC)
    view = GraphView.from_graph(ladder, schedule=schedule, now=now)
    dot = render_dot(view)
    assert view.position is not None and view.position.here == "junior-ml-engineer"
    reached = schedule.milestone("junior-ml-engineer").date
    assert f"As of {schedule.start}: working towards Junior ML Engineer (reached {reached}); next: " in dot
    assert 'graph [label="1. Junior ML Engineer · ● you are here"];' in dot
    assert f'"junior-ml-engineer" [label="Junior ML\\nEngineer\\nreached {reached}"' in dot
    nexts = [line for line in dot.splitlines() if " next" in line and "class=" in line]
    assert len(nexts) == 1 and 'label="▶ ' in nexts[0]
    assert '"numpy" [label="✓ NumPy"' in dot  # known: a badge and a green border, its category's fill
