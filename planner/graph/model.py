"""The career graph: validated nodes, their files, and the prerequisite edges.

:class:`CareerGraph` is what every layer above reads. It keeps the direct
prerequisites of each node (``pred``) as plain tuples, which the planner walks
directly, and builds the NetworkX graph only when a caller asks for it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from planner.errors import UnknownIdError
from planner.graph.tables import NodeTables, prerequisites_first, topological_order, unlocks

if TYPE_CHECKING:
    import networkx as nx

    from planner.records import Node, Stage


def node_attributes(node: Node) -> dict[str, Any]:
    """The attributes of a node in :attr:`CareerGraph.digraph`."""
    attrs: dict[str, Any] = {"kind": node.kind, "name": node.name}
    if node.kind in ("skill", "project"):
        if node.at_work:
            attrs |= {"at_work": True, "months": node.months}
        else:
            attrs["hours"] = node.hours
    elif node.kind == "choice":
        attrs["pick"] = node.pick
    return attrs


class CareerGraph:
    """The validated career graph: nodes by id, their source files, and the edges.

    ``pred`` maps every id to its direct prerequisites; the planner walks it directly.
    ``digraph`` is the same graph in NetworkX (built on first use): one node per id
    with the attributes ``kind``, ``name`` and (for skills and projects) ``hours``, or
    ``at_work`` and ``months`` for a node done at a job;
    an edge ``a -> b`` means *a* is a prerequisite of *b*. ``succ`` and
    ``stage_rank`` are computed on first use unless given. ``validated`` says the
    graph passed validation, which refuses a name that is another node's id or alias:
    :meth:`resolve` then takes an exact id without reading every name.
    """

    def __init__(
        self,
        *,
        nodes: Mapping[str, Node],
        files: Mapping[str, str],
        pred: Mapping[str, tuple[str, ...]],
        succ: Mapping[str, Iterable[str]] | None = None,
        stage_rank: dict[str, tuple[int, int, str]] | None = None,
        validated: bool = False,
    ) -> None:
        self.nodes = nodes
        self.validated = validated
        self.files = files
        self.pred = pred
        self._work: dict[str, tuple[bool, int]] = {}
        """Whether each node asked about so far is done at a job, and its months: the
        planner and the scheduler ask for the same nodes again and again."""
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
        graph.add_nodes_from((node_id, node_attributes(node)) for node_id, node in sorted(self.nodes.items()))
        graph.add_edges_from((p, node) for node in sorted(self.pred) for p in self.pred[node])
        return graph

    def topological_order(
        self, ids: Iterable[str] | None = None, *, key: Callable[[str], Any] | None = None
    ) -> list[str]:
        """A topological order of ``ids`` (default: every node), smallest ``key`` first
        among the ready ones (see :func:`topological_order`)."""
        return topological_order(self.pred, self.succ, self.pred if ids is None else ids, key)

    def attr(self, node_id: str, key: str, default: Any = None) -> Any:
        """One field of a node as its file gave it, without building its model."""
        nodes = self.nodes
        if isinstance(nodes, NodeTables):
            return nodes.table(node_id).get(key, default)
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

    def short_name(self, node_id: str) -> str:
        """The node's ``short_name``, for narrow terminals and calendar titles ("" when
        the data gives none: the name is then shortened at word boundaries)."""
        return str(self.attr(node_id, "short_name", "") or "")

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

        def wanted(node_id: str) -> bool:
            return kinds is None or self.kind(node_id) in kinds

        def candidates() -> list[str]:
            found = sorted(n for n in self.nodes if wanted(n))
            found += sorted(a for n in self.nodes if wanted(n) for a in self.aliases(n))
            if names:
                found += sorted(str(self.attr(n, "name")) for n in self.nodes if wanted(n))
            return found

        def named() -> dict[str, str]:  # prerequisites first: "did you mean" offers basics first
            return {n: str(self.attr(n, "name", n)) for n in self.topological_order() if wanted(n)}

        def valid() -> list[str]:
            return [s.id for s in self.stages] if kinds is not None and set(kinds) == {"stage"} else []

        node_id = self.lookup(text)
        if names and not (self.validated and text in self.nodes):
            matches = self._names.get(" ".join(text.split()).casefold(), [])
            fitting = [n for n in matches if wanted(n)] or matches
            if node_id is not None and any(n != node_id for n in fitting):
                # an id or alias that is also another node's name (validation refuses
                # such data; a graph built without it may hold one): never guess
                both = tuple(sorted({node_id, *fitting}))
                raise UnknownIdError(text, (), what=what, option=option, ambiguous=both, by_id=node_id)
            if node_id is None and len(fitting) > 1:
                raise UnknownIdError(text, (), what=what, option=option, ambiguous=tuple(fitting))
            if node_id is None:
                node_id = fitting[0] if fitting else None
        if node_id is None:
            raise UnknownIdError(text, candidates(), what=what, option=option, valid=valid(), names=named())
        if not wanted(node_id):
            raise UnknownIdError(
                node_id, candidates(), what=what, option=option, valid=valid(), kind=self.kind(node_id)
            )
        return node_id

    @cached_property
    def kinds(self) -> Mapping[str, str]:
        """Every id mapped to its kind (skill, project, stage or choice)."""
        nodes = self.nodes
        if isinstance(nodes, NodeTables):
            return nodes.kinds
        return {node_id: node.kind for node_id, node in nodes.items()}

    def kind(self, node_id: str) -> str:
        """The kind of a node (skill, project, stage or choice), without building its record."""
        return self.kinds[node_id]

    def hours(self, node_id: str) -> float:
        """The study effort of a skill or project from scratch; 0 for stages, choices
        and at_work nodes (which take months at a job, not study hours)."""
        node = self.nodes[node_id]
        return (node.hours or 0.0) if node.kind in ("skill", "project") else 0.0

    def at_work(self, node_id: str) -> bool:
        """Whether ``node_id`` is done at a job (``at_work = true``), not in study."""
        return self._at_work(node_id)[0]

    def months(self, node_id: str) -> int:
        """The calendar months an at_work node takes (0 for any other node)."""
        return self._at_work(node_id)[1]

    def _at_work(self, node_id: str) -> tuple[bool, int]:
        found = self._work.get(node_id)
        if found is None:
            at_work = bool(self.attr(node_id, "at_work", False))
            months = int(self.attr(node_id, "months", None) or 0) if at_work else 0
            found = self._work[node_id] = (at_work, months)
        return found

    def members(self, choice_id: str) -> tuple[str, ...]:
        """The members of a choice, sorted."""
        return tuple(sorted(self.attr(choice_id, "one_of", ())))

    def pick(self, choice_id: str) -> int:
        """How many members satisfy a choice."""
        return int(self.attr(choice_id, "pick", 1))

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
        depth = self.stage_depth
        return {n: (depth[n], self.attr(n, "level") or 0, n) for n in self.nodes if self.kind(n) == "stage"}

    def rank_stages(self, stage_ids: Iterable[str]) -> list[str]:
        """Sort ``stage_ids`` lowest rung first, by the same key as :attr:`stage_rank`.

        Uses the full ranking when it is already computed (a cached graph); otherwise
        ranks from the stages' own prerequisite closure, which gives the same order
        and avoids a pass over a big graph.
        """
        ids = list(stage_ids)
        if len(ids) < 2:
            return ids
        if "stage_rank" in self.__dict__:
            return sorted(ids, key=self.stage_rank.__getitem__)
        depth: dict[str, int] = {}
        for node in self.topological_order(self.closure(ids)):
            depth[node] = max((depth[p] + (self.kind(p) == "stage") for p in self.pred[node]), default=0)
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
        return min((distance[s] + 1 for s in self._succ.get(source, ()) if s in distance), default=None)

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
