"""planner explain: what a node needs and unlocks, and why it is (not) in a plan."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from planner.graph import CareerGraph, shipped_graph
from planner.planning import make_plan
from planner.records import Profile
from planner.renderers.explain import render_explanation
from planner.renderers.terminal import Terminal
from planner.reports.explain import explain_node
from planner.scheduling import Availability, Schedule, schedule_plan


def schedule_of(graph: CareerGraph, profile: Profile) -> Schedule:
    assert profile.start is not None
    return schedule_plan(make_plan(graph, profile), Availability.from_profile(profile), start=profile.start)


def test_without_a_profile(tiny_graph: CareerGraph) -> None:
    exp = explain_node(tiny_graph, "pandas")
    assert exp.requires == ("numpy",)
    assert exp.prerequisites == 2
    assert exp.unlocks == ("eda-report", "scikit-learn")
    assert exp.stages == ("junior-ml-engineer", "ml-engineer")
    assert exp.status is None


def test_text_without_a_profile(tiny_graph: CareerGraph) -> None:
    assert render_explanation(explain_node(tiny_graph, "numpy")) == (
        "Numpy [numpy] — skill\n"
        "  category: core · 4 h from scratch\n"
        "  About numpy.\n"
        "  needs: Python\n"
        "  prerequisites in all: 1\n"
        "  unlocks: Pandas\n"
        "  stages that need it: junior-ml-engineer, ml-engineer\n"
        "  resources:\n"
        "    - numpy guide (docs): https://example.org/numpy\n"
    )


@pytest.mark.parametrize(
    "case",
    [
        ("python", ["python"], "known", "it is listed in known"),
        ("numpy", ["pandas"], "known", "it is a prerequisite of pandas, which you know"),
        ("pandas", [], "planned", "the target junior-ml-engineer needs it"),
        ("docker", [], "not needed", "the target junior-ml-engineer does not need it"),
        (
            "ml-engineer",
            [],
            "not needed",
            "the target junior-ml-engineer does not need it (it lies beyond or beside the target)",
        ),
    ],
)
def test_why_it_is_or_is_not_in_the_plan(
    tiny_graph: CareerGraph,
    make_profile: Callable[..., Profile],
    case: tuple[str, list[str], str, str],
) -> None:
    node, known, status, reason = case
    profile = make_profile(tiny_graph, known=known or None)
    exp = explain_node(tiny_graph, node, profile=profile, schedule=schedule_of(tiny_graph, profile))
    assert (exp.status, exp.reason) == (status, reason)


def test_the_chain_to_the_goal_and_the_sessions(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    profile = make_profile(tiny_graph)
    schedule = schedule_of(tiny_graph, profile)
    exp = explain_node(tiny_graph, "pandas", profile=profile, schedule=schedule)
    assert exp.chain == ("pandas", "eda-report", "junior-ml-engineer")
    assert exp.sessions == sum(1 for s in schedule.sessions if s.item == "pandas")
    assert exp.remaining_hours == 6
    text = render_explanation(exp)
    assert "  chain to the goal: pandas → eda-report → junior-ml-engineer\n" in text
    assert "  scheduled: " in text


def test_current_stage_explains_what_it_implies(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    profile = make_profile(tiny_graph, target="ml-engineer", current_stage="junior-ml-engineer")
    exp = explain_node(tiny_graph, "pandas", profile=profile, schedule=schedule_of(tiny_graph, profile))
    assert (exp.status, exp.reason) == ("known", "current_stage junior-ml-engineer requires it")


def test_a_title_too_wide_for_the_terminal_gives_the_short_name_then_the_name_whole() -> None:
    explanation = explain_node(shipped_graph(), "people-management")
    assert render_explanation(explanation, terminal=Terminal(width=80)).splitlines()[:2] == [
        "People management [people-management] — skill",
        "  People management (1:1s, feedback, performance reviews)",
    ]
    assert render_explanation(explanation).splitlines()[0] == (
        "People management (1:1s, feedback, performance reviews) [people-management] — skill"
    )


def test_reviews_on_one_day_are_counted_not_repeated(tiny_graph: CareerGraph) -> None:
    """Regression: two reviews placed on the same day (they wait for free time) were
    listed as the same date twice."""
    import datetime as dt

    day, later = dt.date(2030, 12, 7), dt.date(2030, 12, 11)
    exp = explain_node(tiny_graph, "numpy")._replace(status="planned", reviews=(day, day, later))
    assert "  reviews: 2030-12-07 (×2), 2030-12-11\n" in render_explanation(exp)
