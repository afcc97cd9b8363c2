"""Spaced review: 30-minute sessions some days after an item, in the time study leaves free."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.graph import CareerGraph, build_graph
from planner.planning import make_plan
from planner.profile import check_profile
from planner.records import Profile
from planner.scheduling import Availability, Review, Schedule, add_reviews, schedule_plan
from tests.scheduling.test_properties import _instant, _is_blackout, _windows, cases

UTC = dt.UTC


def scheduled(graph: CareerGraph, profile: Profile) -> Schedule:
    assert profile.start is not None
    return schedule_plan(make_plan(graph, profile), Availability.from_profile(profile), start=profile.start)


def at(day: str, clock: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}:00+00:00")


def test_a_review_takes_the_first_free_half_hour_of_its_due_day(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    # one 2-hour window a week and a cap above it: git (2 h) fills Monday 2027-01-04
    profile = make_profile(
        tiny_graph,
        target="junior-ml-engineer",
        known=["eda-report"],
        hours_per_week=20,
        availability={"mon": ["19:00-21:00"], "thu": ["19:00-21:00"]},
    )
    study = scheduled(tiny_graph, profile)
    assert [(s.item, s.start) for s in study.sessions] == [("git", at("2027-01-04", "19:00"))]
    reviewed = add_reviews(study, [3, 7])
    assert reviewed.reviews == (
        Review("git", at("2027-01-07", "19:00"), at("2027-01-07", "19:30"), 1, 2, due=dt.date(2027, 1, 7)),
        Review("git", at("2027-01-11", "19:00"), at("2027-01-11", "19:30"), 2, 2, due=dt.date(2027, 1, 11)),
    )
    assert (reviewed.sessions, reviewed.milestones) == (study.sessions, study.milestones)


def test_the_weekly_cap_moves_a_review_to_the_next_week(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    # a 2.5-hour cap: git's 2 hours leave 30 minutes that week, for one review only
    profile = make_profile(
        tiny_graph,
        known=["eda-report"],
        hours_per_week=2.5,
        availability={"mon": ["19:00-21:00"], "tue": ["19:00-21:00"]},
    )
    reviewed = add_reviews(scheduled(tiny_graph, profile), [1, 2])
    assert [(r.number, r.due, r.start) for r in reviewed.reviews] == [
        (1, dt.date(2027, 1, 5), at("2027-01-05", "19:00")),
        (2, dt.date(2027, 1, 6), at("2027-01-11", "19:00")),
    ]


def test_items_finished_before_the_plan_are_reviewed_and_past_reviews_left_out(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    profile = make_profile(
        tiny_graph, known=["eda-report", "git"], hours_per_week=10, availability={"mon": ["19:00-21:00"]}
    )
    study = scheduled(tiny_graph, profile)
    assert study.sessions == ()
    reviewed = add_reviews(study, [7, 30, 90], finished={"python": dt.date(2026, 12, 20)})
    # due 2026-12-27 (before the plan's start: past), 2027-01-19 and 2027-03-20
    assert [(r.item, r.number, r.of, r.start) for r in reviewed.reviews] == [
        ("python", 2, 3, at("2027-01-25", "19:00")),
        ("python", 3, 3, at("2027-03-22", "19:00")),
    ]


# --- properties -----------------------------------------------------------------------------


def check_reviews(study: Schedule, reviewed: Schedule, days: list[int], raw: dict[str, Any]) -> None:
    """Check reviews against the raw profile and the study sessions only."""
    zone = ZoneInfo(raw.get("timezone", "UTC"))
    assert reviewed.sessions == study.sessions and reviewed.milestones == study.milestones
    last_end: dict[str, dt.datetime] = {}
    last_day: dict[str, dt.date] = {}
    for s in study.sessions:
        last_end[s.item] = max(last_end.get(s.item, s.end), s.end)
        day = s.start.astimezone(zone).date()
        last_day[s.item] = max(last_day.get(s.item, day), day)
    wanted = sorted(set(days))
    assert sorted((r.item, r.number) for r in reviewed.reviews) == sorted(
        (item, n) for item in last_day for n in range(1, len(wanted) + 1)
    )
    for review in reviewed.reviews:
        assert review.kind == "review" and review.of == len(wanted)
        assert (review.end - review.start) == dt.timedelta(minutes=30)
        assert review.start >= last_end[review.item]
        assert review.due == last_day[review.item] + dt.timedelta(days=wanted[review.number - 1])
        day = review.start.astimezone(zone).date()
        assert day >= review.due
        assert not _is_blackout(day, raw)
        assert any(
            _instant(day, lo, zone) <= review.start and review.end <= _instant(day, hi, zone)
            for lo, hi in _windows(raw).get(day.weekday(), ())
        ), review
    everything = sorted((*study.sessions, *reviewed.reviews), key=lambda s: s.start)
    weeks: dict[dt.date, int] = defaultdict(int)
    for before, after in itertools.pairwise(everything):
        assert before.end <= after.start, (before, after)
    for s in everything:
        day = s.start.astimezone(zone).date()
        weeks[day - dt.timedelta(days=day.weekday())] += s.minutes
    assert max(weeks.values(), default=0) <= raw["hours_per_week"] * 60


@pytest.mark.slow
@given(cases(), st.lists(st.integers(1, 60), min_size=1, max_size=3))
def test_reviews_follow_their_item_last_30_minutes_keep_the_cap_and_never_move_a_milestone(
    case: tuple[dict[str, Any], dict[str, Any]], days: list[int]
) -> None:
    data, raw = case
    graph = build_graph([("random.toml", data, {})])
    profile = check_profile(raw, graph, file="random.toml")
    study = scheduled(graph, profile)
    check_reviews(study, add_reviews(study, days), days, raw)


# --- far-away reviews: made lazily, and none past the plan's 50 years ---------------------------


def test_a_review_past_the_plan_s_fifty_years_is_not_planned(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile], conversions: list[int]
) -> None:
    """Regression: `[completed]` in 2999 with `review_days = [3650]` made the placer build
    every window from 2027 to 3009: 66-76 s and 3.5 GB."""
    profile = make_profile(
        tiny_graph, known=["git"], availability={d: ["06:00-06:30", "19:00-21:00"] for d in ("mon", "sat")}
    )
    study = scheduled(tiny_graph, profile)
    made = conversions[0]
    reviewed = add_reviews(study, [3650], finished={"git": dt.date(2999, 1, 1)})
    assert [r.item for r in reviewed.reviews if r.item == "git"] == []
    assert len(reviewed.reviews) == len({s.item for s in study.sessions})  # the study's own reviews
    assert conversions[0] - made <= 2 * 2 * 2 * len(reviewed.reviews)  # at most the windows of their days


def test_a_review_due_decades_ahead_makes_only_the_windows_of_its_day(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile], conversions: list[int]
) -> None:
    profile = make_profile(tiny_graph, known=["eda-report", "git"], hours_per_week=1)
    study = scheduled(tiny_graph, profile)
    assert study.sessions == ()
    made = conversions[0]
    reviewed = add_reviews(study, [30], finished={"git": dt.date(2066, 6, 1)})  # due Thursday 1 July
    assert [(r.item, r.start) for r in reviewed.reviews] == [("git", at("2066-07-03", "09:00"))]
    assert conversions[0] - made == 2  # Saturday's one window: nothing before the due day is made
