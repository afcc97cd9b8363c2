"""What a person knows: what the profile lists, with every prerequisite it implies and
every choice it satisfies."""

from __future__ import annotations

from planner.graph import CareerGraph
from planner.records import Profile


def known_closure(graph: CareerGraph, profile: Profile) -> frozenset[str]:
    """Everything the profile knows: ``known``, ``current_stage``, finished progress,
    all their prerequisites (a choice counts as satisfied, its members do not count
    as known), and every choice with ``pick`` members known."""
    roots: list[str] = list(profile.known)
    if profile.current_stage:
        roots.append(profile.current_stage)
    roots.extend(i for i, f in profile.progress.items() if f >= 1.0)
    return satisfied_choices(graph, graph.closure(roots, through_choices=False))


def satisfied_choices(graph: CareerGraph, known: set[str]) -> frozenset[str]:
    """``known`` with every choice that has at least ``pick`` members in it."""
    result = set(known)
    candidates = {s for k in known for s in graph.succ.get(k, ()) if graph.kind(s) == "choice"}
    for choice in candidates:
        if sum(1 for m in graph.members(choice) if m in known) >= graph.pick(choice):
            result.add(choice)
    return frozenset(result)
