"""The per-stage hours table: what each stage needs, what is known, what is left.

``planner stages``, ``planner gaps`` and ``planner status`` all show hours per stage;
they read them from :func:`stage_hours`, so the three can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from planner.graph import CareerGraph
from planner.planning import remaining_minutes


@dataclass(frozen=True)
class StageHours:
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
        }


def stage_hours(
    graph: CareerGraph,
    *,
    known: Iterable[str] = (),
    progress: Mapping[str, float] | None = None,
    stages: Iterable[str] | None = None,
) -> list[StageHours]:
    """The hours table for ``stages`` (default: every stage), lowest rung first.

    Parameters
    ----------
    known:
        Ids known, with their implied prerequisites (see
        :func:`planner.planning.known_closure`).
    progress:
        Fractions done of skills and projects not known.
    """
    have = frozenset(known)
    progress = progress or {}
    wanted = None if stages is None else set(stages)
    rows = []
    for stage in graph.stages:
        if wanted is not None and stage.id not in wanted:
            continue
        work = sorted(n for n in graph.closure([stage.id]) if graph.kind(n) != "stage")
        known_ids = tuple(n for n in work if n in have)
        missing = tuple(n for n in work if n not in have)
        total = sum(graph.hours(n) for n in work)
        left = sum(remaining_minutes(graph.hours(n), progress.get(n, 0.0)) / 60 for n in missing)
        done = sum(graph.hours(n) for n in known_ids) + sum(
            graph.hours(n) * progress.get(n, 0.0) for n in missing
        )
        rows.append(StageHours(stage.id, stage.name, known_ids, missing, total, min(left, total), done))
    return rows


def render_readiness(rows: list[StageHours]) -> str:
    """A table of readiness per stage with a progress bar."""
    lines = [f"{'stage':<26} {'known':>5} {'missing':>7} {'hours missing':>13} {'ready':>6}"]
    for row in rows:
        bar_width = 20
        filled = round(row.percent / 100 * bar_width)
        bar = "#" * filled + "." * (bar_width - filled)
        lines.append(
            f"{row.stage:<26} {len(row.known):>5} {len(row.missing):>7} "
            f"{row.missing_hours:>13.1f} {row.percent:>5.1f}%  [{bar}]"
        )
    return "\n".join(lines) + "\n"
