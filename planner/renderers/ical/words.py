"""What a calendar's events say: titles that fit a calendar app, descriptions in names.

- a title (SUMMARY) is at most :data:`MAX_TITLE` characters: the node's ``short_name``
  where the graph gives one, else its name shortened at word boundaries, never inside
  a word (``Study: Deep learning fundamentals (12/33)``);
- a description says why the item is in the plan, as a chain of names from the item
  to its stage, what it unlocks, the choice it was picked for, its resources and the
  hours left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from planner.renderers.phrases import waits_phrase
from planner.renderers.terminal import clip, fit_name
from planner.words import name_head

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.graph.model import Routes
    from planner.scheduling import Milestone, Schedule

MAX_CHAIN: Final = 12
"""The most names a description's chain of unlocks shows; a longer one is cut in the middle."""
MAX_TITLE: Final = 60
"""The most characters of an event's title (SUMMARY): calendar apps show about this many."""


def brief_name(graph: CareerGraph, node_id: str) -> str:
    """A node in running text where space counts: its ``short_name``, else its name's
    head (the part before its details), so a chain of ten names stays readable."""
    return graph.short_name(node_id) or name_head(graph.nodes[node_id].name)


def title(kind: str, name: str, short: str = "", number: str = "") -> str:
    """An event's SUMMARY, at most :data:`MAX_TITLE` characters: ``Study: PyTorch (3/16)``.
    The name is the graph's ``short_name`` where it gives one, else the name, shortened
    at word boundaries when it is too long (never inside a word)."""
    tail = f" ({number})" if number else ""
    room = MAX_TITLE - len(kind) - 2 - len(tail)
    shown = fit_name(short or name, room, short=short) or clip(" ".join(name.split()), room)
    return f"{kind}: {shown}{tail}"


def chain(graph: CareerGraph, routes: Routes, item_id: str) -> str:
    """The chain of unlocks from an item to its stage, in names, its middle cut when it
    is long, so a description stays short however deep the plan."""
    hops = routes.hops(item_id)
    if hops is None:
        return brief_name(graph, item_id)
    if hops < MAX_CHAIN:
        return " → ".join(brief_name(graph, n) for n in routes.path(item_id))
    head = routes.path(item_id, limit=MAX_CHAIN - 2)
    names = [brief_name(graph, n) for n in head]
    return " → ".join([*names, f"… ({hops - len(head)} more)", brief_name(graph, routes.target)])


def describe(graph: CareerGraph, schedule: Schedule, item_id: str, routes: dict[str, Routes]) -> list[str]:
    """The lines of a session's description that do not change between sessions.

    ``routes`` holds the routes to each stage, found once for all its items."""
    node = graph.nodes[item_id]
    item = schedule.plan.item(item_id)
    unlocks = list(graph.succ[item_id])
    lines = []
    if node.description:
        lines.append(node.description)
    goal = item.stage or schedule.plan.target
    if goal not in routes:
        routes[goal] = graph.routes_to(goal, within=schedule.plan.needed)
    if item.recommended:
        lines.append("Why: something in your plan recommends it (recommended = true).")
    elif item.stage:
        lines.append(f"Why: {graph.nodes[goal].name} needs it ({chain(graph, routes[goal], item_id)}).")
    else:
        lines.append("Why: it is one of your focus items (or a focus item needs it).")
    for choice in item.picked_for:
        pick = schedule.plan.choice(choice)
        if pick is not None:
            others = f" instead of {', '.join(pick.alternatives)}" if pick.alternatives else ""
            lines.append(f"Picked for {pick.name}{others}: {pick.reasons[item_id]}.")
    if unlocks:
        lines.append(
            "Unlocks: "
            + ", ".join(graph.nodes[u].name for u in unlocks[:12])
            + (f" and {len(unlocks) - 12} more" if len(unlocks) > 12 else "")
        )
    resources = node.resources if node.kind in ("skill", "project") else ()
    if resources:
        lines.append("Resources:")
        lines.extend(f"- {r.title}: {r.url}" for r in resources)
    return lines


def milestone_description(milestone: Milestone) -> str:
    """What a milestone event says: when the skills are ready, and what it waits for
    (time in role, the job search)."""
    text = f"You reach {milestone.name} ({milestone.stage}): every requirement of the stage is done."
    if milestone.waits:
        text = (
            f"You reach {milestone.name} ({milestone.stage}) {waits_phrase(milestone)}; its skills "
            f"are ready on {milestone.skills_ready}."
        )
    return text
