"""The view every format draws: bands, membership, statuses, filters and focus."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

from planner.errors import UnknownIdError
from planner.graph import CareerGraph
from planner.renderers.pictures.summary import summarise
from planner.renderers.pictures.view import UNSTAGED, GraphView


def test_bands_form_a_ladder_and_hold_each_node_once(ladder: CareerGraph) -> None:
    view = GraphView.from_graph(ladder)
    assert [b.id for b in view.bands] == ["junior-ml-engineer", "ml-engineer", UNSTAGED]
    assert [b.title for b in view.bands] == [
        "1. Junior ML Engineer",
        "2. ML Engineer",
        "Not required by any stage",
    ]
    placed = [n for band in view.bands for n in view.band_members(band.id)]
    assert sorted(placed) == sorted(ladder.nodes)
    assert len(placed) == len(set(placed))
    assert view.band_members("junior-ml-engineer") == [
        "eda-report",
        "git",
        "junior-ml-engineer",
        "numpy",
        "pandas",
        "python",
    ]
    assert view.band_members("ml-engineer") == ["docker", "ml-engineer", "model-api", "sql"]
    assert view.band_members(UNSTAGED) == ["hobby"]


def test_edges_are_sorted_and_inside_the_view(ladder: CareerGraph) -> None:
    view = GraphView.from_graph(ladder, stage="junior-ml-engineer")
    assert set(view.nodes) == ladder.closure(["junior-ml-engineer"])
    assert view.edges == sorted(view.edges)
    assert all(a in view.nodes and b in view.nodes for a, b in view.edges)
    assert [b.id for b in view.bands] == ["junior-ml-engineer"]


def test_statuses_with_a_profile(ladder: CareerGraph, schedule_for: Callable[..., Any]) -> None:
    view = GraphView.from_graph(ladder, schedule=schedule_for(ladder))
    assert view.status is not None
    assert view.status["python"] == "known"  # implied by knowing numpy
    assert view.status["numpy"] == "known"
    assert view.status["pandas"] == "planned"
    assert view.status["ml-engineer"] == "planned"
    assert view.status["hobby"] == "not-needed"
    assert GraphView.from_graph(ladder).status is None


def test_focus_highlights_the_node_and_its_ancestors(ladder: CareerGraph) -> None:
    view = GraphView.from_graph(ladder, focus="eda-report")
    assert view.highlight == {"eda-report", *nx.ancestors(ladder.digraph, "eda-report")}
    # A focus outside a narrowed view brings its chain along.
    narrowed = GraphView.from_graph(ladder, stage="junior-ml-engineer", focus="hobby")
    assert {"hobby", "python"} <= set(narrowed.nodes)


def test_plan_restriction_keeps_what_the_target_needs(
    ladder: CareerGraph, schedule_for: Callable[..., Any]
) -> None:
    view = GraphView.from_graph(ladder, schedule=schedule_for(ladder)).restricted_to_plan()
    assert "hobby" not in view.nodes
    assert set(view.nodes) == ladder.closure(["ml-engineer"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"stage": "pandas"}, "'pandas' is a skill, but a stage id is needed"),
        ({"focus": "pandsa"}, "unknown node id 'pandsa' (did you mean 'pandas'?)"),
    ],
)
def test_unknown_ids(ladder: CareerGraph, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(UnknownIdError) as err:
        GraphView.from_graph(ladder, **kwargs)
    assert str(err.value).startswith(message)


def test_edges_the_bands_imply(ladder: CareerGraph) -> None:
    view = GraphView.from_graph(ladder)
    assert view.implied("eda-report", "junior-ml-engineer")  # a band's work into its stage
    assert view.implied("git", "docker")  # rung 1 work, needed on rung 2, which requires rung 1
    assert not view.implied("numpy", "pandas")  # inside a band
    assert not view.implied("python", "hobby")  # into the unstaged band
    assert not view.implied("junior-ml-engineer", "ml-engineer")  # the ladder
    assert view.edge_kind("junior-ml-engineer", "ml-engineer") == "ladder"
    assert view.edge_kind("numpy", "pandas") == "requires"


def test_summaries_count_each_band(ladder: CareerGraph) -> None:
    junior, ml, rest = summarise(GraphView.from_graph(ladder, focus="sql"))
    assert junior.work == {"skill": 4, "project": 1} and junior.hours == 30
    assert junior.counts_text() == "4 skills · 1 project · 30 h"
    assert ml.work == {"skill": 2, "project": 1} and ml.hours == 13
    assert rest.work == {"skill": 1} and rest.status is None
    assert [s.highlight for s in (junior, ml, rest)] == [False, True, False]


def test_summaries_with_a_profile(ladder: CareerGraph, schedule_for: Callable[..., Any]) -> None:
    schedule = schedule_for(ladder)
    junior, ml, rest = summarise(GraphView.from_graph(ladder, schedule=schedule))
    # numpy and git are known, with python implied; pandas and eda-report are left.
    assert (junior.done_hours, junior.left_hours) == (16, 14)
    assert junior.status == "planned"
    assert junior.reached == schedule.milestone("junior-ml-engineer").date
    assert (ml.done_hours, ml.left_hours) == (0, 13)
    assert (rest.done_hours, rest.left_hours) == (0, 0)
    assert junior.progress_text() == f"done 16 h · left 14 h · reached {junior.reached}"


def test_cards_count_the_picks_and_say_how_many_alternatives_exist() -> None:
    """The regression: the Junior card counted every member of every choice (two
    1,600-hour entry roles among them), 5,426 h, where ``stages`` and ``status`` said
    1,656 h. A card counts the members picked, and names the alternatives."""
    from planner import load_graph
    from planner.reports.stages import stage_hours

    graph = load_graph()
    cards = summarise(GraphView.from_graph(graph))
    rows = {row.stage: row for row in stage_hours(graph)}
    junior = cards[0]
    assert junior.band.id == "junior-ml-engineer"
    assert junior.hours == rows["junior-ml-engineer"].total_hours
    assert sum(junior.work.values()) == rows["junior-ml-engineer"].work
    assert junior.choices and junior.alternatives > 0
    assert junior.alternatives_text() == (
        f"{junior.choices} choices: the quickest picks counted, {junior.alternatives} alternatives not"
    )
    # Up the ladder, the cards add up to what each stage needs from scratch.
    assert cards[0].hours + cards[1].hours == rows["ml-engineer"].total_hours


def test_cards_count_a_profile_picks_as_status_does(make_profile: Callable[..., Any]) -> None:
    from planner import load_graph
    from planner.planning import ChoiceResolver, make_plan
    from planner.reports.stages import stage_hours
    from planner.scheduling import Availability, schedule_plan

    graph = load_graph()
    profile = make_profile(
        graph, target="ml-engineer", known=["python"], choices={"dl-framework": "tensorflow"}
    )
    schedule = schedule_plan(
        make_plan(graph, profile), Availability.from_profile(profile), start=profile.start
    )
    picks = ChoiceResolver.for_profile(graph, profile)
    cards = summarise(GraphView.from_graph(graph, schedule=schedule, picks=picks))
    rows = {row.stage: row for row in stage_hours(graph, resolver=picks)}
    junior, ml = cards[0], cards[1]
    assert junior.done_hours + junior.left_hours == rows["junior-ml-engineer"].total_hours
    assert junior.left_hours == rows["junior-ml-engineer"].missing_hours
    assert ml.hours + junior.hours == rows["ml-engineer"].total_hours
    assert "your picks counted" in ml.alternatives_text()


def test_work_no_stage_needs_is_not_a_rung(ladder: CareerGraph) -> None:
    rungs = [card.rung for card in summarise(GraphView.from_graph(ladder))]
    assert rungs == [True, True, False]
