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
from typing import TYPE_CHECKING, Final

from planner.io.patterns import later
from planner.renderers.pictures.bands import UNSTAGED
from planner.renderers.pictures.legend import WHITE, legend_label
from planner.renderers.pictures.style import (
    BAND_FILLS,
    EDGE_COLOUR,
    EDGES,
    HERE,
    HIGHLIGHT,
    KINDS,
    KNOWN_COLOUR,
    LEFT_COLOUR,
    STAGE,
    STATUSES,
    drawable,
    heat_class,
)
from planner.renderers.pictures.summary import summarise

if TYPE_CHECKING:
    from planner.renderers.pictures.summary import BandSummary
    from planner.renderers.pictures.view import GraphView

FONT: Final = "Helvetica,Arial,sans-serif"
FONT_SIZE: Final = 12
"""Points of a node label: 16 CSS px at 100 %, still 11 px when a band about 880 points
wide is shown 880 pixels wide (the README's pictures)."""
BAND_FONT_SIZE: Final = 16
NODE_MARGIN: Final = 0.06
"""Inches of space left and right of a node's label."""
BADGE_MARGIN: Final = 0.16
"""Inches left and right of a label with a status badge."""
NODE_SEP: Final = 0.035
"""Inches between neighbours in a row."""
FADE: Final = "40"
"""Alpha appended to colours of nodes outside a focused chain."""

_ESCAPES: Final = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\n"}
_SPECIAL: Final = later(r'\r\n|[\\"\n\r]')
_CLASS_TOKEN: Final = later(r"[^a-z0-9-]+")


def quote(value: str) -> str:
    """Quote any string as a DOT id: always in double quotes, escaping backslashes,
    double quotes and newlines.

    Inside double quotes, ``<``, ``>``, ``{``, ``}`` and ``;`` are plain characters, so
    no name can start an HTML-like label or end the statement.
    """
    return '"' + _SPECIAL().sub(lambda m: _ESCAPES.get(m.group(0), "\\n"), value) + '"'


def text(value: str) -> str:
    """Quote text that Graphviz draws: entities written as themselves, characters no
    picture can hold dropped, and ``\\n`` (a real newline) kept as a line break."""
    lines = [drawable(line).replace("&", "&amp;") for line in value.split("\n")]
    return quote("\n".join(lines))


def class_token(value: str) -> str:
    """Turn free text (a category) into one CSS class token."""
    return _CLASS_TOKEN().sub("-", value.lower()).strip("-") or "none"


def _attrs(pairs: dict[str, str]) -> str:
    return "[" + ", ".join(f"{key}={quote(value)}" for key, value in pairs.items()) + "]"


def with_alpha(colour: str, alpha: str) -> str:
    """``#rrggbb`` (or ``#rrggbbaa``) with the alpha ``alpha``, or unchanged when empty."""
    return colour[:7] + alpha if alpha else colour


def node_classes(view: GraphView, node_id: str) -> list[str]:
    """The CSS classes of a node: ``cat-<category>`` (or ``heat-<n>`` on a heat map), its
    status with a profile, its kind, and ``next``, ``here``, ``highlight``, ``focus``
    where they apply."""
    node = view.nodes[node_id]
    share = view.share(node_id)
    classes = [
        f"heat-{heat_class(share)}" if share is not None else f"cat-{class_token(view.category(node_id))}"
    ]
    if view.status is not None:
        classes.append(view.status[node_id])
    classes.append(node.kind)
    where = view.position
    if where is not None and node_id == where.next_item:
        classes.append("next")
    if where is not None and node_id == where.here:
        classes.append("here")
    if node_id in view.highlight:
        classes.append("highlight")
        if node_id == view.focus:
            classes.append("focus")
    return classes


def _node_attrs(view: GraphView, node_id: str) -> dict[str, str]:
    node = view.nodes[node_id]
    kind = KINDS[node.kind]
    faded = bool(view.highlight) and node_id not in view.highlight and node.kind != "stage"
    alpha = FADE if faded else ""
    look = view.look(node_id)
    attrs = {
        "id": node_id,
        "class": " ".join(node_classes(view, node_id)),
        "label": "\n".join(view.label(node_id)),
        "shape": kind.shape,
        "style": kind.style + (",dashed" if look.dashed else ""),
        "fillcolor": with_alpha(look.fill, alpha),
        "color": with_alpha(HIGHLIGHT if node_id == view.focus else look.border, alpha),
        "fontcolor": with_alpha(look.font, alpha),
    }
    if node_id == view.focus:
        attrs["penwidth"] = "3"
    elif node.kind == "stage":
        attrs["penwidth"] = f"{max(2.0, look.width):g}"
    elif look.width != 1:
        attrs["penwidth"] = f"{look.width:g}"
    if node.kind == "choice":
        attrs["margin"] = "0.04,0.02"
    elif look.badge:
        attrs["margin"] = f"{BADGE_MARGIN:g},0.03"  # browsers draw ✓ and ▶ wider than Graphviz measures
    return attrs


