"""Fixtures of the exporter tests (helpers live in :mod:`.support`)."""

from __future__ import annotations

import pytest

from planner.scheduling import Schedule

from .support import ROADMAP_GRAPH, schedule_of


@pytest.fixture(scope="session")
def roadmap_schedule() -> Schedule:
    return schedule_of(ROADMAP_GRAPH)[1]
