"""The career graph: validated nodes, their files, and the prerequisite edges.

:class:`CareerGraph` is what every layer above reads. It keeps the direct
prerequisites of each node (``pred``) as plain tuples, which the planner walks
directly, and builds the NetworkX graph only when a caller asks for it.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from planner.models import Node, Stage


class NodeTables(Mapping[str, "Node"]):
    """A graph's nodes, over the plain tables they are validated from.

    ``kinds`` gives each id's kind and ``tables`` its TOML table: a dict, or the
    table's JSON text in a graph read from the cache (decoded when first read). A
    node's model is validated from its table the first time it is read, so a command
    pays only for the nodes it reads.
    """

    def __init__(self, kinds: dict[str, str], tables: dict[str, Any]) -> None:
        self._kinds = kinds
        self._tables: dict[str, dict[str, Any] | str] = tables
        self._built: dict[str, Node] = {}

    def __getitem__(self, key: str) -> Node:
        node = self._built.get(key)
        if node is None:
            from planner.models import Project, Skill, Stage

            kind = self._kinds[key]
            model: type[Node] = Stage if kind == "stage" else Project if kind == "project" else Skill
            node = self._built[key] = model.model_validate(self.table(key))
        return node

    def __contains__(self, key: object) -> bool:
        return key in self._kinds

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def kind(self, key: str) -> str:
        return self._kinds[key]

    def table(self, key: str) -> dict[str, Any]:
        """The plain table of a node, as its TOML file gave it."""
        table = self._tables[key]
        if isinstance(table, str):
            table = self._tables[key] = json.loads(table)
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


def prerequisites_first(pred: Mapping[str, Collection[str]],
                        succ: Mapping[str, Iterable[str]]) -> list[str]:
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


class CareerGraph:
    """The validated career graph: nodes by id, their source files, and the edges.

    ``pred`` maps every id to its direct prerequisites; the planner walks it directly.
    ``digraph`` is the same graph in NetworkX (built on first use): one node per id
    with the attributes ``kind``, ``name`` and (for skills and projects) ``hours``;
    an edge ``a -> b`` means *a* is a prerequisite of *b*. ``succ`` and
    ``stage_rank`` are computed on first use unless given.
    """

    def __init__(
        self,
        *,
        nodes: NodeTables,
        files: Mapping[str, str],
        pred: Mapping[str, tuple[str, ...]],
        succ: Mapping[str, Iterable[str]] | None = None,
        stage_rank: dict[str, tuple[int, int, str]] | None = None,
    ) -> None:
        self.nodes = nodes
        self.files = files
        self.pred = pred
        if succ is not None:
            self.__dict__["succ"] = succ
        if stage_rank is not None:
            self.__dict__["stage_rank"] = stage_rank

    @cached_property
    def succ(self) -> Mapping[str, Iterable[str]]:
        """Every id mapped to what it directly unlocks, in id order."""
        return unlocks(self.pred)

    @cached_property
    def digraph(self) -> nx.DiGraph:
        """The graph in NetworkX, edge prerequisite → dependent."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(
            (node_id, {"kind": node.kind, "name": node.name}
             if node.kind == "stage" else {"kind": node.kind, "name": node.name,
                                           "hours": node.hours})
            for node_id, node in sorted(self.nodes.items())
        )
        graph.add_edges_from((p, node) for node in sorted(self.pred) for p in self.pred[node])
        return graph

    def topological_order(
        self, ids: Iterable[str] | None = None, *, key: Callable[[str], Any] | None = None
    ) -> list[str]:
        """A topological order of ``ids`` (default: every node): prerequisites first.

        Among the nodes whose prerequisites in ``ids`` are all placed, the next is the
        one with the smallest ``key`` (default: the id itself), so the order is
        deterministic. This is the one topological sort of the project: the planner's
        roadmap order is this with its own key.
        """
        members = set(self.pred if ids is None else ids)
        rank = key or (lambda n: n)
        succ = self.succ
        pred = self.pred
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

    def resolve(
        self,
        text: str,
        *,
        kinds: Collection[str] | None = None,
        what: str = "node",
        option: str | None = None,
    ) -> str:
        """The id that ``text`` names, checked to be one of ``kinds`` (default: any).

        This is the one place a typed id is checked, so every command and option
        reports an unknown or misplaced id the same way.

        Raises
        ------
        UnknownIdError
            When no node has that id, or it is of another kind; the message offers
            the closest id of the wanted kind ("did you mean") or, for stages, lists
            the valid ones. ``option`` names the option or argument for the message.
        """
        from planner.errors import UnknownIdError

        def candidates() -> list[str]:
            if kinds is None:
                return list(self.nodes)
            return [n for n in self.nodes if self.kind(n) in kinds]

        def valid() -> list[str]:
            return [s.id for s in self.stages] if kinds is not None and set(kinds) == {"stage"} else []

        if text not in self.nodes:
            raise UnknownIdError(text, candidates(), what=what, option=option, valid=valid())
        if kinds is not None and self.kind(text) not in kinds:
            raise UnknownIdError(text, candidates(), what=what, option=option, valid=valid(),
                                 kind=self.kind(text))
        return text

    def kind(self, node_id: str) -> str:
        """The kind of a node (skill, project or stage), without building its model."""
        return self.nodes.kind(node_id)

    def hours(self, node_id: str) -> float:
        node = self.nodes[node_id]
        return 0.0 if node.kind == "stage" else node.hours

    @cached_property
    def stages(self) -> tuple[Stage, ...]:
        """Every stage, lowest rung of the ladder first (see :meth:`stage_rank`)."""
        ranks = self.stage_rank
        nodes = (self.nodes[s] for s in sorted(ranks, key=ranks.__getitem__))
        return tuple(n for n in nodes if n.kind == "stage")

    @cached_property
    def stage_depth(self) -> dict[str, int]:
        """For every node, how many stages lie on the longest chain of its prerequisites."""
        depth: dict[str, int] = {}
        stages = {n for n in self.nodes if self.kind(n) == "stage"}
        pred = self.pred
        for node in prerequisites_first(pred, self.succ):
            depth[node] = max([depth[p] + (p in stages) for p in pred[node]], default=0)
        return depth

    @cached_property
    def stage_rank(self) -> dict[str, tuple[int, int, str]]:
        """Sort key of each stage: stages below it, then its ``level``, then its id."""
        depth, tables = self.stage_depth, self.nodes
        return {n: (depth[n], tables.table(n).get("level") or 0, n)
                for n in tables if self.kind(n) == "stage"}

    def rank_stages(self, stage_ids: Iterable[str]) -> list[str]:
        """Sort ``stage_ids`` lowest rung first, by the same key as :attr:`stage_rank`.

        Uses the full ranking when it is already computed (a cached graph); otherwise
        ranks from the stages' own prerequisite closure, which gives the same order
        and avoids a pass over a big graph.
        """
        ids = list(stage_ids)
        if "stage_rank" in self.__dict__ or not ids:
            return sorted(ids, key=self.stage_rank.__getitem__)
        depth: dict[str, int] = {}
        for node in self.topological_order(self.closure(ids)):
            depth[node] = max(
                (depth[p] + (self.kind(p) == "stage") for p in self.pred[node]), default=0
            )
        return sorted(ids, key=lambda s: (depth[s], self.nodes[s].level or 0, s))  # type: ignore[union-attr]

    def ancestors(self, node_id: str) -> set[str]:
        """Every prerequisite of ``node_id``, direct or not."""
        return self.closure([node_id]) - {node_id}

    def descendants(self, node_id: str) -> set[str]:
        """Everything ``node_id`` unlocks, directly or not."""
        seen: set[str] = set()
        stack = list(self.succ.get(node_id, ()))
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(self.succ[node])
        return seen

    def path(self, source: str, target: str, within: Collection[str] | None = None) -> list[str]:
        """A shortest chain of unlocks from ``source`` to ``target`` ([] if none),
        through the ids in ``within`` only, when given (see :class:`Routes`)."""
        return self.routes_to(target, within=within).path(source)

    def routes_to(self, target: str, *, within: Collection[str] | None = None) -> Routes:
        """The shortest chains of unlocks from every node to ``target``, found at once."""
        return Routes(self, target, within)

    def closure(self, ids: Iterable[str]) -> set[str]:
        """The ids together with all of their prerequisites."""
        seen: set[str] = set()
        stack = [i for i in ids if i in self.nodes]
        pred = self.pred
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            stack.extend(p for p in pred[node] if p not in seen)
        return seen

    def stages_needing(self, node_id: str) -> list[str]:
        """The stages whose requirements include ``node_id``, lowest first."""
        needed_by = self.descendants(node_id)
        return [s.id for s in self.stages if s.id in needed_by]


