"""What a picture of the career graph shows: the nodes, edges, bands and statuses.

Every visualizer renders a :class:`GraphView`, so the choice of nodes (the whole graph,
one stage's requirements, a person's plan), their placement in stage bands, their
status and the highlighted prerequisite chain are decided once, here, and every format
agrees on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.models import Node
    from planner.planning import Plan
    from planner.scheduling import Schedule

UNSTAGED: Final = "_unstaged"
"""Band id of the nodes no stage needs (never a graph id: those are kebab-case)."""
UNSTAGED_TITLE: Final = "Not required by any stage"
STATUSES: Final = ("known", "planned", "not-needed")
"""Statuses a node takes when the view carries a profile's plan."""


@dataclass(frozen=True)
class Band:
    """A horizontal band of the ladder: one stage and the work it needs first."""

    id: str
    title: str


def _statuses(graph: CareerGraph, plan: Plan) -> dict[str, str]:
    """Each node's status in ``plan``: known, planned (an item or stage still to
    reach) or not needed."""
    planned = {item.id for item in plan.items} | {goal.id for goal in plan.stages}
    result: dict[str, str] = {}
    for node_id in graph.nodes:
        if node_id in plan.known:
            result[node_id] = "known"
        elif node_id in planned:
            result[node_id] = "planned"
        else:
            result[node_id] = "not-needed"
    return result


