"""The career graph as one self-contained, interactive HTML page.

The page opens on the ladder: one card per stage with its skills, projects and hours
(with a profile: hours done and left, and the day the stage is reached). A card opens
in place onto its nodes in learning order; a node or "Show in the graph" switches to
the graph, the Graphviz picture of every node, which pans and zooms with the mouse
wheel, a pinch, drags, the buttons and the keyboard. Labels that would be drawn
smaller than 11 CSS pixels are hidden until one zooms in, so every label on screen is
readable. ``#focus=<id>`` (or a search) highlights exactly that node and every
ancestor (class ``highlight``, SPEC "The HTML graph page") and frames its chain. With
a profile, the roadmap's timeline follows the graph.

The page fetches nothing. Its Content-Security-Policy allows only its own style sheet
and script, by hash, so even a name that slipped through as markup could not run or
restyle it. Every text from data is escaped with :func:`html.escape`, and the script
writes data only through ``textContent``. The script reads ids through ``Map``, so an
id such as ``constructor`` is just a key.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from planner.renderers.pictures.dot import BAND_FONT_SIZE, FONT_SIZE, legend_rows
from planner.renderers.pictures.style import (
    BAND_FILLS,
    CATEGORY_BORDER,
    HIGHLIGHT,
    STAGE,
    STATUSES,
    UNLOCKS,
    drawable,
)
from planner.renderers.pictures.svg import render_svg
from planner.renderers.pictures.timeline import render_timeline

if TYPE_CHECKING:
    from planner.renderers.pictures.view import BandSummary, GraphView

_XML_PROLOGUE: Final = re.compile(r"<\?xml.*?\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.DOTALL)
PX_PER_POINT: Final = 4 / 3
"""Graphviz measures in points; at 100 % a point is 4/3 CSS pixels."""


def script_json(value: Any) -> str:
    """JSON safe inside ``<script>``: every ``<`` written as ``\\u003c``, so neither
    ``</script>`` nor ``<!--`` can end or change the script element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def graph_data(view: GraphView) -> dict[str, Any]:
    """What the page's script walks: nodes, edges (with the index of their SVG
    element), ``pred`` and ``succ`` lists, the bands, the node to focus when the address
    names none (``--focus``), and the label sizes."""

    pred: dict[str, list[str]] = {}
    succ: dict[str, list[str]] = {}
    for source, target in view.edges:
        succ.setdefault(source, []).append(target)
        pred.setdefault(target, []).append(source)
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
        "labelPx": FONT_SIZE * PX_PER_POINT,
        "titlePx": BAND_FONT_SIZE * PX_PER_POINT,
    }


def inline_svg(svg: str) -> str:
    """Graphviz's SVG document made fit for inlining: no XML prologue, doctype or comments."""
    return _XML_PROLOGUE.sub("", svg).strip()


def _fill_class(fill: str) -> str:
    return "f-" + fill.lstrip("#")


def _colour_css(view: GraphView, fills: set[str]) -> str:
    """The page's colours, from the same tables as every other format."""
    variables = {
        "stage": STAGE.fill,
        "chain": HIGHLIGHT,
        "unlocks": UNLOCKS,
        "category-border": CATEGORY_BORDER,
    }
    for status, look in STATUSES.items():
        variables |= {status: look.fill, f"{status}-border": look.border, f"{status}-font": look.font}
    rules = [":root { " + " ".join(f"--{k}: {v};" for k, v in variables.items()) + " }"]
    rules += [f".{_fill_class(f)} {{ background: {f}; }}" for f in sorted(fills)]
    rules += [
        f".card.b-{number} {{ background: {BAND_FILLS[(number - 1) % len(BAND_FILLS)]}; }}"
        for number in range(1, len(view.bands) + 1)
    ]
    return "\n".join(rules)


def _node_fill(view: GraphView, node_id: str) -> str:
    return view.look(node_id).fill


def _chip(view: GraphView, node_id: str) -> str:
    node = view.nodes[node_id]
    classes = ["chip", node.kind, _fill_class(_node_fill(view, node_id))]
    if view.status is not None:
        classes.append(view.status[node_id])
    return (
        f'<li><button type="button" class="{" ".join(classes)}" data-id="{html.escape(node_id)}" '
        f'title="{html.escape(view.tooltip(node_id))}">'
        f"{html.escape(' '.join(view.label(node_id)))}</button></li>"
    )


def _card_line(text: str) -> str:
    """A line of a rung's card; a narrow screen breaks it between its parts, never inside
    one (a date or "1,320 h")."""
    parts = " · ".join(f'<span class="part">{html.escape(part)}</span>' for part in text.split(" · "))
    return f'<span class="card-line">{parts}</span>'


