"""The schedule's local views: the timeline in the learner's zone, and each item's days."""

from __future__ import annotations

import datetime as dt

from tests.renderers.support import ROADMAP_GRAPH, schedule_of


def test_local_timeline_is_the_timeline_in_the_zone() -> None:
    schedule = schedule_of(ROADMAP_GRAPH)[1]
    zone = schedule.zone
    local = schedule.local_timeline()
    assert [s for s, _, _ in local] == list(schedule.timeline)
    assert all(
        (start, end) == (s.start.astimezone(zone), s.end.astimezone(zone)) and start.tzinfo is zone
        for s, start, end in local
    )


def test_days_from_the_local_timeline_count_study_only() -> None:
    schedule = schedule_of(ROADMAP_GRAPH)[1]
    assert schedule.reviews
    assert schedule.days(schedule.local_timeline()) == schedule.days()


def test_days_are_the_first_and_last_local_days_of_each_items_study() -> None:
    schedule = schedule_of(ROADMAP_GRAPH)[1]
    zone = schedule.zone
    local: dict[str, list[dt.date]] = {}
    for s in schedule.sessions:
        local.setdefault(s.item, []).append(s.start.astimezone(zone).date())
    expected = {item: (min(days), max(days)) for item, days in local.items()}
    assert schedule.days() == expected
    backwards = schedule._replace(sessions=schedule.sessions[::-1])
    assert backwards.days() == expected
