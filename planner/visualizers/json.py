"""The career graph as NetworkX node-link JSON (SPEC "JSON outputs").

``nodes`` carry ``id``, ``kind``, ``name``, ``category`` and, for skills and projects,
``hours``; with a profile also ``status``, with a cohort's summary ``people`` (how
many still need a skill or project), and with ``--focus`` the chain carries
``highlight``. ``edges`` run from a prerequisite (``source``) to what needs it
(``target``). Nodes and edges are sorted, so the text never depends on input order.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.visualizers.view import GraphView


def render_json(view: GraphView) -> str:
    """The view as indented node-link JSON text ending in a newline."""
    import networkx as nx

    digraph = nx.DiGraph()
    for node_id in sorted(view.nodes):
        node = view.nodes[node_id]
        attrs: dict[str, Any] = {"kind": node.kind, "name": node.name, "category": view.category(node_id)}
        hours = view.hours(node_id)
        if hours is not None:
            attrs["hours"] = hours
        if view.status is not None:
            attrs["status"] = view.status[node_id]
        if view.need is not None and node.kind != "stage":
            attrs["people"] = view.need.get(node_id, 0)
        if node_id in view.highlight:
            attrs["highlight"] = True
        digraph.add_node(node_id, **attrs)
    digraph.add_edges_from(view.edges)
    data = nx.node_link_data(digraph, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"]))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
