"""Scheduling: wall-clock windows across DST, the weekly cap, blackouts, the 30-minute
rule, milestones, deadline advice and the capacity bound."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.errors import PlanError
from planner.graph import CareerGraph
from planner.planning import make_plan
from planner.records import Blackout, Profile, Window
from planner.scheduling import (
    Availability,
    Schedule,
    advise_deadline,
    capacity_bound,
    schedule_plan,
    wall_to_utc,
)
from planner.scheduling.scheduler import _piece

Build = Callable[..., CareerGraph]
MakeProfile = Callable[..., Profile]
BERLIN = ZoneInfo("Europe/Berlin")
EVERY_DAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def every_day(window: str) -> dict[str, list[str]]:
    return {day: [window] for day in EVERY_DAY}


def schedule_of(graph: CareerGraph, profile: Profile, **kwargs: Any) -> Schedule:
    assert profile.start is not None
    plan = make_plan(graph, profile)
    return schedule_plan(plan, Availability.from_profile(profile, **kwargs), start=profile.start)


def one_skill_graph(build: Build, hours: float, **stage_keys: Any) -> CareerGraph:
    return build(
        (
            "g.toml",
            {
                "skills": [{"id": "study", "name": "Study", "hours": hours}],
                "stages": [
                    {"id": "junior-ml-engineer", "name": "Junior", "requires": ["study"], **stage_keys}
                ],
            },
        )
    )


def profile_of_graph(graph: CareerGraph) -> Profile:
    return Profile(target="junior-ml-engineer", hours_per_week=10, availability={})


def every_day_windows() -> dict[str, tuple[Window, ...]]:
    return {day: (Window(start=19 * 60, end=21 * 60),) for day in EVERY_DAY}


def local_sessions(schedule: Schedule) -> list[tuple[dt.datetime, dt.datetime]]:
    return [(schedule.local(s.start), schedule.local(s.end)) for s in schedule.sessions]


# --- wall-clock time and daylight saving ------------------------------------------------


def test_wall_to_utc() -> None:
    assert wall_to_utc(dt.date(2027, 1, 4), 19 * 60, BERLIN) == dt.datetime(2027, 1, 4, 18, tzinfo=dt.UTC)
    assert wall_to_utc(dt.date(2027, 7, 5), 19 * 60, BERLIN) == dt.datetime(2027, 7, 5, 17, tzinfo=dt.UTC)
    # 02:30 does not exist on 2027-03-28: the instant of the change (03:00 CEST)
    assert wall_to_utc(dt.date(2027, 3, 28), 150, BERLIN) == dt.datetime(2027, 3, 28, 1, tzinfo=dt.UTC)
    # 02:30 happens twice on 2027-10-31: the first one (CEST)
    assert wall_to_utc(dt.date(2027, 10, 31), 150, BERLIN) == dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC)
    # 24:00 is midnight at the end of the day
    assert wall_to_utc(dt.date(2027, 1, 4), 24 * 60, BERLIN) == dt.datetime(2027, 1, 4, 23, tzinfo=dt.UTC)


def test_evening_sessions_stay_at_19_local_across_both_dst_changes(
    build: Build, make_profile: MakeProfile
) -> None:
    graph = one_skill_graph(build, 600)
    profile = make_profile(
        graph,
        timezone="Europe/Berlin",
        start=dt.date(2027, 3, 1),
        hours_per_week=14,
        availability=every_day("19:00-21:00"),
    )
    schedule = schedule_of(graph, profile)
    sessions = local_sessions(schedule)
    assert sessions[0][0].date() == dt.date(2027, 3, 1)
    assert sessions[-1][0].date() > dt.date(2027, 11, 1)
    for start, end in sessions:
        assert (start.hour, start.minute, end.hour, end.minute) == (19, 0, 21, 0), (start, end)
    offsets = {start.utcoffset() for start, _ in sessions}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}
    days = {start.date() for start, _ in sessions}
    assert {dt.date(2027, 3, 27), dt.date(2027, 3, 28), dt.date(2027, 10, 31), dt.date(2027, 11, 1)} <= days
    assert len(sessions) == 300


def test_spring_forward_night_starts_at_three_local(build: Build, make_profile: MakeProfile) -> None:
    graph = one_skill_graph(build, 3)
    profile = make_profile(
        graph, timezone="Europe/Berlin", start=dt.date(2027, 3, 28), availability={"sun": ["02:00-04:00"]}
    )
    first = schedule_of(graph, profile).sessions[0]
    assert first.start.astimezone(BERLIN).isoformat() == "2027-03-28T03:00:00+02:00"
    assert first.end.astimezone(BERLIN).isoformat() == "2027-03-28T04:00:00+02:00"
    assert first.minutes == 60


def test_fall_back_night_window_holds_the_repeated_hour(build: Build, make_profile: MakeProfile) -> None:
    graph = one_skill_graph(build, 4)
    profile = make_profile(
        graph, timezone="Europe/Berlin", start=dt.date(2027, 10, 31), availability={"sun": ["02:00-04:00"]}
    )
    schedule = schedule_of(graph, profile)
    first = schedule.sessions[0]
    assert first.start.astimezone(BERLIN).isoformat() == "2027-10-31T02:00:00+02:00"
    assert first.end.astimezone(BERLIN).isoformat() == "2027-10-31T04:00:00+01:00"
    assert first.minutes == 180


# --- the week, blackouts and the 30-minute rule -----------------------------------------


def weekly_minutes(schedule: Schedule) -> dict[dt.date, int]:
    weeks: dict[dt.date, int] = defaultdict(int)
    for s in schedule.sessions:
        day = schedule.local(s.start).date()
        weeks[day - dt.timedelta(days=day.weekday())] += s.minutes
    return dict(weeks)


def test_weekly_cap_counts_monday_to_sunday(build: Build, make_profile: MakeProfile) -> None:
    graph = one_skill_graph(build, 40)
    profile = make_profile(
        graph,
        start=dt.date(2027, 1, 6),
        hours_per_week=5,  # a Wednesday
        availability=every_day("19:00-21:00"),
    )
    weeks = weekly_minutes(schedule_of(graph, profile))
    assert list(weeks.values()) == [300] * 8
    assert min(weeks) == dt.date(2027, 1, 4)


def test_weekly_cap_below_the_windows_with_a_half_hour(build: Build, make_profile: MakeProfile) -> None:
    graph = one_skill_graph(build, 15)
    profile = make_profile(
        graph, hours_per_week=2.5, availability={"mon": ["08:00-12:00"], "tue": ["08:00-12:00"]}
    )
    schedule = schedule_of(graph, profile)
    assert set(weekly_minutes(schedule).values()) == {150}
    assert [s.minutes for s in schedule.sessions[:2]] == [150, 150]


def test_no_session_on_a_blackout_day(build: Build, make_profile: MakeProfile) -> None:
    graph = one_skill_graph(build, 20)
    blackouts = [{"from": dt.date(2027, 1, 6), "to": dt.date(2027, 1, 12)}, {"from": dt.date(2027, 1, 16)}]
    profile = make_profile(graph, blackouts=blackouts, availability=every_day("19:00-21:00"))
    schedule = schedule_of(graph, profile)
    days = [schedule.local(s.start).date() for s in schedule.sessions]
    assert days == [
        dt.date(2027, 1, 4),
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 13),
        dt.date(2027, 1, 14),
        dt.date(2027, 1, 15),
        dt.date(2027, 1, 17),
        dt.date(2027, 1, 18),
        dt.date(2027, 1, 19),
        dt.date(2027, 1, 20),
        dt.date(2027, 1, 21),
    ]


@pytest.mark.parametrize(
    ("hours", "pieces"),
    [
        (1, [30, 30]),  # 45 free minutes take 30, not 45 that would leave a 15-minute fragment
        (2, [45, 75]),
        (3, [45, 75, 30, 30]),
        (0.5, [30]),
    ],
)
def test_no_fragment_shorter_than_thirty_minutes(
    build: Build, make_profile: MakeProfile, hours: float, pieces: list[int]
) -> None:
    graph = one_skill_graph(build, hours)
    profile = make_profile(graph, availability={"mon": ["19:00-19:45"], "tue": ["19:00-20:15"]})
    schedule = schedule_of(graph, profile)
    assert [s.minutes for s in schedule.sessions] == pieces
    assert [(s.number, s.of) for s in schedule.sessions] == [
        (i, len(pieces)) for i in range(1, len(pieces) + 1)
    ]


@pytest.mark.parametrize(
    ("hours", "windows", "hours_per_week", "pieces"),
    [
        # 90 minutes in 40-minute windows: 40 would leave 50, which no window could take
        (1.5, {"mon": ["19:00-19:40"], "wed": ["19:00-19:40"], "fri": ["19:00-19:40"]}, 10, [30, 30, 30]),
        (2, every_day("19:00-19:31"), 10, [30, 30, 30, 30]),
        # a 31-minute weekly cap (0.51 h) over long windows
        (1.5, {"mon": ["19:00-21:00"], "thu": ["19:00-21:00"]}, 0.51, [30, 30, 30]),
        (2, {"mon": ["19:00-19:50"]}, 10, [50, 40, 30]),
    ],
)
def test_the_thirty_minute_rule_splits_instead_of_stalling(
    build: Build,
    make_profile: MakeProfile,
    *,
    hours: float,
    windows: dict[str, list[str]],
    hours_per_week: float,
    pieces: list[int],
) -> None:
    """Regression: an item with 30-60 minutes left that no window could take whole was
    never placed, and ordinary profiles got "cannot be finished within 50 years"."""
    graph = one_skill_graph(build, hours)
    profile = make_profile(graph, availability=windows, hours_per_week=hours_per_week)
    assert [s.minutes for s in schedule_of(graph, profile).sessions] == pieces


def test_a_last_piece_may_be_short_when_no_window_holds_thirty_minutes(build: Build) -> None:
    """Profiles cannot give windows under 30 minutes; the Python API can, and then the
    rule bends: pieces as long as the windows allow, the last one shorter."""
    graph = one_skill_graph(build, 1)
    plan = make_plan(graph, profile_of_graph(graph))
    short = (Window(start=19 * 60, end=19 * 60 + 25),)
    windows = {"mon": short, "tue": short}
    schedule = schedule_plan(plan, Availability("UTC", 10, windows), start=dt.date(2027, 1, 4))
    assert [s.minutes for s in schedule.sessions] == [25, 25, 10]


def piece_by_search(remaining: int, free: int, longest: int) -> int:
    """The 30-minute rule the slow way: the whole rest when it fits, else the largest
    piece of at least 30 minutes (or ``longest``) whose rest still splits into such
    pieces, else, when the rest splits in no way, as much as fits."""
    if remaining <= free:
        return remaining
    shortest = min(30, longest)

    def splits(minutes: int) -> bool:
        return any(n * shortest <= minutes <= n * longest for n in range(1, minutes // shortest + 1))

    if not splits(remaining):
        return free if free >= shortest else 0
    return max((p for p in range(shortest, free + 1) if splits(remaining - p)), default=0)


@given(st.integers(1, 1500), st.integers(1, 500), st.integers(1, 500))
def test_a_piece_follows_the_thirty_minute_rule(remaining: int, free: int, longest: int) -> None:
    assert _piece(remaining, free, longest) == piece_by_search(remaining, free, longest)


def test_a_short_item_may_have_a_short_session(build: Build, make_profile: MakeProfile) -> None:
    graph = one_skill_graph(build, 0.3)
    profile = make_profile(graph, availability={"mon": ["19:00-21:00"]})
    assert [s.minutes for s in schedule_of(graph, profile).sessions] == [18]


def test_a_later_ready_item_uses_what_the_next_one_cannot(build: Build, make_profile: MakeProfile) -> None:
    graph = build(
        (
            "g.toml",
            {
                "skills": [
                    {"id": "big", "name": "Big", "hours": 2},
                    {"id": "small", "name": "Small", "hours": 0.5},
                ],
                "stages": [{"id": "junior-ml-engineer", "name": "J", "requires": ["big", "small"]}],
            },
        )
    )
    profile = make_profile(graph, availability={"mon": ["19:00-20:30"]})
    schedule = schedule_of(graph, profile)
    assert [(s.item, s.minutes) for s in schedule.sessions] == [("big", 90), ("big", 30), ("small", 30)]


def test_an_item_starts_after_its_prerequisites_end(
    tiny_graph: CareerGraph, make_profile: MakeProfile
) -> None:
    profile = make_profile(tiny_graph, target="ml-engineer", availability={"mon": ["19:00-20:30"]})
    schedule = schedule_of(tiny_graph, profile)
    spans = schedule.spans()
    for item in schedule.plan.items:
        for before in item.after:
            assert spans[before][1] <= spans[item.id][0]


# --- milestones ---------------------------------------------------------------------------


def test_milestone_is_the_day_the_last_required_item_ends(
    tiny_graph: CareerGraph, make_profile: MakeProfile
) -> None:
    profile = make_profile(tiny_graph, target="ml-engineer", timezone="America/New_York")
    schedule = schedule_of(tiny_graph, profile)
    for goal in schedule.plan.stages:
        last = max(s.start for s in schedule.sessions if s.item in goal.items)
        assert schedule.milestone(goal.id).date == schedule.local(last).date()  # type: ignore[union-attr]
    assert schedule.target_date == schedule.local(schedule.finish).date()  # type: ignore[arg-type]


def test_milestone_honours_months_in_the_previous_role(build: Build, make_profile: MakeProfile) -> None:
    graph = build(
        (
            "g.toml",
            {
                "skills": [{"id": "a", "name": "A", "hours": 2}, {"id": "b", "name": "B", "hours": 2}],
                "stages": [
                    {"id": "junior-ml-engineer", "name": "Junior", "requires": ["a"]},
                    {
                        "id": "ml-engineer",
                        "name": "ML Engineer",
                        "requires": ["junior-ml-engineer", "b"],
                        "min_months_in_previous_role": 6,
                    },
                ],
            },
        )
    )
    profile = make_profile(
        graph, target="ml-engineer", start=dt.date(2027, 8, 30), availability={"tue": ["19:00-21:00"]}
    )
    schedule = schedule_of(graph, profile)
    assert schedule.milestone("junior-ml-engineer").date == dt.date(2027, 8, 31)  # type: ignore[union-attr]
    # b is done on 2027-09-07, but six months in the junior role end on 2028-02-29
    assert schedule.milestone("ml-engineer").date == dt.date(2028, 2, 29)  # type: ignore[union-attr]
    # already a junior: six months from the plan's start
    reached = make_profile(
        graph,
        target="ml-engineer",
        start=dt.date(2027, 8, 30),
        current_stage="junior-ml-engineer",
        availability={"tue": ["19:00-21:00"]},
    )
    schedule = schedule_of(graph, reached)
    assert [m.stage for m in schedule.milestones] == ["ml-engineer"]
    assert schedule.milestones[0].date == dt.date(2028, 2, 29)


def test_a_session_ending_at_midnight_counts_for_its_own_day(build: Build, make_profile: MakeProfile) -> None:
    from planner.renderers.roadmap.json import roadmap_data

    graph = one_skill_graph(build, 2)
    profile = make_profile(graph, availability={"mon": ["22:00-24:00"]})
    data = roadmap_data(schedule_of(graph, profile))
    assert data["sessions"] == [
        {
            "item": "study",
            "kind": "study",
            "start": "2027-01-04T22:00:00+00:00",
            "end": "2027-01-05T00:00:00+00:00",
        }
    ]
    assert data["items"][0]["end"] == "2027-01-04"
    assert data["milestones"][0]["date"] == "2027-01-04"


# --- capacity bound, infeasible plans, deadline advice ------------------------------------


@pytest.mark.parametrize(
    "case",
    [
        ("Europe/Berlin", dt.date(2027, 3, 15), 6, {"sun": ["01:00-04:00"], "wed": ["19:00-21:30"]}),
        ("Australia/Sydney", dt.date(2027, 3, 29), 4.5, {"sun": ["02:00-03:30"], "mon": ["18:00-24:00"]}),
        ("America/New_York", dt.date(2027, 10, 25), 30, every_day("00:00-03:00")),
        ("Asia/Kolkata", dt.date(2026, 12, 28), 1, {"fri": ["06:30-07:30"]}),
        ("UTC", dt.date(2030, 1, 1), 0.5, {"sat": ["10:00-12:00"]}),
    ],
)
def test_finish_equals_the_capacity_bound_when_everything_is_half_hour_aligned(
    tiny_graph: CareerGraph,
    make_profile: MakeProfile,
    case: tuple[str, dt.date, float, dict[str, list[str]]],
) -> None:
    zone, start, hours, availability = case
    blackout = {"from": start + dt.timedelta(days=9), "to": start + dt.timedelta(days=20)}
    profile = make_profile(
        tiny_graph,
        target="ml-engineer",
        timezone=zone,
        start=start,
        hours_per_week=hours,
        availability=availability,
        blackouts=[blackout],
    )
    schedule = schedule_of(tiny_graph, profile)
    assert schedule.finish == capacity_bound(schedule.availability, start, schedule.plan.minutes)


def test_capacity_bound_of_nothing_is_none(tiny_graph: CareerGraph, make_profile: MakeProfile) -> None:
    profile = make_profile(tiny_graph)
    assert capacity_bound(Availability.from_profile(profile), dt.date(2027, 1, 4), 0) is None


def test_an_empty_plan_has_no_sessions(tiny_graph: CareerGraph, make_profile: MakeProfile) -> None:
    schedule = schedule_of(tiny_graph, make_profile(tiny_graph, current_stage="junior-ml-engineer"))
    assert schedule.sessions == ()
    assert schedule.milestones == ()
    assert schedule.finish is None


def test_plan_error_when_availability_holds_no_session(
    tiny_graph: CareerGraph, make_profile: MakeProfile
) -> None:
    with pytest.raises(PlanError) as info:
        schedule_of(tiny_graph, make_profile(tiny_graph, hours_per_week=0.25))
    assert str(info.value) == (
        "availability gives only 15 minutes a week (hours_per_week = 0.25, windows 6 h); at least "
        "30 minutes a week are needed to schedule anything"
    )


def test_plan_error_past_fifty_years(build: Build, make_profile: MakeProfile) -> None:
    graph = one_skill_graph(build, 100_000)
    with pytest.raises(PlanError) as info:
        schedule_of(graph, make_profile(graph, hours_per_week=1))
    assert str(info.value) == (
        "the plan holds 100,000.0 hours; at 1 h a week it would take about 1,916 years, past the "
        "limit of 50 years. Raise hours_per_week or add availability windows"
    )


def test_plan_error_when_blackouts_cover_fifty_years(build: Build, make_profile: MakeProfile) -> None:
    graph = one_skill_graph(build, 10)
    profile = make_profile(graph, blackouts=[{"from": dt.date(2027, 1, 1), "to": dt.date(2099, 1, 1)}])
    with pytest.raises(PlanError) as info:
        schedule_of(graph, profile)
    assert str(info.value) == (
        "the plan cannot be finished within 50 years of 2027-01-04: the blackouts (2027-01-01 to "
        "2099-01-01) take 18,264 of its 18,264 days; shorten them"
    )


def test_plan_error_names_the_blackouts_that_take_every_window(
    build: Build, make_profile: MakeProfile
) -> None:
    """Only Mondays are free, and every Monday is blacked out, one day at a time."""
    graph = one_skill_graph(build, 10)
    mondays = [{"from": dt.date(2027, 1, 4) + dt.timedelta(weeks=w)} for w in range(2_700)]
    profile = make_profile(graph, blackouts=mondays, availability={"mon": ["19:00-21:00"]})
    with pytest.raises(PlanError) as info:
        schedule_of(graph, profile)
    assert str(info.value) == (
        "the plan cannot be finished within 50 years of 2027-01-04: the blackouts (2027-01-04 to "
        "2027-01-04; 2027-01-11 to 2027-01-11; 2027-01-18 to 2027-01-18; and 2,607 more) take "
        "2,610 of its 18,264 days; shorten them"
    )


def test_blackouts_are_merged_into_ranges() -> None:
    """Regression: 18,000 one-day blackouts took 54 s, each day checked against each one."""
    days = [dt.date(2027, 1, 1) + dt.timedelta(days=d) for d in range(18_000)]
    blackouts = [Blackout(start=d, end=d) for d in reversed(days)]
    blackouts += [
        Blackout(start=dt.date(2080, 1, 1), end=dt.date(2080, 1, 9)),
        Blackout(start=dt.date(2080, 1, 5), end=dt.date(2080, 1, 6)),
    ]
    avail = Availability("UTC", 10, every_day_windows(), tuple(blackouts))
    assert avail.blackout_ranges == ((days[0], days[-1]), (dt.date(2080, 1, 1), dt.date(2080, 1, 9)))
    assert (
        avail.is_blackout(days[0]) and avail.is_blackout(days[-1]) and avail.is_blackout(dt.date(2080, 1, 9))
    )
    assert not avail.is_blackout(days[-1] + dt.timedelta(days=1))
    assert not avail.is_blackout(dt.date(2026, 12, 31)) and not avail.is_blackout(dt.date(2080, 1, 10))


def test_deadline_advice_gives_hours_that_really_meet_it(
    tiny_graph: CareerGraph, make_profile: MakeProfile
) -> None:
    profile = make_profile(
        tiny_graph, target="ml-engineer", hours_per_week=2, availability=every_day("18:00-22:00")
    )
    schedule = schedule_of(tiny_graph, profile)
    deadline = dt.date(2027, 3, 1)
    assert schedule.target_date is not None and schedule.target_date > deadline
    advice = advise_deadline(schedule, deadline)
    assert advice is not None
    assert advice.reached == schedule.target_date
    assert advice.hours_per_week is not None
    again = schedule_of(tiny_graph, profile, hours_per_week=advice.hours_per_week)
    assert again.target_date is not None and again.target_date <= deadline
    assert again.target_date == advice.reached_at_advice
    # and it is the least such budget in half-hour steps
    less = schedule_of(tiny_graph, profile, hours_per_week=advice.hours_per_week - 0.5)
    assert less.target_date is not None and less.target_date > deadline


def test_no_advice_when_the_deadline_is_met(tiny_graph: CareerGraph, make_profile: MakeProfile) -> None:
    schedule = schedule_of(tiny_graph, make_profile(tiny_graph))
    assert schedule.target_date is not None
    assert advise_deadline(schedule, schedule.target_date) is None


def test_advice_when_no_budget_within_the_windows_meets_the_deadline(
    tiny_graph: CareerGraph, make_profile: MakeProfile
) -> None:
    profile = make_profile(tiny_graph, hours_per_week=1, availability={"mon": ["19:00-21:00"]})
    schedule = schedule_of(tiny_graph, profile)
    advice = advise_deadline(schedule, dt.date(2027, 1, 20))
    assert advice is not None
    assert advice.hours_per_week is None
    assert advice.max_hours == 2.0
    everything = schedule_of(tiny_graph, profile, hours_per_week=2)
    assert advice.reached_at_advice == everything.target_date


def test_a_deadline_is_judged_under_the_rule_the_profile_uses(
    build: Build, skill: Callable[..., dict[str, Any]], make_profile: MakeProfile
) -> None:
    """The study for ML Engineer waits for the first job (and its two months of search)
    unless the profile studies ahead; the advice schedules under the profile's own rule."""
    graph = build(
        (
            "g.toml",
            {
                "skills": [skill("a", 20), skill("b", 20)],
                "stages": [
                    {"id": "junior-ml-engineer", "name": "Junior", "requires": ["a"], "job_search_months": 2},
                    {"id": "ml-engineer", "name": "ML Engineer", "requires": ["junior-ml-engineer", "b"]},
                ],
            },
        )
    )
    values = {"target": "ml-engineer", "hours_per_week": 5, "availability": every_day("18:00-22:00")}
    holding = schedule_of(graph, make_profile(graph, **values))
    ahead = schedule_of(graph, make_profile(graph, study_ahead=True, **values))
    junior = holding.milestone("junior-ml-engineer")
    assert junior is not None and holding.days()["b"][0] >= junior.date
    assert ahead.days()["b"][0] < junior.date
    assert ahead.target_date is not None and holding.target_date is not None
    deadline = ahead.target_date
    assert holding.target_date > deadline
    assert advise_deadline(ahead, deadline) is None
    advice = advise_deadline(holding, deadline)
    assert advice is not None and advice.hours_per_week is not None
    again = schedule_of(graph, make_profile(graph, **values), hours_per_week=advice.hours_per_week)
    assert again.target_date is not None and again.target_date <= deadline
    assert again.days()["b"][0] >= (again.milestone("junior-ml-engineer") or junior).date


