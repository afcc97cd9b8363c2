"""Properties of careers at work, over random ladders and profiles.

Random graphs chain one to three stages; each stage's own work may hold work done at a
job (``at_work``, some of it "while holding" the stage below), and stages may ask for
time in role, a job search, and count experience in a role. Random profiles know a
little, may hold the first stage, may study ahead, and may list experience.

:func:`check_career` checks a roadmap's JSON against the raw inputs only: it recomputes
closures, spans, milestones and the experience that counts itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.graph import CareerGraph, build_graph
from planner.planning import make_plan
from planner.profile import check_profile
from planner.renderers.roadmap.json import roadmap_data
from planner.scheduling import Availability, schedule_plan
from tests.scheduling.test_properties import independent_capacity_bound

DAYS_PER_MONTH = 365.25 / 12
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# --- strategies ---------------------------------------------------------------------------


@st.composite
def career_data(draw: st.DrawFn, *, at_work: bool = True) -> dict[str, Any]:
    """One to three chained stages, each with one to four work nodes of its own that may
    require earlier nodes; a quarter of the nodes past the first are done at a job, and
    those of a higher stage may require the stage below ("while holding it")."""
    stages: list[dict[str, Any]] = []
    skills: list[dict[str, Any]] = []
    projects: list[dict[str, Any]] = []
    earlier: list[str] = []
    roles: list[str] = []
    for k in range(draw(st.integers(1, 3))):
        own = []
        for i in range(draw(st.integers(1, 4))):
            node_id = f"w{k}{i}"
            requires = draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True)) if earlier else []
            entry: dict[str, Any] = {"id": node_id, "name": node_id.upper(), "requires": requires}
            if at_work and earlier and draw(st.integers(0, 3)) == 0:
                entry |= {"at_work": True, "months": draw(st.integers(1, 8))}
                if k and draw(st.booleans()):
                    entry["requires"] = [*requires, f"s{k - 1}"]
                roles.append(node_id)
            else:
                entry["hours"] = draw(st.integers(1, 12))
            (projects if draw(st.booleans()) else skills).append(entry)
            own.append(node_id)
        stage: dict[str, Any] = {
            "id": f"s{k}",
            "name": f"Stage {k}",
            "requires": [
                *draw(st.lists(st.sampled_from(own), min_size=1, unique=True)),
                *([f"s{k - 1}"] if k else []),
            ],
        }
        if k:
            stage["min_months_in_previous_role"] = draw(st.integers(0, 18))
        if draw(st.integers(0, 2)) == 0:
            stage["job_search_months"] = draw(st.integers(1, 3))
        counted = [r for r in roles if r not in stage["requires"]]
        if k and counted and draw(st.booleans()):
            stage["experience_counts"] = {
                draw(st.sampled_from(counted)): draw(st.sampled_from([0.25, 0.5, 1.0]))
            }
        stages.append(stage)
        earlier += own
    return {"skills": skills, "projects": projects, "stages": stages}


@st.composite
def career_profiles(draw: st.DrawFn, data: Mapping[str, Any]) -> dict[str, Any]:
    work = [e["id"] for e in (*data["skills"], *data["projects"])]
    roles = [e["id"] for e in (*data["skills"], *data["projects"]) if e.get("at_work")]
    stage_ids = [s["id"] for s in data["stages"]]
    start = draw(st.dates(dt.date(2026, 1, 1), dt.date(2030, 12, 31)))
    days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=4, unique=True))
    profile: dict[str, Any] = {
        "target": stage_ids[-1],
        "start": start,
        "timezone": draw(st.sampled_from(["UTC", "Europe/Berlin"])),
        "hours_per_week": draw(st.integers(2, 12)),
        "known": draw(st.lists(st.sampled_from(work), max_size=2, unique=True)),
        "availability": {day: ["19:00-21:00"] for day in days},
        "study_ahead": draw(st.booleans()),
    }
    if len(stage_ids) > 1 and draw(st.integers(0, 3)) == 0:
        profile["current_stage"] = stage_ids[0]
        profile["current_stage_since"] = start - dt.timedelta(days=draw(st.integers(0, 400)))
    experience = []
    for _ in range(draw(st.integers(0, 2))):
        role = draw(st.sampled_from(roles + stage_ids[:1] if roles else stage_ids[:1]))
        begin = start - dt.timedelta(days=draw(st.integers(1, 1500)))
        entry: dict[str, Any] = {"role": role, "from": begin}
        if draw(st.integers(0, 3)):
            entry["to"] = min(begin + dt.timedelta(days=draw(st.integers(0, 900))), start)
        experience.append(entry)
    if experience:
        profile["experience"] = experience
    return profile


@st.composite
def career_cases(draw: st.DrawFn, *, at_work: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    data = draw(career_data(at_work=at_work))
    return data, draw(career_profiles(data))


def roadmap_of(data: Mapping[str, Any], raw: Mapping[str, Any]) -> dict[str, Any]:
    graph = build_graph([("career.toml", data, {})])
    profile = check_profile(raw, graph, file="p.toml")
    assert profile.start is not None
    schedule = schedule_plan(
        make_plan(graph, profile), Availability.from_profile(profile), start=profile.start
    )
    return roadmap_data(schedule)


# --- the independent checker -------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _closure(requires: Mapping[str, Iterable[str]], roots: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(requires[node])
    return seen


def _months_held(raw: Mapping[str, Any], role: str) -> float:
    days: set[int] = set()
    for e in raw.get("experience", ()):
        if e["role"] == role:
            end = e["to"] + dt.timedelta(days=1) if "to" in e else raw["start"]
            days.update(range(e["from"].toordinal(), end.toordinal()))
    return len(days) / DAYS_PER_MONTH


def _credit(raw: Mapping[str, Any], rates: Mapping[str, float], until: dt.date) -> int:
    """The whole months of experience in ``rates``' roles before ``until``, day by day."""
    total = 0.0
    entries = [e for e in raw.get("experience", ()) if e["role"] in rates]
    if not entries:
        return 0
    first = min(e["from"] for e in entries)
    day = first
    while day < until:
        held = [rates[e["role"]] for e in entries if e["from"] <= day and ("to" not in e or day <= e["to"])]
        total += max(held, default=0.0)
        day += dt.timedelta(days=1)
    return math.floor(total / DAYS_PER_MONTH + 0.5)


