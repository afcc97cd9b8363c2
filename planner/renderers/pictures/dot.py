"""Graphviz DOT text of a :class:`~planner.renderers.pictures.view.GraphView`, by our own emitter.

Why not pydot: its quoting leaves names with quotes, backslashes or DOT syntax broken.
Here every id and value goes through :func:`quote`, which always quotes and escapes,
and text Graphviz draws also goes through :func:`text`, which neutralises Graphviz's
own escapes (``\\N``, ``\\G``) and entities (``&amp;``).

The picture is a ladder: one ``cluster_<n>`` band per stage, lowest first, holding
the stage (a dark box) and the work it needs before any higher stage does, in the rows
of :attr:`GraphView.rows`, which invisible edges keep in order. Arrows the bands already
imply are left out (:meth:`GraphView.implied`). A box shows a short label (the SVG adds
the full name as its tooltip). Each node carries its graph id
as ``id`` and ``"<status or category> <kind>"`` as ``class``, so Graphviz's SVG keeps
``<g id="<graph id>" class="node ...">`` for the HTML page and for CSS. Non-node ids
(``career_graph``, ``band_*``, ``edge_*``) contain an underscore, which graph ids never
do, so they cannot collide.
"""

from __future__ import annotations

import html
import itertools
import re
from typing import TYPE_CHECKING, Final

from planner.renderers.pictures.style import (
    BAND_FILLS,
    CATEGORY_BORDER,
    CHOICE,
    EDGE_COLOUR,
    EDGES,
    HEAT,
    HIGHLIGHT,
    KINDS,
    STAGE,
    STATUS_LABELS,
    STATUSES,
    Look,
    drawable,
    heat_class,
    legend_categories,
)

if TYPE_CHECKING:
    from planner.renderers.pictures.view import BandSummary, GraphView

FONT: Final = "Helvetica,Arial,sans-serif"
FONT_SIZE: Final = 12
"""Points of a node label: 16 CSS px at 100 %, still 11 px when a band about 880 points
wide is shown 880 pixels wide (the README's pictures)."""
BAND_FONT_SIZE: Final = 16
NODE_MARGIN: Final = 0.06
"""Inches of space left and right of a node's label."""
NODE_SEP: Final = 0.035
"""Inches between neighbours in a row."""
FADE: Final = "40"
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


def text(value: str) -> str:
    """Quote text that Graphviz draws: entities written as themselves, characters no
    picture can hold dropped, and ``\\n`` (a real newline) kept as a line break."""
    lines = [drawable(line).replace("&", "&amp;") for line in value.split("\n")]
    return quote("\n".join(lines))


def class_token(value: str) -> str:
    """Turn free text (a category) into one CSS class token."""
    return _CLASS_TOKEN.sub("-", value.lower()).strip("-") or "none"


def _attrs(pairs: dict[str, str]) -> str:
    return "[" + ", ".join(f"{key}={quote(value)}" for key, value in pairs.items()) + "]"


def _html_cell(label: str, look: Look) -> str:
    dashed = ' STYLE="dashed"' if look.dashed else ""
    return (
        f'<TD BGCOLOR="{look.fill}" COLOR="{look.border}" BORDER="1"{dashed} '
        f'CELLPADDING="4"><FONT COLOR="{look.font}">{html.escape(label)}</FONT></TD>'
    )


def legend_rows(view: GraphView) -> list[tuple[str, Look]]:
    """The legend of ``view``, as (label, look) rows: statuses with a profile,
    otherwise the categories it shows; then stages, and the chain when focused. An
    overview shows the colours of its progress bars, when it has any."""
    if view.overview:
        if view.status is None:
            return []
        return [
            ("done", STATUSES["known"]),
            ("left", STATUSES["planned"]),
            ("not on the way", STATUSES["not-needed"]),
        ]
    if view.need is not None:
        rows = [("share of the cohort that still needs it:", Look("#ffffff", "#ffffff")), *HEAT]
    elif view.status is not None:
        rows = [(STATUS_LABELS[s], STATUSES[s]) for s in STATUSES]
    else:
        shown = {view.category(n) for n in view.nodes} - {"stage", "choice"}
        rows = [(label, Look(fill, CATEGORY_BORDER)) for label, fill in legend_categories(view.fills, shown)]
    rows.append(("stage", STAGE))
    if any(node.kind == "choice" for node in view.nodes.values()):
        rows.append(("one of these (choice)", CHOICE))
    if view.recommendations:
        rows.append(
            (
                "- - recommended",
                Look("#ffffff", EDGES["recommends"].colour, EDGES["recommends"].colour, dashed=True),
            )
        )
    if view.highlight:
        rows.append(("prerequisite chain", Look("#ffffff", HIGHLIGHT, HIGHLIGHT)))
    return rows


