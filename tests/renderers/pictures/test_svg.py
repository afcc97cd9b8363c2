"""SVG from Graphviz: one node group per graph node, ids kept, a clear error without dot."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest

from planner.errors import ToolMissingError
from planner.graph import CareerGraph
from planner.renderers.pictures import style
from planner.renderers.pictures.png import render_png
from planner.renderers.pictures.svg import render_svg
from planner.renderers.pictures.view import GraphView

from .support import HOSTILE_NAMES, needs_dot

SVG = "{http://www.w3.org/2000/svg}"
NOW = dt.datetime(2027, 1, 4, 9, tzinfo=dt.UTC)


def node_groups(svg: str) -> dict[str, list[str]]:
    root = ET.fromstring(svg)
    found: dict[str, list[str]] = {}
    for g in root.iter(f"{SVG}g"):
        classes = (g.get("class") or "").split()
        if "node" in classes:
            assert g.get("id") not in found, f"two node groups for {g.get('id')}"
            found[g.get("id") or ""] = classes
    return found


@needs_dot
def test_one_group_per_node_with_graph_ids(ladder: CareerGraph) -> None:
    groups = node_groups(render_svg(GraphView.from_graph(ladder)))
    assert set(groups) == set(ladder.nodes)
    assert groups["pandas"] == ["node", "cat-data", "skill"]
    assert groups["ml-engineer"] == ["node", "cat-stage", "stage"]


@needs_dot
def test_status_classes_with_a_profile(ladder: CareerGraph, schedule_for: Callable[..., Any]) -> None:
    groups = node_groups(render_svg(GraphView.from_graph(ladder, schedule=schedule_for(ladder))))
    # The category stays (it is the fill), the status is a class of its own.
    assert groups["numpy"] == ["node", "cat-data", "known", "skill"]
    assert groups["eda-report"] == ["node", "cat-project", "planned", "project"]
    assert groups["hobby"] == ["node", "cat-fun", "not-needed", "skill"]


@needs_dot
def test_shuffled_input_gives_the_same_svg(ladder: CareerGraph, ladder_shuffled: CareerGraph) -> None:
    assert render_svg(GraphView.from_graph(ladder)) == render_svg(GraphView.from_graph(ladder_shuffled))


@needs_dot
def test_hostile_names_are_escaped(hostile: CareerGraph) -> None:
    svg = render_svg(GraphView.from_graph(hostile))
    root = ET.fromstring(svg)  # well-formed XML despite the names
    assert set(node_groups(svg)) == set(hostile.nodes)
    tags = {el.tag for el in root.iter()}
    assert f"{SVG}img" not in tags and "img" not in tags
    assert not any(key.startswith("on") for el in root.iter() for key in el.attrib)


@needs_dot
def test_png(ladder: CareerGraph) -> None:
    assert render_png(GraphView.from_graph(ladder)).startswith(b"\x89PNG\r\n\x1a\n")


def test_missing_dot_says_how_to_install(ladder: CareerGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ToolMissingError, match=r"install Graphviz.*apt-get install graphviz"):
        render_svg(GraphView.from_graph(ladder))


@needs_dot
def test_tooltips_hold_the_full_names(hostile: CareerGraph) -> None:
    """Boxes show short labels; every SVG viewer shows the ``<title>``: the whole name."""
    root = ET.fromstring(render_svg(GraphView.from_graph(hostile)))
    titles = {
        g.get("id"): g.findtext(f"{SVG}title")
        for g in root.iter(f"{SVG}g")
        if "node" in (g.get("class") or "").split()
    }
    for node_id, name in HOSTILE_NAMES.items():
        assert (
            titles[node_id] == f"{' '.join(name.split())} · {hostile.kind(node_id)} · "
            f"{hostile.hours(node_id):g} h"
        )


def node_fills(svg: str) -> dict[str, str]:
    """Fill of each node box of an SVG, by node id."""
    root = ET.fromstring(svg)
    shapes = (f"{SVG}path", f"{SVG}polygon")
    return {
        g.get("id") or "": next(s.get("fill") or "" for s in g.iter() if s.tag in shapes)
        for g in root.iter(f"{SVG}g")
        if "node" in (g.get("class") or "").split()
    }


def legend_fills(svg: str) -> dict[str, str]:
    """Legend label → swatch fill of a Graphviz SVG (the filled cell drawn before each label)."""
    root = ET.fromstring(svg)
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    found, fill = {}, ""
    for child in graph:
        if child.tag == f"{SVG}polygon" and child.get("fill") not in ("none", "white", None):
            fill = child.get("fill") or ""
        elif child.tag == f"{SVG}text" and fill:
            found[child.text or ""] = fill
    return found


@needs_dot
@pytest.mark.slow
def test_a_category_has_one_colour_in_every_view_and_format() -> None:
    from planner import load_graph
    from planner.renderers.pictures.html import render_html
    from planner.renderers.pictures.mermaid import render_flowchart

    graph = load_graph()
    category = {n: node.category for n, node in graph.nodes.items() if node.kind in ("skill", "project")}
    expected = style.category_fills(graph)
    views = [
        GraphView.from_graph(graph),
        GraphView.from_graph(graph, stage="junior-ml-engineer"),
        GraphView.from_graph(graph, stage="ml-architect"),
        GraphView.from_graph(graph, focus="pytorch"),
    ]
    pictures = [render_svg(view) for view in views]
    page = render_html(views[0])
    pictures.append(page[page.index("<svg") : page.index("</svg>") + 6])
    for picture in pictures:
        fills = node_fills(picture)
        assert len(fills) > 40
        for node_id, fill in fills.items():
            if node_id in category:
                assert fill == expected[category[node_id]], node_id
    for picture in pictures[:-1]:
        legend = legend_fills(picture)
        assert len(legend) >= 5
        for label, fill in legend.items():
            if label in expected:
                assert fill == expected[label], label
    text = render_flowchart(GraphView.from_graph(graph, stage="senior-ml-engineer"))
    classes = dict(re.findall(r"classDef (\w+) fill:(#[0-9a-f]{6})", text))
    for members, name in re.findall(r"  class ([\w,]+) (\w+)", text):
        for node_id in (n for n in category if "n_" + n.replace("-", "_") in members.split(",")):
            assert classes[name] == expected[category[node_id]], node_id
    swatches = set(re.findall(r'class="swatch (f-[0-9a-f]{6})"></span>([^<]+)<', page))
    assert len(swatches) >= 5
    for swatch, label in swatches:
        if label in expected:
            assert swatch == "f-" + expected[label][1:], label


README_WIDTH = 880
"""CSS pixels a README picture is shown at (GitHub's content column)."""


def smallest_text_px(svg: str, shown_width: float) -> float:
    """The smallest font size of an SVG's text, in CSS pixels, when shown ``shown_width``
    wide (or at its own size when narrower)."""
    root = ET.fromstring(svg)
    points = float(root.get("viewBox", "0 0 1 1").split()[2])
    scale = min(shown_width, points * 4 / 3) / points
    return min(float(t.get("font-size") or 0) for t in root.iter(f"{SVG}text")) * scale


@needs_dot
@pytest.mark.parametrize(
    ("kwargs", "profile"),
    [
        ({"overview": True}, False),
        ({"overview": True}, True),
        ({"stage": "junior-ml-engineer"}, False),
    ],
)
def test_readme_pictures_read_at_page_width(
    kwargs: dict[str, Any], profile: bool, make_profile: Callable[..., Any]
) -> None:
    from planner import load_graph
    from planner.usecases import picture

    graph = load_graph()
    person = make_profile(graph, target="ml-engineer", known=["python"]) if profile else None
    svg = str(picture(graph=graph, now=NOW, profile=person, **kwargs).render("svg"))
    assert smallest_text_px(svg, README_WIDTH) >= 11