def check_career(roadmap: Mapping[str, Any], data: Mapping[str, Any], raw: Mapping[str, Any]) -> None:
    """The career rules, recomputed from the raw graph and profile."""
    nodes = {e["id"]: e for section in ("skills", "projects", "stages") for e in data[section]}
    requires = {n: list(e.get("requires", ())) for n, e in nodes.items()}
    kinds = {n: ("stage" if n.startswith("s") else "work") for n in nodes}
    start: dt.date = raw["start"]
    ahead = raw.get("study_ahead", False)
    # what is known: listed, held, finished roles
    roots = [*raw.get("known", ()), *([raw["current_stage"]] if raw.get("current_stage") else [])]
    for e in raw.get("experience", ()):
        role = e["role"]
        if kinds[role] == "stage" or _months_held(raw, role) >= nodes[role]["months"] - 1e-9:
            roots.append(role)
    known = _closure(requires, roots)
    planned = _closure(requires, [raw["target"]]) - known
    items = {i["id"]: i for i in roadmap["items"]}
    assert set(items) == {n for n in planned if kinds[n] == "work"}
    milestones = {m["stage"]: m for m in roadmap["milestones"]}
    assert set(milestones) == {n for n in planned if kinds[n] == "stage"}
    sessions_of = {s["item"] for s in roadmap["sessions"]}

    def end_of(n: str) -> dt.date:
        return dt.date.fromisoformat(items[n]["end"])

    def date_of(stage: str) -> dt.date:
        return dt.date.fromisoformat(milestones[stage]["date"])

    def below(stage: str) -> list[str]:
        return [r for r in requires[stage] if kinds[r] == "stage"]

    def deps(n: str) -> set[str]:
        """Planned work the item follows, looking through planned stages."""
        found: set[str] = set()
        for r in requires[n]:
            if r not in planned:
                continue
            found |= {r} if kinds[r] == "work" else deps(r)
        return found

    # -- work at a job: no study, a span from the day its prerequisites allow
    study_hours = 0.0
    for n, item in items.items():
        owner = item["stage"]
        first = dt.date.fromisoformat(item["start"])
        # the milestone of the stage below its own, unless the profile studies ahead
        held = [date_of(p) for p in below(owner) if p in milestones] if owner and not ahead else []
        assert all(first >= day for day in held), (n, first, held)
        if nodes[n].get("at_work"):
            assert item["at_work"] is True and item["hours"] == 0 and item["sessions"] == 0, item
            assert n not in sessions_of, f"{n} is at work, yet has study sessions"
            holding = [date_of(r) for r in requires[n] if r in milestones]
            gate = max([start, *held, *holding, *(end_of(d) for d in deps(n))])
            assert first == gate, (n, first, gate)  # it starts when its prerequisites allow
            done = min(_months_held(raw, n) / nodes[n]["months"], 1.0) if raw.get("experience") else 0.0
            months = nodes[n]["months"] * (1 - done)
            whole = math.floor(months + 1e-9)
            length = (_add_months(first, whole + 1) - _add_months(first, whole)).days
            expected = _add_months(first, whole) + dt.timedelta(days=round((months - whole) * length))
            assert end_of(n) == expected, (n, item, months)
        else:
            assert item["at_work"] is False
            study_hours += item["hours"]
    assert abs(roadmap["total_hours"] - study_hours) < 0.01

    # -- milestones: skills, then time in role less the experience counted, then the search
    ordered = [s["id"] for s in data["stages"] if s["id"] in milestones]
    first_milestone = date_of(ordered[0]) if ordered else None
    for stage in ordered:
        milestone = milestones[stage]
        spec = nodes[stage]
        work = {n for n in _closure(requires, [stage]) if n in items}
        ready = max((end_of(n) for n in work), default=start)
        assert milestone["skills_ready"] == ready.isoformat(), (stage, milestone, ready)
        role_done = ready
        rates = dict(spec.get("experience_counts", {}))
        for p in below(stage):
            rates[p] = 1.0
        for p in below(stage):
            if p in milestones:
                anchor = date_of(p)
            elif p == raw.get("current_stage"):  # held since the profile says
                anchor = min(raw.get("current_stage_since", start), start)
            else:  # known only through work that needs it: held from the plan's start
                anchor = start
            ongoing = (
                start if raw.get("current_stage") else (first_milestone if stage != ordered[0] else anchor)
            )
            assert ongoing is not None
            need = max(
                spec.get("min_months_in_previous_role", 0) - _credit(raw, rates, min(anchor, ongoing)), 0
            )
            role_done = max(role_done, _add_months(anchor, need))
        date = _add_months(role_done, spec.get("job_search_months", 0))
        assert milestone["date"] == date.isoformat(), (stage, milestone, date)
        # the waits run one after the other from skills_ready to date
        waits = milestone["waits"]
        moment = ready
        for wait in waits:
            assert wait["from"] == moment.isoformat()
            moment = dt.date.fromisoformat(wait["until"])
            assert wait["days"] == (moment - dt.date.fromisoformat(wait["from"])).days > 0
        assert moment == date
        assert sum(w["days"] for w in waits) == (date - ready).days


