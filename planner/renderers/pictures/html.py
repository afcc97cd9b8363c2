"""The career graph as one self-contained, interactive HTML page.

The page opens on the ladder (:mod:`.ladder`): one card per stage with the skills,
projects and hours it needs on the person's plan (with a profile: hours done and left,
the day the stage is reached and "you are here"; with a cohort: who is ready). A card
opens in place onto its nodes in learning order; a node or "Show in the graph" switches
to the graph, the Graphviz picture of every node, which opens framed on the person's
next item (or the first stage) at a size where labels read, and pans and zooms with
the mouse wheel, a pinch, drags, the buttons and the keyboard. Labels that would be
drawn smaller than 11 CSS pixels are hidden until one zooms in, so every label on
screen is readable. ``#focus=<id>``, a click on a node or a search highlights exactly
that node and every ancestor (class ``highlight``, docs/pictures.md) and frames its chain. With a
profile, the roadmap's timeline (:mod:`.timeline`) follows the graph; with a cohort,
its summary in numbers (:mod:`.cohort`). An overview view (``--overview``) gives the
page without the graph: the ladder alone, which needs no Graphviz.

Fills mean categories everywhere (a cohort's page: the share of people who still need
a node); a status is a border and a badge.

The page fetches nothing. Its Content-Security-Policy allows only its own style sheet
and script, by hash, so even a name that slipped through as markup could not run or
restyle it. Every text from data is escaped with :func:`html.escape`, and the script
writes data only through ``textContent``. The script reads ids through ``Map``, so an
id such as ``constructor`` is just a key.
"""

from __future__ import annotations

import base64
import html
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from planner.io.patterns import later
from planner.renderers.pictures.cohort import cohort_lede, render_cohort_panel
from planner.renderers.pictures.dot import BAND_FONT_SIZE, FONT_SIZE
from planner.renderers.pictures.ladder import Sheet, render_ladder
from planner.renderers.pictures.legend import legend_groups
from planner.renderers.pictures.style import (
    CATEGORY_BORDER,
    HIGHLIGHT,
    KNOWN_COLOUR,
    LEFT_COLOUR,
    NEXT,
    STAGE,
    STATUSES,
    UNLOCKS,
    drawable,
)
from planner.renderers.pictures.svg import render_svg
from planner.renderers.pictures.timeline import render_timeline

if TYPE_CHECKING:
    from planner.renderers.pictures.style import Look
    from planner.renderers.pictures.view import GraphView

_XML_PROLOGUE: Final = later(r"<\?xml.*?\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.DOTALL)
PX_PER_POINT: Final = 4 / 3
"""Graphviz measures in points; at 100 % a point is 4/3 CSS pixels."""
SEARCH_HINT: Final = "Find a skill, project or stage"


def script_json(value: Any) -> str:
    """JSON safe inside ``<script>``: every ``<`` written as ``\\u003c``, so neither
    ``</script>`` nor ``<!--`` can end or change the script element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def graph_data(view: GraphView) -> dict[str, Any]:
    """What the page's script walks: nodes, edges (with the index of their SVG
    element), ``pred`` and ``succ`` lists, the bands, the node to focus when the address
    names none (``--focus``), where the graph opens (``start``: the person's next item,
    or the stage they work towards), and the label sizes."""

    pred: dict[str, list[str]] = {}
    succ: dict[str, list[str]] = {}
    for source, target in view.edges:
        succ.setdefault(source, []).append(target)
        pred.setdefault(target, []).append(source)
    where = view.position
    start = None
    if where is not None:
        start = where.next_item if where.next_item in view.nodes else where.here
    return {
        "nodes": {
            node_id: {
                "name": drawable(node.name),
                "title": view.tooltip(node_id),
                "band": view.band_of(node_id),
            }
            for node_id, node in sorted(view.nodes.items())
        },
        "edges": [[source, target, index] for index, (source, target) in enumerate(view.edges)],
        "pred": pred,
        "succ": succ,
        "bands": [
            {"id": band.id, "element": f"band_{number}"} for number, band in enumerate(view.bands, start=1)
        ],
        "focus": view.focus,
        "start": start,
        "labelPx": FONT_SIZE * PX_PER_POINT,
        "titlePx": BAND_FONT_SIZE * PX_PER_POINT,
        "hint": SEARCH_HINT,
    }


def inline_svg(svg: str) -> str:
    """Graphviz's SVG document made fit for inlining: no XML prologue, doctype or comments."""
    return _XML_PROLOGUE().sub("", svg).strip()


def _colour_css() -> str:
    """The page's fixed colours, from the same tables as every other format."""
    variables = {
        "stage": STAGE.fill,
        "chain": HIGHLIGHT,
        "unlocks": UNLOCKS,
        "category-border": CATEGORY_BORDER,
        "done": KNOWN_COLOUR,
        "left": LEFT_COLOUR,
        "next-border": NEXT.border,
    }
    for status, mark in STATUSES.items():
        variables |= {f"{status}-border": mark.border, f"{status}-font": mark.font}
    return ":root { " + " ".join(f"--{k}: {v};" for k, v in variables.items()) + " }"


