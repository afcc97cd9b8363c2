"""The graph model's traversals: the chains of unlocks of :class:`Routes`."""

from __future__ import annotations

from typing import Any

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from planner.graph import CareerGraph, build_graph, shipped_graph


@st.composite
def dags(draw: st.DrawFn) -> dict[str, Any]:
    """A random DAG of skills (edges from lower to higher index) and one stage."""
    count = draw(st.integers(2, 14))
    names = draw(st.permutations([f"n{i:02d}" for i in range(count)]))
    skills = [
        {
            "id": node,
            "name": node,
            "hours": 1,
            "requires": draw(st.lists(st.sampled_from(names[:i]), max_size=3, unique=True)) if i else [],
        }
        for i, node in enumerate(names)
    ]
    requires = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
    return {"skills": skills, "stages": [{"id": "top", "name": "Top", "requires": requires}]}


def smallest_shortest_chain(
    graph: CareerGraph, source: str, target: str, within: set[str] | None
) -> list[str]:
    """The shortest chain of unlocks with the smallest ids read from the source on,
    found by listing every shortest chain."""
    if source == target:
        return [source]
    allowed = set(graph.pred) if within is None else within | {source}
    sub = graph.digraph.subgraph(allowed)
    try:
        return min(nx.all_shortest_paths(sub, source, target))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


@given(dags(), st.data())
def test_each_chain_is_the_smallest_shortest_one(data: dict[str, Any], draw: st.DataObject) -> None:
    graph = build_graph([("g.toml", data, {})])
    nodes = sorted(graph.pred)
    target = draw.draw(st.sampled_from(nodes))
    within = draw.draw(st.none() | st.sets(st.sampled_from(nodes)))
    routes = graph.routes_to(target, within=within)
    for source in nodes:
        expected = smallest_shortest_chain(graph, source, target, within)
        assert routes.path(source) == expected
        assert graph.path(source, target, within=within) == expected
        assert routes.hops(source) == (len(expected) - 1 if expected else None)
        assert routes.path(source, limit=2) == expected[:2]


def test_a_chain_goes_through_the_smallest_ids_first() -> None:
    graph = build_graph(
        [
            (
                "g.toml",
                {
                    "skills": [
                        {"id": i, "name": i, "hours": 1, "requires": r}
                        for i, r in (("a", []), ("c", ["a"]), ("b", ["a"]), ("d", ["b", "c"]), ("e", ["d"]))
                    ],
                    "stages": [{"id": "top", "name": "Top", "requires": ["e"]}],
                },
                {},
            )
        ]
    )
    assert graph.path("a", "top") == ["a", "b", "d", "e", "top"]
    assert graph.path("a", "top", within={"c", "d", "e", "top"}) == ["a", "c", "d", "e", "top"]
    assert graph.path("a", "top", within={"d", "e", "top"}) == []
    assert graph.path("e", "e", within=set()) == ["e"]


def test_a_validated_graph_resolves_an_exact_id_as_one_that_reads_every_name() -> None:
    # A validated graph takes an exact id without its name index: the same answer,
    # since validation refuses a name that is another node's id or alias.
    graph = shipped_graph()
    unchecked = CareerGraph(nodes=graph.nodes, files=graph.files, pred=graph.pred)
    assert graph.validated and not unchecked.validated
    for node_id in graph.nodes:
        assert graph.resolve(node_id, names=True) == unchecked.resolve(node_id, names=True) == node_id
