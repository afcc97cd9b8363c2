"""The bands of the ladder: which stage band each node of a view lies in, and its status.

A band holds a stage and the work the stage needs before any lower stage does. Work
is placed in two passes: first what each stage needs under the picks of its choices
(what the band's card counts), then the alternatives (members not picked, and what
only they need) in the lowest band whose stage could use them. What no stage needs
goes in a last band, outside the ladder.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, NamedTuple

from planner.planning import ChoiceResolver
from planner.renderers.pictures.style import drawable

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.planning import Plan
    from planner.records import Node

UNSTAGED: Final = "_unstaged"
"""Band id of the nodes no stage needs (never a graph id: those are kebab-case)."""
UNSTAGED_TITLE: Final = "Not required by any stage"


class Band(NamedTuple):
    """A horizontal band of the ladder: one stage and the work it needs first."""

    id: str
    title: str


def statuses(graph: CareerGraph, plan: Plan) -> dict[str, str]:
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


def picks_of(graph: CareerGraph, plan: Plan | None) -> ChoiceResolver:
    """The picks a plan made (and, for choices outside it, the quickest members given
    what the person knows); without a plan, the quickest members."""
    if plan is None:
        return ChoiceResolver(graph)
    return ChoiceResolver(graph, known=plan.known, preferences={c.id: c.picked for c in plan.choices})


def place(
    graph: CareerGraph, nodes: Mapping[str, Node], picks: ChoiceResolver
) -> tuple[list[Band], dict[str, list[str]], dict[str, frozenset[str]]]:
    """The bands of the ladder, what each holds, and what each counts.

    A band holds its stage and the shown work the stage needs before any lower stage
    does: first what it needs under the picks of its choices (what its card counts),
    then, once every stage has its own, the alternatives (members not picked and what
    only they need), each in the lowest band whose stage could use it. What no stage
    needs goes in a last band, outside the ladder.
    """
    rungs = [rung for rung in graph.stages if rung.id in nodes]
    members: dict[str, set[str]] = {rung.id: set() for rung in rungs}
    counted: dict[str, frozenset[str]] = {}
    placed: set[str] = set()
    for rung in rungs:
        inside = {n for n in picks.closure([rung.id]) if n in nodes} - placed
        placed |= inside
        members[rung.id] |= inside
        counted[rung.id] = frozenset(n for n in inside if nodes[n].kind in ("skill", "project"))
    for rung in rungs:
        inside = {n for n in graph.closure([rung.id]) if n in nodes} - placed
        placed |= inside
        members[rung.id] |= inside
    bands = [Band(rung.id, f"{number}. {drawable(rung.name)}") for number, rung in enumerate(rungs, start=1)]
    result = {band.id: sorted(members[band.id]) for band in bands}
    rest = sorted(n for n in nodes if n not in placed)
    if rest:
        bands.append(Band(UNSTAGED, UNSTAGED_TITLE))
        result[UNSTAGED] = rest
        counted[UNSTAGED] = frozenset(n for n in rest if nodes[n].kind in ("skill", "project"))
    return bands, result, counted
