"""Fixtures of the visualizer tests (helpers live in :mod:`.support`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from planner.graph import CareerGraph
from planner.planning import make_plan
from planner.renderers.pictures.view import GraphView
from planner.scheduling import Availability, Schedule, schedule_plan

from .support import LADDER, graph_from, hostile_data, ladder_data


@pytest.fixture
def ladder() -> CareerGraph:
    return graph_from(LADDER)


@pytest.fixture
def ladder_shuffled(shuffle: Callable[[Mapping[str, Any], int], dict[str, Any]]) -> CareerGraph:
    return graph_from(shuffle(ladder_data(), 7))


@pytest.fixture
def hostile() -> CareerGraph:
    return graph_from(hostile_data())


@pytest.fixture
def schedule_for(make_profile: Callable[..., Any]) -> Callable[[CareerGraph], Schedule]:
    """``schedule_for(graph)``: a fixed profile's schedule towards ``ml-engineer``."""

    def make(graph: CareerGraph) -> Schedule:
        profile = make_profile(graph, target="ml-engineer", known=["numpy", "git"])
        plan = make_plan(graph, profile)
        return schedule_plan(plan, Availability.from_profile(profile), start=profile.start)

    return make


@pytest.fixture
def view_of() -> Callable[..., GraphView]:
    return GraphView.from_graph
