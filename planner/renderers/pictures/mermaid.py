"""Mermaid flowcharts of (part of) the career graph.

Mermaid has its own syntax in ids and labels, so ids are sanitized to
``[A-Za-z0-9_]`` (kept unique) and labels are written with Mermaid's ``#code;``
entities, which GitHub renders as the original characters.

Layout. Mermaid places nodes by their links alone and draws a long link through every
rank it crosses, so a stage with a hundred nodes becomes a strip many thousand pixels
wide. Here each stage band is laid out top to bottom in narrow rows grouped by category
(a subgraph per category, its nodes prerequisites first), and invisible links (``~~~``)
from each row to the next keep the rows, the categories and the bands in order. Only
requirements are drawn unless the view asks for recommendations too. Boxes show the
same short labels, category fills and status marks as every other format.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import TYPE_CHECKING, Final

from planner.errors import PlanError
from planner.io.patterns import later
from planner.limits import MAX_MERMAID_CHARS, MAX_MERMAID_EDGES
from planner.renderers.pictures.layers import band_rows
from planner.renderers.pictures.style import (
    CATEGORY_BORDER,
    CHOICE,
    EDGES,
    FADED,
    HIGHLIGHT,
    KINDS,
    NEXT,
    PALETTE,
    STAGE,
    STATUSES,
    Look,
    Mark,
    drawable,
)
from planner.renderers.pictures.summary import summarise

if TYPE_CHECKING:
    from planner.renderers.pictures.view import GraphView

MAX_EDGES: Final = MAX_MERMAID_EDGES
MAX_TEXT: Final = MAX_MERMAID_CHARS
ROW_BUDGET: Final = 40.0
"""What a row of a Mermaid picture may hold, in characters of label (see
:func:`~planner.renderers.pictures.layers.label_cost`): about 900 pixels of Mermaid's
boxes, the width of a page."""
_SAFE_LABEL = later(r"[A-Za-z0-9 .,/+'()&-]")


def mermaid_ids(ids: list[str]) -> dict[str, str]:
    """Map graph ids to unique Mermaid-safe ids, deterministically."""
    result: dict[str, str] = {}
    used: set[str] = set()
    for node_id in sorted(ids):
        base = "n_" + re.sub(r"[^A-Za-z0-9_]", "_", node_id)
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}_{n}"
        used.add(candidate)
        result[node_id] = candidate
    return result


def label(text: str) -> str:
    """Encode text for a quoted Mermaid label: anything unusual as ``#code;``."""
    text = drawable(text)
    return "".join(c if _SAFE_LABEL().fullmatch(c) else f"#{ord(c)};" for c in text)


def _fill_def(name: str, look: Look) -> str:
    return f"  classDef {name} fill:{look.fill},stroke:{look.border},color:{look.font}"


def _mark_def(name: str, mark: Mark) -> str:
    style = f"stroke:{mark.border},stroke-width:{mark.width:g}px,color:{mark.font}"
    style += ",stroke-dasharray:4 3" if mark.dashed else ""
    style += f",fill-opacity:{int(FADED, 16) / 255:.2f}" if mark.faded else ""
    return f"  classDef {name} {style}"


def _node_classes(view: GraphView, ids: dict[str, str]) -> list[str]:
    """``classDef`` and ``class`` lines: every box filled by its category (stages dark,
    choices white), and with a profile a second class for its status: the border."""
    fills = sorted(set(view.fills.values()), key=lambda f: (f not in PALETTE, f))
    looks: dict[str, Look] = {"stage": STAGE, "choice": CHOICE}
    looks |= {f"cat_{i}": Look(f, CATEGORY_BORDER) for i, f in enumerate(fills)}
    names = {look.fill: name for name, look in looks.items() if name.startswith("cat_")}
    marks = {status.replace("-", "_"): mark for status, mark in STATUSES.items()} | {"next": NEXT}
    by_class: dict[str, list[str]] = {}
    for node_id in sorted(view.nodes):
        kind = view.nodes[node_id].kind
        name = kind if kind in ("stage", "choice") else names[view.fills[view.category(node_id)]]
        by_class.setdefault(name, []).append(ids[node_id])
        if view.status is not None:
            where = view.position
            status = "next" if where is not None and node_id == where.next_item else view.status[node_id]
            by_class.setdefault(status.replace("-", "_"), []).append(ids[node_id])
    # Fills first, then the status marks, so a mark's border wins over a fill's.
    ordered = sorted(by_class, key=lambda name: (name not in looks, name))
    out = [
        _fill_def(name, looks[name]) if name in looks else _mark_def(name, marks[name]) for name in ordered
    ]
    out += [f"  class {','.join(by_class[name])} {name}" for name in ordered]
    return out