def band_title(view: GraphView, band_id: str, title: str) -> str:
    """A band's title, with "you are here" on the stage the person works towards."""
    where = view.position
    if where is not None and where.here == band_id:
        return f"{title} · ● {HERE}"
    if where is not None and where.held == band_id:
        return f"{title} · ✓ held"
    return title


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
        rung = band.id != UNSTAGED
        out.append(
            "    graph "
            + _attrs(
                {
                    "id": f"band_{number}",
                    "class": "band" if rung else "band extras",
                    "style": "filled" if rung else "filled,dashed",
                    "fillcolor": BAND_FILLS[(number - 1) % len(BAND_FILLS)] if rung else WHITE,
                    "color": "#c5d3e8" if rung else "#9e9e9e",
                    "fontsize": str(BAND_FONT_SIZE),
                    "labeljust": "l",
                }
            )
            + ";"
        )
        out.append(f"    graph [label={text(band_title(view, band.id, band.title))}];")
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
    cells = [(done, KNOWN_COLOUR), (BAR_POINTS - done, LEFT_COLOUR)]
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


def _row(text: str, size: int | None = None, bold: bool = False) -> str:
    body = html.escape(text)
    if bold:
        body = f"<B>{body}</B>"
    if size is not None:
        body = f'<FONT POINT-SIZE="{size}">{body}</FONT>'
    return f'<TR><TD ALIGN="LEFT">{body}</TD></TR>'


def _card(view: GraphView, summary: BandSummary) -> str:
    title = summary.band.title if summary.rung else f"Outside the ladder: {summary.band.title.lower()}"
    rows = [_row(title, BAND_FONT_SIZE, bold=True)]
    if summary.here:
        rows.append(_row(f"● {HERE}", bold=True))
    rows.append(_row(summary.counts_text()))
    if summary.alternatives_text():
        rows.append(_row(summary.alternatives_text()))
    if summary.status is not None:
        rows.append(_bar(summary))
        rows.append(_row(summary.progress_text()))
    if summary.next_item is not None:
        rows.append(_row(f"▶ next: {drawable(view.graph.nodes[summary.next_item].name)}"))
    return f'<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">{"".join(rows)}</TABLE>>'


def render_overview_dot(view: GraphView) -> str:
    """DOT text of the ladder alone: one card per stage (its title, the skills and
    projects it needs on the plan and their hours, its choices and, with a profile, hours
    done and left, the day the stage is reached and "you are here"), the stages' ladder
    edges between them, and the work no stage needs apart, below. It reads at 880
    points wide."""
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
                "fillcolor": WHITE,
                "margin": "0.15,0.08",
            }
        )
        + ";",
        "  edge " + _attrs({"color": STAGE.fill, "penwidth": "2", "arrowsize": "0.8"}) + ";",
    ]
    for summary in summarise(view):
        band = summary.band
        mark = STATUSES[summary.status] if summary.status else None
        classes = ["card", summary.status or ("stage" if summary.rung else "extras")]
        classes += [name for name, on in (("here", summary.here), ("highlight", summary.highlight)) if on]
        border, width = (mark.border, max(1.5, mark.width)) if mark else (STAGE.fill, 1.5)
        attrs = {
            "id": band.id,
            "class": " ".join(classes),
            "color": HIGHLIGHT if summary.highlight else border,
            "penwidth": f"{3 if summary.highlight or summary.here else width:g}",
        }
        if not summary.rung or summary.status == "not-needed":
            attrs["style"] = "rounded,filled,dashed"
            attrs["color"] = STATUSES["not-needed"].border
        out.append(f"  {quote(band.id)} [label={_card(view, summary)}, {_attrs(attrs)[1:-1]}];")
    for source, target in view.edges:
        if view.edge_kind(source, target) == "ladder":
            out.append(f"  {quote(source)} -> {quote(target)};")
    stages = [b.id for b in view.bands if b.id in view.nodes]
    if stages and view.bands[-1].id not in view.nodes:
        out.append(f'  {quote(stages[-1])} -> {quote(view.bands[-1].id)} [style="invis"];')
    out.append("}")
    return "\n".join(out) + "\n"
