"""SVG from Graphviz: one node group per graph node, ids kept, a clear error without dot."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest

from planner.errors import ToolMissingError
from planner.graph import CareerGraph
from planner.visualizers.png import render_png
from planner.visualizers.svg import render_svg
from planner.visualizers.view import GraphView

from .support import needs_dot

SVG = "{http://www.w3.org/2000/svg}"


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
    assert groups["pandas"] == ["node", "data", "skill"]
    assert groups["ml-engineer"] == ["node", "stage", "stage"]


@needs_dot
def test_status_classes_with_a_profile(ladder: CareerGraph, schedule_for: Callable[..., Any]) -> None:
    groups = node_groups(render_svg(GraphView.from_graph(ladder, schedule=schedule_for(ladder))))
    assert groups["numpy"] == ["node", "known", "skill"]
    assert groups["eda-report"] == ["node", "planned", "project"]
    assert groups["hobby"] == ["node", "not-needed", "skill"]


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
