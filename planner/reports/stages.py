"""The per-stage hours table: what each stage needs, what is known, what is left.

``planner stages``, ``planner gaps`` and ``planner status`` all show hours per stage;
they read them from :func:`stage_hours`, so the three can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from planner.graph import CareerGraph
from planner.planning import ChoicePick, ChoiceResolver, remaining_minutes
from planner.planning.order import ZERO_WORK


class StageHours(NamedTuple):
    """One stage's requirements (its whole prerequisite closure) in hours."""

    stage: str
    name: str
    known: tuple[str, ...]
    """Required skills and projects already known, by id."""
    missing: tuple[str, ...]
    """Required skills and projects still to do, by id."""
    total_hours: float
    """Effort of every requirement from scratch."""
    missing_hours: float
    """Effort left, as the planner counts it (progress applied, half-hour steps)."""
    done_hours: float
    """Effort done: known requirements in full, the others by their progress."""
    choices: tuple[ChoicePick, ...] = ()
    """The choices the stage needs, and the members counted for them."""
    recommended: tuple[str, ...] = ()
    """What the requirements recommend that the stage does not require, by id."""

    @property
    def work(self) -> int:
        """How many skills and projects the stage needs in all."""
        return len(self.known) + len(self.missing)

    @property
    def fraction(self) -> float:
        """Share of the effort done, 0..1."""
        return 1.0 if self.total_hours == 0 else min(1.0, self.done_hours / self.total_hours)

    @property
    def percent(self) -> float:
        """Readiness in percent, one decimal, from the hours left."""
        if self.total_hours == 0:
            return 100.0
        return round(100.0 * (1 - self.missing_hours / self.total_hours), 1)

    def as_dict(self) -> dict[str, Any]:
        """The readiness shape of ``planner gaps --format json``."""
        return {
            "stage": self.stage,
            "name": self.name,
            "known": list(self.known),
            "missing": list(self.missing),
            "total_hours": round(self.total_hours, 2),
            "missing_hours": round(self.missing_hours, 2),
            "percent": self.percent,
            "choices": [c.as_dict() for c in self.choices],
            "recommended": list(self.recommended),
        }


def stage_hours(
    graph: CareerGraph,
    *,
    resolver: ChoiceResolver | None = None,
    stages: Iterable[str] | None = None,
) -> list[StageHours]:
    """The hours table for ``stages`` (default: every stage), lowest rung first.

    Parameters
    ----------
    resolver:
        A person's knowledge, progress and picks for choices
        (:meth:`ChoiceResolver.for_profile`); by default nothing is known and each
        choice counts its members with the least work.
    """
    resolver = resolver or ChoiceResolver(graph)
    have, progress = resolver.known, resolver.progress
    wanted = None if stages is None else set(stages)
    rows = []
    for stage in graph.stages:
        if wanted is not None and stage.id not in wanted:
            continue
        needs = resolver.closure([stage.id])
        work = sorted(n for n in needs if graph.kind(n) not in ZERO_WORK)
        known_ids = tuple(n for n in work if n in have)
        missing = tuple(n for n in work if n not in have)
        total = sum(graph.hours(n) for n in work)
        left = sum(remaining_minutes(graph.hours(n), progress.get(n, 0.0)) / 60 for n in missing)
        done = sum(graph.hours(n) for n in known_ids) + sum(
            graph.hours(n) * progress.get(n, 0.0) for n in missing
        )
        choices = tuple(resolver.picks(n) for n in sorted(needs) if graph.kind(n) == "choice")
        recommended = tuple(sorted({r for n in needs for r in graph.recommends(n)} - needs))
        rows.append(
            StageHours(
                stage.id, stage.name, known_ids, missing, total, min(left, total), done, choices, recommended
            )
        )
    return rows