def _too_big(view: GraphView, what: str) -> PlanError:
    """The error for a view Mermaid cannot draw, suggesting only options not given."""
    narrow = [
        option for option, given in (("--stage ID", view.stage), ("--profile", view.plan)) if given is None
    ]
    advice = f"Narrow it with {' or '.join(narrow)}, draw" if narrow else "Draw"
    return PlanError(f"{what}. {advice} the ladder alone with --overview, or use --format svg or html")


def _overview(view: GraphView, ids: dict[str, str]) -> list[str]:
    out = []
    for summary in summarise(view):
        lines = [summary.band.title, summary.counts_text()]
        if summary.alternatives_text():
            lines.append(summary.alternatives_text())
        if summary.status is not None:
            lines.append(summary.progress_text())
        out.append(f'  {ids[summary.band.id]}["{"<br>".join(label(line) for line in lines)}"]')
    out += [f"  {ids[a]} ==> {ids[b]}" for a, b in view.edges if view.edge_kind(a, b) == "ladder"]
    return out


def _group(view: GraphView, node_id: str) -> str:
    """The category a node is grouped under: a choice goes with most of its members."""
    node = view.nodes[node_id]
    if node.kind != "choice":
        return view.category(node_id)
    found = Counter(view.category(m) for m in node.one_of if m in view.nodes)
    return min(found, key=lambda c: (-found[c], c)) if found else "choice"


def category_groups(view: GraphView, band: str) -> list[tuple[str, list[list[str]]]]:
    """A band's work grouped by category, each group in narrow rows (prerequisites
    first); groups in the order of their work's prerequisite depth, then by name. The
    band's stage comes last, alone, with no category (``""``)."""
    members = [n for n in view.band_members(band) if n != band]
    by_category: dict[str, list[str]] = {}
    for node_id in members:
        by_category.setdefault(_group(view, node_id), []).append(node_id)
    depth: dict[str, int] = {}
    for node_id in view.graph.topological_order(members):
        depth[node_id] = 1 + max((depth[p] for p in view.graph.pred[node_id] if p in depth), default=0)

    def key(category: str) -> tuple[float, str]:
        nodes = by_category[category]
        return (sum(depth[n] for n in nodes) / len(nodes), category)

    groups = []
    for category in sorted(by_category, key=key):
        nodes = by_category[category]
        widths = {n: view.label_width(n) for n in nodes}
        groups.append((category, band_rows(nodes, view.graph.pred, widths=widths, budget=ROW_BUDGET)))
    if band in view.nodes:
        groups.append(("", [[band]]))
    return groups