def legend_label(view: GraphView) -> str:
    """The graph label: the title and a legend, as a Graphviz HTML-like table.

    The legend lives in the graph's label rather than in a cluster of sample nodes,
    so the SVG holds one ``node`` group per graph node and nothing else.
    """
    cells = [_html_cell(label, look) for label, look in legend_rows(view)]
    per_row = 6
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    body = "".join(f"<TR>{''.join(row)}</TR>" for row in rows)
    legend = (
        f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="4">{body}</TABLE></TD></TR>' if body else ""
    )
    title = html.escape(drawable(view.title))
    return (
        f'<<TABLE BORDER="0" CELLSPACING="4"><TR><TD ALIGN="LEFT"><FONT POINT-SIZE="16"><B>'
        f"{title}</B></FONT></TD></TR>{legend}</TABLE>>"
    )


def _node_attrs(view: GraphView, node_id: str) -> dict[str, str]:
    node = view.nodes[node_id]
    kind = KINDS[node.kind]
    faded = bool(view.highlight) and node_id not in view.highlight and node.kind != "stage"
    alpha = FADE if faded else ""
    look = view.look(node_id)
    group = view.status[node_id] if view.status is not None else class_token(view.category(node_id))
    share = view.share(node_id)
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
        "label": "\n".join(view.label(node_id)),
        "shape": kind.shape,
        "style": kind.style + (",dashed" if look.dashed else ""),
        "fillcolor": look.fill + alpha,
        "color": (HIGHLIGHT if node_id == view.focus else look.border) + alpha,
        "fontcolor": look.font + alpha,
    }
    if node_id == view.focus:
        attrs["penwidth"] = "3"
    elif node.kind == "stage":
        attrs["penwidth"] = "2"
    if node.kind == "choice":
        attrs["margin"] = "0.04,0.02"
    return attrs


def _line(indent: str, name: str, attrs: dict[str, str]) -> str:
    label = attrs.pop("label")
    return f"{indent}{quote(name)} [label={text(label)}, {_attrs(attrs)[1:-1]}];"


def _spine(rows: list[list[str]]) -> list[str]:
    """Invisible edges that keep each row below the one before (weight 0: they fix
    the ranks and leave the horizontal placement to the real edges)."""
    return [
        f'  {quote(upper[0])} -> {quote(lower[0])} [style="invis", weight="0"];'
        for upper, lower in itertools.pairwise(rows)
    ]


def render_dot(view: GraphView, *, legend: bool = True) -> str:
    """Return the DOT text of ``view``: bands, nodes, edges and (unless ``legend`` is
    false, as in the HTML page, which has its own) the title and legend, sorted; for an
    overview view, the ladder of cards (:func:`render_overview_dot`).

    The same view gives the same text, whatever the order of the input files.
    """
    if view.overview:
        return render_overview_dot(view)
    out = [
        'digraph "career" {',
        "  graph "
        + _attrs(
            {
                "id": "career_graph",
                "rankdir": "TB",
                "newrank": "true",
                "nodesep": f"{NODE_SEP:g}",
                "ranksep": "0.35",
                "fontname": FONT,
                "labelloc": "t",
                "labeljust": "l",
                "bgcolor": "white",
            }
        )
        + ";",
    ]
    if legend:
        out.append(f"  graph [label={legend_label(view)}];")
    out += [
        "  node "
        + _attrs(
            {"fontname": FONT, "fontsize": str(FONT_SIZE), "margin": f"{NODE_MARGIN:g},0.03", "height": "0.3"}
        )
        + ";",
        "  edge " + _attrs({"color": EDGE_COLOUR, "arrowsize": "0.6"}) + ";",
    ]
    rows: list[list[str]] = []
    for number, band in enumerate(view.bands, start=1):
        members = view.band_members(band.id)
        if not members:
            continue
        out.append(f"  subgraph {quote(f'cluster_{number}')} {{")
        out.append(
            "    graph "
            + _attrs(
                {
                    "id": f"band_{number}",
                    "class": "band",
                    "style": "filled",
                    "fillcolor": BAND_FILLS[(number - 1) % len(BAND_FILLS)],
                    "color": "#c5d3e8",
                    "fontsize": str(BAND_FONT_SIZE),
                    "labeljust": "l",
                }
            )
            + ";"
        )
        out.append(f"    graph [label={text(band.title)}];")
        out.extend(_line("    ", node_id, _node_attrs(view, node_id)) for node_id in members)
        for row in view.rows[band.id]:
            rows.append(row)
            out.append('    {rank="same"; ' + " ".join(f"{quote(n)};" for n in row) + "}")
        out.append("  }")

    out.extend(_spine(rows))
    for index, (source, target) in enumerate(view.edges):
        chain = source in view.highlight and target in view.highlight
        if view.implied(source, target) and not chain:
            continue
        kind = EDGES[view.edge_kind(source, target)]
        attrs = {"id": f"edge_{index}", "class": view.edge_kind(source, target)}
        if chain:
            attrs |= {"class": attrs["class"] + " highlight", "color": HIGHLIGHT, "penwidth": "2.5"}
        else:
            faded = view.highlight and kind.fades
            attrs |= {"color": kind.colour + (FADE if faded else ""), "penwidth": f"{kind.width:g}"}
        if kind.style != "solid":
            attrs["style"] = kind.style
        if view.band_of(source) != view.band_of(target):
            # A long edge between bands must not drag the bands sideways.
            attrs["weight"] = "0"
        out.append(f"  {quote(source)} -> {quote(target)} {_attrs(attrs)};")
    recommends = EDGES["recommends"]
    for index, (source, target) in enumerate(view.recommendations):
        attrs = {
            "id": f"rec_{index}",
            "class": "recommends",
            "style": recommends.style,
            "color": recommends.colour + (FADE if view.highlight else ""),
            "penwidth": f"{recommends.width:g}",
            "constraint": "false",
        }
        out.append(f"  {quote(source)} -> {quote(target)} {_attrs(attrs)};")
    out.append("}")
    return "\n".join(out) + "\n"