# --- properties ---------------------------------------------------------------------------


@given(career_cases())
def test_every_career_roadmap_keeps_the_rules(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    data, raw = case
    check_career(roadmap_of(data, raw), data, raw)


@given(career_cases())
def test_experience_never_delays_a_milestone(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    data, raw = case
    if "experience" not in raw:
        return
    with_it = {m["stage"]: m["date"] for m in roadmap_of(data, raw)["milestones"]}
    without = roadmap_of(data, {k: v for k, v in raw.items() if k != "experience"})["milestones"]
    for milestone in without:
        if milestone["stage"] in with_it:
            assert with_it[milestone["stage"]] <= milestone["date"], (milestone, with_it)


@settings(max_examples=max(10, settings.default.max_examples // 2))
@given(career_cases(at_work=False))
def test_every_milestone_as_early_as_capacity_and_the_rules_allow(
    case: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    """Each stage's study runs at the capacity bound from the day it may start: the
    milestone of the stage below (or the start, studying ahead, for all the work so far)."""
    data, raw = case
    raw = {k: v for k, v in raw.items() if k != "experience"}
    roadmap = roadmap_of(data, raw)
    milestones = {m["stage"]: m for m in roadmap["milestones"]}
    minutes: dict[str | None, int] = {}
    for item in roadmap["items"]:
        minutes[item["stage"]] = minutes.get(item["stage"], 0) + round(item["hours"] * 60)
    release, total = raw["start"], 0
    for stage in (s["id"] for s in data["stages"] if s["id"] in milestones):
        mine = minutes.get(stage, 0)
        total += mine
        if mine:
            work = total if raw["study_ahead"] else mine
            bound = independent_capacity_bound(raw, raw["start"] if raw["study_ahead"] else release, work)
            ready = dt.date.fromisoformat(milestones[stage]["skills_ready"])
            assert bound.date() - dt.timedelta(days=1) <= ready <= bound.date() + dt.timedelta(days=7), (
                stage,
                ready,
                bound,
            )
        release = dt.date.fromisoformat(milestones[stage]["date"])


@given(career_cases(), st.randoms(use_true_random=False))
def test_the_same_career_plan_for_any_order_of_the_input_files(
    case: tuple[dict[str, Any], dict[str, Any]], rng: Any
) -> None:
    data, raw = case
    files: list[tuple[str, dict[str, Any], dict[str, int]]] = [(f"part-{i}.toml", {}, {}) for i in range(3)]
    entries = [(section, dict(e)) for section, es in data.items() for e in es]
    rng.shuffle(entries)
    for section, entry in entries:
        entry["requires"] = rng.sample(entry["requires"], len(entry["requires"]))
        files[rng.randrange(3)][1].setdefault(section, []).append(entry)
    one: CareerGraph = build_graph([("career.toml", data, {})])
    other = build_graph(files)
    a = make_plan(one, check_profile(raw, one, file="p.toml"))
    b = make_plan(other, check_profile(raw, other, file="p.toml"))
    assert a.items == b.items
    assert a.stages == b.stages
    assert roadmap_of(data, raw) == roadmap_data(
        schedule_plan(
            b, Availability.from_profile(check_profile(raw, other, file="p.toml")), start=raw["start"]
        )
    )


def test_the_career_checker_catches_a_broken_roadmap() -> None:
    """The checker itself must fail on a roadmap that breaks the career rules."""
    data = {
        "skills": [
            {"id": "w00", "name": "W00", "hours": 4, "requires": []},
            {"id": "w11", "name": "W11", "hours": 3, "requires": ["w00"]},
        ],
        "projects": [{"id": "w10", "name": "W10", "at_work": True, "months": 2, "requires": ["s0"]}],
        "stages": [
            {"id": "s0", "name": "Stage 0", "requires": ["w00"], "job_search_months": 1},
            {
                "id": "s1",
                "name": "Stage 1",
                "requires": ["w10", "w11", "s0"],
                "min_months_in_previous_role": 6,
            },
        ],
    }
    raw = {
        "target": "s1",
        "start": dt.date(2027, 1, 4),
        "timezone": "UTC",
        "hours_per_week": 4,
        "availability": {"mon": ["19:00-21:00"], "wed": ["19:00-21:00"]},
    }
    good = roadmap_of(data, raw)
    check_career(good, data, raw)
    by_id = {i["id"]: i for i in good["items"]}
    assert by_id["w10"]["start"] == good["milestones"][0]["date"]  # while holding s0
    assert by_id["w11"]["start"] >= good["milestones"][0]["date"]  # studied while holding s0

    def later(day: str, days: int = 1) -> str:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()

    breakages = [
        lambda r: r["items"][1].update(start=later(r["items"][1]["start"])),  # the span starts late
        lambda r: r["items"][1].update(hours=1.0),  # work at a job with study hours
        lambda r: r["items"][1].update(end=later(r["items"][1]["end"], 3)),  # a span of the wrong length
        lambda r: r["items"][2].update(start=r["items"][0]["start"]),  # study before holding s0
        lambda r: r["milestones"][1].update(date=later(r["milestones"][1]["date"], -1)),  # time in role cut
        lambda r: r["milestones"][0]["waits"].clear(),  # the job search unsaid
        lambda r: r.update(total_hours=r["total_hours"] + 1),  # hours for work at a job
    ]
    assert [i["id"] for i in good["items"]] == ["w00", "w10", "w11"]
    for breakage in breakages:
        broken = json.loads(json.dumps(good))
        breakage(broken)
        with pytest.raises(AssertionError):
            check_career(broken, data, raw)
