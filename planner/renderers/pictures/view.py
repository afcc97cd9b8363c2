"""What a picture of the career graph shows: the nodes, edges, bands and statuses.

Every visualizer renders a :class:`GraphView`, so the choice of nodes (the whole graph,
one stage's requirements, a person's plan), their placement in stage bands, their
status and the highlighted prerequisite chain are decided once, here, and every format
agrees on them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Final

from planner.renderers.pictures.bands import UNSTAGED, Band, picks_of, place, statuses
from planner.renderers.pictures.layers import ROW_BUDGET, band_rows, label_cost
from planner.renderers.pictures.position import Position
from planner.renderers.pictures.style import (
    CATEGORY_BORDER,
    CHOICE,
    HEAT,
    NEXT,
    STAGE,
    STATUSES,
    Look,
    category_fills,
    choice_label,
    drawable,
    heat_class,
    short_label,
)
from planner.words import count

HEXAGON_EXTRA: Final = 2.0
"""Characters a hexagon takes beyond its label."""

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.planning import ChoiceResolver, Plan
    from planner.records import Node
    from planner.reports.cohort import CohortHeat
    from planner.scheduling import Schedule


@dataclass(frozen=True, eq=False)  # compared by identity: no __eq__ to generate
class GraphView:
    """A part of the career graph, placed in stage bands, ready to draw.

    Build it with :meth:`from_graph`. ``nodes`` and ``edges`` hold only what the view
    shows; ``status`` is set when a profile's plan is overlaid, with ``position`` (where
    the person stands today); ``heat`` when a cohort's summary is; ``highlight`` is the
    focused node with every ancestor (empty without a focus).
    """

    graph: CareerGraph
    nodes: Mapping[str, Node]
    edges: list[tuple[str, str]]
    bands: list[Band]
    members: Mapping[str, list[str]]
    counted: Mapping[str, frozenset[str]]
    """Each band's work that its stage needs under the picks of its choices (what a
    card counts); the band's other work are alternatives."""
    picks: ChoiceResolver = field(repr=False)
    status: Mapping[str, str] | None = None
    focus: str | None = None
    highlight: frozenset[str] = frozenset()
    schedule: Schedule | None = field(default=None, repr=False)
    plan: Plan | None = field(default=None, repr=False)
    person: str = ""
    stage: str | None = None
    """The ``stage`` the view was narrowed to."""
    overview: bool = False
    """Whether pictures draw one box per band (the ladder) instead of every node."""
    heat: CohortHeat | None = field(default=None, repr=False)
    """With a cohort: its summary, and how many of its people still need each node."""
    position: Position | None = None
    """With a profile and a moment: where the person stands (see :class:`Position`)."""
    recommended: bool = False
    """Whether pictures draw what the shown nodes recommend (dashed), not only what
    they require."""

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
        overview: bool = False,
        heat: CohortHeat | None = None,
        picks: ChoiceResolver | None = None,
        now: dt.datetime | None = None,
        recommended: bool = False,
    ) -> GraphView:
        """Build the view of ``graph``.

        Parameters
        ----------
        graph:
            The validated career graph.
        plan, schedule:
            A profile's plan (or its schedule, whose plan is used): marks nodes by
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
        overview:
            Draw the ladder of bands, one box each with its numbers
            (:meth:`summaries`), instead of every node.
        heat:
            A cohort's summary: how many of its planned people still need each node.
        picks:
            Whose picks of the choices the cards count (default: the plan's, else the
            members with the least work).
        now:
            With a schedule, the moment whose position the pictures mark ("you are
            here", the next item, today on the timeline).
        recommended:
            Draw recommendations too (dashed), not only requirements.

        Raises
        ------
        UnknownIdError
            When ``stage`` or ``focus`` is not a node of the graph.
        """
        if plan is None and schedule is not None:
            plan = schedule.plan
        if stage is not None:
            stage = graph.resolve(stage, kinds=("stage",), what="stage", option="--stage", names=True)
        if focus is not None:
            focus = graph.resolve(focus, option="--focus", names=True)
        picks = picks or picks_of(graph, plan)

        chosen: set[str] = set(graph.nodes) if only is None else set(only) & set(graph.nodes)
        if stage is not None:
            chosen &= graph.closure([stage])
        highlight: frozenset[str] = frozenset()
        if focus is not None:
            highlight = frozenset(graph.closure([focus]))
            chosen |= highlight
        nodes = {node_id: graph.nodes[node_id] for node_id in sorted(chosen)}
        edges = sorted((a, b) for a, b in graph.digraph.edges if a in nodes and b in nodes)
        bands, members, counted = place(graph, nodes, picks)
        return cls(
            graph=graph,
            nodes=nodes,
            edges=edges,
            bands=bands,
            members=members,
            counted=counted,
            picks=picks,
            status=statuses(graph, plan) if plan is not None else None,
            focus=focus,
            highlight=highlight,
            schedule=schedule,
            plan=plan,
            person=person,
            stage=stage,
            overview=overview,
            heat=heat,
            position=Position.of(graph, schedule, now) if schedule is not None and now is not None else None,
            recommended=recommended,
        )

    @property
    def need(self) -> Mapping[str, int] | None:
        """With a cohort: how many of its people still need each node (absent: nobody)."""
        return self.heat.need if self.heat is not None else None

    @property
    def cohort(self) -> int:
        """With a cohort: how many people were planned."""
        return self.heat.people if self.heat is not None else 0

    def band_members(self, band_id: str) -> list[str]:
        """The sorted ids placed in a band (each node lies in exactly one band)."""
        return list(self.members.get(band_id, []))

    @cached_property
    def _band_of(self) -> dict[str, str]:
        return {node_id: band_id for band_id, ids in self.members.items() for node_id in ids}

    def band_of(self, node_id: str) -> str:
        """The id of the band that holds ``node_id``."""
        return self._band_of[node_id]

    @cached_property
    def rows(self) -> dict[str, list[list[str]]]:
        """Each band's nodes in rows about a page wide, prerequisites in earlier rows
        (see :mod:`~planner.renderers.pictures.layers`); every picture draws these rows."""
        return {
            band.id: band_rows(
                self.members[band.id],
                self.graph.pred,
                widths={n: self.label_width(n) for n in self.members[band.id]},
                budget=ROW_BUDGET,
            )
            for band in self.bands
        }

    def label_width(self, node_id: str) -> float:
        """What a node's box costs in a row (see :func:`label_cost`): a choice's
        hexagon is wider than its label."""
        extra = HEXAGON_EXTRA if self.nodes[node_id].kind == "choice" else 0.0
        return label_cost(self.label(node_id)) + extra

    def edge_kind(self, source: str, target: str) -> str:
        """``ladder`` between two stages, ``picked`` or ``member`` from a member into
        its choice, ``requires`` otherwise (a key of
        :data:`~planner.renderers.pictures.style.EDGES`)."""
        kinds = self.nodes[source].kind, self.nodes[target].kind
        if kinds == ("stage", "stage"):
            return "ladder"
        if kinds[1] == "choice":
            pick = self.plan.choice(target) if self.plan is not None else None
            return "picked" if pick is not None and source in pick.picked else "member"
        return "requires"

    @cached_property
    def recommendations(self) -> list[tuple[str, str]]:
        """``(recommended, recommender)`` pairs among the shown nodes, sorted, when the
        view draws recommendations: dashed ``recommends`` edges, never prerequisites."""
        if not self.recommended:
            return []
        return sorted((r, n) for n in self.nodes for r in self.graph.recommends(n) if r in self.nodes)

    def label(self, node_id: str) -> list[str]:
        """The lines a node's box shows: a short label (the full name goes in the
        tooltip); a choice its name and how many it takes ("A deep learning framework:
        1 of"); with a cohort, the share of those on the way who still need it; with a
        profile, ✓ before what is known and ▶ before the next item."""
        node = self.nodes[node_id]
        if node.kind == "choice":
            return choice_label(node.name, node.pick)
        lines = short_label(node.name)
        share = self.share(node_id)
        if share is not None:
            return [*lines, f"{share:.0%}"]
        badge = self.look(node_id).badge
        if badge:
            lines = [badge + lines[0], *lines[1:]]
        if node.kind == "stage" and self.schedule is not None:
            reached = self.schedule.milestone(node_id)
            if reached is not None:
                lines.append(f"reached {reached.date}")
        return lines

    def look(self, node_id: str) -> Look:
        """How a node's box looks: stages dark and choices white (with a profile their
        border tells the status); other nodes filled by their category (a cohort's
        heat map: by the share who still need them), and with a profile bordered and
        badged by status (the next item: ▶)."""
        node = self.nodes[node_id]
        base = {"stage": STAGE, "choice": CHOICE}.get(node.kind)
        if base is not None:
            if self.status is None:
                return base
            mark = STATUSES[self.status[node_id]]
            return Look(base.fill, mark.border, base.font, mark.dashed, max(mark.width, 1.5), mark.badge)
        share = self.share(node_id)
        if share is not None:
            return HEAT[heat_class(share)][1]
        fill = self.fills[self.category(node_id)]
        if self.status is None:
            return Look(fill, CATEGORY_BORDER)
        if self.position is not None and node_id == self.position.next_item:
            return NEXT.on(fill)
        return STATUSES[self.status[node_id]].on(fill)

    def implied(self, source: str, target: str) -> bool:
        """Whether the bands already say ``source`` comes before ``target``, so a
        picture need not draw the edge: a band's work leading into its own stage, or
        work of a lower rung that the target's rung requires (whoever reaches that rung
        has done it). The ladder edges between stages are always drawn."""
        if self.edge_kind(source, target) != "requires":
            return False
        lower, upper = self.band_of(source), self.band_of(target)
        if lower == upper:
            return upper == target
        return lower in self._rungs_below.get(upper, set())

    @cached_property
    def _rungs_below(self) -> dict[str, set[str]]:
        """Each stage's band → the bands of the stages it requires, directly or not."""
        stages = {band.id for band in self.bands if band.id != UNSTAGED}
        return {stage: self.graph.closure([stage]) & stages - {stage} for stage in stages}

    def category(self, node_id: str) -> str:
        """The node's category (``stage`` for stages)."""
        node = self.nodes[node_id]
        return node.category if node.kind in ("skill", "project") else node.kind

    def hours(self, node_id: str) -> float | None:
        """Effort of a skill or project; None for a stage."""
        node = self.nodes[node_id]
        return node.hours if node.kind in ("skill", "project") else None

    @cached_property
    def fills(self) -> dict[str, str]:
        """Fill of every category of the whole graph (see
        :func:`~planner.renderers.pictures.style.category_fills`)."""
        return category_fills(self.graph)

    def tooltip(self, node_id: str) -> str:
        """The full name of a node, with its kind and hours: ``"pandas · skill · 12 h"``;
        for a choice its members, and with a profile what was picked; with a cohort how
        many on the way still need it."""
        node = self.nodes[node_id]
        hours = self.hours(node_id)
        parts = [drawable(node.name), node.kind] + ([f"{hours:g} h"] if hours is not None else [])
        if node.kind == "choice":
            parts.append(f"{'one' if node.pick == 1 else node.pick} of {', '.join(node.one_of)}")
            pick = self.plan.choice(node_id) if self.plan is not None else None
            if pick is not None:
                parts.append(pick.summary(instead="not picked:"))
        if self.status is not None:
            parts.append(STATUSES[self.status[node_id]].label)
        if self.position is not None and node_id == self.position.next_item:
            parts.append(f"next: {self.position.when()}")
        share = self.share(node_id)
        if share is not None and self.heat is not None:
            parts.append(
                f"{self.heat.need.get(node_id, 0):,} of the {self.on_the_way(node_id):,} people on the way "
                f"still need it ({share:.0%})"
            )
        return " · ".join(parts)

    def on_the_way(self, node_id: str) -> int:
        """With a cohort: how many of its people still have the stage of ``node_id``'s
        band ahead of them (everyone planned for work no stage needs)."""
        if self.heat is None:
            return 0
        band = self.band_of(node_id) if node_id in self._band_of else UNSTAGED
        if band == UNSTAGED:
            return self.heat.people
        return max(self.heat.on_the_way(band), self.heat.need.get(node_id, 0))

    def share(self, node_id: str) -> float | None:
        """With a cohort, the share (0..1) of its people on the way to the node's stage
        who still need the skill or project: what differs between people (a node everyone
        on the way needs is 100 %, one that half of them know already 50 %). None for a
        stage, a choice or without a cohort."""
        if self.heat is None or self.nodes[node_id].kind not in ("skill", "project"):
            return None
        people = self.on_the_way(node_id)
        return self.heat.need.get(node_id, 0) / people if people else 0.0

    @property
    def title(self) -> str:
        """A one-line title: whose graph, and what is focused."""
        parts = ["Career graph"]
        if self.person.strip():
            parts.append(f"for {drawable(self.person)}")
        if self.plan is not None and self.plan.target in self.graph.nodes:
            parts.append(f"→ {drawable(self.graph.nodes[self.plan.target].name)}")
        if self.heat is not None:
            parts.append(f"· a cohort of {self.cohort:,}: who still needs what")
        if self.focus is not None:
            parts.append(
                f"· {drawable(self.nodes[self.focus].name)}: {count(len(self.highlight) - 1, 'prerequisite')}"
            )
        return " ".join(parts)

    def whereabouts(self) -> str:
        """With a position, where the person stands in words: ``"As of 2027-02-01: working
        towards Junior ML Engineer (reached 2029-11-24); next: Probability for ML, Mon
        2027-02-01 19:00"``; empty without one."""
        where = self.position
        if where is None or self.schedule is None:
            return ""
        parts = [f"As of {where.today}:"]
        if where.here is not None:
            milestone = self.schedule.milestone(where.here)
            parts.append(
                f"working towards {drawable(self.graph.nodes[where.here].name)}"
                + (f" (reached {milestone.date})" if milestone is not None else "")
            )
        elif where.held is not None:
            parts.append(f"{drawable(self.graph.nodes[where.held].name)} reached")
        text = " ".join(parts)
        if where.next_item is not None:
            text += f"; next: {drawable(self.graph.nodes[where.next_item].name)}, {where.when()}"
        return text

    def without_focus(self) -> GraphView:
        """The same view with nothing highlighted (the HTML page highlights in the browser)."""
        return replace(self, focus=None, highlight=frozenset())

    def restricted_to_plan(self) -> GraphView:
        """Only what the plan's target and focus need (known or not), for small pictures."""
        if self.plan is None:
            return self
        keep = set(self.plan.needed) or self.graph.closure([self.plan.target])
        restricted = GraphView.from_graph(
            self.graph,
            plan=self.plan,
            schedule=self.schedule,
            focus=self.focus,
            stage=self.stage,
            only=[n for n in self.nodes if n in keep],
            person=self.person,
            overview=self.overview,
            picks=self.picks,
            recommended=self.recommended,
        )
        return replace(restricted, position=self.position)
