"""Validation of choices, recommendations and aliases: every error, exact and located."""

from __future__ import annotations

from typing import Any

import pytest

from planner.errors import GraphError
from planner.graph import build_graph


def skill(node_id: str, *requires: str, **more: Any) -> dict[str, Any]:
    return {"id": node_id, "name": node_id.upper(), "hours": 1, "requires": list(requires), **more}


def problems(data: dict[str, Any], lines: dict[str, int] | None = None) -> list[str]:
    with pytest.raises(GraphError) as info:
        build_graph([("g.toml", data, lines or {})])
    return [str(p) for p in info.value.problems]


def graph_with(
    *choices: dict[str, Any],
    skills: list[dict[str, Any]] | None = None,
    stage_requires: tuple[str, ...] = ("pytorch",),
) -> dict[str, Any]:
    return {
        "skills": skills or [skill("python"), skill("pytorch", "python"), skill("tensorflow", "python")],
        "choices": list(choices),
        "stages": [{"id": "s", "name": "S", "requires": list(stage_requires)}],
    }


def test_a_valid_choice_is_a_node_its_members_point_to() -> None:
    graph = build_graph(
        [
            (
                "g.toml",
                graph_with(
                    {"id": "dl", "name": "DL", "one_of": ["tensorflow", "pytorch"]}, stage_requires=("dl",)
                ),
                {},
            )
        ]
    )
    assert graph.kind("dl") == "choice"
    assert graph.members("dl") == ("pytorch", "tensorflow")
    assert graph.pick("dl") == 1
    assert set(graph.succ["pytorch"]) == {"dl"}


def test_unknown_member_with_did_you_mean() -> None:
    assert problems(
        graph_with({"id": "dl", "name": "DL", "one_of": ["pytorch", "tensorflw"]}), {"dl": 7}
    ) == [
        "g.toml:7: choice 'dl' lists 'tensorflw' in one_of, which no file defines "
        "(did you mean 'tensorflow'?)"
    ]


@pytest.mark.parametrize("pick", [0, 3, -1])
def test_pick_outside_one_to_members(pick: int) -> None:
    assert problems(
        graph_with({"id": "dl", "name": "DL", "one_of": ["pytorch", "tensorflow"], "pick": pick}), {"dl": 3}
    ) == [f"g.toml:3: choice 'dl' has pick = {pick}; pick must be from 1 to the number of members (2)"]


def test_a_member_listed_twice() -> None:
    assert problems(
        graph_with({"id": "dl", "name": "DL", "one_of": ["pytorch", "tensorflow", "pytorch"]}), {"dl": 2}
    ) == ["g.toml:2: choice 'dl' lists 'pytorch' more than once in one_of"]


def test_a_choice_that_contains_a_choice_or_mixes_stages_with_work() -> None:
    data = graph_with(
        {"id": "dl", "name": "DL", "one_of": ["pytorch", "s"]},
        {"id": "meta", "name": "Meta", "one_of": ["dl", "python"]},
    )
    assert problems(data, {"dl": 2, "meta": 9}) == [
        "g.toml:2: choice 'dl' mixes stages (s) with skills or projects; the members of a choice "
        "are all stages (the rung below a stage) or none",
        "g.toml:9: choice 'meta' lists the choice 'dl'; the members of a choice are skills, "
        "projects or stages",
    ]


def ladder(*head_requires: str) -> dict[str, Any]:
    """Senior forks into manager and architect; head takes either (``entry``)."""
    return {
        "skills": [skill("python"), skill("manage"), skill("design"), skill("lead")],
        "choices": [{"id": "entry", "name": "Entry", "one_of": ["manager", "architect"]}],
        "stages": [
            {"id": "senior", "name": "Senior", "requires": ["python"]},
            {"id": "manager", "name": "Manager", "requires": ["senior", "manage"]},
            {"id": "architect", "name": "Architect", "requires": ["senior", "design"]},
            {"id": "head", "name": "Head", "requires": list(head_requires)},
        ],
    }


def test_stages_may_be_the_members_of_a_choice() -> None:
    graph = build_graph([("g.toml", ladder("entry", "lead"), {})])
    assert graph.members("entry") == ("architect", "manager")
    assert graph.rank_stages(["head", "manager", "senior", "architect"]) == [
        "senior",
        "architect",
        "manager",
        "head",
    ]


def test_a_cycle_through_a_choice_of_stages_is_caught() -> None:
    data = ladder("entry", "lead")
    data["stages"][0]["requires"].append("head")  # senior now needs head, which needs senior
    assert problems(data, {"architect": 2}) == [
        "g.toml:2: prerequisite cycle: architect → entry → head → senior → architect (architect in "
        "g.toml, entry in g.toml, head in g.toml, senior in g.toml)"
    ]


