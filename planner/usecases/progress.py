"""Use cases that follow a plan: the week ahead, where a person stands, and what they did."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from planner.errors import OutputError, PlanError, ProfileError
from planner.graph import CareerGraph
from planner.io.locking import edit_lock, edit_problem
from planner.io.writing import write_atomic
from planner.profile import check_profile, parse_profile, read_profile_data
from planner.profile.editing import ProgressUpdate, record_progress
from planner.profile.updating import ProfileEdit, edit_text
from planner.records import Profile
from planner.reports.pace import as_planned, forecast, measure_pace, pace_hours
from planner.reports.status import make_status
from planner.reports.week import make_week
from planner.scheduling import Schedule
from planner.usecases.common import check_day, given, graph_or_shipped, today_for
from planner.usecases.plans import availability_warnings, schedule_for
from planner.usecases.results import Status, Week, _promote


def _plans(
    graph: CareerGraph, profile: Profile, today: dt.date, now: dt.datetime | None = None
) -> tuple[Schedule, Schedule]:
    """The plan as made on its first day (the profile's ``start``, with what was recorded
    done since still to do), and the plan re-made from ``today``; with ``now`` (when
    today is the clock's), the re-made plan has no session in a window already over."""
    first_day, before = profile.start or today, as_planned(profile)
    original = schedule_for(graph, before, start=first_day)
    if before is profile and (first_day > today or (first_day == today and now is None)):
        return original, original  # nothing to re-make: the same plan from the same day
    return original, schedule_for(graph, profile, start=max(first_day, today), not_before=now)


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
    clock = None if today is not None else given(now)  # a day given is taken whole
    today = today or today_for(profile, given(now))
    original, replanned = _plans(graph, profile, today, clock)
    pace = measure_pace(graph, profile, today, planned=original)
    try:
        hours = pace_hours(pace, profile.source)
        at_pace = schedule_for(graph, profile, start=replanned.start, hours_per_week=hours)
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
        now=clock,
    )
    return _promote(report._replace(warnings=availability_warnings(profile)), Status)


def week(
    profile: Profile,
    *,
    graph: CareerGraph | None = None,
    now: dt.datetime | None = None,
    start: dt.date | None = None,
    days: int | None = None,
) -> Week:
    """The sessions from ``start`` (default: today; the plan is re-made from it) to the
    end of its Monday–Sunday week (on a Sunday: to the end of the next week), or for
    ``days`` days; what is overdue; the next milestone. Without ``start`` no session
    is in a window already over at ``now``."""
    graph = graph_or_shipped(graph)
    check_day(start)
    clock = None if start is not None else given(now)  # a day given is taken whole
    first = start or today_for(profile, given(now))
    last = first + dt.timedelta(days=days - 1 if days else _rest_of_week(first))
    original, replanned = _plans(graph, profile, first, clock)
    report = make_week(
        graph,
        original=original,
        replanned=replanned,
        first=first,
        last=last,
        profile_file=profile.source,
        now=clock,
    )
    return _promote(report._replace(warnings=availability_warnings(profile)), Week)


def _rest_of_week(first: dt.date) -> int:
    """Days after ``first`` to the end of its Monday-Sunday week; on a Sunday, to the
    end of the next week, so the days shown are never that Sunday alone."""
    return 6 - first.weekday() if first.weekday() < 6 else 7


def done(
    path: str | Path,
    ids: Sequence[str],
    *,
    graph: CareerGraph | None = None,
    now: dt.datetime | None = None,
    fraction: float | None = None,
    on: dt.date | None = None,
    confirm: Callable[[ProgressUpdate], bool] | None = None,
) -> ProgressUpdate:
    """Record ``ids`` as done (or ``fraction`` done) in the profile file at ``path``,
    keeping its comments and layout; the file is rewritten only when it changes. Items
    done in full are recorded in ``[completed]`` with the day ``on`` (default: today in
    the profile's zone).

    ``confirm``, when given, sees the change before it is written (what is recorded,
    and the prerequisites it counts as known) and writes it only when it returns True;
    the file stays locked meanwhile, so what it saw is what is written.

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
            if update.text != text and (confirm is None or confirm(update)):
                write_atomic(path, update.text.encode("utf-8"), keep_links=True)
    except OutputError as exc:  # the profile is this command's output: a problem with it is exit 2
        raise ProfileError(str(path), f"{exc.detail}; nothing was recorded") from None
    return update


class ProfileChange(NamedTuple):
    """What :func:`edit_profile` changed."""

    text: str
    """The profile file's content after the edit."""
    changed: tuple[str, ...]
    """The keys whose values changed (none: the file was not written)."""
    profile: Profile
    """The profile as checked after the edit."""


def edit_profile(
    path: str | Path,
    values: Mapping[str, Any] | None = None,
    *,
    learned: Iterable[str] = (),
    unlearned: Iterable[str] = (),
    graph: CareerGraph | None = None,
) -> ProfileChange:
    """Set ``values`` (key → value; None removes the key) in the profile file at
    ``path``, and tick ``learned`` or untick ``unlearned`` items in what it knows,
    keeping the file's comments and layout (see :mod:`planner.profile.updating`).

    The edited profile is checked as ``planner`` would read it before anything is
    written, so the file is never left invalid; it is rewritten only when it changes,
    under the same lock as :func:`done`. The file's current content need not be valid
    (this is how a form fixes it), but it must parse.

    Raises
    ------
    ProfileError
        When the file cannot be read or parsed, cannot be edited in place, or the
        edited profile is invalid (the message is the one ``planner`` gives for it).
    """
    graph = graph_or_shipped(graph)
    path = Path(path)
    problem = edit_problem(path)
    if problem is not None:
        raise ProfileError(str(path), problem)
    edit = ProfileEdit(dict(values or {}), frozenset(learned), frozenset(unlearned))
    with edit_lock(path):
        data, text, is_json = read_profile_data(path)
        new_text, changed = edit_text(text, is_json=is_json, graph=graph, data=data, edit=edit)
        new_data, _, _ = parse_profile(new_text.encode("utf-8"), file=str(path), suffix=path.suffix)
        profile = check_profile(new_data, graph, file=str(path), text=new_text, is_json=is_json)
        if new_text != text:
            write_atomic(path, new_text.encode("utf-8"), keep_links=True)
    return ProfileChange(new_text, changed, profile)
