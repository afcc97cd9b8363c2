"""What goes into a plan, and in which order (the rule in planner.planning's docstring)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from planner.graph import CareerGraph, shipped_graph
from planner.planning import Plan, make_plan, remaining_minutes
from planner.records import Profile

Build = Callable[..., CareerGraph]
MakeProfile = Callable[..., Profile]


def ids(plan: Plan) -> list[str]:
    return [item.id for item in plan.items]


def stage(stage_id: str, *requires: str, level: int | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": stage_id, "name": stage_id.title(), "requires": list(requires)}
    if level is not None:
        entry["level"] = level
    return entry


# --- what is planned ------------------------------------------------------------------


def test_plan_is_the_closure_of_the_target_minus_what_is_known(
    tiny_graph: CareerGraph, make_profile: MakeProfile
) -> None:
    plan = make_plan(tiny_graph, make_profile(tiny_graph, known=["git"]))
    assert set(ids(plan)) == {"python", "numpy", "pandas", "eda-report"}
    assert plan.target == "junior-ml-engineer"
    assert [g.id for g in plan.stages] == ["junior-ml-engineer"]
    assert plan.minutes == (10 + 4 + 6 + 8) * 60


def test_knowing_a_node_implies_its_prerequisites(tiny_graph: CareerGraph, make_profile: MakeProfile) -> None:
    plan = make_plan(tiny_graph, make_profile(tiny_graph, known=["pandas"]))
    assert set(ids(plan)) == {"git", "eda-report"}
    assert {"python", "numpy", "pandas"} <= plan.known


def test_current_stage_implies_everything_it_requires(
    tiny_graph: CareerGraph, make_profile: MakeProfile
) -> None:
    profile = make_profile(tiny_graph, target="ml-engineer", current_stage="junior-ml-engineer")
    plan = make_plan(tiny_graph, profile)
    assert set(ids(plan)) == {"scikit-learn", "docker", "model-api"}
    assert tiny_graph.closure(["junior-ml-engineer"]) <= plan.known
    assert [g.id for g in plan.stages] == ["ml-engineer"]
    assert plan.stages[0].previous == ("junior-ml-engineer",)


def test_a_known_target_leaves_nothing_to_do(tiny_graph: CareerGraph, make_profile: MakeProfile) -> None:
    plan = make_plan(tiny_graph, make_profile(tiny_graph, current_stage="junior-ml-engineer"))
    assert plan.items == ()
    assert plan.stages == ()
    assert plan.minutes == 0


def test_progress_reduces_the_remaining_minutes(tiny_graph: CareerGraph, make_profile: MakeProfile) -> None:
    plan = make_plan(tiny_graph, make_profile(tiny_graph, progress={"pandas": 0.5, "python": 0.1}))
    assert plan.item("pandas").minutes == 180
    assert plan.item("pandas").hours == 3.0
    assert plan.item("pandas").total_hours == 6.0
    assert plan.item("python").minutes == 540
    assert plan.item("numpy").minutes == 240


def test_progress_of_one_means_known_with_its_prerequisites(
    tiny_graph: CareerGraph, make_profile: MakeProfile
) -> None:
    plan = make_plan(tiny_graph, make_profile(tiny_graph, progress={"pandas": 1.0}))
    assert set(ids(plan)) == {"git", "eda-report"}
    assert {"pandas", "numpy", "python"} <= plan.known


@pytest.mark.parametrize(
    ("hours", "progress", "minutes"),
    [
        (10, 0.0, 600),
        (1, 0.25, 60),  # 45 min: halves round up
        (1, 0.3, 30),  # 42 min -> nearest half hour
        (1, 0.5, 30),
        (1.2, 0.0, 60),  # 72 min -> 60
        (1.25, 0.0, 90),  # 75 min -> 90
        (0.75, 0.0, 60),
        (0.5, 0.0, 30),
        (1, 0.6, 24),  # under 30 min: kept to the minute
        (0.49, 0.0, 29),
        (0.2, 0.0, 12),
        (10, 0.999, 1),  # at least one minute
        (1, 1.0, 0),
        (3, 1.0, 0),
    ],
)
def test_remaining_minutes_rounding_rule(hours: float, progress: float, minutes: int) -> None:
    assert remaining_minutes(hours, progress) == minutes


def test_focus_items_are_included_and_marked(tiny_graph: CareerGraph, make_profile: MakeProfile) -> None:
    plan = make_plan(tiny_graph, make_profile(tiny_graph, focus=["docker"]))
    assert "docker" in ids(plan)
    docker = plan.item("docker")
    assert docker.focus is True
    assert docker.stage is None
    assert "docker" in plan.needed


def test_focus_comes_as_early_as_its_prerequisites_allow(
    tiny_graph: CareerGraph, make_profile: MakeProfile
) -> None:
    order = ids(make_plan(tiny_graph, make_profile(tiny_graph, focus=["docker"])))
    assert order.index("docker") == order.index("git") + 1


def test_a_known_focus_id_adds_nothing(tiny_graph: CareerGraph, make_profile: MakeProfile) -> None:
    with_focus = make_plan(tiny_graph, make_profile(tiny_graph, focus=["git"], known=["git"]))
    without = make_plan(tiny_graph, make_profile(tiny_graph, known=["git"]))
    assert ids(with_focus) == ids(without)


def test_target_override(tiny_graph: CareerGraph, make_profile: MakeProfile) -> None:
    plan = make_plan(tiny_graph, make_profile(tiny_graph), target="ml-engineer")
    assert plan.target == "ml-engineer"
    assert {"model-api", "docker", "scikit-learn"} <= set(ids(plan))
    assert [g.id for g in plan.stages] == ["junior-ml-engineer", "ml-engineer"]


# --- order ----------------------------------------------------------------------------


def assert_prerequisites_first(graph: CareerGraph, plan: Plan) -> None:
    position = {item.id: i for i, item in enumerate(plan.items)}
    for item in plan.items:
        for ancestor in graph.ancestors(item.id):
            if ancestor in position:
                assert position[ancestor] < position[item.id], (ancestor, item.id)
        assert set(item.after) == {a for a in graph.ancestors(item.id) if a in position} & set(item.after)
        for before in item.after:
            assert position[before] < position[item.id]


def test_order_respects_prerequisites(tiny_graph: CareerGraph, make_profile: MakeProfile) -> None:
    plan = make_plan(tiny_graph, make_profile(tiny_graph, target="ml-engineer"))
    assert_prerequisites_first(tiny_graph, plan)
    assert plan.item("pandas").after == ("numpy",)
    assert plan.item("model-api").after == ("docker", "scikit-learn")
    assert plan.item("python").after == ()


def test_after_looks_through_a_planned_stage(
    build: Build, skill: Callable[..., dict[str, Any]], make_profile: MakeProfile
) -> None:
    graph = build(
        (
            "g.toml",
            {
                "skills": [skill("a", 1), skill("b", 1, "junior-ml-engineer")],
                "stages": [stage("junior-ml-engineer", "a"), stage("ml-engineer", "b")],
            },
        )
    )
    plan = make_plan(graph, make_profile(graph, target="ml-engineer"))
    assert ids(plan) == ["a", "b"]
    assert plan.item("b").after == ("a",)


def test_what_a_lower_stage_needs_comes_first(
    build: Build, skill: Callable[..., dict[str, Any]], make_profile: MakeProfile
) -> None:
    # "aaa-*" would win every tie-break below the tier; the tier must still put the
    # lower stage's work first, even work that needs a long chain.
    graph = build(
        (
            "g.toml",
            {
                "skills": [
                    skill("aaa-high-only", 1),
                    skill("aaa-high-deep", 1, "aaa-high-only"),
                    skill("zz-base", 1),
                    skill("zz-low", 1, "zz-base"),
                ],
                "projects": [skill("aaa-high-project", 1, "aaa-high-deep", kind="project")],
                "stages": [
                    stage("junior-ml-engineer", "zz-low"),
                    stage("ml-engineer", "junior-ml-engineer", "aaa-high-project"),
                ],
            },
        )
    )
    plan = make_plan(graph, make_profile(graph, target="ml-engineer"))
    assert ids(plan) == ["zz-base", "zz-low", "aaa-high-only", "aaa-high-deep", "aaa-high-project"]
    assert [plan.item(i).stage for i in ids(plan)] == ["junior-ml-engineer"] * 2 + ["ml-engineer"] * 3


def test_tier_applies_to_a_forked_ladder(
    build: Build, skill: Callable[..., dict[str, Any]], make_profile: MakeProfile
) -> None:
    graph = build(
        (
            "g.toml",
            {
                "skills": [skill("base", 1), skill("manage", 1), skill("design", 1), skill("lead", 1)],
                "stages": [
                    stage("junior-ml-engineer", "base"),
                    stage("manager", "junior-ml-engineer", "manage", level=2),
                    stage("architect", "junior-ml-engineer", "design", level=3),
                    stage("head", "manager", "architect", "lead", level=4),
                ],
            },
        )
    )
    plan = make_plan(graph, make_profile(graph, target="head"))
    assert ids(plan) == ["base", "manage", "design", "lead"]
    assert [g.id for g in plan.stages] == ["junior-ml-engineer", "manager", "architect", "head"]


def test_a_project_comes_right_after_the_last_skill_it_needs(
    build: Build, skill: Callable[..., dict[str, Any]], make_profile: MakeProfile
) -> None:
    graph = build(
        (
            "g.toml",
            {
                "skills": [
                    skill("alpha", 1),
                    skill("beta", 1),
                    skill("gamma", 1),
                    skill("zeta", 1),
                    skill("delta", 1, "gamma"),
                ],
                "projects": [
                    skill("build-it", 3, "alpha", "beta", kind="project"),
                    skill("ship-it", 3, "delta", kind="project"),
                ],
                "stages": [stage("junior-ml-engineer", "build-it", "ship-it", "zeta")],
            },
        )
    )
    order = ids(make_plan(graph, make_profile(graph)))
    assert order.index("build-it") == order.index("beta") + 1
    assert order.index("ship-it") == order.index("delta") + 1
    assert order[-1] == "zeta"


def test_a_beginner_starts_with_what_unlocks_the_most_of_the_tier(
    build: Build, skill: Callable[..., dict[str, Any]], make_profile: MakeProfile
) -> None:
    # "maths" wins on id and leads to the longest chain of hours, but "python" unlocks
    # three items of the tier: a learner starts there.
    graph = build(
        (
            "g.toml",
            {
                "skills": [
                    skill("maths", 1),
                    skill("theory", 40, "maths"),
                    skill("python", 1),
                    skill("numpy", 2, "python"),
                    skill("pandas", 2, "python"),
                    skill("plots", 2, "python"),
                ],
                "stages": [stage("junior-ml-engineer", "theory", "numpy", "pandas", "plots")],
            },
        )
    )
    assert ids(make_plan(graph, make_profile(graph)))[0] == "python"


def test_the_thread_goes_on_with_what_the_last_item_unlocks(
    build: Build, skill: Callable[..., dict[str, Any]], make_profile: MakeProfile
) -> None:
    # After "deep-learning", what it unlocks ("z-pytorch") comes next, before "e-other",
    # which was ready before and wins on id.
    graph = build(
        (
            "g.toml",
            {
                "skills": [
                    skill("deep-learning", 1),
                    skill("z-pytorch", 1, "deep-learning"),
                    skill("a-stats", 1),
                    skill("c-root", 1),
                    skill("c-next", 1, "c-root"),
                    skill("e-other", 1),
                ],
                "stages": [stage("junior-ml-engineer", "z-pytorch", "a-stats", "c-next", "e-other")],
            },
        )
    )
    order = ids(make_plan(graph, make_profile(graph)))
    assert order.index("z-pytorch") == order.index("deep-learning") + 1
    assert order.index("c-next") == order.index("c-root") + 1


def test_an_item_comes_after_what_it_recommends_where_it_can(
    build: Build, skill: Callable[..., dict[str, Any]], make_profile: MakeProfile
) -> None:
    # "mlflow" wins on id, but recommends "sklearn": it comes right after it.
    graph = build(
        (
            "g.toml",
            {
                "skills": [
                    skill("base", 1),
                    {**skill("mlflow", 1, "base"), "recommends": ["sklearn"]},
                    skill("sklearn", 1, "base"),
                    skill("zz-other", 1, "base"),
                ],
                "stages": [stage("junior-ml-engineer", "mlflow", "sklearn", "zz-other")],
            },
        )
    )
    order = ids(make_plan(graph, make_profile(graph)))
    assert order.index("mlflow") == order.index("sklearn") + 1


def test_a_framework_comes_right_after_the_theory_it_applies(make_profile: MakeProfile) -> None:
    """Regression (issue 23): PyTorch started 141 days after deep learning ended, and a
    beginner started with probability before Python."""
    graph = shipped_graph()
    order = ids(make_plan(graph, make_profile(graph, target="head-of-ml")))
    assert order.index("pytorch") == order.index("deep-learning") + 1
    assert order[0] == "python"


def test_study_for_work_at_a_job_comes_first_in_its_tier(
    build: Build, skill: Callable[..., dict[str, Any]], make_profile: MakeProfile
) -> None:
    # The internship takes three months beside study: the study it needs comes first,
    # so the months at work start as early as they can.
    graph = build(
        (
            "g.toml",
            {
                "skills": [skill("a-first", 20), skill("z-needed", 2)],
                "projects": [
                    {
                        "id": "internship",
                        "name": "Internship",
                        "at_work": True,
                        "months": 3,
                        "requires": ["z-needed"],
                    }
                ],
                "stages": [stage("junior-ml-engineer", "a-first", "internship")],
            },
        )
    )
    plan = make_plan(graph, make_profile(graph))
    assert ids(plan) == ["z-needed", "internship", "a-first"]
    internship = plan.item("internship")
    assert (internship.at_work, internship.months, internship.minutes) == (True, 3, 0)


def test_ties_are_broken_by_id(
    build: Build, skill: Callable[..., dict[str, Any]], make_profile: MakeProfile
) -> None:
    graph = build(
        (
            "g.toml",
            {
                "skills": [skill(n, 1) for n in ("c", "a", "d", "b")],
                "stages": [stage("junior-ml-engineer", "d", "b", "c", "a")],
            },
        )
    )
    assert ids(make_plan(graph, make_profile(graph))) == ["a", "b", "c", "d"]


def _split(data: Mapping[str, Any], parts: int) -> list[tuple[str, dict[str, Any]]]:
    """Spread the entries of ``data`` over ``parts`` files, round-robin."""
    files: list[dict[str, Any]] = [{} for _ in range(parts)]
    count = 0
    for section, entries in data.items():
        for entry in entries:
            files[count % parts].setdefault(section, []).append(entry)
            count += 1
    return [(f"part-{i}.toml", f) for i, f in enumerate(files)]


def test_a_re_made_plan_picks_up_the_thread_where_the_person_left_it(
    build: Build, skill: Callable[..., dict[str, Any]], make_profile: MakeProfile
) -> None:
    """Regression: after `done python pandas`, the re-made plan started on what python
    unlocks most ("ml") while what pandas unlocks ("cleaning", overdue) waited."""
    graph = build(
        (
            "g.toml",
            {
                "skills": [
                    skill("python", 1),
                    skill("pandas", 1, "python"),
                    skill("cleaning", 1, "pandas"),
                    skill("ml", 1, "python"),
                    skill("ml-2", 1, "ml"),
                    skill("ml-3", 1, "ml"),
                    skill("other", 1),
                ],
                "stages": [stage("junior-ml-engineer", "cleaning", "ml-2", "ml-3", "other")],
            },
        )
    )
    fresh = ids(make_plan(graph, make_profile(graph, known=["python", "pandas"])))
    assert fresh[0] == "ml"  # nothing recorded: what unlocks the most first
    day = dt.date(2027, 5, 30)
    resumed = make_profile(graph, known=["python", "pandas"], completed={"python": day, "pandas": day})
    assert ids(make_plan(graph, resumed))[0] == "cleaning"  # pandas came after python: its thread


@pytest.mark.parametrize("seed", range(8))
def test_order_does_not_depend_on_input_order(
    tiny_data: dict[str, Any],
    shuffle: Callable[[Mapping[str, Any], int], dict[str, Any]],
    build: Build,
    make_profile: MakeProfile,
    seed: int,
) -> None:
    reference_graph = build(("tiny.toml", tiny_data))
    other_graph = build(*_split(shuffle(tiny_data, seed), 1 + seed % 3))
    for kwargs in (
        {},
        {"target": "ml-engineer"},
        {"known": ["git"], "focus": ["docker"]},
        {"target": "ml-engineer", "progress": {"numpy": 0.5}},
    ):
        a = make_plan(reference_graph, make_profile(reference_graph, **kwargs))
        b = make_plan(other_graph, make_profile(other_graph, **kwargs))
        assert a.items == b.items
        assert a.stages == b.stages
    assert [s.id for s in reference_graph.stages] == [s.id for s in other_graph.stages]
