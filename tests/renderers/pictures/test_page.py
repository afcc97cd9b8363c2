"""The HTML page measured in a real headless Chromium, as a person sees it.

For the shipped graph (with and without a profile) and a generated 300-node user graph:
every label on screen is at least 11 CSS pixels at 1280×800, ``#focus=ID`` and a search
bring the node into view, a 400-pixel-wide page never scrolls sideways, the legend stays
put while the graph pans, and wheel, pinch, buttons and keys zoom.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from planner import load_graph
from planner.graph import CareerGraph
from planner.profile import check_profile
from planner.records import Profile
from planner.renderers.pictures.html import render_html
from planner.renderers.pictures.view import GraphView
from planner.usecases import picture

from .browser import Browser, chromium
from .support import CHROMIUM, big_data, chromium_installed, graph_from, needs_dot

pytestmark = [needs_dot, chromium_installed, pytest.mark.slow]  # a browser start is slow

NOW = dt.datetime(2027, 1, 4, 9, tzinfo=dt.UTC)
DESKTOP = (1280, 800)
PHONE = (400, 850)

LABELS = """(() => {
  // Every piece of text on screen: its box height and its font size in CSS pixels.
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || element.closest("script, style, datalist, title")) { continue; }
    const range = document.createRange();
    range.selectNodeContents(node);
    const font = parseFloat(getComputedStyle(element).fontSize) *
      (element instanceof SVGElement ? element.getScreenCTM().a : 1);
    for (const r of range.getClientRects()) {
      if (r.width && r.height && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth) {
        found.push({text: node.textContent.trim().slice(0, 30), height: r.height, font: font});
      }
    }
  }
  return found;
})()"""


def rect(browser: Browser, selector: str) -> dict[str, float]:
    return browser.evaluate(
        f"JSON.parse(JSON.stringify(document.querySelector({json.dumps(selector)}).getBoundingClientRect()))"
    )  # type: ignore[no-any-return]


def inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["left"] >= outer["left"]
        and inner["right"] <= outer["right"]
        and inner["top"] >= outer["top"]
        and inner["bottom"] <= outer["bottom"]
    )


def assert_labels_readable(browser: Browser) -> None:
    labels = browser.evaluate(LABELS)
    assert len(labels) > 10
    small = [label for label in labels if label["height"] < 11 or label["font"] < 11]
    assert not small, small[:5]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    assert CHROMIUM is not None
    with chromium(CHROMIUM, tmp_path_factory.mktemp("chromium")) as running:
        yield running


def profile_for(graph: CareerGraph, target: str) -> Profile:
    """A learner with two evenings and a Saturday morning a week, who knows the first skill."""
    return check_profile(
        {
            "name": "Tess",
            "target": target,
            "start": dt.date(2027, 1, 4),
            "timezone": "Europe/Berlin",
            "hours_per_week": 8,
            "known": [min(n for n in graph.nodes if not graph.pred[n])],
            "availability": {"mon": ["19:00-21:00"], "wed": ["19:00-21:00"], "sat": ["09:00-13:00"]},
        },
        graph,
        file="profile.toml",
    )


def deepest(graph: CareerGraph) -> str:
    """The skill or project with the longest prerequisite chain (ties: by id)."""
    return min(
        (n for n in graph.nodes if graph.kind(n) != "stage"), key=lambda n: (-len(graph.ancestors(n)), n)
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, CareerGraph, str]]:
    """name → (page, graph, a node to focus): the shipped graph and a 300-node user graph,
    each without and with a profile."""
    folder = tmp_path_factory.mktemp("pages")
    shipped, big = load_graph(), graph_from(big_data())
    result = {}
    for name, graph, focus, target in (
        ("shipped", shipped, "pytorch", "ml-engineer"),
        ("big", big, deepest(big), "rung-3"),
    ):
        for person in (None, profile_for(graph, target)):
            key = name + ("-profile" if person else "")
            path = folder / f"{key}.html"
            path.write_text(
                str(picture(graph=graph, now=NOW, profile=person).render("html")), encoding="utf-8"
            )
            result[key] = (path, graph, focus)
    return result


def open_page(browser: Browser, page: Path, fragment: str = "", size: tuple[int, int] = DESKTOP) -> None:
    browser.open(page.resolve().as_uri() + fragment, width=size[0], height=size[1])


def click(browser: Browser, selector: str) -> None:
    box = rect(browser, selector)
    browser.click(box["left"] + box["width"] / 2, box["top"] + box["height"] / 2)


def mode(browser: Browser) -> str:
    """``Ladder`` or ``Graph``: the view the switch shows pressed."""
    graph = browser.evaluate("document.getElementById('show-graph').getAttribute('aria-pressed')")
    return "Graph" if graph == "true" else "Ladder"


def scale(browser: Browser) -> int:
    """The zoom the page shows, in percent (``86 %``)."""
    return int(browser.evaluate("document.getElementById('mode').textContent").split("%")[0])


def fitted(browser: Browser) -> bool:
    return browser.evaluate("document.getElementById('mode').dataset.fit") == "true"  # type: ignore[no-any-return]


PAGES = ["shipped", "shipped-profile", "big", "big-profile"]


@pytest.mark.parametrize("name", PAGES)
def test_every_label_reads_at_1280x800(browser: Browser, pages: dict[str, Any], name: str) -> None:
    page, _, focus = pages[name]
    open_page(browser, page)
    assert mode(browser) == "Ladder"  # it opens on the overview
    assert browser.evaluate("getComputedStyle(document.body).display") == "grid"  # the style ran
    assert_labels_readable(browser)
    click(browser, ".card-head")  # a stage's nodes open in place
    assert browser.evaluate("document.querySelector('.card-head').getAttribute('aria-expanded')") == "true"
    assert browser.evaluate("document.querySelectorAll('.card-body:not([hidden]) .chip').length") > 10
    assert_labels_readable(browser)
    for control in ("#show-graph", "#fit", "#zoom-out", "#actual", "#zoom-in"):
        click(browser, control)
        assert_labels_readable(browser)
    open_page(browser, page, f"#focus={focus}")
    assert_labels_readable(browser)


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_focus_brings_the_node_and_its_chain_into_view(
    browser: Browser, pages: dict[str, Any], name: str, size: tuple[int, int]
) -> None:
    page, graph, focus = pages[name]
    open_page(browser, page, f"#focus={focus}", size)
    # A phone shows a chain wider than the screen alone, laid out anew (copies of its boxes).
    alone = browser.evaluate("document.getElementById('viewer').classList.contains('chain-view')")
    assert alone == (size == PHONE)
    box = (lambda n: f"g.chain-node[data-id='{n}']") if alone else (lambda n: f"[id='{n}']")
    node, viewer = rect(browser, box(focus)), rect(browser, "#viewer")
    assert inside(node, viewer)
    centre = (node["left"] + node["width"] / 2, node["top"] + node["height"] / 2)
    shown = f"document.elementFromPoint({centre[0]}, {centre[1]}).closest('g.node, g.chain-node')"
    assert browser.evaluate(f"({shown} || {{}}).id || ({shown} || {{dataset: {{}}}}).dataset.id") == focus
    assert viewer["top"] >= 0 and viewer["top"] + 100 <= size[1]  # the graph is on screen
    highlighted = set(browser.evaluate("[...document.querySelectorAll('g.node.highlight')].map(g => g.id)"))
    assert highlighted == {focus, *nx.ancestors(graph.digraph, focus)}
    assert scale(browser) >= 69  # labels legible: 12 pt (16 px) at 69 % is 11 px
    if name.startswith("shipped"):
        # The regression: on a phone, half the pytorch chain was off screen. Now every
        # node of it is on screen, at a desktop's width and at a phone's.
        for other in highlighted:
            assert inside(rect(browser, box(other)), viewer), other


@pytest.mark.parametrize("name", PAGES)
def test_a_phone_never_scrolls_sideways_and_shows_the_graph_first(
    browser: Browser, pages: dict[str, Any], name: str
) -> None:
    page, _, focus = pages[name]
    for fragment in ("", f"#focus={focus}"):
        open_page(browser, page, fragment, PHONE)
        for action in (None, "#show-graph", "#fit", "#show-ladder"):
            if action:
                click(browser, action)
            assert browser.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
        viewer = rect(browser, "#viewer")
        assert viewer["height"] >= 300 and viewer["width"] >= 370
        if name.endswith("profile"):
            assert rect(browser, "#timeline")["top"] >= viewer["bottom"]
    # A card's line breaks between its parts, never inside a date ("2029-08-" / "11"),
    # even on the narrowest phones.
    open_page(browser, page, "", (320, 640))
    assert browser.evaluate("document.querySelectorAll('.card-line .part').length") > 0
    assert (
        browser.evaluate(
            "[...document.querySelectorAll('.card-line .part')]"
            ".filter(p => p.getClientRects().length > 1).map(p => p.textContent)"
        )
        == []
    )


def test_the_legend_stays_in_view_while_the_graph_pans(browser: Browser, pages: dict[str, Any]) -> None:
    open_page(browser, pages["shipped-profile"][0])
    click(browser, "#show-graph")
    legend = rect(browser, ".legend")
    before = browser.evaluate("document.getElementById('world').style.transform")
    viewer = rect(browser, "#viewer")
    start = (viewer["left"] + viewer["width"] * 0.7, viewer["top"] + viewer["height"] * 0.4)
    browser.drag(start, (start[0] - 350, start[1] - 250))
    assert browser.evaluate("document.getElementById('world').style.transform") != before
    assert not fitted(browser)
    after = rect(browser, ".legend")
    assert after == legend
    assert inside(after, viewer)
    centre = (after["left"] + after["width"] / 2, after["top"] + after["height"] / 2)
    assert browser.evaluate(f"!!document.elementFromPoint({centre[0]}, {centre[1]}).closest('.legend')")


def test_wheel_pinch_buttons_and_keys_zoom(browser: Browser, pages: dict[str, Any]) -> None:
    open_page(browser, pages["shipped"][0])
    click(browser, "#actual")
    assert (mode(browser), scale(browser)) == ("Graph", 100)
    viewer = rect(browser, "#viewer")
    x, y = viewer["left"] + viewer["width"] / 2, viewer["top"] + viewer["height"] / 2
    browser.mouse("mouseWheel", x, y, deltaX=0, deltaY=-200)
    browser.settle()
    assert scale(browser) > 100
    click(browser, "#actual")
    points = [{"x": x - 40, "y": y}, {"x": x + 40, "y": y}]
    browser.call("Input.dispatchTouchEvent", type="touchStart", touchPoints=points)
    for step in range(1, 6):
        spread = [{"x": x - 40 - 20 * step, "y": y}, {"x": x + 40 + 20 * step, "y": y}]
        browser.call("Input.dispatchTouchEvent", type="touchMove", touchPoints=spread)
    browser.call("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])
    browser.settle()
    assert scale(browser) > 150  # the fingers moved from 80 to 280 pixels apart
    click(browser, "#zoom-out")
    zoomed_out = scale(browser)
    click(browser, "#zoom-in")
    assert scale(browser) > zoomed_out
    browser.evaluate("document.getElementById('viewer').focus()")
    browser.key("0", "Digit0")
    assert (mode(browser), scale(browser)) == ("Graph", 100)
    browser.key("-", "Minus")
    assert scale(browser) == 80
    browser.key("f", "KeyF")
    assert fitted(browser)
    before = browser.evaluate("document.getElementById('world').style.transform")
    browser.key("ArrowRight", "ArrowRight")
    assert browser.evaluate("document.getElementById('world').style.transform") != before


def test_search_finds_and_frames_a_node(browser: Browser, pages: dict[str, Any]) -> None:
    open_page(browser, pages["shipped-profile"][0])
    browser.evaluate("document.getElementById('search').focus()")
    browser.call("Input.insertText", text="pytor")
    browser.settle()
    # PyTorch, and the project "Neural network trained from scratch in PyTorch".
    assert browser.evaluate("document.getElementById('info').textContent").startswith("2 match")
    browser.key("Enter", "Enter")
    assert browser.evaluate("location.hash") == "#focus=pytorch"
    assert inside(rect(browser, "[id='pytorch']"), rect(browser, "#viewer"))
    assert "pytorch" in browser.evaluate("[...document.querySelectorAll('g.node.highlight')].map(g => g.id)")
    # A whole name (as the suggestions list gives it) needs no Enter.
    browser.evaluate("document.getElementById('search').value = ''")
    browser.call("Input.insertText", text="pandas")
    browser.settle()
    assert browser.evaluate("location.hash") == "#focus=pandas"


def test_every_control_is_reachable_by_keyboard(browser: Browser, pages: dict[str, Any]) -> None:
    open_page(browser, pages["shipped-profile"][0])
    reached = set()
    for _ in range(20):
        browser.key("Tab", "Tab")
        reached.add(browser.evaluate("document.activeElement.id || document.activeElement.className"))
    assert {
        "search",
        "show-ladder",
        "show-graph",
        "zoom-out",
        "zoom-in",
        "fit",
        "actual",
        "viewer",
        "card-head",
    } <= reached
    browser.evaluate("document.querySelector('.card-head').focus()")
    browser.key("Enter", "Enter")
    browser.key("Tab", "Tab")
    assert browser.evaluate("document.activeElement.className").startswith("chip")
    browser.key("Enter", "Enter")
    assert browser.evaluate("location.hash").startswith("#focus=")
    assert mode(browser).startswith("Graph")


def test_the_timeline_reads_year_by_year_with_whole_names(browser: Browser, pages: dict[str, Any]) -> None:
    """The regressions: bars were slivers, names clipped at 15 characters, the range
    label cut ("2026-12-06 → 2029…"), the year labels overlapping ("2(2027")."""
    page, graph, _ = pages["shipped-profile"]
    open_page(browser, page)
    years = browser.evaluate("[...document.querySelectorAll('.tl-year .tl-axis b')].map(b => b.textContent)")
    assert len(years) >= 2 and years == [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    rows = browser.evaluate(
        "[...document.querySelectorAll('#timeline .task')].map(r => [r.dataset.id, r.title,"
        " r.querySelector('.tl-name').textContent, r.querySelector('.tl-name').scrollWidth"
        " <= r.querySelector('.tl-name').clientWidth,"
        " r.querySelector('.tl-track i').getBoundingClientRect().width])"
    )
    assert rows
    for node_id, title, shown, whole, _ in rows:
        assert title.startswith(graph.nodes[node_id].name + " · ")
        assert shown == graph.nodes[node_id].name and whole
    widths = sorted(row[4] for row in rows)
    assert widths[0] >= 4 and widths[len(widths) // 2] >= 10  # bars, not slivers (were about 3 pixels)
    head = browser.evaluate("document.querySelector('.tl-range').textContent")
    assert re.match(r"\d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d", head)
    assert browser.evaluate("(e => e.scrollWidth <= e.clientWidth)(document.querySelector('.tl-range'))")
    months = browser.evaluate(
        "[...document.querySelector('.tl-months').children].map(s => s.getBoundingClientRect())"
        ".map(r => [r.left, r.right])"
    )
    assert all(a[1] <= b[0] + 0.5 for a, b in itertools.pairwise(months))  # never overlapping
    box = rect(browser, "#timeline .task")
    browser.mouse("mouseMoved", box["left"] + 20, box["top"] + box["height"] / 2)
    browser.settle()
    info = browser.evaluate("document.getElementById('info').textContent")
    assert info.startswith(graph.nodes[rows[0][0]].name)


def test_today_is_a_line_on_the_timeline(browser: Browser, tmp_path: Path) -> None:
    graph = load_graph()
    page = tmp_path / "today.html"
    later = dt.datetime(2027, 6, 15, 12, tzinfo=dt.UTC)
    page.write_text(
        str(picture(graph=graph, now=later, profile=profile_for(graph, "ml-engineer")).render("html")),
        encoding="utf-8",
    )
    open_page(browser, page)
    assert browser.evaluate("document.querySelectorAll('.tl-today').length") == 1
    year = browser.evaluate(
        "document.querySelector('.tl-today').closest('.tl-year').getAttribute('aria-label')"
    )
    assert year == "2027"
    line, months = rect(browser, ".tl-today"), rect(browser, ".tl-year .tl-months")
    share = (line["left"] - months["left"]) / months["width"]
    assert abs(share - (165 / 365)) < 0.02  # 15 June


@pytest.mark.parametrize("focus", ["base", "constructor", "prototype"])
def test_ids_named_like_object_properties(
    browser: Browser, build: Callable[..., CareerGraph], tmp_path: Path, focus: str
) -> None:
    """Regression: a node ``constructor`` broke the script, so ``#focus`` highlighted nothing."""
    skills = [
        {"id": "base", "name": "Base", "hours": 1},
        {"id": "constructor", "name": "Constructor", "hours": 1, "requires": ["base"]},
        {"id": "prototype", "name": "Prototype", "hours": 1, "requires": ["constructor"]},
        {"id": "to-string", "name": "toString", "hours": 1},
    ]
    stages = [{"id": "top", "name": "Top", "requires": ["prototype", "to-string"]}]
    graph = build(("g.toml", {"skills": skills, "stages": stages}))
    page = tmp_path / "page.html"
    page.write_text(str(picture(graph=graph, now=NOW).render("html")), encoding="utf-8")
    open_page(browser, page, f"#focus={focus}")
    highlighted = browser.evaluate("[...document.querySelectorAll('g.node.highlight')].map(g => g.id)")
    assert set(highlighted) == {focus, *nx.ancestors(graph.digraph, focus)}
    needs = {"base": "no prerequisites", "constructor": "1 prerequisite", "prototype": "2 prerequisites"}
    assert f": needs {needs[focus]}" in browser.evaluate("document.getElementById('info').textContent")
    for missing in ("toString", "__proto__", "hasOwnProperty"):
        open_page(browser, page, f"#focus={missing}")
        assert browser.evaluate("document.querySelectorAll('.highlight').length") == 0
        info = browser.evaluate("document.getElementById('info').textContent")
        assert info == f"No node “{missing}” in this graph."