@dataclass(frozen=True)
class GraphView:
    """A part of the career graph, placed in stage bands, ready to draw.

    Build it with :meth:`from_graph`. ``nodes`` and ``edges`` hold only what the view
    shows; ``status`` is set when a profile's plan is overlaid; ``need`` when a
    cohort's heat map is; ``highlight`` is the focused node with every ancestor (empty
    without a focus).
    """

    graph: CareerGraph
    nodes: Mapping[str, Node]
    edges: list[tuple[str, str]]
    bands: list[Band]
    members: Mapping[str, list[str]]
    status: Mapping[str, str] | None = None
    focus: str | None = None
    highlight: frozenset[str] = frozenset()
    schedule: Schedule | None = field(default=None, repr=False)
    plan: Plan | None = field(default=None, repr=False)
    person: str = ""
    need: Mapping[str, int] | None = None
    """With a cohort: how many of its people still need each node (absent: nobody)."""
    cohort: int = 0
    """With a cohort: how many people were planned."""

    @classmethod
    def from_graph(
        cls,
        graph: CareerGraph,
        *,
        plan: Plan | None = None,
        schedule: Schedule | None = None,
        stage: str | None = None,
        focus: str | None = None,
        only: Iterable[str] | None = None,
        person: str = "",
        need: Mapping[str, int] | None = None,
        cohort: int = 0,
    ) -> GraphView:
        """Build the view of ``graph``.

        Parameters
        ----------
        graph:
            The validated career graph.
        plan, schedule:
            A profile's plan (or its schedule, whose plan is used): colours nodes by
            status, and the HTML page shows the schedule's timeline.
        stage:
            Show only this stage's requirements (its prerequisite closure).
        focus:
            Highlight this node and its whole prerequisite chain. When the view is
            narrowed and the node lies outside it, its chain is added.
        only:
            Show only these ids (before ``stage`` and ``focus`` are applied).
        person:
            The profile's name, for titles.
        need, cohort:
            A cohort's heat map: how many of its ``cohort`` planned people still need
            each node.

        Raises
        ------
        UnknownIdError
            When ``stage`` or ``focus`` is not a node of the graph.
        """
        if plan is None and schedule is not None:
            plan = schedule.plan
        if stage is not None:
            stage = graph.resolve(stage, kinds=("stage",), what="stage", option="--stage")
        if focus is not None:
            focus = graph.resolve(focus, option="--focus")

        chosen: set[str] = set(graph.nodes) if only is None else set(only) & set(graph.nodes)
        if stage is not None:
            chosen &= graph.closure([stage])
        highlight: frozenset[str] = frozenset()
        if focus is not None:
            highlight = frozenset(graph.closure([focus]))
            chosen |= highlight
        nodes = {node_id: graph.nodes[node_id] for node_id in sorted(chosen)}
        edges = sorted((a, b) for a, b in graph.digraph.edges if a in nodes and b in nodes)

        bands: list[Band] = []
        members: dict[str, list[str]] = {}
        placed: set[str] = set()
        number = 0
        for rung in graph.stages:
            if rung.id not in nodes:
                continue
            number += 1
            inside = sorted(n for n in graph.closure([rung.id]) if n in nodes and n not in placed)
            placed.update(inside)
            bands.append(Band(rung.id, f"{number}. {rung.name}"))
            members[rung.id] = inside
        rest = sorted(n for n in nodes if n not in placed)
        if rest:
            bands.append(Band(UNSTAGED, UNSTAGED_TITLE))
            members[UNSTAGED] = rest
        return cls(
            graph=graph,
            nodes=nodes,
            edges=edges,
            bands=bands,
            members=members,
            status=_statuses(graph, plan) if plan is not None else None,
            focus=focus,
            highlight=highlight,
            schedule=schedule,
            plan=plan,
            person=person,
            need=need,
            cohort=cohort,
        )

    def band_members(self, band_id: str) -> list[str]:
        """The sorted ids placed in a band (each node lies in exactly one band)."""
        return list(self.members.get(band_id, []))

    def band_of(self, node_id: str) -> str:
        """The id of the band that holds ``node_id``."""
        for band_id, ids in self.members.items():
            if node_id in ids:
                return band_id
        raise KeyError(node_id)

    def style_class(self, node_id: str) -> str:
        """``known``, ``planned`` or ``not-needed`` with a profile; otherwise
        ``stage`` for stages and ``node`` for the rest."""
        if self.status is not None:
            return self.status[node_id]
        return "stage" if self.nodes[node_id].kind == "stage" else "node"

    def category(self, node_id: str) -> str:
        """The node's category (``stage`` for stages)."""
        node = self.nodes[node_id]
        return "stage" if node.kind == "stage" else node.category

    def hours(self, node_id: str) -> float | None:
        """Effort of a skill or project; None for a stage."""
        node = self.nodes[node_id]
        return None if node.kind == "stage" else node.hours

    def share(self, node_id: str) -> float | None:
        """With a cohort, the share (0..1) of its people who still need the skill or
        project; None for a stage or without a cohort."""
        if self.need is None or self.nodes[node_id].kind == "stage":
            return None
        return self.need.get(node_id, 0) / self.cohort if self.cohort else 0.0

    @property
    def title(self) -> str:
        """A one-line title: whose graph, and what is focused."""
        parts = ["Career graph"]
        if self.person.strip():
            parts.append(f"for {' '.join(self.person.split())}")
        if self.plan is not None and self.plan.target in self.graph.nodes:
            parts.append(f"→ {self.graph.nodes[self.plan.target].name}")
        if self.need is not None:
            parts.append(f"· a cohort of {self.cohort:,}: who still needs what")
        if self.focus is not None:
            parts.append(
                f"· {self.nodes[self.focus].name}: {len(self.highlight) - 1} prerequisite(s)"
            )
        return " ".join(parts)

    def without_focus(self) -> GraphView:
        """The same view with nothing highlighted (the HTML page highlights in the browser)."""
        return replace(self, focus=None, highlight=frozenset())

    def restricted_to_plan(self) -> GraphView:
        """Only what the plan's target and focus need (known or not), for small pictures."""
        if self.plan is None:
            return self
        keep = set(self.plan.needed) or self.graph.closure([self.plan.target])
        return GraphView.from_graph(
            self.graph,
            plan=self.plan,
            schedule=self.schedule,
            focus=self.focus,
            only=[n for n in self.nodes if n in keep],
            person=self.person,
        )
