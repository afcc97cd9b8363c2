"""How the roadmaps name a period: "While Junior ML Engineer", "2030-01-14 → 2031-01-14"."""

from __future__ import annotations

from planner.reports.roadmap import Period


def period_title(period: Period) -> str:
    """``While ML Engineer`` (the stage held), ``Before Junior ML Engineer`` (none held
    yet), or ``After the last milestone`` for work that outlasts every milestone."""
    if period.held is not None:
        return f"While {period.held_name}"
    if period.milestone is not None:
        return f"Before {period.milestone.name}"
    return "After the last milestone"


def period_span(period: Period) -> str:
    """``2030-01-14 → 2031-01-14``, or ``from 2030-01-14`` for the last period."""
    return f"{period.start} → {period.end}" if period.end is not None else f"from {period.start}"
