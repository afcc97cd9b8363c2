"""The HTML page: self-contained, escaped, and highlighting in a real headless Chromium."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from planner.graph import CareerGraph
from planner.renderers.pictures.html import render_html, script_json
from planner.renderers.pictures.view import GraphView

from .support import HOSTILE_NAMES, Elements, dump_dom, needs_chromium, needs_dot


def test_script_json_cannot_end_the_script() -> None:
    text = script_json({"name": "</script><!-- x", "sep": "\u2028"})
    assert "<" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": "</script><!-- x", "sep": "\u2028"}


@needs_dot
def test_page_is_self_contained(ladder: CareerGraph, schedule_for: Callable[..., Any]) -> None:
    page = render_html(GraphView.from_graph(ladder, schedule=schedule_for(ladder)))
    parsed = Elements(page)
    tags = [tag for tag, _ in parsed.tags]
    assert tags.count("svg") == 1 + sum(
        1 for tag, attrs in parsed.tags if tag == "svg" and attrs.get("class") == "tl-track"
    )
    assert "link" not in tags and "img" not in tags and "iframe" not in tags
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag
        assert "style" not in attrs, tag  # the policy allows no inline style
        assert not attrs.get("href", "").startswith(("http", "//")), tag
        assert not attrs.get("xlink:href", "").startswith(("http", "//")), tag
    assert "@import" not in page and "url(" not in page
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert scripts == [{"id": "graph-data", "type": "application/json"}, {}]


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@needs_dot
def test_the_policy_allows_exactly_the_page_own_style_and_script(ladder: CareerGraph) -> None:
    page = render_html(GraphView.from_graph(ladder))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    style_text = page[page.index("<style>") + 7 : page.index("</style>")]
    script_text = page[page.rindex("<script>") + 8 : page.rindex("</script>")]
    assert policy.group(1) == (
        f"default-src 'none'; style-src {_sha256(style_text)}; "
        f"script-src {_sha256(script_text)}; base-uri 'none'; form-action 'none'"
    )


@needs_dot
def test_hostile_names_are_text(hostile: CareerGraph) -> None:
    page = render_html(GraphView.from_graph(hostile))
    parsed = Elements(page)
    assert [tag for tag, _ in parsed.tags].count("script") == 2
    assert not any(key.startswith("on") for _, attrs in parsed.tags for key in attrs)
    assert "img" not in [tag for tag, _ in parsed.tags]
    assert "&lt;img src=x" in page  # drawn as text (wrapped over two lines)
    assert "\\u003cimg src=x onerror=alert(1)>" in page  # and in the script's JSON


@pytest.fixture
def chromium_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "chromium-profile"
    folder.mkdir()
    return folder


@needs_dot
@needs_chromium
@pytest.mark.parametrize("focus", ["eda-report", "ml-engineer", "python", "hobby"])
def test_focus_link_highlights_exactly_the_ancestors(
    ladder: CareerGraph, tmp_path: Path, chromium_dir: Path, focus: str
) -> None:
    page = tmp_path / "page.html"
    page.write_text(render_html(GraphView.from_graph(ladder)), encoding="utf-8")
    dom = Elements(dump_dom(page, f"#focus={focus}", profile_dir=chromium_dir))
    groups = dom.node_groups()
    assert set(groups) == set(ladder.nodes)  # the page rendered its graph
    highlighted = {node_id for node_id, classes in groups.items() if "highlight" in classes}
    assert highlighted == {focus, *nx.ancestors(ladder.digraph, focus)}


@needs_dot
@needs_chromium
def test_page_renders_with_a_profile_and_without_a_focus(
    ladder: CareerGraph, schedule_for: Callable[..., Any], tmp_path: Path, chromium_dir: Path
) -> None:
    page = tmp_path / "page.html"
    view = GraphView.from_graph(ladder, schedule=schedule_for(ladder))
    page.write_text(render_html(view), encoding="utf-8")
    dom = Elements(dump_dom(page, profile_dir=chromium_dir))
    groups = dom.node_groups()
    assert set(groups) == set(ladder.nodes)
    assert not any("highlight" in classes for classes in groups.values())
    assert [a.get("data-id") for t, a in dom.tags if t == "div" and a.get("class") == "tl-row task"]


@needs_dot
@needs_chromium
def test_injected_markup_stays_inert(hostile: CareerGraph, tmp_path: Path, chromium_dir: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(render_html(GraphView.from_graph(hostile)), encoding="utf-8")
    dom_text = dump_dom(page, "#focus=model-api", profile_dir=chromium_dir)
    dom = Elements(dom_text)
    tags = [tag for tag, _ in dom.tags]
    assert "img" not in tags
    assert tags.count("script") == 2
    body = next(attrs for tag, attrs in dom.tags if tag == "body")
    assert "data-pwned" not in body
    assert not any(key.startswith("on") for _, attrs in dom.tags for key in attrs)
    # The script still works on the hostile graph, and the names show as text.
    highlighted = {i for i, classes in dom.node_groups().items() if "highlight" in classes}
    assert highlighted == {"model-api", *nx.ancestors(hostile.digraph, "model-api")}
    assert "&lt;img src=x" in dom_text
    shown = "".join("".join(dom.texts).split())
    for name in HOSTILE_NAMES.values():
        assert "".join(name.split()) in shown