class Routes:
    """The shortest chains of unlocks from any node to one target, from one search.

    Every node but the source must be in ``within`` (when given). Among several
    shortest chains, the chain is the smallest by ids read from the source on, which
    is what a breadth-first search from the source finds when it visits what each
    node unlocks in id order. One backward search from the target gives every
    node's distance; a chain then follows, from each node, its smallest successor one
    step closer. So a calendar that explains thousands of items needs one search per
    stage instead of one per item.
    """

    def __init__(self, graph: CareerGraph, target: str, within: Collection[str] | None) -> None:
        self._succ = graph.succ
        self.target = target
        distance: dict[str, int] = {}
        if target in graph.pred and (within is None or target in within):
            distance[target] = 0
            frontier = [target]
            while frontier:
                following = []
                for node in frontier:
                    for p in graph.pred[node]:
                        if p not in distance and (within is None or p in within):
                            distance[p] = distance[node] + 1
                            following.append(p)
                frontier = following
        self._distance = distance
        self._next: dict[str, str] = {}

    def _closer(self, node: str, hops: int) -> str:
        """The first node that ``node`` (``hops`` away) unlocks one step closer."""
        found = self._next.get(node)
        if found is None:
            distance = self._distance
            found = self._next[node] = next(s for s in self._succ[node] if distance.get(s) == hops - 1)
        return found

    def hops(self, source: str) -> int | None:
        """How many unlocks lead from ``source`` to the target (None: no chain)."""
        if source == self.target:
            return 0
        found = self._distance.get(source)
        if found is not None:
            return found
        distance = self._distance
        return min((distance[s] + 1 for s in self._succ.get(source, ()) if s in distance),
                   default=None)

    def path(self, source: str, *, limit: int | None = None) -> list[str]:
        """The chain from ``source`` to the target ([] if none), or its first ``limit``
        ids."""
        hops = self.hops(source)
        if hops is None:
            return []
        chain = [source]
        while hops and (limit is None or len(chain) < limit):
            chain.append(self._closer(chain[-1], hops))
            hops -= 1
        return chain
