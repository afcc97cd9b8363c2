"""Regression: control characters in graph names (NUL, ESC, BEL, ...) broke Graphviz and
made SVG that is not well-formed XML. Every picture format drops them (JSON escapes them)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest

from planner.graph import CareerGraph
from planner.renderers.pictures import GRAPH_FORMATS
from planner.renderers.pictures.view import GraphView

from .support import CONTROL_CHARACTERS, CONTROL_NAMES, control_graph, needs_dot


@pytest.fixture
def controlled() -> CareerGraph:
    return control_graph()


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "json"])
@pytest.mark.parametrize("overview", [False, True])
def test_text_formats_hold_no_control_characters(
    controlled: CareerGraph, schedule_for: Callable[..., Any], fmt: str, overview: bool
) -> None:
    for view in (
        GraphView.from_graph(controlled, focus="pandas", overview=overview),
        GraphView.from_graph(controlled, schedule=schedule_for(controlled), overview=overview),
    ):
        text = str(GRAPH_FORMATS[fmt](view))
        assert not CONTROL_CHARACTERS.search(text)


def test_json_escapes_them_and_keeps_the_names(controlled: CareerGraph) -> None:
    data = json.loads(str(GRAPH_FORMATS["json"](GraphView.from_graph(controlled))))
    names = {node["id"]: node["name"] for node in data["nodes"]}
    assert {node_id: names[node_id] for node_id in CONTROL_NAMES} == CONTROL_NAMES


@needs_dot
@pytest.mark.parametrize("overview", [False, True])
def test_svg_is_well_formed_xml(controlled: CareerGraph, overview: bool) -> None:
    svg = str(GRAPH_FORMATS["svg"](GraphView.from_graph(controlled, focus="pandas", overview=overview)))
    ET.fromstring(svg)
    assert not CONTROL_CHARACTERS.search(svg)
    assert "Junior ML Engineer" in svg  # the text around them stays


@needs_dot
def test_png_and_html(controlled: CareerGraph, schedule_for: Callable[..., Any]) -> None:
    view = GraphView.from_graph(controlled, schedule=schedule_for(controlled))
    assert bytes(GRAPH_FORMATS["png"](view)).startswith(b"\x89PNG")
    page = str(GRAPH_FORMATS["html"](view))
    assert not CONTROL_CHARACTERS.search(page)
    ET.fromstring(page[page.index("<svg") : page.index("</svg>") + 6])