def test_an_unknown_stage_member_is_caught() -> None:
    data = ladder("entry", "lead")
    data["choices"][0]["one_of"] = ["manager", "architekt"]
    assert problems(data, {"entry": 4, "head": 9}) == [
        "g.toml:4: choice 'entry' lists 'architekt' in one_of, which no file defines "
        "(did you mean 'architect'?)",
        "g.toml:9: stage 'head' is unreachable: its prerequisite 'entry' requires 'architekt', which "
        "no file defines",
    ]


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ({"pytorch": ["Python"]}, "alias 'Python' of 'pytorch' clashes with the id 'python'"),
        ({"pytorch": ["PYTORCH"]}, "alias 'PYTORCH' of 'pytorch' is its own id"),
        (
            {"pytorch": ["tf"], "tensorflow": ["TF"]},
            "alias 'TF' of 'tensorflow' clashes with the alias 'tf' of 'pytorch'",
        ),
        ({"pytorch": ["torch", "Torch"]}, "alias 'Torch' of 'pytorch' is listed twice"),
    ],
)
def test_an_alias_that_clashes_case_insensitively(aliases: dict[str, list[str]], message: str) -> None:
    skills = [
        skill("python"),
        skill("pytorch", "python", aliases=aliases.get("pytorch", [])),
        skill("tensorflow", "python", aliases=aliases.get("tensorflow", [])),
    ]
    found = problems(graph_with(skills=skills), {"pytorch": 4, "tensorflow": 5})
    assert len(found) == 1
    assert found[0].endswith(f": {message} (ids and aliases share one namespace, case-insensitively)")


def test_recommendations_unknown_not_work_or_also_required() -> None:
    skills = [
        skill("python", recommends=["jupyterr"]),
        skill("pytorch", "python", recommends=["python"]),
        skill("tensorflow", "python", recommends=["s"]),
    ]
    assert problems(graph_with(skills=skills), {"python": 1, "pytorch": 2, "tensorflow": 3}) == [
        "g.toml:1: skill 'python' recommends 'jupyterr', which no file defines",
        "g.toml:2: skill 'pytorch' both requires and recommends 'python'; keep it in one of the two lists",
        "g.toml:3: skill 'tensorflow' recommends 's', a stage; only skills and projects can be recommended",
    ]


def test_a_cycle_through_a_choice_is_reported_as_a_chain() -> None:
    skills = [skill("python"), skill("pytorch", "python", "dl"), skill("tensorflow", "python")]
    found = problems(
        graph_with(
            {"id": "dl", "name": "DL", "one_of": ["pytorch", "tensorflow"]},
            skills=skills,
            stage_requires=("dl",),
        )
    )
    assert found[0] == ("g.toml: prerequisite cycle: dl → pytorch → dl (dl in g.toml, pytorch in g.toml)")
    assert found[1].startswith("g.toml: stage 's' is unreachable: its prerequisite 'dl' is in the cycle")


def test_a_choice_with_an_unknown_key() -> None:
    assert problems(graph_with({"id": "dl", "name": "DL", "one_of": ["pytorch"], "pik": 1}), {"dl": 5}) == [
        "g.toml:5: choice 'dl': unknown key 'pik' (did you mean 'pick'?); valid keys: kind, id, name, "
        "short_name, one_of, pick, aliases, recommends, category, description"
    ]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ({"tensorflow": "vcs"}, "the name 'vcs' of 'tensorflow' is the alias 'VCS' of 'pytorch'"),
        ({"tensorflow": "  PyTorch "}, "the name '  PyTorch ' of 'tensorflow' is the id of 'pytorch'"),
    ],
)
def test_a_name_that_is_another_node_s_id_or_alias(names: dict[str, str | None], message: str) -> None:
    """Regression: skill `vcs-tools` named "vcs" and skill `vc` with the alias `VCS`:
    `planner done vcs`, the name the roadmap shows, silently recorded `vc`."""
    skills = [
        skill("python"),
        skill("pytorch", "python", aliases=["VCS"]),
        {**skill("tensorflow", "python"), "name": names["tensorflow"]},
    ]
    assert problems(graph_with(skills=skills), {"tensorflow": 5}) == [
        f"g.toml:5: {message}, so `planner done {names['tensorflow']}` could mean either; rename one "
        "(names, ids and aliases are matched case-insensitively)"
    ]


def test_a_name_may_be_its_own_id_or_alias() -> None:
    skills = [skill("python", aliases=["py"]), {**skill("pytorch", "python"), "name": "PYTORCH"}]
    skills[0]["name"] = "Py"
    assert build_graph([("g.toml", graph_with(skills=skills), {})]).nodes["python"].name == "Py"