def _card(view: GraphView, number: int, summary: BandSummary) -> str:
    band = summary.band
    status = f" {summary.status}" if summary.status else ""
    lines = [f'<span class="card-title">{html.escape(band.title)}</span>', _card_line(summary.counts_text())]
    if summary.status is not None:
        total = summary.done_hours + summary.left_hours
        if total > 0:
            lines.append(
                f'<progress max="{total:.1f}" value="{summary.done_hours:.1f}" '
                f'aria-label="hours done"></progress>'
            )
        lines.append(_card_line(summary.progress_text()))
    work = [n for row in view.rows[band.id] for n in row if view.nodes[n].kind != "stage"]
    chips = "".join(_chip(view, n) for n in work)
    return (
        f'<article class="card b-{number}{status}" data-band="{html.escape(band.id)}">'
        f'<button type="button" class="card-head" aria-expanded="false" aria-controls="rung-{number}">'
        f"{''.join(lines)}</button>"
        f'<div class="card-body" id="rung-{number}" hidden>'
        "<p>In learning order, prerequisites first. Choose one to see its chain.</p>"
        f'<ul class="chips">{chips}</ul><p><button type="button" class="show-band" '
        f'data-band="{html.escape(band.id)}">Show this stage in the graph</button></p></div></article>'
    )


def render_ladder(view: GraphView) -> str:
    """The overview: the stage cards, one row per rung (a fork side by side)."""
    depth = view.graph.stage_depth
    rungs: dict[int, list[str]] = {}
    bottom = max((depth[b.id] for b in view.bands if b.id in view.nodes), default=0) + 1
    for number, summary in enumerate(view.summaries(), start=1):
        rung = depth[summary.band.id] if summary.band.id in view.nodes else bottom
        rungs.setdefault(rung, []).append(_card(view, number, summary))
    step = '<div class="step" aria-hidden="true">↓</div>'
    return step.join(f'<div class="rung">{"".join(cards)}</div>' for _, cards in sorted(rungs.items()))


def render_legend(view: GraphView) -> tuple[str, set[str]]:
    """The legend (class ``legend``, always on screen over the graph) and the fills it uses."""

    items = []
    fills = set()
    for label, look in legend_rows(view):
        if look == STAGE:
            swatch = "stage"
        else:
            fills.add(look.fill)
            swatch = _fill_class(look.fill) + (" not-needed" if look.dashed else "")
        items.append(f'<li><span class="swatch {swatch}"></span>{html.escape(label)}</li>')
    items.append('<li><span class="swatch chain"></span>prerequisite chain</li>')
    items.append('<li><span class="swatch unlocks"></span>what it unlocks</li>')
    return f'<details class="legend" open><summary>Legend</summary><ul>{"".join(items)}</ul></details>', fills


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _asset(name: str) -> str:
    return Path(__file__).with_name(name).read_text(encoding="utf-8")  # shipped beside this module


def render_html(view: GraphView) -> str:
    """The view as a self-contained HTML page (see the module docstring).

    Raises
    ------
    ToolMissingError
        When Graphviz's ``dot`` (which draws the SVG) is not installed.
    """

    # The page always opens on the overview, so its graph is the detailed one even for an
    # overview view; it highlights a focus in the browser, and has its own legend.
    drawn = replace(view.without_focus(), overview=False)
    svg = inline_svg(render_svg(drawn, legend=False))
    legend, fills = render_legend(drawn)
    fills |= {_node_fill(view, n) for n in view.nodes if view.nodes[n].kind != "stage"}
    timeline, timeline_css = "", ""
    if view.schedule is not None:
        rows, timeline_css = render_timeline(view.schedule)
        timeline = (
            f'<aside id="timeline" aria-label="Roadmap timeline"><h2>Roadmap timeline</h2>\n{rows}\n</aside>'
        )
    css = "\n".join([_asset("page.css"), _colour_css(view, fills), timeline_css]) + "\n"
    script = _asset("page.js")
    title = html.escape(drawable(view.title))
    names = "".join(
        f'<option value="{html.escape(drawable(node.name))}"></option>'
        for _, node in sorted(view.nodes.items())
    )
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp, quote=False)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"<header><h1>{title}</h1>\n"
        '<div class="tools"><input id="search" type="search" list="names" '
        'placeholder="Find a skill, project or stage" aria-label="Find a skill, project or stage">'
        f'<datalist id="names">{names}</datalist>\n'
        '<button id="show-ladder" type="button" aria-pressed="true">Ladder</button>'
        '<button id="show-graph" type="button" aria-pressed="false">Graph</button>\n'
        '<button id="zoom-out" type="button" aria-label="Zoom out">−</button>'
        '<output id="mode" aria-live="polite">Ladder</output>'
        '<button id="zoom-in" type="button" aria-label="Zoom in">+</button>'
        '<button id="fit" type="button">Fit</button>'
        '<button id="actual" type="button">100%</button></div>\n'
        '<p id="info" aria-live="polite"></p></header>\n'
        f'<main class="{"with-timeline" if timeline else "alone"}">\n'
        '<section id="viewer" class="ladder" tabindex="0" aria-label="Career graph: '
        'drag, scroll or use the arrow keys to pan, + and - to zoom, 0 for 100 %, f to fit">\n'
        f'<div id="ladder">{render_ladder(view)}</div>\n'
        f'<div id="canvas"><div id="world">\n{svg}\n</div></div>\n{legend}\n</section>\n'
        f"{timeline}\n</main>\n"
        f'<script id="graph-data" type="application/json">{script_json(graph_data(view))}</script>\n'
        f"<script>{script}</script>\n"
        "</body>\n</html>\n"
    )
