"""Graphviz DOT text of a :class:`~planner.visualizers.view.GraphView`, by our own emitter.

Why not pydot: its quoting leaves names with quotes, backslashes or DOT syntax broken.
Here every id and value goes through :func:`quote`, which always quotes and escapes,
and text Graphviz draws also goes through :func:`text`, which neutralises Graphviz's
own escapes (``\\N``, ``\\G``) and entities (``&amp;``).

The picture is a ladder: one ``cluster_<n>`` band per stage, lowest first, holding
the stage (a dark box) and the work it needs before any higher stage does. Invisible
edges from each stage to the next band keep the bands stacked. Each node carries its
graph id as ``id`` and ``"<status or category> <kind>"`` as ``class``, so Graphviz's
SVG keeps ``<g id="<graph id>" class="node ...">`` for the HTML page and for CSS.
Non-node ids (``career_graph``, ``band_*``, ``edge_*``) contain an underscore, which
graph ids never do, so they cannot collide.
"""

from __future__ import annotations

import bisect
import html
import re
import textwrap
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from planner.visualizers.view import GraphView

FONT: Final = "Helvetica,Arial,sans-serif"
STATUS_COLOURS: Final = {
    # status: (fill, border, font, style)
    "known": ("#a7e3a1", "#3c8d40", "#111111", "rounded,filled"),
    "planned": ("#ffd166", "#c08a00", "#111111", "rounded,filled"),
    "not-needed": ("#eeeeee", "#9e9e9e", "#757575", "rounded,filled,dashed"),
}
STATUS_LABELS: Final = {"known": "known", "planned": "planned", "not-needed": "not needed"}
STAGE_COLOURS: Final = ("#263238", "#111111", "#ffffff")
HEAT: Final = (
    ("#ffffff", "#9e9e9e", "#757575", "nobody"),
    ("#ffffb2", "#78909c", "#111111", "under 10%"),
    ("#fed976", "#78909c", "#111111", "10–30%"),
    ("#feb24c", "#78909c", "#111111", "30–50%"),
    ("#fd8d3c", "#78909c", "#111111", "50–70%"),
    ("#f03b20", "#78909c", "#111111", "70–90%"),
    ("#bd0026", "#78909c", "#ffffff", "90% or more"),
)
"""A cohort's heat map: (fill, border, font, legend) by the share of people who still
need a node. The fills are ColorBrewer's YlOrRd, a sequential scale that reads for
every common colour-vision deficiency and in grey; every font passes WCAG AA."""
HEAT_BOUNDS: Final = (0.1, 0.3, 0.5, 0.7, 0.9)
"""Where one class of :data:`HEAT` (after "nobody") ends and the next begins."""
PALETTE: Final = (
    "#cfe3ff", "#d7f2d0", "#ffe5b4", "#f3d9fa", "#d0f0ef", "#ffd6d6",
    "#e8e3ff", "#fff4b8", "#dfe9d5", "#ffe0ef", "#d9e8f0", "#f2e6d9",
)
"""Fills by category, assigned in sorted category order so colours are stable."""
BAND_FILLS: Final = ("#f0f5ff", "#eef7ec", "#fff7ea", "#f7eefb", "#ecf6f6", "#f9ecec")
HIGHLIGHT: Final = "#d32f2f"
WRAP: Final = 24
"""Characters per line of a node label; long names wrap to keep the ladder narrow."""
MAX_LINES: Final = 4
FADE: Final = "40"
ROW: Final = 7
"""Nodes per row a band aims at before its first row is staggered."""
STAGGER: Final = 4
"""Most rows a band's first row is staggered into."""
"""Alpha appended to colours of nodes outside a focused chain."""

_ESCAPES: Final = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\n"}
_SPECIAL: Final = re.compile(r'\r\n|[\\"\n\r]')
_CLASS_TOKEN: Final = re.compile(r"[^a-z0-9-]+")


def quote(value: str) -> str:
    """Quote any string as a DOT id: always in double quotes, escaping backslashes,
    double quotes and newlines.

    Inside double quotes, ``<``, ``>``, ``{``, ``}`` and ``;`` are plain characters, so
    no name can start an HTML-like label or end the statement.
    """
    return '"' + _SPECIAL.sub(lambda m: _ESCAPES.get(m.group(0), "\\n"), value) + '"'


def text(value: str, *, width: int = 0) -> str:
    """Quote text that Graphviz draws (a label): entities written as themselves, runs
    of whitespace (newlines included) made single spaces, then wrapped at ``width``
    characters (0: one line) with DOT's ``\\n`` line breaks."""
    flat = " ".join(value.split()).replace("&", "&amp;")
    if width and len(flat) > width:
        # Wrap the original words, so an entity such as "&amp;" is never split.
        lines = textwrap.wrap(" ".join(value.split()), width=width, break_long_words=True,
                              break_on_hyphens=False)
        flat = "\n".join(line.replace("&", "&amp;") for line in lines[:MAX_LINES])
        if len(lines) > MAX_LINES:
            flat += "…"
    return quote(flat)


