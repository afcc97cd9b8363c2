"""What a person knows, and which members satisfy each "one of these" choice.

Knowing a node implies knowing its prerequisites, but knowing something that requires
a choice says only that the choice is satisfied, not which member is known. A choice
is also satisfied when ``pick`` of its members are known.

A choice the plan needs is satisfied by ``pick`` members, picked in this order (docs/graph-format.md):

1. members the person already knows (reason ``known``);
2. the profile's ``[choices]`` (reason ``profile``);
3. members in the profile's ``focus`` (reason ``focus``);
4. the members with the least remaining work, their own missing prerequisites
   included (reason ``least work``); a month at work (an ``at_work`` node, such as a
   year in an entry role) counts as :data:`WORK_MONTH_HOURS` hours, a working month,
   so a job is never "less work" than a weekend project;

ties by id. The picks depend only on the profile, never on the order of the data.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from planner.graph import CareerGraph
from planner.planning.effort import remaining_minutes
from planner.profile.knowledge import known_closure, progress_of
from planner.records import Profile

REASONS: Final = ("known", "profile", "focus", "least work")
"""Why a member was picked, strongest first."""
WORK_MONTH_HOURS: Final = 160
"""The hours a month at work weighs when picking the member with the least work."""


class ChoicePick(NamedTuple):
    """How one choice is satisfied for one person."""

    id: str
    name: str
    members: tuple[str, ...]
    pick: int
    picked: tuple[str, ...]
    """The members that satisfy it, in the order they were picked."""
    reasons: Mapping[str, str] = MappingProxyType({})
    """Why each picked member was picked (one of :data:`REASONS`)."""

    @property
    def reason(self) -> str:
        """The reason of the pick that completed the choice: ``known`` when knowledge
        alone satisfies it."""
        if not self.picked:
            return "known"
        return self.reasons[self.picked[-1]]

    @property
    def alternatives(self) -> tuple[str, ...]:
        """The members not picked."""
        return tuple(m for m in self.members if m not in self.picked)

    @property
    def by_knowledge(self) -> bool:
        """Whether what the person knows satisfies the choice without naming a member."""
        return not self.picked

    def summary(self, instead: str = "instead of") -> str:
        """ "pytorch (least work); instead of tensorflow", or "satisfied by what you know"."""
        if self.by_knowledge:
            return "satisfied by what you know"
        shown = ", ".join(f"{m} ({self.reasons[m]})" for m in self.picked)
        return shown + (f"; {instead} {', '.join(self.alternatives)}" if self.alternatives else "")

    def as_dict(self) -> dict[str, Any]:
        """The shape of the roadmap JSON's ``choices`` entries."""
        return {
            "id": self.id,
            "name": self.name,
            "pick": self.pick,
            "picked": list(self.picked),
            "reason": self.reason,
            "reasons": {m: self.reasons[m] for m in self.picked},
        }


class ChoiceResolver:
    """Picks members for choices and walks prerequisites through the picks.

    Parameters
    ----------
    graph:
        The career graph.
    known:
        What the person knows (see :func:`known_closure`).
    progress:
        Fractions done, which shorten remaining work.
    preferences:
        The profile's ``[choices]``: choice id -> member ids, already checked.
    focus:
        The profile's ``focus`` ids.
    """

    def __init__(
        self,
        graph: CareerGraph,
        *,
        known: Collection[str] = frozenset(),
        progress: Mapping[str, float] | None = None,
        preferences: Mapping[str, tuple[str, ...]] | None = None,
        focus: Collection[str] = (),
    ) -> None:
        self.graph = graph
        self.known = frozenset(known)
        self.progress = progress or {}
        self.preferences = preferences or {}
        self.focus = frozenset(focus)
        self._picks: dict[str, ChoicePick] = {}
        self._work: dict[str, int] = {}

    @classmethod
    def for_profile(cls, graph: CareerGraph, profile: Profile) -> ChoiceResolver:
        """The resolver of ``profile``'s knowledge, progress, choices and focus."""
        return cls(
            graph,
            known=known_closure(graph, profile),
            progress=progress_of(graph, profile),
            preferences=profile.choices,
            focus=profile.focus,
        )

    def picks(self, choice_id: str) -> ChoicePick:
        """How ``choice_id`` is satisfied (memoised: one answer per choice)."""
        found = self._picks.get(choice_id)
        if found is not None:
            return found
        graph = self.graph
        members = graph.members(choice_id)
        pick = graph.pick(choice_id)
        reasons: dict[str, str] = {}

        def take(candidates: Iterable[str], reason: str) -> None:
            for member in candidates:
                if len(reasons) >= pick:
                    return
                if member in members and member not in reasons:
                    reasons[member] = reason

        take((m for m in members if m in self.known), "known")
        if choice_id not in self.known:
            take(self.preferences.get(choice_id, ()), "profile")
            take((m for m in members if m in self.focus), "focus")
            take(sorted(members, key=lambda m: (self.work(m), m)), "least work")
        found = ChoicePick(
            choice_id, str(graph.attr(choice_id, "name", choice_id)), members, pick, tuple(reasons), reasons
        )
        self._picks[choice_id] = found
        return found

    def work(self, node_id: str) -> int:
        """Minutes left to know ``node_id``: its own and its missing prerequisites', a
        month at work weighing :data:`WORK_MONTH_HOURS` hours."""
        if node_id not in self._work:
            graph = self.graph
            self._work[node_id] = sum(
                remaining_minutes(graph.hours(n), self.progress.get(n, 0.0))
                + round(graph.months(n) * (1 - self.progress.get(n, 0.0)) * WORK_MONTH_HOURS * 60)
                for n in self.closure([node_id]) - self.known
            )
        return self._work[node_id]

    def requirements(self, node_id: str) -> tuple[str, ...]:
        """What ``node_id`` needs under the picks: a choice needs its picked members
        (for a choice knowledge satisfies, the known ones, maybe none), anything else
        its prerequisites."""
        graph = self.graph
        if graph.kind(node_id) != "choice":
            return graph.pred[node_id]
        return self.picks(node_id).picked

    def closure(self, ids: Iterable[str]) -> set[str]:
        """The ids with everything they need, through the picked members of choices."""
        seen: set[str] = set()
        stack = [i for i in ids if i in self.graph.nodes]
        requirements = self.requirements
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(requirements(node))
        return seen
