"""Decide what a learner must still learn and build, and in which order.

The plan is the prerequisite closure of the target stage (and of the profile's
``focus`` ids, and with ``recommended = true`` of every recommended node) minus what
is known. Knowing a node implies knowing its prerequisites, ``current_stage`` implies
everything that stage requires, and progress shortens an item's remaining effort.
A "one of these" choice is walked through the members picked for it
(:mod:`planner.planning.choices`), never through the others.

Order (the documented tie-break rule)
-------------------------------------
The order is a topological order of the plan, built one ready item at a time.
Among the items whose prerequisites are all placed, the next one is the first by:

1. **tier**: the lowest stage that needs the item (so what a lower stage needs comes
   before work that only a higher stage needs, and every milestone arrives as early
   as capacity allows). An item no planned stage needs (a ``focus`` or recommended
   extra) takes the highest tier of its prerequisites, or the first tier;
2. **learning by doing**: a ready project, or a ready ``focus`` item, comes first;
3. **critical path**: the item with the most planned work chained after it (the
   longest path of remaining hours through what it unlocks), so foundations that
   everything else waits for come first;
4. **id**, alphabetically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple

from planner.graph import CareerGraph
from planner.graph.tables import topological_order
from planner.planning.choices import ChoicePick, ChoiceResolver
from planner.planning.effort import remaining_minutes
from planner.records import Profile

ZERO_WORK = ("stage", "choice")
"""Node kinds that are milestones of the graph, not work: planned, never scheduled."""


class PlanItem(NamedTuple):
    """A skill or project still to do, with its remaining effort."""

    id: str
    kind: str
    name: str
    category: str
    minutes: int
    """Remaining effort in minutes."""
    total_hours: float
    """Effort from scratch, as the graph gives it."""
    requires: tuple[str, ...]
    """Direct prerequisites in the graph (known or not)."""
    after: tuple[str, ...]
    """Planned items that must end before this one starts."""
    stage: str | None
    """The lowest planned stage that needs the item (None for focus and recommended extras)."""
    focus: bool = False
    recommended: bool = False
    """Planned only because something in the plan recommends it (``recommended = true``)."""
    picked_for: tuple[str, ...] = ()
    """The choices of the plan this item was picked for."""
    short_name: str = ""
    """The graph's ``short_name`` of the item, for narrow terminals and calendar titles."""

    @property
    def hours(self) -> float:
        return self.minutes / 60.0


class StageGoal(NamedTuple):
    """A stage on the way to the target, with the planned items it needs."""

    id: str
    name: str
    items: frozenset[str]
    previous: tuple[str, ...]
    """Stages this one directly requires (planned or already reached)."""
    min_months_in_previous_role: int = 0


@dataclass(frozen=True)
class Plan:
    """The ordered items to do, the stages they lead to, and the choices made."""

    target: str
    items: tuple[PlanItem, ...]
    stages: tuple[StageGoal, ...]
    known: frozenset[str]
    """Every id known, with the implied prerequisites and satisfied choices."""
    needed: frozenset[str] = field(default_factory=frozenset)
    """Every id the target, the focus ids (and recommendations) need, known or not."""
    target_name: str = ""
    choices: tuple[ChoicePick, ...] = ()
    """How each choice the plan needs is satisfied, by id."""
    role_since: Mapping[str, dt.date] = field(default_factory=dict)
    """For a stage the person holds: when they took the role (time in role counts from it)."""
    stage_names: Mapping[str, str] = field(default_factory=dict)
    """Names of the stages the planned stages directly require, planned or not."""

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    def item(self, item_id: str) -> PlanItem:
        return self._by_id[item_id]

    @cached_property
    def _by_id(self) -> dict[str, PlanItem]:
        return {item.id: item for item in self.items}

    def choice(self, choice_id: str) -> ChoicePick | None:
        return next((c for c in self.choices if c.id == choice_id), None)


def make_plan(graph: CareerGraph, profile: Profile, *, target: str | None = None) -> Plan:
    """Compute the ordered plan of ``profile`` towards ``target`` (default: its own).

    Parameters
    ----------
    graph:
        The validated career graph.
    profile:
        A profile checked against ``graph``.
    target:
        A stage id that overrides ``profile.target``.

    Returns
    -------
    Plan
        Items in roadmap order (see the module docstring for the rule), the planned
        stages, lowest first, and the choices made.
    """
    target = target or profile.target
    resolver = ChoiceResolver.for_profile(graph, profile)
    known = resolver.known
    focus = [f for f in profile.focus if f not in known]
    required = resolver.closure([target, *focus])
    needed = set(required)
    if profile.recommended:
        fresh = {r for n in needed for r in graph.recommends(n)} - needed
        while fresh:
            needed |= resolver.closure(fresh)
            fresh = {r for n in needed for r in graph.recommends(n)} - needed
    plan = order_plan(
        graph,
        target,
        needed - known,
        known,
        resolver=resolver,
        focus=set(focus),
        progress=profile.progress,
        needed=frozenset(needed),
        recommended=frozenset(needed - required),
    )
    if profile.current_stage and profile.current_stage_since:
        plan = replace(plan, role_since={profile.current_stage: profile.current_stage_since})
    return plan


