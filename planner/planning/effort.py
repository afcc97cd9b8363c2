"""Effort left on an item, in the half-hour steps the scheduler works in."""

from __future__ import annotations

from planner.limits import MIN_SESSION_MINUTES


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
