"""The career graph: validated nodes, their files, and the prerequisite edges.

:class:`CareerGraph` is what every layer above reads. It keeps the direct
prerequisites of each node (``pred``) as plain tuples, which the planner walks
directly, and builds the NetworkX graph only when a caller asks for it.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from planner.models import Node, Stage


class _LazyNodes(Mapping[str, "Node"]):
    """Node models rebuilt from a cache's plain data only when they are read."""

    def __init__(self, raw: dict[str, dict[str, Any]]) -> None:
        self._raw = raw
        self._built: dict[str, Node] = {}

    def __getitem__(self, key: str) -> Node:
        node = self._built.get(key)
        if node is None:
            node = _construct(self._raw[key])
            self._built[key] = node
        return node

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def raw(self, key: str) -> dict[str, Any]:
        return self._raw[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def _construct(data: dict[str, Any]) -> Node:
    """Rebuild a node model from its own ``model_dump`` without validating it again."""
    from planner.models import Choice, Project, Resource, Salary, Skill, Stage

    values = dict(data)
    for key in ("requires", "recommends", "aliases", "one_of"):
        if key in values:
            values[key] = tuple(values[key])
    kind = values["kind"]
    if kind == "choice":
        return Choice.model_construct(**values)
    if kind == "stage":
        if values.get("salary") is not None:
            values["salary"] = Salary.model_construct(**values["salary"])
        values["salaries"] = tuple(Salary.model_construct(**v) for v in values.get("salaries", ()))
        return Stage.model_construct(**values)
    values["resources"] = tuple(Resource.model_construct(**r) for r in values.get("resources", ()))
    model = Skill if kind == "skill" else Project
    return model.model_construct(**values)


def node_attributes(node: Node) -> dict[str, Any]:
    """The attributes of a node in :attr:`CareerGraph.digraph`."""
    attrs: dict[str, Any] = {"kind": node.kind, "name": node.name}
    if node.kind in ("skill", "project"):
        attrs["hours"] = node.hours
    elif node.kind == "choice":
        attrs["pick"] = node.pick
    return attrs


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


class CareerGraph:
    """The validated career graph: nodes by id, their source files, and the edges.

    ``pred`` maps every id to its direct prerequisites; the planner walks it directly.
    ``digraph`` is the same graph in NetworkX (built on first use): one node per id
    with the attributes ``kind``, ``name`` and (for skills and projects) ``hours``;
    an edge ``a -> b`` means *a* is a prerequisite of *b*.
    """

    def __init__(
        self,
        *,
        nodes: Mapping[str, Node],
        files: Mapping[str, str],
        pred: Mapping[str, tuple[str, ...]],
        digraph: nx.DiGraph | None = None,
    ) -> None:
        self.nodes = nodes
        self.files = files
        self.pred = pred
        if digraph is not None:
            self.__dict__["digraph"] = digraph

    def __getstate__(self) -> dict[str, Any]:
        # Plain data pickles and unpickles far faster than models and a DiGraph.
        return {
            "nodes": {k: n.model_dump() for k, n in self.nodes.items()},
            "files": dict(self.files),
            "pred": dict(self.pred),
            "stage_rank": self.__dict__.get("stage_rank"),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.nodes = _LazyNodes(state["nodes"])
        self.files = state["files"]
        self.pred = state["pred"]
        if state.get("stage_rank") is not None:
            self.__dict__["stage_rank"] = state["stage_rank"]

    @cached_property
    def succ(self) -> Mapping[str, Iterable[str]]:
        """Every id mapped to what it directly unlocks, in id order."""
        if "digraph" in self.__dict__:
            # build_graph added the edges in id order, so the adjacency is already sorted.
            return self.__dict__["digraph"].succ  # type: ignore[no-any-return]
        succ: dict[str, list[str]] = {node: [] for node in self.pred}
        for node in sorted(self.pred):
            for p in self.pred[node]:
                succ[p].append(node)
        return succ

    @cached_property
    def digraph(self) -> nx.DiGraph:
        """The graph in NetworkX, edge prerequisite → dependent."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(
            (node_id, node_attributes(node)) for node_id, node in sorted(self.nodes.items())
        )
        graph.add_edges_from((p, node) for node in sorted(self.pred) for p in self.pred[node])
        return graph

    def topological_order(
        self, ids: Iterable[str] | None = None, *, key: Callable[[str], Any] | None = None
    ) -> list[str]:
        """A topological order of ``ids`` (default: every node), smallest ``key`` first
        among the ready ones (see :func:`topological_order`)."""
        return topological_order(self.pred, self.succ, self.pred if ids is None else ids, key)

    def attr(self, node_id: str, key: str, default: Any = None) -> Any:
        """One field of a node, without building its model from the cache's plain data."""
        nodes = self.nodes
        if isinstance(nodes, _LazyNodes):
            return nodes.raw(node_id).get(key, default)
        return getattr(nodes[node_id], key, default)

    @cached_property
    def _ids_and_aliases(self) -> dict[str, str]:
        """Every id and alias, case-folded, mapped to its id."""
        index: dict[str, str] = {}
        for node_id in sorted(self.nodes):
            index[node_id.casefold()] = node_id
            for alias in self.attr(node_id, "aliases", ()):
                index[alias.casefold()] = node_id
        return index

    @cached_property
    def _names(self) -> dict[str, list[str]]:
        """Every node name, case-folded and with its spaces normalised, mapped to ids."""
        index: dict[str, list[str]] = {}
        for node_id in sorted(self.nodes):
            name = " ".join(str(self.attr(node_id, "name", "")).split()).casefold()
            index.setdefault(name, []).append(node_id)
        return index

    def lookup(self, text: str) -> str | None:
        """The id that ``text`` is (an id or an alias, in any case), or None."""
        return text if text in self.nodes else self._ids_and_aliases.get(text.casefold())

    def aliases(self, node_id: str) -> tuple[str, ...]:
        """The other ids a person may type for ``node_id``."""
        return tuple(self.attr(node_id, "aliases", ()))

    def recommends(self, node_id: str) -> tuple[str, ...]:
        """What ``node_id`` recommends (useful, not required), sorted."""
        return tuple(sorted(self.attr(node_id, "recommends", ())))

    def resolve(
        self,
        text: str,
        *,
        kinds: Collection[str] | None = None,
        what: str = "node",
        option: str | None = None,
        names: bool = False,
    ) -> str:
        """The id that ``text`` names, checked to be one of ``kinds`` (default: any).

        ``text`` may be an id or an alias, in any case, and with ``names`` a node's
        exact name (any case). This is the one place a typed id is checked, so every
        command, option and profile key reports an unknown or misplaced id the same way.

        Raises
        ------
        UnknownIdError
            When nothing has that id, alias (or name), or it is of another kind; the
            message offers the closest id, alias or name of the wanted kind ("did you
            mean") or, for stages, lists the valid ones. ``option`` names the option
            or argument for the message.
        """
        from planner.errors import UnknownIdError

        def wanted(node_id: str) -> bool:
            return kinds is None or self.kind(node_id) in kinds

        def candidates() -> list[str]:
            found = sorted(n for n in self.nodes if wanted(n))
            found += sorted(a for n in self.nodes if wanted(n) for a in self.aliases(n))
            if names:
                found += sorted(str(self.attr(n, "name")) for n in self.nodes if wanted(n))
            return found

        valid = [s.id for s in self.stages] if kinds is not None and set(kinds) == {"stage"} else []
        node_id = self.lookup(text)
        if node_id is None and names:
            matches = self._names.get(" ".join(text.split()).casefold(), [])
            fitting = [n for n in matches if wanted(n)] or matches
            if len(fitting) > 1:
                raise UnknownIdError(text, (), what=what, option=option,
                                     ambiguous=tuple(fitting))
            node_id = fitting[0] if fitting else None
        if node_id is None:
            raise UnknownIdError(text, candidates(), what=what, option=option, valid=valid)
        if not wanted(node_id):
            raise UnknownIdError(node_id, candidates(), what=what, option=option, valid=valid,
                                 kind=self.kind(node_id))
        return node_id

    def kind(self, node_id: str) -> str:
        """The kind of a node (skill, project, stage or choice), without building its model."""
        nodes = self.nodes
        if isinstance(nodes, _LazyNodes):
            return str(nodes.raw(node_id)["kind"])
        return nodes[node_id].kind

    def hours(self, node_id: str) -> float:
        """The effort of a skill or project from scratch; 0 for stages and choices."""
        node = self.nodes[node_id]
        return node.hours if node.kind in ("skill", "project") else 0.0

    def members(self, choice_id: str) -> tuple[str, ...]:
        """The members of a choice, sorted."""
        return tuple(sorted(self.attr(choice_id, "one_of", ())))

    def pick(self, choice_id: str) -> int:
        """How many members satisfy a choice."""
        return int(self.attr(choice_id, "pick", 1))

    @cached_property
    def stages(self) -> tuple[Stage, ...]:
        """Every stage, lowest rung of the ladder first (see :meth:`stage_rank`)."""
        stages = [n for n in self.nodes.values() if n.kind == "stage"]
        return tuple(sorted(stages, key=lambda s: self.stage_rank[s.id]))

    @cached_property
    def stage_depth(self) -> dict[str, int]:
        """For every node, how many stages lie on the longest chain of its prerequisites."""
        depth: dict[str, int] = {}
        nodes = self.nodes
        for node in self.topological_order():
            best = 0
            for pred in self.pred[node]:
                best = max(best, depth[pred] + (nodes[pred].kind == "stage"))
            depth[node] = best
        return depth

    @cached_property
    def stage_rank(self) -> dict[str, tuple[int, int, str]]:
        """Sort key of each stage: stages below it, then its ``level``, then its id."""
        depth = self.stage_depth
        return {
            n.id: (depth[n.id], n.level or 0, n.id)
            for n in self.nodes.values()
            if n.kind == "stage"
        }

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
                (depth[p] + (self.nodes[p].kind == "stage") for p in self.pred[node]), default=0
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
        through the ids in ``within`` only, when given."""
        parents: dict[str, str | None] = {source: None}
        frontier = [source]
        while frontier and target not in parents:
            following = []
            for node in frontier:
                for s in self.succ.get(node, ()):
                    if s not in parents and (within is None or s in within):
                        parents[s] = node
                        following.append(s)
            frontier = following
        if target not in parents:
            return []
        chain: list[str] = []
        step: str | None = target
        while step is not None:
            chain.append(step)
            step = parents[step]
        return chain[::-1]

    def closure(self, ids: Iterable[str], *, through_choices: bool = True) -> set[str]:
        """The ids together with all of their prerequisites.

        A choice's prerequisites are all its members; with ``through_choices=False``
        the walk stops at choices instead (knowing something that requires "one of
        these" says nothing about which one is known).
        """
        seen: set[str] = set()
        stack = [i for i in ids if i in self.nodes]
        pred = self.pred
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            if not through_choices and self.kind(node) == "choice":
                continue
            stack.extend(p for p in pred[node] if p not in seen)
        return seen

    def stages_needing(self, node_id: str) -> list[str]:
        """The stages whose requirements include ``node_id``, lowest first."""
        needed_by = self.descendants(node_id)
        return [s.id for s in self.stages if s.id in needed_by]