def class_token(value: str) -> str:
    """Turn free text (a category) into one CSS class token."""
    return _CLASS_TOKEN.sub("-", value.lower()).strip("-") or "none"


def category_colours(view: GraphView) -> dict[str, str]:
    """Fill colour of each category of the view, stable for a given set of categories."""
    categories = sorted({view.category(n) for n in view.nodes} - {"stage"})
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)}


def heat_class(share: float) -> int:
    """The class of :data:`HEAT` for a node that ``share`` (0..1) of a cohort still needs."""
    return 0 if share <= 0 else 1 + bisect.bisect_right(HEAT_BOUNDS, share)


def _counted(name: str, count: int) -> str:
    """``name (count)``, the name shortened so that the count survives the wrapping
    of :func:`text` (which keeps the first :data:`MAX_LINES` lines)."""
    lines = textwrap.wrap(" ".join(name.split()), width=WRAP, break_long_words=True,
                          break_on_hyphens=False)
    if len(lines) >= MAX_LINES:
        name = " ".join(lines[: MAX_LINES - 1]) + "…"
    return f"{name} ({count:,})"


def _attrs(pairs: dict[str, str]) -> str:
    return "[" + ", ".join(f"{key}={quote(value)}" for key, value in pairs.items()) + "]"


def _html_cell(label: str, fill: str, border: str, font: str, *, dashed: bool = False) -> str:
    style = ' STYLE="dashed"' if dashed else ""
    return (
        f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="1"{style} CELLPADDING="4">'
        f'<FONT COLOR="{font}">{html.escape(label)}</FONT></TD>'
    )


def legend_label(view: GraphView) -> str:
    """The graph label: the title and a legend, as a Graphviz HTML-like table.

    The legend lives in the graph's label rather than in a cluster of sample nodes,
    so the SVG holds one ``node`` group per graph node and nothing else.
    """
    cells: list[str] = []
    if view.need is not None:
        cells.append(_html_cell("share of the cohort that still needs it:", "#ffffff", "#ffffff",
                                "#111111"))
        for fill, border, font, label in HEAT:
            cells.append(_html_cell(label, fill, border, font, dashed=fill == HEAT[0][0]))
    elif view.status is not None:
        for status in ("known", "planned", "not-needed"):
            fill, border, font, style = STATUS_COLOURS[status]
            cells.append(_html_cell(STATUS_LABELS[status], fill, border, font, dashed="dashed" in style))
    else:
        for category, fill in category_colours(view).items():
            cells.append(_html_cell(category, fill, "#90a4ae", "#111111"))
    fill, border, font = STAGE_COLOURS
    cells.append(_html_cell("stage", fill, border, font))
    if view.highlight:
        cells.append(_html_cell("prerequisite chain", "#ffffff", HIGHLIGHT, HIGHLIGHT))
    per_row = 8
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    body = "".join(f"<TR>{''.join(row)}</TR>" for row in rows)
    title = html.escape(" ".join(view.title.split()))
    return (
        f'<<TABLE BORDER="0" CELLSPACING="4"><TR><TD ALIGN="LEFT" COLSPAN="{per_row}">'
        f'<B>{title}</B></TD></TR><TR><TD COLSPAN="{per_row}"><TABLE BORDER="0" CELLSPACING="4">'
        f"{body}</TABLE></TD></TR></TABLE>>"
    )


def _node_attrs(view: GraphView, node_id: str, colours: dict[str, str]) -> dict[str, str]:
    node = view.nodes[node_id]
    faded = bool(view.highlight) and node_id not in view.highlight and node.kind != "stage"
    alpha = FADE if faded else ""
    share = view.share(node_id)
    label = node.name
    if node.kind == "stage":
        fill, border, font = STAGE_COLOURS
        style = "filled,bold"
        shape = "box"
    else:
        shape = "box"
        if share is not None and view.need is not None:
            fill, border, font, _ = HEAT[heat_class(share)]
            style = "rounded,filled" + (",dashed" if share == 0 else "")
            label = _counted(node.name, view.need.get(node_id, 0))
        elif view.status is not None:
            fill, border, font, style = STATUS_COLOURS[view.status[node_id]]
        else:
            fill, border, font = colours[view.category(node_id)], "#78909c", "#111111"
            style = "rounded,filled"
    if view.status is not None and node.kind == "stage":
        # Stages stay dark; their border tells the status.
        border = STATUS_COLOURS[view.status[node_id]][1]
    group = view.status[node_id] if view.status is not None else class_token(view.category(node_id))
    if share is not None:
        group = f"heat-{heat_class(share)}"
    classes = [group, node.kind]
    if node_id in view.highlight:
        classes.append("highlight")
        if node_id == view.focus:
            classes.append("focus")
    attrs = {
        "id": node_id,
        "class": " ".join(classes),
        "label": label,
        "shape": shape,
        "style": style,
        "fillcolor": fill + alpha,
        "color": (HIGHLIGHT if node_id == view.focus else border) + alpha,
        "fontcolor": font + alpha,
    }
    if node_id == view.focus:
        attrs["penwidth"] = "3"
    elif node.kind == "stage":
        attrs["penwidth"] = "2"
    return attrs


