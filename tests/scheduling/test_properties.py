"""Properties over random DAGs and random profiles.

:func:`check_invariants` checks a roadmap (the JSON data of ``planner roadmap --format
json``) against the raw graph data and the raw profile only: it recomputes closures,
window instants and the capacity bound itself, and never asks the library.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from planner.errors import GraphError
from planner.graph import CareerGraph, build_graph
from planner.planning import make_plan
from planner.profile import check_profile
from planner.renderers.ical.calendar import render_ical
from planner.renderers.roadmap.json import render_json, roadmap_data
from planner.scheduling import Availability, advise_deadline, schedule_plan

ZONES = ("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
UTC = dt.UTC
HALF_HOUR = dt.timedelta(minutes=30)
_WINDOW = re.compile(r"^(\d\d):(\d\d)-(\d\d):(\d\d)$")


# --- the independent checker ------------------------------------------------------------


def _requires(graph: CareerGraph) -> dict[str, tuple[str, ...]]:
    return {node_id: tuple(node.requires) for node_id, node in graph.nodes.items()}


def _closure(requires: Mapping[str, Iterable[str]], roots: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(requires[node])
    return seen


def _windows(profile: Mapping[str, Any]) -> dict[int, list[tuple[int, int]]]:
    """Weekday number -> [(start minute, end minute)], parsed from the raw profile."""
    result: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for day, spans in profile["availability"].items():
        for span in [spans] if isinstance(spans, str) else spans:
            match = _WINDOW.match(span)
            assert match, span
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            result[WEEKDAYS.index(day)].append((h1 * 60 + m1, h2 * 60 + m2))
    return {day: sorted(spans) for day, spans in result.items()}


def _instant(day: dt.date, minute: int, zone: ZoneInfo) -> dt.datetime:
    """The first UTC instant whose wall clock in ``zone`` reaches ``minute`` of ``day``.

    Every zone the tests use changes its offset on a half-hour boundary, so a time in a
    spring-forward gap is found by stepping half hours from the earlier candidate.
    """
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
    candidates = sorted({naive.replace(tzinfo=zone, fold=fold).astimezone(UTC) for fold in (0, 1)})
    valid = [t for t in candidates if t.astimezone(zone).replace(tzinfo=None) == naive]
    if valid:
        return valid[0]
    moment = candidates[0]
    while moment.astimezone(zone).replace(tzinfo=None) < naive:
        moment += HALF_HOUR
    return moment


def _is_blackout(day: dt.date, profile: Mapping[str, Any]) -> bool:
    return any(b["from"] <= day <= b.get("to", b["from"]) for b in profile.get("blackouts", ()))


def independent_capacity_bound(profile: Mapping[str, Any], start: dt.date, minutes: int) -> dt.datetime:
    """Earliest instant at which the capped window time from ``start`` adds up to ``minutes``."""
    zone = ZoneInfo(profile.get("timezone", "UTC"))
    windows = _windows(profile)
    cap = int(profile["hours_per_week"] * 60 + 1e-6)
    total = 0
    used = 0
    day = start
    week = start - dt.timedelta(days=start.weekday())
    while day < start + dt.timedelta(days=366 * 60):
        monday = day - dt.timedelta(days=day.weekday())
        if monday != week:
            week, used = monday, 0
        if not _is_blackout(day, profile):
            for begin_minute, end_minute in windows.get(day.weekday(), ()):
                begin, end = _instant(day, begin_minute, zone), _instant(day, end_minute, zone)
                free = min(int((end - begin).total_seconds()) // 60, cap - used)
                if free <= 0:
                    continue
                if total + free >= minutes:
                    return begin + dt.timedelta(minutes=minutes - total)
                total += free
                used += free
        day += dt.timedelta(days=1)
    raise AssertionError("capacity bound beyond 60 years")


def check_invariants(
    schedule_json: Mapping[str, Any],
    graph: CareerGraph,
    profile: Mapping[str, Any],
    *,
    bound: bool = True,
) -> None:
    """Check a roadmap's JSON data against the raw inputs; raise AssertionError on a violation.

    ``bound``: check that the plan finishes within a week of the capacity bound (which
    windows under an hour, where the 30-minute rule must leave minutes unused, miss).
    """
    data = schedule_json
    zone = ZoneInfo(profile.get("timezone", "UTC"))
    start = profile["start"]
    requires = _requires(graph)
    kinds = {node_id: node.kind for node_id, node in graph.nodes.items()}
    progress = profile.get("progress", {})

    # -- what is planned: the closure of the target and focus, minus what is known
    known = _closure(
        requires,
        [
            *profile.get("known", ()),
            *([profile["current_stage"]] if profile.get("current_stage") else []),
            *(i for i, f in progress.items() if f >= 1),
        ],
    )
    focus = [f for f in profile.get("focus", ()) if f not in known]
    needed = _closure(requires, [profile["target"], *focus])
    planned = {n for n in needed - known if kinds[n] != "stage"}
    planned_stages = {n for n in needed - known if kinds[n] == "stage"}

    assert data["target"] == profile["target"]
    items = data["items"]
    by_id = {item["id"]: item for item in items}
    assert len(by_id) == len(items), "an item appears twice"
    assert set(by_id) == planned

    # -- each item: the documented keys, remaining effort, roadmap order after its prerequisites
    position = {item["id"]: i for i, item in enumerate(items)}
    for item in items:
        node = graph.nodes[item["id"]]
        assert item["kind"] == node.kind and item["name"] == node.name
        assert sorted(item["requires"]) == sorted(node.requires)
        left = node.hours * 60 * (1 - progress.get(item["id"], 0.0))  # type: ignore[union-attr]
        # Half-hour rounding (or a whole minute for short effort), plus the JSON's hours
        # carrying 4 decimals (0.003 minutes): 1 minute left is written 0.0167 h.
        tolerance = (15.01 if left >= 29.999 else 1.0) + 0.003
        assert abs(item["hours"] * 60 - left) <= tolerance, (item, left)
        for ancestor in _closure(requires, requires[item["id"]]) & planned:
            assert position[ancestor] < position[item["id"]], (ancestor, item["id"])

    # -- sessions: the documented keys, offsets of the profile's zone, windows, blackouts, no overlap
    sessions = []
    for raw in data["sessions"]:
        assert set(raw) >= {"item", "start", "end"}
        begin, end = dt.datetime.fromisoformat(raw["start"]), dt.datetime.fromisoformat(raw["end"])
        for moment in (begin, end):
            assert moment.utcoffset() == moment.astimezone(zone).utcoffset(), raw
        assert raw["item"] in planned
        assert end > begin
        sessions.append((begin.astimezone(UTC), end.astimezone(UTC), raw["item"]))
    sessions.sort()
    windows = _windows(profile)
    minutes_of: dict[str, int] = defaultdict(int)
    first_start: dict[str, dt.datetime] = {}
    last_end: dict[str, dt.datetime] = {}
    last_day: dict[str, dt.date] = {}
    weeks: dict[dt.date, int] = defaultdict(int)
    previous_end: dt.datetime | None = None
    for begin, end, item_id in sessions:
        if previous_end is not None:
            assert begin >= previous_end, f"sessions overlap at {begin}"
        previous_end = end
        day = begin.astimezone(zone).date()
        assert not _is_blackout(day, profile), f"session on blackout day {day}"
        assert day >= start
        assert any(
            _instant(day, lo, zone) <= begin and end <= _instant(day, hi, zone)
            for lo, hi in windows.get(day.weekday(), ())
        ), f"session {begin.astimezone(zone)}-{end.astimezone(zone)} outside the windows"
        minutes = round((end - begin).total_seconds() / 60)
        assert minutes == (end - begin).total_seconds() / 60
        minutes_of[item_id] += minutes
        weeks[day - dt.timedelta(days=day.weekday())] += minutes
        first_start.setdefault(item_id, begin)
        last_end[item_id] = end
        last_day[item_id] = day
        item_minutes = by_id[item_id]["hours"] * 60
        if item_minutes >= 30:
            assert minutes >= 30, f"a {minutes}-minute fragment of {item_id}"
    cap = profile["hours_per_week"] * 60
    assert all(total <= cap + 1e-9 for total in weeks.values()), (weeks, cap)

    # -- every item's sessions add up to its hours, and start after its prerequisites end
    for item in items:
        assert abs(minutes_of[item["id"]] - item["hours"] * 60) <= 0.6, item
        assert item["start"] == first_start[item["id"]].astimezone(zone).date().isoformat()
        assert item["end"] == last_day[item["id"]].isoformat()  # the day of its last session
        for ancestor in _closure(requires, requires[item["id"]]) & planned:
            assert last_end[ancestor] <= first_start[item["id"]], (ancestor, item["id"])

    # -- milestones: one per planned stage, the day its work is done (the day of the last
    #    session, even one that ends at 24:00)
    milestones = {m["stage"]: dt.date.fromisoformat(m["date"]) for m in data["milestones"]}
    assert set(milestones) == planned_stages
    for stage_id, date in milestones.items():
        work = _closure(requires, [stage_id]) & planned
        assert date >= start
        if work:
            assert date >= max(last_day[w] for w in work), stage_id
            months = graph.nodes[stage_id].min_months_in_previous_role  # type: ignore[union-attr]
            if not months:
                assert date == max(last_day[w] for w in work), stage_id

    # -- the finish: no earlier than the capacity bound, and within a week of it
    if sessions and bound:
        total = sum(round(item["hours"] * 60) for item in items)
        bound = independent_capacity_bound(profile, start, total)
        finish = sessions[-1][1]
        assert max(end for _, end, _ in sessions) == finish
        assert bound <= finish <= bound + dt.timedelta(days=7), (bound, finish)
    elif not sessions:
        assert items == []


def check_tiers(schedule_json: Mapping[str, Any], graph: CareerGraph, profile: Mapping[str, Any]) -> None:
    """What a lower stage needs comes before work only a higher stage needs."""
    requires = _requires(graph)
    kinds = {node_id: node.kind for node_id, node in graph.nodes.items()}
    # the strategy chains its stages, so a stage with more stages below it is higher
    stage_order = sorted(
        (n for n, k in kinds.items() if k == "stage"),
        key=lambda s: sum(kinds[n] == "stage" for n in _closure(requires, [s])),
    )
    tiers: dict[str, int] = {}
    planned_stages = [s for s in stage_order if s in {m["stage"] for m in schedule_json["milestones"]}]
    planned = {item["id"] for item in schedule_json["items"]} | set(planned_stages)
    for index, stage_id in enumerate(planned_stages):
        for node in _closure(requires, [stage_id]) & planned:
            tiers.setdefault(node, index)
    last = -1
    for item in schedule_json["items"]:
        tier = tiers.get(item["id"])
        if tier is None:  # a focus extra: the highest tier of its planned prerequisites
            tier = max((tiers[r] for r in requires[item["id"]] if r in tiers), default=0)
            tiers[item["id"]] = tier
        assert tier >= last, (item["id"], tier, last)
        last = tier


# --- strategies ---------------------------------------------------------------------------


@st.composite
def graph_data(draw: st.DrawFn, *, max_work: int = 18) -> dict[str, Any]:
    """Random skills and projects (integer hours 1..40, edges from lower to higher index)
    and 1-3 chained stages, each requiring a random subset of them."""
    count = draw(st.integers(min(3, max_work), max_work))
    names = draw(st.permutations([f"n{i:02d}" for i in range(count)]))
    skills, projects = [], []
    for index, node_id in enumerate(names):
        requires = draw(st.lists(st.sampled_from(names[:index]), max_size=3, unique=True)) if index else []
        entry = {
            "id": node_id,
            "name": node_id.upper(),
            "hours": draw(st.integers(1, 40)),
            "requires": requires,
        }
        (projects if draw(st.integers(0, 3)) == 0 else skills).append(entry)
    stages = []
    for index in range(draw(st.integers(1, 3))):
        requires = draw(st.lists(st.sampled_from(names), min_size=1, max_size=6, unique=True))
        if index:
            requires.append(stages[-1]["id"])
        stages.append({"id": f"stage-{'abc'[index]}", "name": f"Stage {index}", "requires": requires})
    return {"skills": skills, "projects": projects, "stages": stages}


def _hhmm(half_hours: int) -> str:
    return f"{half_hours // 2:02d}:{30 * (half_hours % 2):02d}"


@st.composite
def profiles(draw: st.DrawFn, data: Mapping[str, Any]) -> dict[str, Any]:
    work = [e["id"] for e in (*data["skills"], *data["projects"])]
    stage_ids = [s["id"] for s in data["stages"]]
    start = draw(st.dates(dt.date(2026, 1, 1), dt.date(2030, 12, 31)))
    availability: dict[str, list[str]] = {}
    for day in WEEKDAYS:
        count = draw(st.integers(0, 2))
        points = sorted(
            draw(st.lists(st.integers(0, 48), min_size=2 * count, max_size=2 * count, unique=True))
        )
        if points:
            pairs = zip(points[::2], points[1::2], strict=True)
            availability[day] = [f"{_hhmm(a)}-{_hhmm(b)}" for a, b in pairs]
    if not availability:
        lo = draw(st.integers(0, 46))
        hi = lo + draw(st.integers(1, 48 - lo))
        availability[draw(st.sampled_from(WEEKDAYS))] = [f"{_hhmm(lo)}-{_hhmm(hi)}"]
    profile: dict[str, Any] = {
        "target": draw(st.sampled_from(stage_ids)),
        "start": start,
        "timezone": draw(st.sampled_from(ZONES)),
        "hours_per_week": draw(st.integers(2, 60)) / 2,
        "known": draw(st.lists(st.sampled_from(work), max_size=2, unique=True)),
        "availability": availability,
    }
    if draw(st.integers(0, 3)) == 0:
        profile["current_stage"] = draw(st.sampled_from(stage_ids))
    progress_ids = draw(st.lists(st.sampled_from(work), max_size=3, unique=True))
    if progress_ids:
        fractions = st.one_of(st.sampled_from([0.0, 0.25, 0.5, 0.9, 1.0]), st.floats(0, 1))
        profile["progress"] = {i: draw(fractions) for i in progress_ids}
    focus = draw(st.lists(st.sampled_from(work + stage_ids), max_size=2, unique=True))
    if focus:
        profile["focus"] = focus
    blackouts = []
    for _ in range(draw(st.integers(0, 3))):
        first = start + dt.timedelta(days=draw(st.integers(0, 400)))
        blackouts.append(
            {"from": first, "to": first + dt.timedelta(days=draw(st.integers(0, 30))), "reason": "away"}
        )
    if blackouts:
        profile["blackouts"] = blackouts
    return profile


@st.composite
def short_week_profiles(draw: st.DrawFn, data: Mapping[str, Any]) -> dict[str, Any]:
    """Profiles whose week holds little, to the minute: windows of 30 to 90 minutes
    starting on any minute, and a weekly cap in hundredths of an hour, never under 30
    minutes (zones without daylight saving, so windows never fall in a gap)."""
    availability = {}
    for day in draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True)):
        length = draw(st.integers(30, 90))
        begin = draw(st.integers(0, 24 * 60 - length))
        availability[day] = [
            f"{begin // 60:02d}:{begin % 60:02d}-{(begin + length) // 60:02d}:{(begin + length) % 60:02d}"
        ]
    profile = draw(profiles(data))
    profile.update(
        availability=availability,
        timezone=draw(st.sampled_from(["UTC", "Asia/Kolkata"])),
        hours_per_week=draw(st.integers(50, 300)) / 100,
    )
    return profile


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    data = draw(graph_data())
    return data, draw(profiles(data))


def roadmap_for(graph: CareerGraph, raw: Mapping[str, Any]) -> dict[str, Any]:
    profile = check_profile(raw, graph, file="random.toml")
    assert profile.start is not None
    plan = make_plan(graph, profile)
    schedule = schedule_plan(plan, Availability.from_profile(profile), start=profile.start)
    data = roadmap_data(schedule, name="random")
    assert json.loads(render_json(schedule, name="random")) == json.loads(json.dumps(data))
    return data


# --- properties ---------------------------------------------------------------------------


@given(cases())
def test_every_roadmap_passes_the_independent_check(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    data, raw = case
    graph = build_graph([("random.toml", data, {})])
    roadmap = roadmap_for(graph, raw)
    check_invariants(roadmap, graph, raw)
    check_tiers(roadmap, graph, raw)


@given(graph_data(max_work=8), st.data())
def test_a_week_of_thirty_minutes_always_gets_a_plan(data: dict[str, Any], draw: st.DataObject) -> None:
    """Regression: the 30-minute rule stalled profiles with windows under an hour (or a
    cap like 0.51 h), which then "could not be finished within 50 years"."""
    raw = draw.draw(short_week_profiles(data))
    graph = build_graph([("random.toml", data, {})])
    check_invariants(roadmap_for(graph, raw), graph, raw, bound=False)


def test_progress_a_hair_below_one_leaves_a_minute() -> None:
    """Found by the property above with CI's example count: progress 0.9999999999999999
    leaves 7e-15 minutes, planned as the one-minute minimum and written 0.0167 h."""
    data = {
        "skills": [],
        "projects": [{"id": "n00", "name": "N00", "hours": 1, "requires": []}],
        "stages": [{"id": "stage-a", "name": "Stage 0", "requires": ["n00"]}],
    }
    raw = {
        "target": "stage-a",
        "start": dt.date(2026, 1, 1),
        "timezone": "UTC",
        "hours_per_week": 0.5,
        "known": [],
        "availability": {"mon": ["00:00-00:30"]},
        "progress": {"n00": 0.9999999999999999},
    }
    graph = build_graph([("random.toml", data, {})])
    roadmap = roadmap_for(graph, raw)
    assert [(item["id"], item["hours"]) for item in roadmap["items"]] == [("n00", 0.0167)]
    check_invariants(roadmap, graph, raw, bound=False)


@settings(max_examples=max(10, settings.default.max_examples // 5))
@given(cases(), st.integers(0, 200))
def test_deadline_advice_is_verified_by_scheduling_again(
    case: tuple[dict[str, Any], dict[str, Any]], days: int
) -> None:
    data, raw = case
    graph = build_graph([("random.toml", data, {})])
    profile = check_profile(raw, graph, file="random.toml")
    assert profile.start is not None
    plan = make_plan(graph, profile)
    schedule = schedule_plan(plan, Availability.from_profile(profile), start=profile.start)
    deadline = profile.start + dt.timedelta(days=days)
    advice = advise_deadline(schedule, deadline)
    if schedule.target_date is None or schedule.target_date <= deadline:
        assert advice is None
        return
    assert advice is not None
    assert advice.reached == schedule.target_date
    if advice.hours_per_week is not None:
        again = schedule_plan(
            plan,
            Availability.from_profile(profile, hours_per_week=advice.hours_per_week),
            start=profile.start,
        )
        assert again.target_date is not None and again.target_date <= deadline
        assert again.target_date == advice.reached_at_advice
        assert advice.hours_per_week <= advice.max_hours


@settings(max_examples=max(10, settings.default.max_examples // 5))
@given(cases(), st.none() | st.integers(0, 120))
def test_the_calendar_is_what_icalendar_writes(
    case: tuple[dict[str, Any], dict[str, Any]], reminder: int | None
) -> None:
    """icalendar reading the calendar and writing it again gives the same bytes."""
    data, raw = case
    graph = build_graph([("random.toml", data, {})])
    profile = check_profile(raw, graph, file="random.toml")
    assert profile.start is not None
    schedule = schedule_plan(
        make_plan(graph, profile), Availability.from_profile(profile), start=profile.start
    )
    ics = render_ical(
        schedule,
        graph,
        person="Random, Person; \\ 😀",
        reminder=reminder,
        stamp=dt.datetime(2026, 11, 27, 8, 30, 15, tzinfo=UTC),
    )
    assert Calendar.from_ical(ics).to_ical() == ics


@given(cases(), st.randoms(use_true_random=False))
def test_roadmap_does_not_depend_on_input_order(
    case: tuple[dict[str, Any], dict[str, Any]], rng: Any
) -> None:
    data, raw = case
    shuffled: list[tuple[str, dict[str, Any], dict[str, int]]] = [
        (f"part-{i}.toml", {}, {}) for i in range(3)
    ]
    entries = [(section, dict(e)) for section, es in data.items() for e in es]
    rng.shuffle(entries)
    for section, entry in entries:
        entry["requires"] = rng.sample(entry["requires"], len(entry["requires"]))
        shuffled[rng.randrange(3)][1].setdefault(section, []).append(entry)
    one = build_graph([("random.toml", data, {})])
    other = build_graph(shuffled)
    shuffled_raw = dict(raw, known=rng.sample(raw["known"], len(raw["known"])))
    a = make_plan(one, check_profile(raw, one, file="p.toml"))
    b = make_plan(other, check_profile(shuffled_raw, other, file="p.toml"))
    assert a.items == b.items
    assert a.stages == b.stages


@given(graph_data(max_work=12), st.data())
def test_a_cycle_is_always_reported(data: dict[str, Any], draw: st.DataObject) -> None:
    work = [*data["skills"], *data["projects"]]
    if len(work) < 2:
        return
    # close a loop: a lower node now requires a higher one that (directly) requires it
    lower, higher = sorted(
        draw.draw(st.lists(st.integers(0, len(work) - 1), min_size=2, max_size=2, unique=True))
    )
    by_index = sorted(work, key=lambda e: e["id"])
    low, high = by_index[lower], by_index[higher]
    if low["id"] not in high["requires"]:
        high["requires"] = [*high["requires"], low["id"]]
    if high["id"] not in low["requires"]:
        low["requires"] = [*low["requires"], high["id"]]
    with pytest.raises(GraphError) as info:
        build_graph([("random.toml", data, {})])
    cycles = [p.message for p in info.value.problems if p.message.startswith("prerequisite cycle: ")]
    assert cycles
    requires = {e["id"]: set(e["requires"]) for e in work}
    for message in cycles:
        chain = message.removeprefix("prerequisite cycle: ").split(" (")[0].split(" → ")
        assert chain[0] == chain[-1] and len(chain) >= 3
        for prerequisite, dependent in itertools.pairwise(chain):
            assert prerequisite in requires[dependent], (prerequisite, dependent, message)


def test_the_checker_catches_a_broken_roadmap() -> None:
    """The checker itself must fail on a roadmap that breaks the rules."""
    data = {
        "skills": [
            {"id": "a", "name": "A", "hours": 2},
            {"id": "b", "name": "B", "hours": 2, "requires": ["a"]},
        ],
        "stages": [{"id": "s", "name": "S", "requires": ["b"]}],
    }
    raw = {
        "target": "s",
        "start": dt.date(2027, 1, 4),
        "timezone": "Europe/Berlin",
        "hours_per_week": 4,
        "availability": {"mon": ["19:00-21:00"], "tue": ["19:00-21:00"]},
    }
    graph = build_graph([("g.toml", data, {})])
    good = roadmap_for(graph, raw)
    check_invariants(good, graph, raw)
    breakages = [
        lambda r: [s.update(item="b" if s["item"] == "a" else "a") for s in r["sessions"]],  # b before a
        lambda r: r["sessions"][1].update(
            start="2027-01-04T20:00:00+01:00", end="2027-01-04T22:00:00+01:00"
        ),  # overlap
        lambda r: r["sessions"][0].update(start="2027-01-04T18:00:00+01:00"),  # outside the window
        lambda r: r["sessions"][0].update(
            start="2027-01-04T19:00:00+00:00", end="2027-01-04T21:00:00+00:00"
        ),  # wrong offset
        lambda r: r["milestones"][0].update(date="2027-01-04"),  # before the work is done
        lambda r: r["sessions"].pop(),  # hours do not add up
        lambda r: r["items"].reverse(),  # roadmap order
    ]
    for breakage in breakages:
        broken = json.loads(json.dumps(good))
        breakage(broken)
        with pytest.raises(AssertionError):
            check_invariants(broken, graph, raw)
    tighter = dict(raw, hours_per_week=2)
    with pytest.raises(AssertionError):
        check_invariants(good, graph, tighter)  # weekly cap
    with pytest.raises(AssertionError):
        check_invariants(good, graph, dict(raw, blackouts=[{"from": dt.date(2027, 1, 5)}]))


@pytest.mark.parametrize("zone", ZONES)
def test_independent_instants_agree_with_zoneinfo(zone: str) -> None:
    tz = ZoneInfo(zone)
    day = dt.date(2027, 1, 1)
    for offset in range(0, 366, 7):
        moment = _instant(day + dt.timedelta(days=offset), 19 * 60, tz)
        assert moment.astimezone(tz).time() == dt.time(19, 0)