BAR_POINTS: Final = 220
"""Width of an overview card's progress bar."""


def _bar(summary: BandSummary) -> str:
    total = summary.done_hours + summary.left_hours
    if total <= 0:
        return ""
    done = round(BAR_POINTS * summary.done_hours / total)
    cells = [(done, STATUSES["known"].fill), (BAR_POINTS - done, STATUSES["planned"].fill)]
    tds = "".join(
        f'<TD WIDTH="{width}" HEIGHT="8" FIXEDSIZE="TRUE" BGCOLOR="{fill}"></TD>'
        for width, fill in cells
        if width > 0
    )
    return (
        f'<TR><TD ALIGN="LEFT"><TABLE ALIGN="LEFT" BORDER="0" CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="0" FIXEDSIZE="TRUE" WIDTH="{BAR_POINTS}" HEIGHT="8"><TR>{tds}</TR></TABLE>'
        "</TD></TR>"
    )


def _card(summary: BandSummary) -> str:
    rows = [
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{BAND_FONT_SIZE}"><B>'
        f"{html.escape(summary.band.title)}</B></FONT></TD></TR>",
        f'<TR><TD ALIGN="LEFT">{html.escape(summary.counts_text())}</TD></TR>',
    ]
    if summary.status is not None:
        rows.append(_bar(summary))
        rows.append(f'<TR><TD ALIGN="LEFT">{html.escape(summary.progress_text())}</TD></TR>')
    return f'<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">{"".join(rows)}</TABLE>>'


def render_overview_dot(view: GraphView) -> str:
    """DOT text of the ladder alone: one card per band (its title, how many skills and
    projects, their hours and, with a profile, hours done and left), the stages'
    ladder edges between them. It reads at 880 points wide."""
    out = [
        'digraph "career" {',
        "  graph "
        + _attrs(
            {
                "id": "career_overview",
                "rankdir": "TB",
                "nodesep": "0.3",
                "ranksep": "0.3",
                "fontname": FONT,
                "labelloc": "t",
                "labeljust": "l",
                "bgcolor": "white",
            }
        )
        + ";",
        f"  graph [label={legend_label(view)}];",
        "  node "
        + _attrs(
            {
                "fontname": FONT,
                "fontsize": str(FONT_SIZE + 1),
                "shape": "box",
                "style": "rounded,filled",
                "margin": "0.15,0.08",
            }
        )
        + ";",
        "  edge " + _attrs({"color": STAGE.fill, "penwidth": "2", "arrowsize": "0.8"}) + ";",
    ]
    for number, summary in enumerate(view.summaries(), start=1):
        band = summary.band
        look = STATUSES[summary.status] if summary.status else STAGE
        attrs = {
            "id": band.id,
            "class": f"card {summary.status or 'stage'}" + (" highlight" if summary.highlight else ""),
            "fillcolor": BAND_FILLS[(number - 1) % len(BAND_FILLS)],
            "color": HIGHLIGHT if summary.highlight else look.border,
            "penwidth": "3" if summary.highlight else "1.5",
        }
        if summary.status == "not-needed":
            attrs["style"] = "rounded,filled,dashed"
        out.append(f"  {quote(band.id)} [label={_card(summary)}, {_attrs(attrs)[1:-1]}];")
    for source, target in view.edges:
        if view.edge_kind(source, target) == "ladder":
            out.append(f"  {quote(source)} -> {quote(target)};")
    stages = [b.id for b in view.bands if b.id in view.nodes]
    if stages and view.bands[-1].id not in view.nodes:
        out.append(f'  {quote(stages[-1])} -> {quote(view.bands[-1].id)} [style="invis"];')
    out.append("}")
    return "\n".join(out) + "\n"