def test_a_page_drawn_with_a_focus_opens_on_it(browser: Browser, ladder: CareerGraph, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(render_html(GraphView.from_graph(ladder, focus="pandas")), encoding="utf-8")
    open_page(browser, page)
    assert mode(browser).startswith("Graph")
    highlighted = browser.evaluate("[...document.querySelectorAll('g.node.highlight')].map(g => g.id)")
    assert set(highlighted) == {"pandas", "numpy", "python"}
    browser.evaluate("document.getElementById('viewer').focus()")
    browser.key("Escape", "Escape")
    assert browser.evaluate("document.querySelectorAll('.highlight').length") == 0


# --- issue 25: the page as a new user meets it ------------------------------------------------


def test_the_graph_opens_on_the_person_and_its_labels_read(browser: Browser, pages: dict[str, Any]) -> None:
    """The regression: the Graph view opened at 43 % with no labels at all. It opens on
    the person's next item, or without a profile on the first stage, where labels read."""
    for name in ("shipped-profile", "shipped"):
        open_page(browser, pages[name][0])
        assert browser.evaluate("document.getElementById('show-graph').textContent") == "Graph"
        click(browser, "#show-graph")
        assert scale(browser) >= 69
        assert_labels_readable(browser)
        shown = browser.evaluate(
            "[...document.querySelectorAll('g.node')].filter(g => { const r = g.getBoundingClientRect(),"
            " v = document.getElementById('viewer').getBoundingClientRect(); return r.left >= v.left &&"
            " r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom; }).map(g => g.id)"
        )
        assert len(shown) >= 8
        if name == "shipped-profile":
            start = browser.evaluate("JSON.parse(document.getElementById('graph-data').textContent).start")
            assert start in shown
            assert "next" in browser.evaluate(
                f"document.getElementById({json.dumps(start)}).className.baseVal"
            )


def test_clicking_a_node_frames_its_chain(browser: Browser, pages: dict[str, Any]) -> None:
    page, graph, _ = pages["shipped"]
    open_page(browser, page)
    click(browser, "#show-graph")
    click(browser, "#fit")
    click(browser, "[id='pandas']")
    assert browser.evaluate("location.hash") == "#focus=pandas"
    viewer = rect(browser, "#viewer")
    assert scale(browser) >= 69
    for node in {"pandas", *nx.ancestors(graph.digraph, "pandas")}:
        assert inside(rect(browser, f"[id='{node}']"), viewer), node


@pytest.mark.parametrize("width", [390, 400, 1280])
def test_the_toolbar_is_one_row_and_the_hint_is_whole(
    browser: Browser, pages: dict[str, Any], width: int
) -> None:
    """The regressions: on a phone the toolbar took three rows, with − and + on different
    rows; the search hint was cut ("Find a skill, project or sta")."""
    open_page(browser, pages["shipped-profile"][0], size=(width, 844 if width < 900 else 800))
    tops = browser.evaluate(
        "[...document.querySelectorAll('.tools > *')].map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, tops
    assert rect(browser, "#zoom-out")["top"] == rect(browser, "#zoom-in")["top"]
    assert browser.evaluate("document.documentElement.scrollWidth") <= width
    fits = browser.evaluate(
        "(i => { const c = document.createElement('canvas').getContext('2d'); const s = getComputedStyle(i);"
        " c.font = s.fontSize + ' ' + s.fontFamily; return c.measureText(i.placeholder).width <="
        " i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); })"
        "(document.getElementById('search'))"
    )
    assert fits


def test_the_legend_never_covers_the_cards(browser: Browser, pages: dict[str, Any]) -> None:
    for size in (DESKTOP, (390, 844)):
        open_page(browser, pages["shipped-profile"][0], size=size)
        legend, ladder = rect(browser, ".legend"), rect(browser, "#ladder")
        assert legend["top"] >= ladder["bottom"] - 0.5
        assert browser.evaluate("document.querySelector('.legend').open")


def test_search_counts_its_matches_in_words(browser: Browser, pages: dict[str, Any]) -> None:
    open_page(browser, pages["shipped"][0])
    browser.evaluate("document.getElementById('search').focus()")
    for text, said in (
        ("pytor", "2 matches; press Enter to show the first"),
        ("kera", "1 match; press Enter to show it"),
    ):
        browser.evaluate("document.getElementById('search').value = ''")
        browser.call("Input.insertText", text=text)
        browser.settle()
        assert browser.evaluate("document.getElementById('info').textContent").startswith(said)


def test_you_are_here_on_the_ladder_and_the_graph(browser: Browser, pages: dict[str, Any]) -> None:
    open_page(browser, pages["shipped-profile"][0])
    here = browser.evaluate("[...document.querySelectorAll('.card.here')].map(c => c.dataset.band)")
    assert here == ["junior-ml-engineer"]
    assert (
        browser.evaluate("document.querySelector('.card.here .badge.here').textContent") == "● You are here"
    )
    assert browser.evaluate("document.querySelector('.card.here .card-line.next').textContent").startswith(
        "▶ next: "
    )
    assert browser.evaluate("document.querySelector('.lede').textContent").startswith("As of 2027-01-04:")
    titles = browser.evaluate("[...document.querySelectorAll('g.cluster text')].map(t => t.textContent)")
    assert any(t.endswith("● you are here") for t in titles)
    assert browser.evaluate("document.querySelectorAll('g.node.next').length") == 1


def test_work_no_stage_needs_is_apart_from_the_ladder(browser: Browser, pages: dict[str, Any]) -> None:
    """The regression: it was a seventh rung, with a ↓ and a stage's border."""
    open_page(browser, pages["shipped"][0])
    assert browser.evaluate("document.querySelectorAll('.rung .card.extras').length") == 1
    assert browser.evaluate("!!document.querySelector('.apart .card.extras')")
    assert browser.evaluate("document.querySelector('#ladder > .rung:last-of-type + .apart') !== null")
    assert (
        browser.evaluate("getComputedStyle(document.querySelector('.card.extras')).borderTopStyle")
        == "dashed"
    )


def test_fills_are_categories_in_every_view(browser: Browser, pages: dict[str, Any]) -> None:
    """The regression: teal was a category without a profile and "known" with one."""
    fills = {}
    for name in ("shipped", "shipped-profile"):
        open_page(browser, pages[name][0])
        fills[name] = browser.evaluate(
            "Object.fromEntries([...document.querySelectorAll('g.node.skill')].map(g => [g.id,"
            " g.querySelector('path, polygon').getAttribute('fill')]))"
        )
        chips = browser.evaluate(
            "Object.fromEntries([...document.querySelectorAll('.chip.skill')].map(c => [c.dataset.id,"
            " getComputedStyle(c).backgroundColor]))"
        )
        assert chips  # chips are filled like their boxes
    planned = [n for n in fills["shipped"] if fills["shipped-profile"][n] == fills["shipped"][n]]
    assert len(planned) > len(fills["shipped"]) / 2  # only what is not on the way fades
    assert all(fills["shipped-profile"][n][:7] == fills["shipped"][n][:7] for n in fills["shipped"])


def test_the_cohort_page_opens_with_its_summary(browser: Browser, tmp_path: Path) -> None:
    from tests.paths import EXAMPLES

    page = tmp_path / "cohort.html"
    summary = EXAMPLES / "cohort" / "summary.json"
    page.write_text(str(picture(graph=load_graph(), cohort=summary).render("html")), encoding="utf-8")
    for size in (DESKTOP, (390, 844)):
        open_page(browser, page, size=size)
        lede = browser.evaluate("document.querySelector('.lede').textContent")
        assert re.match(r"300 people planned; half of them finish by \d{4}-\d\d-\d\d", lede)
        assert rect(browser, ".lede")["bottom"] <= size[1]
        assert browser.evaluate("document.documentElement.scrollWidth") <= size[0]
        assert_labels_readable(browser)
    open_page(browser, page)
    assert inside(rect(browser, "#summary h2"), {"left": 0, "top": 0, "right": 1280, "bottom": 800})
    shares = browser.evaluate(
        "[...document.querySelectorAll('.chip')].map(c => c.textContent.split(' ').pop())"
    )
    assert len(set(shares)) > 5  # what differs between people, not one count for all
