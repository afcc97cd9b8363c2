"""The plain data a career graph is made of: node tables validated on demand, lists of
ids, and the edge algorithms every layer shares (the one topological sort among them)."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import orjson

from planner.records import NODE_TYPES
from planner.records.quick import quick
from planner.records.schema import validate_node

if TYPE_CHECKING:
    from planner.records import Node


class NodeTables(Mapping[str, "Node"]):
    """A graph's nodes, over the plain tables they are validated from.

    ``kinds`` gives each id's kind and ``tables`` its TOML table: a dict, or the
    table's JSON text in a graph read from the cache (decoded when first read). A
    node's record is built from its table the first time it is read, so a command
    pays only for the nodes it reads; ``built`` holds records already built.
    """

    def __init__(
        self, kinds: dict[str, str], tables: dict[str, Any], built: dict[str, Node] | None = None
    ) -> None:
        self._kinds = kinds
        self._tables: dict[str, dict[str, Any] | str] = tables
        self._built: dict[str, Node] = built if built is not None else {}

    def __getitem__(self, key: str) -> Node:
        node = self._built.get(key)
        if node is None:
            kind, table = self._kinds[key], self.table(key)
            node = quick(NODE_TYPES[kind], table) or validate_node(kind, table)
            self._built[key] = node
        return node

    def __contains__(self, key: object) -> bool:
        return key in self._kinds

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    @property
    def kinds(self) -> Mapping[str, str]:
        """Every id mapped to its kind."""
        return self._kinds

    def table(self, key: str) -> dict[str, Any]:
        """The plain table of a node, as its TOML file gave it."""
        table = self._tables[key]
        if isinstance(table, str):
            table = self._tables[key] = orjson.loads(table)
        return table


class IdLists(Mapping[str, tuple[str, ...]]):
    """Ids mapped to ids, kept as space-separated text until read, so a graph read from
    the cache splits only the lists a command walks."""

    def __init__(self, text: dict[str, str]) -> None:
        self._text = text
        self._lists: dict[str, tuple[str, ...]] = {}

    def __getitem__(self, key: str) -> tuple[str, ...]:
        ids = self._lists.get(key)
        if ids is None:
            ids = self._lists[key] = tuple(self._text[key].split())
        return ids

    def __contains__(self, key: object) -> bool:
        return key in self._text

    def __iter__(self) -> Iterator[str]:
        return iter(self._text)

    def __len__(self) -> int:
        return len(self._text)


def prerequisites(requires: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Each node's direct prerequisites, the graph's edges: the ids it requires that
    are nodes, but itself, sorted; nodes in id order."""
    nodes = requires.keys()
    found = {}
    for node in sorted(nodes):
        wanted = set(requires[node])
        wanted.discard(node)
        if not wanted <= nodes:
            wanted &= nodes
        found[node] = tuple(sorted(wanted))
    return found


def unlocks(pred: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Every id mapped to what it directly unlocks, in id order."""
    succ: dict[str, list[str]] = {node: [] for node in pred}
    for node in sorted(pred):
        for p in pred[node]:
            succ[p].append(node)
    return succ


def prerequisites_first(pred: Mapping[str, Collection[str]], succ: Mapping[str, Iterable[str]]) -> list[str]:
    """The nodes, each after all its prerequisites, in no particular order: the
    cheapest topological order. Nodes on a cycle, or after one, are left out."""
    waiting = {node: len(reqs) for node, reqs in pred.items()}
    ready = [node for node, count in waiting.items() if count == 0]
    placed = []
    while ready:
        node = ready.pop()
        placed.append(node)
        for following in succ[node]:
            waiting[following] -= 1
            if waiting[following] == 0:
                ready.append(following)
    return placed


def topological_order(
    pred: Mapping[str, Iterable[str]],
    succ: Mapping[str, Iterable[str]],
    ids: Iterable[str],
    key: Callable[[str], Any] | None = None,
) -> list[str]:
    """A topological order of ``ids`` under the edges ``pred``/``succ``: prerequisites
    first. Among the nodes whose prerequisites in ``ids`` are all placed, the next is
    the one with the smallest ``key`` (default: the id itself), so the order is
    deterministic. This is the one topological sort of the project.
    """
    members = set(ids)
    rank = key or (lambda n: n)
    indegree = {n: sum(1 for p in pred[n] if p in members) for n in members}
    ready = [(rank(n), n) for n, d in indegree.items() if d == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        node = heapq.heappop(ready)[1]
        order.append(node)
        for s in succ[node]:
            if s in indegree:
                indegree[s] -= 1
                if indegree[s] == 0:
                    heapq.heappush(ready, (rank(s), s))
    return order
