"""The one per-stage hours table behind `stages`, `gaps` and `status`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.graph import CareerGraph
from planner.planning import ChoiceResolver
from planner.records import Profile
from planner.renderers.gaps import render_readiness
from planner.renderers.terminal import Terminal
from planner.reports.stages import stage_hours


def test_from_scratch(tiny_graph: CareerGraph) -> None:
    junior, ml = stage_hours(tiny_graph)
    assert (junior.stage, junior.work, junior.total_hours, junior.missing_hours) == (
        "junior-ml-engineer",
        5,
        30.0,
        30.0,
    )
    assert (ml.stage, ml.work, ml.total_hours) == ("ml-engineer", 8, 46.0)
    assert junior.percent == 0.0 and junior.fraction == 0.0


def test_known_and_progress(tiny_graph: CareerGraph, make_profile: Callable[..., Profile]) -> None:
    profile = make_profile(tiny_graph, known=["numpy"], progress={"pandas": 0.5})
    (junior,) = stage_hours(
        tiny_graph, resolver=ChoiceResolver.for_profile(tiny_graph, profile), stages=["junior-ml-engineer"]
    )
    assert junior.known == ("numpy", "python")
    assert junior.missing == ("eda-report", "git", "pandas")
    assert junior.done_hours == 14 + 3  # python 10 + numpy 4 known, half of pandas' 6
    assert junior.missing_hours == 8 + 2 + 3
    assert junior.percent == round(100 * (1 - 13 / 30), 1)


def test_readiness_text(tiny_graph: CareerGraph) -> None:
    """The regression: a new learner saw identical empty bars, one per stage, and the
    same 0 and 0.0% on every row. With nothing known, one line says so, and the bars are
    each stage's hours, to one scale."""
    assert render_readiness(stage_hours(tiny_graph)).splitlines() == [
        "Nothing is known yet: every stage is 0% ready. Each bar is the hours a stage needs, to one scale.",
        "stage                                   missing h missing",
        "Junior ML Engineer [junior-ml-engineer]       5      30.0 ░░░░░░░░░░░░░",
        "ML Engineer [ml-engineer]                     8      46.0 ░░░░░░░░░░░░░░░░░░░░",
    ]


def test_readiness_bars_show_hours_known_and_missing_to_scale(
    tiny_graph: CareerGraph, make_profile: Callable[..., Any]
) -> None:
    profile = make_profile(tiny_graph, target="ml-engineer", known=["numpy"])
    rows = stage_hours(tiny_graph, resolver=ChoiceResolver.for_profile(tiny_graph, profile))
    assert render_readiness(rows, terminal=Terminal(width=80, no_color=True)).splitlines() == [
        "stage                                   known missing h missing ready",
        # python and numpy known (14 h): the same filled part, on bars of 30 and 46 h.
        "Junior ML Engineer [junior-ml-engineer]     2       3      16.0 46.7% ###....",
        "ML Engineer [ml-engineer]                   2       6      32.0 30.4% ###.......",
    ]


def test_readiness_fits_the_terminal_the_bar_going_before_the_names(tiny_graph: CareerGraph) -> None:
    rows = stage_hours(tiny_graph)
    assert render_readiness(rows, terminal=Terminal(width=80, no_color=True)).splitlines()[-2:] == [
        "Junior ML Engineer [junior-ml-engineer]       5      30.0 .............",
        "ML Engineer [ml-engineer]                     8      46.0 ....................",
    ]
    assert render_readiness(rows, terminal=Terminal(width=64)).splitlines()[-2:] == [
        "Junior ML Engineer [junior-ml-engineer]       5      30.0",  # the bar went first
        "ML Engineer [ml-engineer]                     8      46.0",
    ]
    assert render_readiness(rows, terminal=Terminal(width=52)).splitlines()[-2:] == [
        "Junior ML… [junior-ml-engineer]       5      30.0",  # then the name, in whole words
        "ML Engineer [ml-engineer]             8      46.0",
    ]