# --- window instances are made lazily -----------------------------------------------------------


def half_hour_windows(count: int) -> list[str]:
    """``count`` half-hour windows a day, a minute apart (so none merge)."""
    return [
        f"{31 * i // 60:02}:{31 * i % 60:02}-{(31 * i + 30) // 60:02}:{(31 * i + 30) % 60:02}"
        for i in range(count)
    ]


@pytest.mark.parametrize("hours", [0.5, 0.99])
def test_a_week_whose_cap_is_reached_is_skipped_without_making_its_windows(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile], conversions: list[int], hours: float
) -> None:
    """Regression: with 46 half-hour windows a day at 0.5 h a week, every window of 48
    years was turned into UTC, though each week's half hour used the first one
    (roadmap 7.5 s, week and status 15 s). At 0.99 h a week the 29 minutes left after
    the first session hold no session either (the 30-minute rule), and such a week is
    passed over too (found by the fuzzer: 40 s)."""
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    profile = make_profile(
        tiny_graph,
        hours_per_week=hours,
        timezone="Europe/Berlin",
        availability=dict.fromkeys(days, half_hour_windows(46)),
    )
    schedule = schedule_plan(
        make_plan(tiny_graph, profile), Availability.from_profile(profile), start=dt.date(2027, 1, 4)
    )
    weeks = len(schedule.sessions)  # one half-hour session a week
    assert weeks == 60
    assert conversions[0] == 2 * weeks  # the first window of each week, nothing more (was 644 a week)
    if hours == 0.5:  # the capacity bound uses every minute the cap leaves
        bound = capacity_bound(schedule.availability, dt.date(2027, 1, 4), schedule.plan.minutes)
        assert bound == schedule.finish
        assert conversions[0] == 4 * weeks