def render_flowchart(view: GraphView) -> str:
    """A top-down flowchart of the view's nodes, stage band by stage band, each band's
    work in a box per category with the arrows between its skills; a box's title names
    the categories it needs, whose arrows the picture leaves out to stay a page wide
    (for an overview view, one box per band).

    Raises
    ------
    PlanError
        When the view has more links or text than Mermaid renders.
    """
    if view.overview:
        ids = mermaid_ids([band.id for band in view.bands])
        return "\n".join(["flowchart TB", *_overview(view, ids)]) + "\n"
    ids = mermaid_ids(list(view.nodes))
    layout = {band.id: category_groups(view, band.id) for band in view.bands}
    group_of: dict[str, str] = {}
    titles: dict[str, str] = {}
    order: list[str] = []
    """The boxes (and stages) top to bottom."""
    spine: list[tuple[str, str]] = []
    for number, band in enumerate(view.bands, start=1):
        for index, (category, rows) in enumerate(layout[band.id], start=1):
            box = f"band_{number}_{index}" if category else ids[rows[0][0]]
            titles[box] = category
            order.append(box)
            group_of |= {node_id: box for row in rows for node_id in row}
            spine += [
                (ids[parent], ids[node])
                for upper, lower in itertools.pairwise(rows)
                for parent in dict.fromkeys([upper[0], upper[-1]])
                for node in lower
            ]
    drawn = [
        (a, b)
        for a, b in view.edges
        if not view.implied(a, b) or (a in view.highlight and b in view.highlight)
    ]
    inside = [(a, b) for a, b in drawn if group_of[a] == group_of[b] or view.edge_kind(a, b) == "ladder"]
    needs: dict[str, set[str]] = {}
    for a, b in drawn:
        if (a, b) not in inside:
            needs.setdefault(group_of[b], set()).add(titles[group_of[a]] or "stage")
    hidden = spine + list(itertools.pairwise(order))
    links = len(hidden) + len(inside) + len(view.recommendations)
    if links > MAX_EDGES:
        raise _too_big(view, f"the view needs {links} links; Mermaid renders at most {MAX_EDGES}")
    out = ["flowchart TB"]
    for number, band in enumerate(view.bands, start=1):
        if not view.band_members(band.id):
            continue
        # Band ids are numbered: the "Not required by any stage" band has no graph id.
        out.append(f'  subgraph band_{number}["{label(band.title)}"]')
        out.append("    direction TB")
        for index, (category, rows) in enumerate(layout[band.id], start=1):
            indent = "    "
            if category:
                box = f"band_{number}_{index}"
                wanted = sorted(needs.get(box, set()) - {category})
                title = category + (f" (needs {', '.join(wanted)})" if wanted else "")
                out += [f'    subgraph {box}["{label(title)}"]', "      direction TB"]
                indent = "      "
            for node_id in sorted(n for row in rows for n in row):
                opening, closing = KINDS[view.nodes[node_id].kind].mermaid
                out.append(f"{indent}{ids[node_id]}{opening}{label(' '.join(view.label(node_id)))}{closing}")
            if category:
                out.append("    end")
        out.append("  end")
    out += [f"  {upper} ~~~ {lower}" for upper, lower in hidden]
    chain = []
    for index, (source, target) in enumerate(inside, start=len(hidden)):
        out.append(f"  {ids[source]} {EDGES[view.edge_kind(source, target)].mermaid} {ids[target]}")
        if source in view.highlight and target in view.highlight:
            chain.append(str(index))
    out += [
        f"  {ids[source]} {EDGES['recommends'].mermaid} {ids[target]}"
        for source, target in view.recommendations
    ]
    out += _node_classes(view, ids)
    if view.highlight:
        out.append(f"  classDef highlight stroke:{HIGHLIGHT},stroke-width:3px")
        out.append(f"  class {','.join(ids[n] for n in sorted(view.highlight))} highlight")
    if chain:
        out.append(f"  linkStyle {','.join(chain)} stroke:{HIGHLIGHT},stroke-width:3px")
    text = "\n".join(out) + "\n"
    if len(text) > MAX_TEXT:
        raise _too_big(
            view, f"the Mermaid text is {len(text)} characters; Mermaid renders at most {MAX_TEXT}"
        )
    return text


def render_mermaid(view: GraphView) -> str:
    """The view as a Mermaid flowchart. With a profile, Mermaid shows that person's plan
    (the whole graph is too big for it); the ladder alone is small and keeps every stage."""
    return render_flowchart(view if view.overview else view.restricted_to_plan())
