"""The career graph as NetworkX node-link JSON (docs/formats.md).

``nodes`` carry ``id``, ``kind``, ``name``, ``category`` and, for skills and projects,
``hours``; a choice carries ``pick`` (its members are its prerequisites: an edge runs
from each member to it); a node that recommends others lists them in ``recommends``
(recommendations are not prerequisites, so they are not edges); with a profile nodes
also carry ``status``, with a cohort's summary ``people`` (how many still need a skill
or project), and with ``--focus`` the chain carries ``highlight``. ``edges`` run from a
prerequisite (``source``) to what needs it (``target``). Nodes and edges are sorted, so
the text never depends on input order.
An overview view gives one node per band instead (its stage's id, or ``_unstaged``),
with the band's numbers, and the ladder edges between stages.
Control characters in names are escaped (``\u001b``), never written raw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from planner.io import jsontext
from planner.io.patterns import later
from planner.renderers.pictures.summary import summarise

if TYPE_CHECKING:
    from planner.renderers.pictures.view import GraphView

_RAW_CONTROLS: Final = later("[\x7f-\x9f]")
"""Control characters ``jsontext.dumps`` leaves raw with ``ensure_ascii=False``."""


def graph_data(view: GraphView) -> dict[str, Any]:
    """The view as node-link data: sorted nodes and edges."""
    import networkx as nx  # heavy: only for the node-link shape

    digraph = nx.DiGraph()
    if view.overview:
        _add_bands(digraph, view)
        edges = [(a, b) for a, b in view.edges if view.edge_kind(a, b) == "ladder"]
    else:
        _add_nodes(digraph, view)
        edges = view.edges
    digraph.add_edges_from(edges)
    data = nx.node_link_data(digraph, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"]))
    return dict(data)


def render_json(view: GraphView) -> str:
    """The view as indented node-link JSON text ending in a newline."""
    text = jsontext.dumps(graph_data(view))
    return _RAW_CONTROLS().sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _add_bands(digraph: Any, view: GraphView) -> None:
    for summary in summarise(view):
        attrs: dict[str, Any] = {
            "kind": "band",
            "name": summary.band.title,
            "work": dict(summary.work),
            "hours": summary.hours,
        }
        if summary.status is not None:
            attrs |= {
                "status": summary.status,
                "done_hours": round(summary.done_hours, 4),
                "left_hours": round(summary.left_hours, 4),
                "reached": summary.reached.isoformat() if summary.reached else None,
            }
        if summary.highlight:
            attrs["highlight"] = True
        digraph.add_node(summary.band.id, **attrs)


def _add_nodes(digraph: Any, view: GraphView) -> None:
    for node_id in sorted(view.nodes):
        node = view.nodes[node_id]
        attrs: dict[str, Any] = {"kind": node.kind, "name": node.name, "category": view.category(node_id)}
        hours = view.hours(node_id)
        if hours is not None:
            attrs["hours"] = hours
        if node.kind == "choice":
            attrs["pick"] = node.pick
        recommends = [r for r in view.graph.recommends(node_id) if r in view.nodes]
        if recommends:
            attrs["recommends"] = recommends
        if view.status is not None:
            attrs["status"] = view.status[node_id]
        if view.need is not None and node.kind != "stage":
            attrs["people"] = view.need.get(node_id, 0)
        if node_id in view.highlight:
            attrs["highlight"] = True
        digraph.add_node(node_id, **attrs)
