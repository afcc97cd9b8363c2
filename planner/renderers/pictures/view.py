"""What a picture of the career graph shows: the nodes, edges, bands and statuses.

Every visualizer renders a :class:`GraphView`, so the choice of nodes (the whole graph,
one stage's requirements, a person's plan), their placement in stage bands, their
status and the highlighted prerequisite chain are decided once, here, and every format
agrees on them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Final, NamedTuple

from planner.renderers.pictures.layers import ROW_BUDGET, band_rows, label_cost
from planner.renderers.pictures.style import (
    CATEGORY_BORDER,
    CHOICE,
    HEAT,
    KINDS,
    STAGE,
    STATUSES,
    Look,
    category_fills,
    drawable,
    heat_class,
    short_label,
)
from planner.words import count

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.planning import Plan
    from planner.records import Node
    from planner.scheduling import Schedule

UNSTAGED: Final = "_unstaged"
"""Band id of the nodes no stage needs (never a graph id: those are kebab-case)."""
UNSTAGED_TITLE: Final = "Not required by any stage"


class Band(NamedTuple):
    """A horizontal band of the ladder: one stage and the work it needs first."""

    id: str
    title: str


class BandSummary(NamedTuple):
    """One band of the ladder in numbers: what the overview shows of it."""

    band: Band
    work: Mapping[str, int]
    """How many nodes of each kind (``skill``, ``project``) the band holds."""
    hours: float
    """Effort of the band's work from scratch."""
    status: str | None = None
    """With a profile: the status of the band's stage (None for the unstaged band)."""
    done_hours: float = 0.0
    """With a profile: effort done, known work in full and planned work by its progress."""
    left_hours: float = 0.0
    """With a profile: effort still planned."""
    reached: dt.date | None = None
    """With a schedule: the day the stage is reached."""
    highlight: bool = False
    """Whether the focused chain runs through the band."""

    def counts_text(self) -> str:
        """``"49 skills · 5 projects · 1,244 h"``."""
        parts = [f"{count} {kind}{'' if count == 1 else 's'}" for kind, count in self.work.items()]
        return " · ".join([*parts, f"{self.hours:,.0f} h"])

    def progress_text(self) -> str:
        """``"done 173 h · left 1,071 h · reached 2029-02-19"``, or why nothing is left."""
        if self.status == "not-needed" and not self.left_hours:
            return "not on the way to the target"
        text = f"done {self.done_hours:,.0f} h · left {self.left_hours:,.0f} h"
        return text + (f" · reached {self.reached}" if self.reached else "")


def _by_kind(counts: Mapping[str, int]) -> dict[str, int]:
    """Counts in the order of :data:`~planner.renderers.pictures.style.KINDS` (skills first)."""
    order = list(KINDS)
    return dict(sorted(counts.items(), key=lambda item: (order.index(item[0]), item[0])))


