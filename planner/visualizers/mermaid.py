"""Mermaid flowcharts of (part of) the career graph.

Mermaid has its own syntax in ids and labels, so ids are sanitized to
``[A-Za-z0-9_]`` (kept unique) and labels are written with Mermaid's ``#code;``
entities, which GitHub renders as the original characters.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from planner.errors import PlanError
from planner.limits import MAX_MERMAID_CHARS, MAX_MERMAID_EDGES

if TYPE_CHECKING:
    from planner.visualizers.view import GraphView

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
    text = " ".join(text.split())
    return "".join(c if _SAFE_LABEL.fullmatch(c) else f"#{ord(c)};" for c in text)


_STYLES: Final = {
    "known": "fill:#a7e3a1,stroke:#3c8d40,color:#111",
    "planned": "fill:#ffd166,stroke:#c08a00,color:#111",
    "not-needed": "fill:#eeeeee,stroke:#aaaaaa,color:#777,stroke-dasharray:4 3",
    "stage": "fill:#263238,stroke:#111,color:#fff",
    "node": "fill:#ffffff,stroke:#90a4ae,color:#111",
}


def render_flowchart(view: GraphView) -> str:
    """A top-down flowchart of the view's nodes, stage by stage."""
    edges = view.edges
    if len(edges) > MAX_EDGES:
        raise PlanError(
            f"the view has {len(edges)} edges; Mermaid renders at most {MAX_EDGES}. "
            "Narrow it with --stage ID or --profile, or use --format svg or html"
        )
    ids = mermaid_ids(list(view.nodes))
    out = ["flowchart TB"]
    for number, band in enumerate(view.bands, start=1):
        members = [n for n in view.band_members(band.id) if n in view.nodes]
        if not members:
            continue
        # Band ids are numbered: the "Not required by any stage" band has no graph id.
        out.append(f'  subgraph band_{number}["{label(band.title)}"]')
        for node_id in members:
            node = view.nodes[node_id]
            text = label(node.name)
            if node.kind == "stage":
                out.append(f'    {ids[node_id]}[["{text}"]]')
            elif node.kind == "project":
                out.append(f'    {ids[node_id]}(["{text}"])')
            else:
                out.append(f'    {ids[node_id]}["{text}"]')
        out.append("  end")
    for source, target in edges:
        arrow = "==>" if source in view.highlight and target in view.highlight else "-->"
        out.append(f"  {ids[source]} {arrow} {ids[target]}")
    for name, style in _STYLES.items():
        out.append(f"  classDef {name.replace('-', '_')} {style}")
    by_class: dict[str, list[str]] = {}
    for node_id in sorted(view.nodes):
        by_class.setdefault(view.style_class(node_id).replace("-", "_"), []).append(ids[node_id])
    for name in sorted(by_class):
        out.append(f"  class {','.join(by_class[name])} {name}")
    if view.highlight:
        chain = ",".join(ids[n] for n in sorted(view.highlight) if n in ids)
        out.append("  classDef highlight stroke:#d32f2f,stroke-width:3px")
        out.append(f"  class {chain} highlight")
    text = "\n".join(out) + "\n"
    if len(text) > MAX_TEXT:
        raise PlanError(
            f"the Mermaid text is {len(text)} characters; Mermaid renders at most {MAX_TEXT}. "
            "Narrow it with --stage ID or --profile"
        )
    return text
