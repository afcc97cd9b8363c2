"""Fixtures the scheduler's tests share."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from planner.scheduling import wallclock


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the local times turned into UTC instants (two per window instance made)."""
    calls = [0]
    real = wallclock.wall_instant

    def counting(day: dt.date, at: wallclock.WallTime, zone: ZoneInfo) -> dt.datetime:
        calls[0] += 1
        return real(day, at, zone)

    monkeypatch.setattr(wallclock, "wall_instant", counting)
    return calls
