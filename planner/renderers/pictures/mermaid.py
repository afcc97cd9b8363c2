"""Mermaid flowcharts of (part of) the career graph.

Mermaid has its own syntax in ids and labels, so ids are sanitized to
``[A-Za-z0-9_]`` (kept unique) and labels are written with Mermaid's ``#code;``
entities, which GitHub renders as the original characters.

Mermaid places nodes and subgraphs by their links, not by the order they are written
in, so invisible links (``~~~``) from each row to the nodes of the next keep the rows
of :attr:`GraphView.rows` and so the stage bands top to bottom in ladder order. Boxes
show the same short labels and colours as every other format.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Final

from planner.errors import PlanError
from planner.limits import MAX_MERMAID_CHARS, MAX_MERMAID_EDGES
from planner.renderers.pictures.style import (
    CATEGORY_BORDER,
    CHOICE,
    EDGES,
    HIGHLIGHT,
    KINDS,
    PALETTE,
    STAGE,
    STATUSES,
    Look,
    drawable,
)

if TYPE_CHECKING:
    from planner.renderers.pictures.view import GraphView

MAX_EDGES: Final = MAX_MERMAID_EDGES
MAX_TEXT: Final = MAX_MERMAID_CHARS
_SAFE_LABEL = re.compile(r"[A-Za-z0-9 .,/+'()&-]")


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
    return "".join(c if _SAFE_LABEL.fullmatch(c) else f"#{ord(c)};" for c in text)


def _class_def(name: str, look: Look) -> str:
    dashed = ",stroke-dasharray:4 3" if look.dashed else ""
    return f"  classDef {name} fill:{look.fill},stroke:{look.border},color:{look.font}{dashed}"


def _node_classes(view: GraphView, ids: dict[str, str]) -> list[str]:
    """``classDef`` and ``class`` lines: status with a profile, else category colours."""
    looks: dict[str, Look] = {"stage": STAGE, "choice": CHOICE}
    if view.status is not None:
        looks |= {s.replace("-", "_"): look for s, look in STATUSES.items()}
    else:
        fills = sorted(set(view.fills.values()), key=lambda f: (f not in PALETTE, f))
        looks |= {f"cat_{i}": Look(f, CATEGORY_BORDER) for i, f in enumerate(fills)}
    names = {look.fill: name for name, look in looks.items()}
    by_class: dict[str, list[str]] = {}
    for node_id in sorted(view.nodes):
        if view.nodes[node_id].kind in ("stage", "choice"):
            name: str = view.nodes[node_id].kind
        elif view.status is not None:
            name = view.status[node_id].replace("-", "_")
        else:
            name = names[view.fills[view.category(node_id)]]
        by_class.setdefault(name, []).append(ids[node_id])
    out = [_class_def(name, looks[name]) for name in sorted(by_class)]
    out += [f"  class {','.join(by_class[name])} {name}" for name in sorted(by_class)]
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
    for summary in view.summaries():
        lines = [summary.band.title, summary.counts_text()]
        if summary.status is not None:
            lines.append(summary.progress_text())
        out.append(f'  {ids[summary.band.id]}["{"<br>".join(label(line) for line in lines)}"]')
    out += [f"  {ids[a]} ==> {ids[b]}" for a, b in view.edges if view.edge_kind(a, b) == "ladder"]
    return out


def render_flowchart(view: GraphView) -> str:
    """A top-down flowchart of the view's nodes, stage band by stage band (for an
    overview view, one box per band).

    Raises
    ------
    PlanError
        When the view has more edges or text than Mermaid renders.
    """
    if view.overview:
        ids = mermaid_ids([band.id for band in view.bands])
        return "\n".join(["flowchart TB", *_overview(view, ids)]) + "\n"
    drawn = [
        (a, b)
        for a, b in view.edges
        if not view.implied(a, b) or (a in view.highlight and b in view.highlight)
    ]
    rows = [row for band in view.bands for row in view.rows[band.id]]
    spine = [(upper[0], node) for upper, lower in itertools.pairwise(rows) for node in lower]
    links = len(drawn) + len(spine) + len(view.recommendations)
    if links > MAX_EDGES:
        raise _too_big(view, f"the view needs {links} links; Mermaid renders at most {MAX_EDGES}")
    ids = mermaid_ids(list(view.nodes))
    out = ["flowchart TB"]
    for number, band in enumerate(view.bands, start=1):
        members = view.band_members(band.id)
        if not members:
            continue
        # Band ids are numbered: the "Not required by any stage" band has no graph id.
        out.append(f'  subgraph band_{number}["{label(band.title)}"]')
        out.append("    direction TB")
        for node_id in members:
            opening, closing = KINDS[view.nodes[node_id].kind].mermaid
            text = label(" ".join(view.label(node_id)))
            out.append(f"    {ids[node_id]}{opening}{text}{closing}")
        out.append("  end")
    out += [f"  {ids[upper]} ~~~ {ids[lower]}" for upper, lower in spine]
    chain = []
    for index, (source, target) in enumerate(drawn, start=len(spine)):
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