def order_plan(
    graph: CareerGraph,
    target: str,
    todo: Iterable[str],
    known: frozenset[str],
    *,
    resolver: ChoiceResolver | None = None,
    focus: Collection[str] = (),
    progress: Mapping[str, float] | None = None,
    needed: frozenset[str] = frozenset(),
    recommended: frozenset[str] = frozenset(),
) -> Plan:
    """Order the ids in ``todo`` (items, stages and choices) by the module's rule."""
    progress = progress or {}
    resolver = resolver or ChoiceResolver(graph, known=known, progress=progress, focus=focus)
    todo = set(todo)
    # The plan's own edges: a choice waits only for its picked members.
    pred = {n: tuple(p for p in resolver.requirements(n) if p in todo) for n in todo}
    succ: dict[str, list[str]] = {n: [] for n in todo}
    for node in sorted(todo):
        for p in pred[node]:
            succ[p].append(node)
    stage_ids = graph.rank_stages(n for n in todo if graph.kind(n) == "stage")

    # Tier: index of the lowest planned stage needing the node. Walking stages from the
    # lowest and stopping at nodes already tiered is enough: whatever a node needs, the
    # same stage needs too.
    tier: dict[str, int] = {}
    stage_items: dict[str, set[str]] = {}
    owner: dict[str, str] = {}
    for index, stage in enumerate(stage_ids):
        stack = [stage]
        reached: set[str] = set()
        while stack:
            node = stack.pop()
            if node in reached:
                continue
            reached.add(node)
            if node not in tier:
                tier[node] = index
                owner[node] = stage
            stack.extend(p for p in pred[node] if p not in reached)
        stage_items[stage] = {n for n in reached if graph.kind(n) not in ZERO_WORK}

    # Extras no stage needs take the highest tier of their planned prerequisites.
    order_for_tier = topological_order(pred, succ, todo)
    for node in order_for_tier:
        if node not in tier:
            tier[node] = max((tier[p] for p in pred[node]), default=0)
    work = {n: remaining_minutes(graph.hours(n), progress.get(n, 0.0)) for n in todo}
    tail: dict[str, int] = {}
    for node in reversed(order_for_tier):
        tail[node] = max((tail[s] + work[s] for s in succ[node]), default=0)

    def key(node: str) -> tuple[int, int, int, str]:
        kind = graph.kind(node)
        first = -1 if kind in ZERO_WORK else (0 if kind == "project" or node in focus else 1)
        return (tier[node], first, -tail[node], node)

    ordered = topological_order(pred, succ, todo, key)

    # "after": planned items that must end first, looking through stages and choices.
    after: dict[str, frozenset[str]] = {}
    for node in ordered:
        deps: set[str] = set()
        for p in pred[node]:
            if graph.kind(p) in ZERO_WORK:
                deps |= after[p]
            else:
                deps.add(p)
        after[node] = frozenset(deps)

    choices = tuple(resolver.picks(c) for c in sorted(needed or todo) if graph.kind(c) == "choice")
    picked_for: dict[str, list[str]] = {}
    for choice in choices:
        for member in choice.picked:
            picked_for.setdefault(member, []).append(choice.id)
    items = []
    for node in ordered:
        data = graph.nodes[node]
        if data.kind in ZERO_WORK:
            continue
        minutes = remaining_minutes(data.hours, progress.get(node, 0.0))  # type: ignore[union-attr]
        if minutes == 0:
            continue
        items.append(
            PlanItem(
                id=node,
                kind=data.kind,
                name=data.name,
                category=data.category,  # type: ignore[union-attr]
                minutes=minutes,
                total_hours=data.hours,  # type: ignore[union-attr]
                requires=tuple(sorted(data.requires)),
                after=tuple(sorted(after[node])),
                stage=owner.get(node),
                focus=node in focus,
                recommended=node in recommended,
                picked_for=tuple(picked_for.get(node, ())),
                short_name=graph.short_name(node),
            )
        )
    stages = tuple(
        StageGoal(
            id=s,
            name=graph.nodes[s].name,
            items=frozenset(stage_items[s]),
            previous=tuple(sorted(p for p in graph.pred[s] if graph.kind(p) == "stage")),
            min_months_in_previous_role=graph.nodes[s].min_months_in_previous_role,  # type: ignore[union-attr]
        )
        for s in stage_ids
    )
    below = {p for s in stages for p in s.previous}
    return Plan(
        target=target,
        items=tuple(items),
        stages=stages,
        known=known,
        needed=needed,
        target_name=graph.nodes[target].name if target in graph.nodes else target,
        choices=choices,
        stage_names={s: graph.nodes[s].name for s in sorted(below)},
    )
