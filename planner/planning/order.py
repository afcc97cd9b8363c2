"""The order of a plan: tiers by stage, then a learner's order within each tier.

Order (the documented rule)
---------------------------
The order is a topological order of the plan, built one item at a time. Among the
items whose prerequisites are all placed, the next one is the first by:

1. **tier**: the lowest stage that needs the item (so what a lower stage needs comes
   before work that only a higher stage needs, and every milestone arrives as early
   as capacity allows). An item no planned stage needs (a ``focus`` or recommended
   extra) takes the highest tier of its prerequisites, or the first tier. Stages,
   choices and work done at a job (``at_work``, which takes no study time) are placed
   as soon as they are ready;
2. **the job first**: study that leads to work done at a job in the same tier (an
   entry role, an internship, mentoring, leading a project), the longest first, so
   the months at work start as early as they can and run beside the rest of the study;
3. **what it is best after**: an item whose recommendations (``recommends``: useful
   to know first, not required) of its tier or below are not placed yet waits for them
   where it can, and then comes right after the last of them (MLflow after
   scikit-learn);
4. **learning by doing**: a ready project, or a ready ``focus`` item, comes first, so
   a project comes right after its last prerequisite;
5. **the thread**: what the item just placed unlocks comes next where it can (the
   item that became ready last first), so a tool comes right after the theory it
   applies (PyTorch after deep learning) and a chain is followed to its end before
   going back. A re-made plan picks the thread up where the person left it: of the
   items ready at the start, what the latest items recorded done (``[completed]``)
   unlock comes first;
6. **what unlocks the most**: the item with the most of its tier waiting behind it
   (what depends on it, directly or not), so a beginner starts with the foundation
   everything else needs (Python, not probability);
7. **id**, alphabetically.

For one person who works on one item at a time, the order within a tier leaves the
hours of the tier, and so its milestone, unchanged: only the sequence the learner
lives through changes. This is why the tie-break is a learner's thread, not the
critical path a scheduler of many workers would use.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Collection, Mapping
from typing import Final, NamedTuple

from planner.graph import CareerGraph
from planner.graph.tables import prerequisites_first
from planner.planning.choices import ChoiceResolver

ZERO_WORK: Final = ("stage", "choice")
"""Node kinds that are milestones of the graph, not work: planned, never scheduled."""


class PlanEdges(NamedTuple):
    """The plan's own edges: each planned node's planned prerequisites (a choice waits
    only for its picked members) and the reverse, in id order."""

    pred: Mapping[str, tuple[str, ...]]
    succ: Mapping[str, list[str]]

    @classmethod
    def of(cls, todo: Collection[str], resolver: ChoiceResolver) -> PlanEdges:
        planned, requirements = set(todo), resolver.requirements
        pred: dict[str, tuple[str, ...]] = {}
        for node in todo:
            needs = requirements(node)
            pred[node] = needs if planned.issuperset(needs) else tuple(p for p in needs if p in planned)
        succ: dict[str, list[str]] = {n: [] for n in todo}
        for node in sorted(todo):
            for p in pred[node]:
                succ[p].append(node)
        return cls(pred, succ)


class Tiers(NamedTuple):
    """The planned stages, lowest first, and for every planned node its tier (the index
    of the lowest planned stage that needs it), the stage itself (``owner``; none for
    extras) and each stage's planned work (its whole planned closure); ``order``, the
    planned nodes, each after its planned prerequisites."""

    stages: tuple[str, ...]
    tier: Mapping[str, int]
    owner: Mapping[str, str]
    items: Mapping[str, frozenset[str]]
    order: tuple[str, ...]


def stage_tiers(graph: CareerGraph, edges: PlanEdges, todo: Collection[str]) -> Tiers:
    """The tiers of the planned nodes ``todo`` (see :class:`Tiers`)."""
    kinds, pred = graph.kinds, edges.pred
    stages = graph.rank_stages(n for n in todo if kinds[n] == "stage")
    tier: dict[str, int] = {}
    owner: dict[str, str] = {}
    items: dict[str, frozenset[str]] = {}
    # Walking stages from the lowest and stopping at nodes already tiered is enough:
    # whatever a node needs, the same stage needs too.
    for index, stage in enumerate(stages):
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
            stack.extend(pred[node])
        items[stage] = frozenset(n for n in reached if kinds[n] not in ZERO_WORK)
    # Extras no stage needs take the highest tier of their planned prerequisites.
    order = prerequisites_first(pred, edges.succ)
    for node in order:
        if node not in tier:
            tier[node] = max((tier[p] for p in pred[node]), default=0)
    return Tiers(tuple(stages), tier, owner, items, tuple(order))


def _behind(graph: CareerGraph, edges: PlanEdges, tiers: Tiers) -> tuple[dict[str, int], dict[str, int]]:
    """For every planned node: how many work items of its tier depend on it, directly
    or not, and the most months of at_work work of its tier that waits for it."""
    order, tier, succ, kinds = tiers.order, tiers.tier, edges.succ, graph.kinds
    bit = {node: 0 if kinds[node] in ZERO_WORK else 1 << index for index, node in enumerate(order)}
    below: dict[str, int] = {}
    feeds: dict[str, int] = {}
    reach: dict[str, int] = {}  # the most months of at_work work from a node on: its own or behind it
    for node in reversed(order):
        mask, months, own = 0, 0, tier[node]
        for following in succ[node]:
            if tier[following] == own:
                mask |= bit[following] | below[following]
                months = max(months, reach[following])
        below[node] = mask
        feeds[node] = months
        reach[node] = max(months, graph.months(node))
    return {n: mask.bit_count() for n, mask in below.items()}, feeds


def learner_order(
    graph: CareerGraph,
    edges: PlanEdges,
    tiers: Tiers,
    todo: Collection[str],
    *,
    focus: Collection[str] = (),
    finished: Mapping[str, dt.date] | None = None,
) -> list[str]:
    """The planned nodes ``todo`` in the module's order: prerequisites first, then
    tier, the job first, what it is best after, learning by doing, the thread (picked
    up from the items ``finished`` last), what unlocks the most, id."""
    unlocks, feeds = _behind(graph, edges, tiers)
    tier, kinds = tiers.tier, graph.kinds
    waiting = {n: len(edges.pred[n]) for n in todo}
    # Recommendations of the same tier or below that are planned: useful first (only the
    # items that have any).
    hoped: dict[str, set[str]] = {}
    for n in todo:
        found = graph.recommends(n) if kinds[n] not in ZERO_WORK else ()
        if found:
            wanted = {r for r in found if r in todo and r != n and tier[r] <= tier[n]}
            if wanted:
                hoped[n] = wanted
    hoped_by: dict[str, list[str]] = {}
    for node, wanted in sorted(hoped.items()):
        for r in sorted(wanted):
            hoped_by.setdefault(r, []).append(node)
    ready: list[tuple[int, int, int, int, int, int, int, str]] = []
    is_ready: set[str] = set()
    order: list[str] = []

    def push(node: str, thread: int) -> None:
        kind = kinds[node]
        if kind in ZERO_WORK or graph.at_work(node):
            group, learning = -1, 0
        else:
            group, learning = 0, 0 if kind == "project" or node in focus else 1
        early = 1 if node in hoped else 0
        key = (tier[node], group, -feeds[node], early, learning, -thread, -unlocks[node], node)
        heapq.heappush(ready, key)
        is_ready.add(node)

    # The thread of a re-made plan starts where the person left it: an item ready at the
    # start ranks by the latest item recorded done among its prerequisites (on one day,
    # the one with the most prerequisites of its own, the furthest along).
    done = {n: (day, len(graph.ancestors(n))) for n, day in (finished or {}).items() if n in graph.pred}
    places = {spot: index + 1 for index, spot in enumerate(sorted(set(done.values())))}
    for node in sorted(todo):
        if not waiting[node]:
            push(node, max((places[done[p]] for p in graph.pred[node] if p in done), default=0))
    # The thread grows as items are placed: the item that became ready last has the
    # largest, and comes first.
    start = len(places) + 1
    placed: set[str] = set()
    while ready:
        node = heapq.heappop(ready)[-1]
        if node in placed:  # an entry made stale by a recommendation placed since
            continue
        placed.add(node)
        order.append(node)
        thread = start + len(order)
        for following in edges.succ[node]:
            waiting[following] -= 1
            if not waiting[following]:
                push(following, thread)
        for hoping in hoped_by.get(node, ()):
            wanted = hoped[hoping]
            wanted.discard(node)
            if not wanted:
                del hoped[hoping]
                if hoping in is_ready and hoping not in placed:
                    push(hoping, thread)  # now right after what it was waiting for
    return order