def _line(indent: str, name: str, attrs: dict[str, str]) -> str:
    label = attrs.pop("label", None)
    parts = _attrs(attrs)[1:-1]
    if label is not None:
        parts = f"label={text(label, width=WRAP)}, {parts}"
    return f"{indent}{quote(name)} [{parts}];"


def _ladder(view: GraphView) -> list[str]:
    """Invisible edges that stack the bands and stagger each band's first row.

    Each band's nodes without a prerequisite in the band hang below the stage of the
    band before (the first band: below an invisible point), at staggered distances,
    so a band with many such nodes wraps into a few rows instead of one wide row.
    """
    out: list[str] = []
    previous: str | None = None
    for number, band in enumerate(view.bands, start=1):
        members = view.band_members(band.id)
        if not members:
            continue
        anchor = previous
        if anchor is None:
            anchor = f"top_{number}"
            out.append(f"  {quote(anchor)} [shape=\"point\", style=\"invis\", width=\"0\", height=\"0\"];")
        inside = set(members)
        starts = [n for n in members if not any(p in inside for p in view.graph.digraph.pred[n])]
        rows = max(1, min(STAGGER, -(-len(starts) // ROW)))
        for index, node_id in enumerate(starts):
            minlen = 1 + index % rows
            out.append(f"  {quote(anchor)} -> {quote(node_id)} [style=\"invis\", minlen=\"{minlen}\"];")
        previous = band.id if band.id in view.nodes else None
    return out


def render_dot(view: GraphView) -> str:
    """Return the DOT text of ``view``: bands, nodes, edges and legend, sorted.

    The same view gives the same text, whatever the order of the input files.
    """
    colours = category_colours(view)
    out = [
        'digraph "career" {',
        "  " + "graph " + _attrs({
            "id": "career_graph",
            "rankdir": "TB",
            "newrank": "true",
            "compound": "true",
            "nodesep": "0.25",
            "ranksep": "0.45",
            "fontname": FONT,
            "labelloc": "t",
            "labeljust": "l",
            "bgcolor": "white",
        }) + ";",
        f"  graph [label={legend_label(view)}];",
        "  node " + _attrs({"fontname": FONT, "fontsize": "10", "margin": "0.12,0.04",
                            "height": "0.3"}) + ";",
        "  edge " + _attrs({"color": "#b0bec5", "arrowsize": "0.6"}) + ";",
    ]
    for number, band in enumerate(view.bands, start=1):
        members = view.band_members(band.id)
        if not members:
            continue
        fill = BAND_FILLS[(number - 1) % len(BAND_FILLS)]
        out.append(f"  subgraph {quote(f'cluster_{number}')} {{")
        out.append("    graph " + _attrs({
            "id": f"band_{number}",
            "class": "band",
            "style": "filled",
            "fillcolor": fill,
            "color": "#c5d3e8",
            "fontsize": "13",
            "labeljust": "l",
        }) + ";")
        out.append(f"    graph [label={text(band.title)}];")
        out.extend(_line("    ", node_id, _node_attrs(view, node_id, colours)) for node_id in members)
        out.append("  }")

    out.extend(_ladder(view))
    for index, (source, target) in enumerate(view.edges):
        classes = ["ladder"] if view.nodes[source].kind == view.nodes[target].kind == "stage" else []
        attrs = {"id": f"edge_{index}"}
        if source in view.highlight and target in view.highlight:
            classes.append("highlight")
            attrs.update({"color": HIGHLIGHT, "penwidth": "2.5"})
        elif classes:
            attrs.update({"color": STAGE_COLOURS[0], "penwidth": "2.5"})
        elif view.highlight:
            attrs["color"] = "#b0bec5" + FADE
        if classes:
            attrs["class"] = " ".join(classes)
        out.append(f"  {quote(source)} -> {quote(target)} {_attrs(attrs)};")
    out.append("}")
    return "\n".join(out) + "\n"
