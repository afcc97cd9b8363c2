"""Properties of choices, recommendations and time in role over random graphs and profiles.

The checks recompute what they need from the raw graph data (closures, remaining work)
and hold the plan's own picks against the documented rule: known members, then the
profile's [choices], then focus, then least remaining work, then id.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from planner.graph import CareerGraph, build_graph
from planner.planning import Plan, make_plan
from planner.profile import check_profile
from planner.scheduling import Availability, Schedule, schedule_plan

REASONS = ("known", "profile", "focus", "least work")


@st.composite
def graphs(draw: st.DrawFn) -> dict[str, Any]:
    """Skills in index order (edges from lower to higher), 1-3 choices over earlier
    skills, later skills that may require a choice, and 1-3 chained stages that
    require skills and choices, some with time in role."""
    count = draw(st.integers(4, 14))
    names = [f"s{i:02d}" for i in range(count)]
    skills: list[dict[str, Any]] = []
    choices: list[dict[str, Any]] = []
    for index, node_id in enumerate(names):
        pool = names[:index] + [c["id"] for c in choices if c["_top"] < index]
        requires = draw(st.lists(st.sampled_from(pool), max_size=2, unique=True)) if pool else []
        recommends = draw(st.lists(st.sampled_from(names[:index]), max_size=1, unique=True)) if index else []
        skills.append(
            {
                "id": node_id,
                "name": node_id.upper(),
                "hours": draw(st.integers(1, 30)),
                "requires": requires,
                "recommends": [r for r in recommends if r not in requires],
            }
        )
        if index >= 2 and len(choices) < 3 and draw(st.booleans()):
            members = draw(st.lists(st.sampled_from(names[: index + 1]), min_size=2, max_size=4, unique=True))
            choices.append(
                {
                    "id": f"c{len(choices)}",
                    "name": f"Choice {len(choices)}",
                    "one_of": members,
                    "pick": draw(st.integers(1, len(members))),
                    "_top": max(names.index(m) for m in members),
                }
            )
    stages = []
    pool = names + [c["id"] for c in choices]
    for index in range(draw(st.integers(1, 3))):
        requires = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=5, unique=True))
        stage: dict[str, Any] = {
            "id": f"stage-{'abc'[index]}",
            "name": f"Stage {index}",
            "requires": requires,
        }
        if index:
            stage["requires"].append(stages[-1]["id"])
            stage["min_months_in_previous_role"] = draw(st.sampled_from([0, 0, 3, 12, 24]))
        stages.append(stage)
    for choice in choices:
        del choice["_top"]
    return {"skills": skills, "choices": choices, "stages": stages}


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    data = draw(graphs())
    skill_ids = [s["id"] for s in data["skills"]]
    stage_ids = [s["id"] for s in data["stages"]]
    start = draw(st.dates(dt.date(2026, 1, 1), dt.date(2029, 12, 31)))
    profile: dict[str, Any] = {
        "target": draw(st.sampled_from(stage_ids)),
        "start": start,
        "hours_per_week": draw(st.integers(4, 30)),
        "availability": {"mon": ["18:00-21:00"], "sat": ["08:00-14:00"]},
        "known": draw(st.lists(st.sampled_from(skill_ids), max_size=3, unique=True)),
        "focus": draw(st.lists(st.sampled_from(skill_ids), max_size=2, unique=True)),
        "recommended": draw(st.booleans()),
    }
    preferences = {}
    for choice in data["choices"]:
        if draw(st.booleans()):
            picked = draw(
                st.lists(
                    st.sampled_from(choice["one_of"]),
                    min_size=choice["pick"],
                    max_size=choice["pick"],
                    unique=True,
                )
            )
            preferences[choice["id"]] = picked[0] if len(picked) == 1 else picked
    if preferences:
        profile["choices"] = preferences
    if draw(st.integers(0, 3)) == 0:
        profile["current_stage"] = draw(st.sampled_from(stage_ids))
        if draw(st.booleans()):
            profile["current_stage_since"] = start - dt.timedelta(days=draw(st.integers(0, 900)))
    progress = draw(st.lists(st.sampled_from(skill_ids), max_size=2, unique=True))
    if progress:
        profile["progress"] = {i: draw(st.sampled_from([0.25, 0.5, 1.0])) for i in progress}
    return data, profile


def plan_of(data: Mapping[str, Any], raw: Mapping[str, Any]) -> tuple[CareerGraph, Plan, Schedule]:
    graph = build_graph([("g.toml", data, {})])
    profile = check_profile(raw, graph, file="p.toml")
    assert profile.start is not None
    plan = make_plan(graph, profile)
    return graph, plan, schedule_plan(plan, Availability.from_profile(profile), start=profile.start)


def _requires(data: Mapping[str, Any]) -> dict[str, list[str]]:
    result = {e["id"]: list(e.get("requires", ())) for e in (*data["skills"], *data["stages"])}
    result.update({c["id"]: list(c["one_of"]) for c in data["choices"]})
    return result


def _closure(
    requires: Mapping[str, Iterable[str]], roots: Iterable[str], stop: Iterable[str] = ()
) -> set[str]:
    """Roots and prerequisites; nodes in ``stop`` are added but not walked through."""
    stop = set(stop)
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            if node not in stop:
                stack.extend(requires[node])
    return seen


def _known(data: Mapping[str, Any], raw: Mapping[str, Any]) -> set[str]:
    requires = _requires(data)
    choices = {c["id"]: c for c in data["choices"]}
    roots = [
        *raw["known"],
        *([raw["current_stage"]] if raw.get("current_stage") else []),
        *(i for i, f in raw.get("progress", {}).items() if f >= 1),
    ]
    known = _closure(requires, roots, stop=choices)
    for choice in choices.values():
        if sum(m in known for m in choice["one_of"]) >= choice["pick"]:
            known.add(choice["id"])
    return known


@given(cases())
def test_every_choice_is_satisfied_by_exactly_pick_members_by_the_spec_order(
    case: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    data, raw = case
    graph, plan, _ = plan_of(data, raw)
    known = _known(data, raw)
    assert plan.known == known
    planned = {item.id for item in plan.items}
    choices = {c["id"]: c for c in data["choices"]}
    requires = _requires(data)
    picks = {pick.id: pick for pick in plan.choices}
    # the plan's own edges: a choice needs its picked members, nothing else
    walk = {n: (list(picks[n].picked) if n in picks else r) for n, r in requires.items()}

    def work(node: str) -> float:
        return sum(
            graph.hours(n) * 60 * (1 - raw.get("progress", {}).get(n, 0.0))
            for n in _closure(walk, [node]) - known
        )

    for pick in plan.choices:
        choice = choices[pick.id]
        members = choice["one_of"]
        known_members = sorted(m for m in members if m in known)
        if pick.id in known:
            assert set(pick.picked) == set(known_members[: choice["pick"]])
            continue
        assert len(pick.picked) == choice["pick"], pick
        assert set(pick.picked) <= set(members)
        for member in pick.picked:
            assert member in known or member in planned, (pick, member)
        # the documented order, step by step
        expected = known_members[: choice["pick"]]
        preferred = raw.get("choices", {}).get(pick.id, [])
        preferred = [preferred] if isinstance(preferred, str) else preferred
        for member in [*preferred, *sorted(m for m in members if m in raw["focus"])]:
            if len(expected) < choice["pick"] and member not in expected:
                expected.append(member)
        assert list(pick.picked[: len(expected)]) == expected, (pick, expected)
        rest = [m for m in members if m not in expected]
        chosen = list(pick.picked[len(expected) :])
        for member in chosen:
            assert pick.reasons[member] == "least work"
        for other in rest:
            if other in chosen:
                continue
            for member in chosen:
                assert (work(member), member) <= (work(other), other), (pick, member, other)


@given(cases())
def test_known_members_are_never_planned_and_unpicked_ones_only_when_needed_otherwise(
    case: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    data, raw = case
    _, plan, _ = plan_of(data, raw)
    known = _known(data, raw)
    planned = {item.id for item in plan.items}
    assert not planned & known
    requires = _requires(data)
    picks = {pick.id: pick.picked for pick in plan.choices}
    walk = {n: (list(picks[n]) if n in picks else r) for n, r in requires.items()}
    required = _closure(walk, [raw["target"], *(f for f in raw["focus"] if f not in known)])
    needed = set(required)
    if raw["recommended"]:
        recommends = {e["id"]: e.get("recommends", []) for e in data["skills"]}
        fresh = {r for n in needed for r in recommends.get(n, ())} - needed
        while fresh:
            needed |= _closure(walk, fresh)
            fresh = {r for n in needed for r in recommends.get(n, ())} - needed
    assert planned <= needed
    assert {i.id for i in plan.items if not i.recommended} <= required
    assert {i.id for i in plan.items if i.recommended} <= needed - required


@given(cases())
def test_time_in_role_never_moves_skills_ready_when_studying_ahead(
    case: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    data, raw = case
    raw = dict(raw, study_ahead=True)
    _, _, schedule = plan_of(data, raw)
    without = copy.deepcopy(data)
    for stage in without["stages"]:
        stage.pop("min_months_in_previous_role", None)
    _, _, plain = plan_of(without, raw)
    assert [(m.stage, m.skills_ready) for m in schedule.milestones] == [
        (m.stage, m.skills_ready) for m in plain.milestones
    ]
    for milestone in schedule.milestones:
        assert milestone.date >= milestone.skills_ready
        assert milestone.waits_for_role == (milestone.date > milestone.skills_ready)
    for milestone in plain.milestones:
        assert milestone.date >= milestone.skills_ready


@given(cases())
def test_time_in_role_only_delays_while_holding_the_stage_below(
    case: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    """By default the study for a stage waits for the stage below, so time in role may
    move the skills of higher stages later, never earlier."""
    data, raw = case
    _, _, schedule = plan_of(data, raw)
    without = copy.deepcopy(data)
    for stage in without["stages"]:
        stage.pop("min_months_in_previous_role", None)
    _, _, plain = plan_of(without, raw)
    before = {m.stage: m for m in plain.milestones}
    for milestone in schedule.milestones:
        assert milestone.skills_ready >= before[milestone.stage].skills_ready
        assert milestone.date >= before[milestone.stage].date
        assert milestone.waits_for_role == (milestone.date > milestone.skills_ready)


@given(cases(), st.randoms(use_true_random=False))
def test_the_plan_is_the_same_whatever_the_order_of_one_of(
    case: tuple[dict[str, Any], dict[str, Any]], rng: Any
) -> None:
    data, raw = case
    shuffled = copy.deepcopy(data)
    for choice in shuffled["choices"]:
        rng.shuffle(choice["one_of"])
    rng.shuffle(shuffled["choices"])
    _, one, _ = plan_of(data, raw)
    _, other, _ = plan_of(shuffled, raw)
    assert one.items == other.items
    assert one.choices == other.choices
