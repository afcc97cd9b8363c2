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
    real = wallclock.local_to_utc

    def counting(naive: dt.datetime, zone: ZoneInfo) -> dt.datetime:
        calls[0] += 1
        return real(naive, zone)

    monkeypatch.setattr(wallclock, "local_to_utc", counting)
    return calls
