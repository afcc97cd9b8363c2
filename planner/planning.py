"""Decide what a learner must still learn and build, and in which order.

The plan is the prerequisite closure of the target stage (and of the profile's
``focus`` ids) minus what is known. Knowing a node implies knowing its prerequisites,
``current_stage`` implies everything that stage requires, and progress shortens an
item's remaining effort.

Order (the documented tie-break rule)
-------------------------------------
The order is a topological order of the plan, built one ready item at a time.
Among the items whose prerequisites are all placed, the next one is the first by:

1. **tier**: the lowest stage that needs the item (so what a lower stage needs comes
   before work that only a higher stage needs, and every milestone arrives as early
   as capacity allows). An item no planned stage needs (a ``focus`` extra) takes the
   highest tier of its prerequisites, or the first tier;
2. **learning by doing**: a ready project, or a ready ``focus`` item, comes first;
3. **critical path**: the item with the most planned work chained after it (the
   longest path of remaining hours through what it unlocks), so foundations that
   everything else waits for come first;
4. **id**, alphabetically.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from planner.graph import CareerGraph
from planner.limits import MIN_SESSION_MINUTES
from planner.models import Profile


def remaining_minutes(hours: float, progress: float = 0.0) -> int:
    """Remaining effort in whole minutes, in half-hour steps.

    Effort of 30 minutes or more is rounded to the nearest half hour (halves round
    up), so sessions fit half-hour windows without leftovers; shorter effort keeps
    its minutes (at least one).
    """
    minutes = hours * 60.0 * (1.0 - progress)
    if minutes <= 0:
        return 0
    if minutes >= MIN_SESSION_MINUTES - 1e-9:
        return max(MIN_SESSION_MINUTES, int(minutes / MIN_SESSION_MINUTES + 0.5) * MIN_SESSION_MINUTES)
    return max(1, round(minutes))


@dataclass(frozen=True)
class PlanItem:
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
    """The lowest planned stage that needs the item (None for focus extras)."""
    focus: bool = False

    @property
    def hours(self) -> float:
        return self.minutes / 60.0


@dataclass(frozen=True)
class StageGoal:
    """A stage on the way to the target, with the planned items it needs."""

    id: str
    name: str
    items: frozenset[str]
    previous: tuple[str, ...]
    """Stages this one directly requires (planned or already reached)."""
    min_months_in_previous_role: int = 0


@dataclass(frozen=True)
class Plan:
    """The ordered items to do and the stages they lead to."""

    target: str
    items: tuple[PlanItem, ...]
    stages: tuple[StageGoal, ...]
    known: frozenset[str]
    """Every id known, with the implied prerequisites."""
    needed: frozenset[str] = field(default_factory=frozenset)
    """Every id in the closure of the target and the focus ids."""
    target_name: str = ""

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    def item(self, item_id: str) -> PlanItem:
        return self._by_id[item_id]

    @cached_property
    def _by_id(self) -> dict[str, PlanItem]:
        return {item.id: item for item in self.items}


def known_closure(graph: CareerGraph, profile: Profile) -> frozenset[str]:
    """Everything the profile knows: ``known``, ``current_stage``, finished progress,
    and all their prerequisites."""
    roots: list[str] = list(profile.known)
    if profile.current_stage:
        roots.append(profile.current_stage)
    roots.extend(i for i, f in profile.progress.items() if f >= 1.0)
    return frozenset(graph.closure(roots))


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
        Items in roadmap order (see the module docstring for the rule) and the
        planned stages, lowest first.
    """
    target = target or profile.target
    known = known_closure(graph, profile)
    focus = [f for f in profile.focus if f not in known]
    needed = graph.closure([target, *focus])
    todo = needed - known
    return order_plan(graph, target, todo, known, focus=set(focus), progress=profile.progress,
                      needed=frozenset(needed))


def order_plan(
    graph: CareerGraph,
    target: str,
    todo: Iterable[str],
    known: frozenset[str],
    *,
    focus: set[str] | None = None,
    progress: dict[str, float] | None = None,
    needed: frozenset[str] = frozenset(),
) -> Plan:
    """Order the ids in ``todo`` (items and stages) by the module's rule."""
    focus = focus or set()
    progress = progress or {}
    todo = set(todo)
    pred = graph.pred
    succ = graph.succ
    stage_ids = graph.rank_stages(n for n in todo if graph.nodes[n].kind == "stage")

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
            stack.extend(p for p in pred[node] if p in todo and p not in reached)
        stage_items[stage] = {n for n in reached if graph.nodes[n].kind != "stage"}

    # Extras no stage needs take the highest tier of their planned prerequisites.
    order_for_tier = graph.topological_order(todo)
    for node in order_for_tier:
        if node not in tier:
            tier[node] = max((tier[p] for p in pred[node] if p in todo), default=0)
    work = {n: remaining_minutes(graph.hours(n), progress.get(n, 0.0)) for n in todo}
    tail: dict[str, int] = {}
    for node in reversed(order_for_tier):
        tail[node] = max((tail[s] + work[s] for s in succ[node] if s in todo), default=0)

    def key(node: str) -> tuple[int, int, int, str]:
        kind = graph.nodes[node].kind
        first = -1 if kind == "stage" else (0 if kind == "project" or node in focus else 1)
        return (tier[node], first, -tail[node], node)

    ordered = graph.topological_order(todo, key=key)

    # "after": planned items that must end first, looking through planned stages.
    after: dict[str, frozenset[str]] = {}
    for node in ordered:
        deps: set[str] = set()
        for p in pred[node]:
            if p not in todo:
                continue
            if graph.nodes[p].kind == "stage":
                deps |= after[p]
            else:
                deps.add(p)
        after[node] = frozenset(deps)

    items = []
    for node in ordered:
        data = graph.nodes[node]
        if data.kind == "stage":
            continue
        minutes = remaining_minutes(data.hours, progress.get(node, 0.0))
        if minutes == 0:
            continue
        items.append(
            PlanItem(
                id=node,
                kind=data.kind,
                name=data.name,
                category=data.category,
                minutes=minutes,
                total_hours=data.hours,
                requires=tuple(sorted(data.requires)),
                after=tuple(sorted(after[node])),
                stage=owner.get(node),
                focus=node in focus,
            )
        )
    stages = tuple(
        StageGoal(
            id=s,
            name=graph.nodes[s].name,
            items=frozenset(stage_items[s]),
            previous=tuple(sorted(p for p in pred[s] if graph.nodes[p].kind == "stage")),
            min_months_in_previous_role=graph.nodes[s].min_months_in_previous_role,  # type: ignore[union-attr]
        )
        for s in stage_ids
    )
    return Plan(target=target, items=tuple(items), stages=stages, known=known, needed=needed,
                target_name=graph.nodes[target].name if target in graph.nodes else target)
