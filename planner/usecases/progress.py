"""Use cases that follow a plan: status, the week, gaps, explain, done and init."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import PlanError, ProfileError
from planner.io.writing import edit_lock, edit_problem, write_atomic
from planner.planning import ChoiceResolver
from planner.profile import check_profile, read_profile_data
from planner.profile.editing import record_progress
from planner.profile.starter import starter_profile
from planner.reports.explain import explain_node
from planner.reports.pace import as_planned, forecast, measure_pace, pace_hours
from planner.reports.stages import stage_hours
from planner.reports.status import make_status
from planner.reports.week import make_week

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.profile.editing import ProgressUpdate
    from planner.records import Profile
    from planner.reports.explain import Explanation
    from planner.reports.stages import StageHours
    from planner.reports.status import Status
    from planner.reports.week import Week
    from planner.scheduling import Schedule

from planner.usecases.common import check_day, today_for
from planner.usecases.plans import roadmap_for, schedule_for

# --- where a person stands ------------------------------------------------------------------


def _plans(graph: CareerGraph, profile: Profile, today: dt.date) -> tuple[Schedule, Schedule]:
    """The plan as made on its first day (the profile's ``start``, with what was recorded
    done since still to do), and the plan re-made from ``today``."""

    first_day, before = profile.start or today, as_planned(profile)
    original = schedule_for(graph, before, start=first_day)
    if first_day >= today and before is profile:
        return original, original
    return original, schedule_for(graph, profile, start=max(first_day, today))


def status_for(
    graph: CareerGraph,
    profile: Profile,
    *,
    now: dt.datetime,
    today: dt.date | None = None,
    count: int = 5,
) -> Status:
    """Progress per stage; pace against the plan as first made, with each milestone at
    that pace; the next ``count`` sessions of the plan re-made from ``today`` (default:
    the day ``now`` falls on in the profile's zone); and what is overdue."""

    check_day(today)
    today = today or today_for(profile, now)
    original, replanned = _plans(graph, profile, today)
    pace = measure_pace(graph, profile, today, planned=original)
    try:
        at_pace = schedule_for(graph, profile, start=replanned.start, hours_per_week=pace_hours(pace))
    except PlanError:  # too little history, or a pace too slow to plan with
        at_pace = None
    return make_status(
        graph,
        profile,
        original=original,
        replanned=replanned,
        today=today,
        count=count,
        pace=pace,
        forecasts=forecast(at_pace, replanned, original),
    )


def week_for(
    graph: CareerGraph,
    profile: Profile,
    *,
    now: dt.datetime,
    start: dt.date | None = None,
    days: int | None = None,
) -> Week:
    """The sessions from ``start`` (default: today; the plan is re-made from it) to the
    end of its Monday–Sunday week, or for ``days`` days; what is overdue; the next milestone."""

    first = start or today_for(profile, now)
    last = first + dt.timedelta(days=days - 1 if days else 6 - first.weekday())
    original, replanned = _plans(graph, profile, first)
    return make_week(
        graph, original=original, replanned=replanned, first=first, last=last, profile_file=profile.source
    )


def gaps_for(graph: CareerGraph, profile: Profile) -> list[StageHours]:
    """Readiness for every stage: known, missing, hours missing."""

    return stage_hours(graph, resolver=ChoiceResolver.for_profile(graph, profile))


def explain_for(
    graph: CareerGraph, node: str, *, profile: Profile | None = None, now: dt.datetime
) -> Explanation:
    """What ``node`` needs and unlocks; with a profile, why it is (not) in the plan."""

    node_id = graph.resolve(node, option="ID", names=True)
    schedule = roadmap_for(graph, profile, now=now).schedule if profile is not None else None
    return explain_node(graph, node_id, profile=profile, schedule=schedule)


def record_done(
    path: Path,
    graph: CareerGraph,
    ids: Sequence[str],
    *,
    now: dt.datetime,
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
        When the profile is invalid, read-only or not a regular file.
    """

    problem = edit_problem(path)
    if problem is not None:
        raise ProfileError(str(path), problem)
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
            day=on or today_for(profile, now),
        )
        if update.text != text:
            write_atomic(path, update.text.encode("utf-8"), keep_links=True)
    return update


def starter_for(graph: CareerGraph, *, graph_option: str = "") -> str:
    """A commented starter profile whose ids are valid in ``graph``: aiming at ML
    Engineer and knowing Python where the graph has those, else aiming at its lowest
    stage and knowing nothing. ``graph_option`` (`` --graph DIR``) goes into the
    commands its comments suggest."""

    stages = [stage.id for stage in graph.stages]
    target, known, examples = "ml-engineer", ["python"], ["nlp", "pandas"]
    if not (
        all(n in graph.nodes for n in [*known, *examples])
        and target in graph.nodes
        and graph.kind(target) == "stage"
    ):
        work = sorted(n for n in graph.nodes if graph.kind(n) in ("skill", "project"))
        target, known, examples = stages[0], [], work[:2]
    return starter_profile(
        stages=stages, target=target, known=known, examples=examples, graph_option=graph_option
    )
