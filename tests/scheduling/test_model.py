"""The schedule's local views: the timeline in the learner's zone, and each item's days."""

from __future__ import annotations

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
