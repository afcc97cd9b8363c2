"""What a person knows: what the profile lists, with every prerequisite it implies and
every choice it satisfies, and what the roles of its ``[[experience]]`` give.

A role held is known as a node: a stage held, or an at_work node held for its
``months``. An at_work role held for less counts as that fraction of it done, unless
``[progress]`` says otherwise. An entry without ``to`` (still in the role) lasts up to
the profile's ``start``; without a ``start`` it counts in full.
"""

from __future__ import annotations

import datetime as dt

from planner.graph import CareerGraph
from planner.records import Experience, Profile

DAYS_PER_MONTH = 365.25 / 12
"""The average month, to turn days of experience into months."""


def months_between(start: dt.date, end: dt.date) -> float:
    """The months from ``start`` to ``end`` (an average month; 0 when ``end`` is earlier)."""
    return max((end - start).days, 0) / DAYS_PER_MONTH


def months_held(profile: Profile, role: str) -> float | None:
    """The months the profile's ``[[experience]]`` spent in ``role`` (overlapping entries
    counted once), or None when it lists the role still held and the profile has no
    ``start`` to measure up to."""
    days: set[int] = set()
    for entry in profile.experience:
        if entry.role != role:
            continue
        # ``to`` is the last day in the role; one still held counts up to the start.
        end = entry.end + dt.timedelta(days=1) if entry.end else profile.start
        if end is None:
            return None
        days.update(range(entry.start.toordinal(), end.toordinal()))
    return len(days) / DAYS_PER_MONTH


def roles_held(graph: CareerGraph, profile: Profile) -> tuple[list[str], dict[str, float]]:
    """The experience's roles known as nodes (stages, and at_work nodes held for their
    ``months``), and the fraction done of the at_work roles held for less."""
    known: list[str] = []
    partly: dict[str, float] = {}
    for role in sorted({e.role for e in profile.experience}):
        months = graph.months(role)
        held = months_held(profile, role)
        if graph.kind(role) == "stage" or held is None or held >= months - 1e-9:
            known.append(role)
        elif held > 0:
            partly[role] = held / months
    return known, partly


def progress_of(graph: CareerGraph, profile: Profile) -> dict[str, float]:
    """``[progress]``, with the fraction of each at_work role the experience holds
    partly (the profile's own fraction wins)."""
    return roles_held(graph, profile)[1] | dict(profile.progress)


def known_closure(graph: CareerGraph, profile: Profile) -> frozenset[str]:
    """Everything the profile knows: ``known``, ``current_stage``, finished progress,
    the roles its experience holds, all their prerequisites (a choice counts as
    satisfied, its members do not count as known), and every choice with ``pick``
    members known."""
    roots: list[str] = list(profile.known)
    if profile.current_stage:
        roots.append(profile.current_stage)
    roots.extend(i for i, f in profile.progress.items() if f >= 1.0)
    if profile.experience:
        roots.extend(roles_held(graph, profile)[0])
    return satisfied_choices(graph, graph.closure(roots, through_choices=False))


def satisfied_choices(graph: CareerGraph, known: set[str]) -> frozenset[str]:
    """``known`` with every choice that has at least ``pick`` members in it."""
    result = set(known)
    candidates = {s for k in known for s in graph.succ.get(k, ()) if graph.kind(s) == "choice"}
    for choice in candidates:
        if sum(1 for m in graph.members(choice) if m in known) >= graph.pick(choice):
            result.add(choice)
    return frozenset(result)


def experience_in(profile: Profile, roles: dict[str, float]) -> tuple[tuple[Experience, float], ...]:
    """The profile's experience in ``roles`` (role -> the rate a month of it counts), each
    entry with its rate."""
    return tuple((e, roles[e.role]) for e in profile.experience if e.role in roles)