def _swatch(look: Look, sheet: Sheet) -> str:
    if look == STAGE:
        return '<span class="swatch stage"></span>'
    classes = ["swatch", sheet.fill(look.fill)]
    classes += ["dashed"] * look.dashed + ["thick"] * (look.width >= 2) + ["thickest"] * (look.width >= 3)
    border = " known" if look.border == STATUSES["known"].border else ""
    return f'<span class="{" ".join(classes)}{border}"></span>'


def render_legend(view: GraphView, sheet: Sheet, *, graph: bool = True) -> str:
    """The legend (class ``legend``): below the ladder, and over the graph, always in
    view; without ``graph`` (the overview page) it leaves out the chain's colours."""
    groups = []
    for group in legend_groups(view):
        items = []
        for label, look in group:
            if label.endswith(":"):  # a group's heading (the cohort's shares)
                items.append(f'<li class="heading">{html.escape(label)}</li>')
                continue
            items.append(f"<li>{_swatch(look, sheet)}{html.escape(look.badge + label)}</li>")
        groups.append(f"<ul>{''.join(items)}</ul>")
    if graph:
        groups.append(
            '<ul><li><span class="swatch chain"></span>prerequisite chain</li>'
            '<li><span class="swatch unlocks"></span>what it unlocks</li></ul>'
        )
    return f'<details class="legend" open><summary>Legend</summary>{"".join(groups)}</details>'


def _csp_hash(source: str) -> str:
    import hashlib  # only a page's script needs its digest

    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _asset(name: str) -> str:
    return Path(__file__).with_name(name).read_text(encoding="utf-8")  # shipped beside this module


def _side(view: GraphView, sheet: Sheet) -> tuple[str, str]:
    """The panel after the graph: a profile's timeline or a cohort's numbers, with its CSS."""
    if view.heat is not None:
        return render_cohort_panel(view), ""
    if view.schedule is None:
        return "", ""
    where = view.position
    rows, css = render_timeline(
        view.schedule,
        today=where.today if where is not None else None,
        fill=lambda item: sheet.fill(view.fills[view.category(item)]) if item in view.nodes else "",
    )
    return (
        f'<aside id="timeline" aria-label="Roadmap timeline"><h2>Roadmap timeline</h2>\n{rows}\n</aside>',
        css,
    )


def _tools(view: GraphView) -> str:
    graph = (
        ""
        if view.overview
        else (
            '<span class="group"><button id="show-ladder" type="button" aria-pressed="true">Ladder</button>'
            '<button id="show-graph" type="button" aria-pressed="false">Graph</button></span>'
            '<span class="group"><button id="zoom-out" type="button" aria-label="Zoom out">−</button>'
            '<button id="actual" type="button" aria-label="Zoom to 100 %" title="Zoom to 100 %">'
            '<output id="mode" aria-live="polite">Ladder</output></button>'
            '<button id="zoom-in" type="button" aria-label="Zoom in">+</button></span>'
            '<button id="fit" type="button" title="Fit the whole graph">Fit</button>'
        )
    )
    return (
        '<div class="tools"><input id="search" type="search" list="names" '
        f'placeholder="{SEARCH_HINT}" aria-label="{SEARCH_HINT}">{graph}</div>'
    )


def render_html(view: GraphView) -> str:
    """The view as a self-contained HTML page (see the module docstring).

    Raises
    ------
    ToolMissingError
        When Graphviz's ``dot`` (which draws the SVG) is not installed; never for an
        overview view, which has no graph.
    """

    sheet = Sheet()
    # The page highlights a focus in the browser, and has its own legend.
    drawn = replace(view.without_focus(), overview=False)
    canvas = ""
    if not view.overview:
        svg = inline_svg(render_svg(drawn, legend=False))
        canvas = f'<div id="canvas"><div id="world">\n{svg}\n</div></div>\n'
    legend = render_legend(drawn, sheet, graph=not view.overview)
    for node_id in view.nodes:
        sheet.fill(view.look(node_id).fill)
    ladder = render_ladder(view, sheet)
    side, side_css = _side(view, sheet)
    css = "\n".join([_asset("page.css"), _colour_css(), sheet.css(), side_css]) + "\n"
    script = _asset("page.js")
    title = html.escape(drawable(view.title))
    lede = view.whereabouts() or cohort_lede(view)
    names = "".join(
        f'<option value="{html.escape(drawable(node.name))}"></option>'
        for _, node in sorted(view.nodes.items())
    )
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    layout = ("with-side" if side else "alone") + (" overview" if view.overview else "")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp, quote=False)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<header><div class="titles"><h1>{title}</h1>'
        + (f'<p class="lede">{html.escape(lede)}</p>' if lede else "")
        + f"</div>\n{_tools(view)}\n"
        f'<datalist id="names">{names}</datalist>\n'
        '<p id="info" aria-live="polite"></p></header>\n'
        f'<main class="{layout}">\n'
        '<section id="viewer" class="ladder" tabindex="0" aria-label="Career graph: '
        'drag, scroll or use the arrow keys to pan, + and - to zoom, 0 for 100 %, f to fit">\n'
        f'<div id="ladder">{ladder}</div>\n{canvas}{legend}\n</section>\n'
        f"{side}\n</main>\n"
        f'<script id="graph-data" type="application/json">{script_json(graph_data(view))}</script>\n'
        f"<script>{script}</script>\n"
        "</body>\n</html>\n"
    )