def _statuses(graph: CareerGraph, plan: Plan) -> dict[str, str]:
    """Each node's status in ``plan``: known, planned (an item or stage still to
    reach) or not needed."""
    planned = (
        {item.id for item in plan.items} | {goal.id for goal in plan.stages} | {c.id for c in plan.choices}
    )
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
    stage: str | None = None
    """The ``stage`` the view was narrowed to."""
    overview: bool = False
    """Whether pictures draw one box per band (the ladder) instead of every node."""
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
        overview: bool = False,
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
        overview:
            Draw the ladder of bands, one box each with its numbers
            (:meth:`summaries`), instead of every node.
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
            stage = graph.resolve(stage, kinds=("stage",), what="stage", option="--stage", names=True)
        if focus is not None:
            focus = graph.resolve(focus, option="--focus", names=True)

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
            bands.append(Band(rung.id, f"{number}. {drawable(rung.name)}"))
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
            stage=stage,
            overview=overview,
            need=need,
            cohort=cohort,
        )

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
                widths={n: label_cost(self.label(n)) for n in self.members[band.id]},
                budget=ROW_BUDGET,
            )
            for band in self.bands
        }

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
        """``(recommended, recommender)`` pairs among the shown nodes, sorted: drawn as
        dashed ``recommends`` edges, never as prerequisites."""
        return sorted((r, n) for n in self.nodes for r in self.graph.recommends(n) if r in self.nodes)

    def label(self, node_id: str) -> list[str]:
        """The lines a node's box shows: a short label (the full name goes in the
        tooltip); a choice shows "one of", or "2 of" when it takes two."""
        node = self.nodes[node_id]
        if node.kind == "choice":
            return ["one of" if node.pick == 1 else f"{node.pick} of"]
        if self.need is not None and node.kind != "stage":
            # A heat map counts the people who still need each node.
            return [*short_label(node.name), f"({self.need.get(node_id, 0):,})"]
        return short_label(node.name)

    def look(self, node_id: str) -> Look:
        """How a node's box looks: stages dark and choices white (with a profile their
        border tells the status), other nodes by status with a profile, else by category."""
        node = self.nodes[node_id]
        base = {"stage": STAGE, "choice": CHOICE}.get(node.kind)
        if base is not None:
            if self.status is None:
                return base
            return Look(base.fill, STATUSES[self.status[node_id]].border, base.font)
        share = self.share(node_id)
        if share is not None:
            return HEAT[heat_class(share)][1]
        if self.status is not None:
            return STATUSES[self.status[node_id]]
        return Look(self.fills[self.category(node_id)], CATEGORY_BORDER)

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

    def summaries(self) -> list[BandSummary]:
        """Every band in ladder order with its numbers (see :class:`BandSummary`)."""
        left: dict[str, float] = {}
        reached: dict[str, dt.date] = {}
        if self.plan is not None:
            left = {item.id: item.hours for item in self.plan.items}
        if self.schedule is not None:
            reached = {m.stage: m.date for m in self.schedule.milestones}
        result = []
        for band in self.bands:
            work = [n for n in self.members[band.id] if self.nodes[n].kind in ("skill", "project")]
            hours = sum(self.graph.hours(n) for n in work)
            summary = BandSummary(
                band,
                _by_kind(Counter(self.nodes[n].kind for n in work)),
                hours,
                highlight=any(n in self.highlight for n in self.members[band.id]),
            )
            if self.status is not None:
                known = [n for n in work if self.status[n] == "known"]
                planned = [n for n in work if n in left]
                summary = summary._replace(
                    status=self.status.get(band.id),
                    done_hours=sum(self.graph.hours(n) for n in known)
                    + sum(self.graph.hours(n) - left[n] for n in planned),
                    left_hours=sum(left[n] for n in planned),
                    reached=reached.get(band.id),
                )
            result.append(summary)
        return result

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
        for a choice its members, and with a profile what was picked."""
        node = self.nodes[node_id]
        hours = self.hours(node_id)
        parts = [drawable(node.name), node.kind] + ([f"{hours:g} h"] if hours is not None else [])
        if node.kind == "choice":
            parts.append(f"{'one' if node.pick == 1 else node.pick} of {', '.join(node.one_of)}")
            pick = self.plan.choice(node_id) if self.plan is not None else None
            if pick is not None:
                parts.append(pick.summary(instead="not picked:"))
        return " · ".join(parts)

    def share(self, node_id: str) -> float | None:
        """With a cohort, the share (0..1) of its people who still need the skill or
        project; None for a stage, a choice or without a cohort."""
        if self.need is None or self.nodes[node_id].kind not in ("skill", "project"):
            return None
        return self.need.get(node_id, 0) / self.cohort if self.cohort else 0.0

    @property
    def title(self) -> str:
        """A one-line title: whose graph, and what is focused."""
        parts = ["Career graph"]
        if self.person.strip():
            parts.append(f"for {drawable(self.person)}")
        if self.plan is not None and self.plan.target in self.graph.nodes:
            parts.append(f"→ {drawable(self.graph.nodes[self.plan.target].name)}")
        if self.need is not None:
            parts.append(f"· a cohort of {self.cohort:,}: who still needs what")
        if self.focus is not None:
            parts.append(
                f"· {drawable(self.nodes[self.focus].name)}: {count(len(self.highlight) - 1, 'prerequisite')}"
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
            stage=self.stage,
            only=[n for n in self.nodes if n in keep],
            person=self.person,
            overview=self.overview,
        )
