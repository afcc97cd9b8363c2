"""Use cases that follow a plan: the week ahead, where a person stands, and what they did."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from planner.errors import OutputError, PlanError, ProfileError
from planner.graph import CareerGraph
from planner.io.locking import edit_lock, edit_problem
from planner.io.writing import write_atomic
from planner.profile import check_profile, read_profile_data
from planner.profile.editing import ProgressUpdate, record_progress
from planner.records import Profile
from planner.reports.pace import as_planned, forecast, measure_pace, pace_hours
from planner.reports.status import make_status
from planner.reports.week import make_week
from planner.scheduling import Schedule
from planner.usecases.common import check_day, given, graph_or_shipped, today_for
from planner.usecases.plans import schedule_for
from planner.usecases.results import Status, Week, _promote


def _plans(graph: CareerGraph, profile: Profile, today: dt.date) -> tuple[Schedule, Schedule]:
    """The plan as made on its first day (the profile's ``start``, with what was recorded
    done since still to do), and the plan re-made from ``today``."""
    first_day, before = profile.start or today, as_planned(profile)
    original = schedule_for(graph, before, start=first_day)
    if first_day >= today and before is profile:
        return original, original
    return original, schedule_for(graph, profile, start=max(first_day, today))


def status(
    profile: Profile,
    *,
    graph: CareerGraph | None = None,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
    count: int = 5,
) -> Status:
    """Progress per stage; pace against the plan as first made, with each milestone at
    that pace; the next ``count`` sessions of the plan re-made from ``today`` (default:
    the day ``now`` falls on in the profile's zone); and what is overdue."""
    graph = graph_or_shipped(graph)
    check_day(today)
    today = today or today_for(profile, given(now))
    original, replanned = _plans(graph, profile, today)
    pace = measure_pace(graph, profile, today, planned=original)
    try:
        at_pace = schedule_for(graph, profile, start=replanned.start, hours_per_week=pace_hours(pace))
    except PlanError:  # too little history, or a pace too slow to plan with
        at_pace = None
    report = make_status(
        graph,
        profile,
        original=original,
        replanned=replanned,
        today=today,
        count=count,
        pace=pace,
        forecasts=forecast(at_pace, replanned, original),
    )
    return _promote(report, Status)


def week(
    profile: Profile,
    *,
    graph: CareerGraph | None = None,
    now: dt.datetime | None = None,
    start: dt.date | None = None,
    days: int | None = None,
) -> Week:
    """The sessions from ``start`` (default: today; the plan is re-made from it) to the
    end of its Monday–Sunday week, or for ``days`` days; what is overdue; the next milestone."""
    graph = graph_or_shipped(graph)
    check_day(start)
    first = start or today_for(profile, given(now))
    last = first + dt.timedelta(days=days - 1 if days else 6 - first.weekday())
    original, replanned = _plans(graph, profile, first)
    report = make_week(
        graph, original=original, replanned=replanned, first=first, last=last, profile_file=profile.source
    )
    return _promote(report, Week)


def done(
    path: str | Path,
    ids: Sequence[str],
    *,
    graph: CareerGraph | None = None,
    now: dt.datetime | None = None,
    fraction: float | None = None,
    on: dt.date | None = None,
) -> ProgressUpdate:
    """Record ``ids`` as done (or ``fraction`` done) in the profile file at ``path``,
    keeping its comments and layout; the file is rewritten only when it changes. Items
    done in full are recorded in ``[completed]`` with the day ``on`` (default: today in
    the profile's zone).

    The file is locked from reading to writing, so runs at the same time each add
    their ids. A symbolic link is followed and a hard-linked file rewritten in place,
    so every name of the profile sees the change.

    Raises
    ------
    ProfileError
        When the profile is invalid, read-only or not a regular file, or cannot be
        locked or written (a read-only folder, a full disk): then it is unchanged.
    """
    graph = graph_or_shipped(graph)
    path = Path(path)
    check_day(on, option="--on")
    problem = edit_problem(path)
    if problem is not None:
        raise ProfileError(str(path), problem)
    try:
        with edit_lock(path):
            data, text, is_json = read_profile_data(path)
            profile = check_profile(data, graph, file=str(path), text=text, is_json=is_json)
            update = record_progress(
                text,
                is_json=is_json,
                graph=graph,
                profile=profile,
                ids=list(ids),
                fraction=fraction,
                day=on or today_for(profile, given(now)),
            )
            if update.text != text:
                write_atomic(path, update.text.encode("utf-8"), keep_links=True)
    except OutputError as exc:  # the profile is this command's output: a problem with it is exit 2
        raise ProfileError(str(path), f"{exc.detail}; nothing was recorded") from None
    return update
