"""Use cases: one function for each thing a person asks planner for.

Each function owns the decisions of its use case (which day a plan starts, when a
calendar update re-plans, which warnings apply) and returns plain results: text or
bytes to write, and warnings to show. The CLI parses its arguments, calls one of
these and writes what it returns; the Python API re-exports them, so a script and the
command line can never disagree.

Nothing here reads the clock or the environment: the caller passes ``now`` (an aware
datetime) and the cache folder. The use cases that read the catalogue (stages, skills,
validation, the picture of the graph) live in :mod:`planner.usecases.catalogue` and are
re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.usecases.catalogue import Validation as Validation
from planner.usecases.catalogue import graph_picture as graph_picture
from planner.usecases.catalogue import skills_in as skills_in
from planner.usecases.catalogue import stage_table as stage_table
from planner.usecases.catalogue import validate_folder as validate_folder

if TYPE_CHECKING:
    from planner.editing import ProgressUpdate
    from planner.graph import CareerGraph
    from planner.models import Profile
    from planner.scheduling import Schedule
    from planner.views.explain import Explanation
    from planner.views.stages import StageHours
    from planner.views.status import Status
    from planner.views.terminal import Terminal
    from planner.views.week import Week


def open_graph(folder: Path | None = None, *, cache_dir: Path | None = None) -> CareerGraph:
    """Load the graph in ``folder`` (default: the shipped graph), through the compiled
    graph cache in ``cache_dir`` when one is given."""
    from planner.graph import shipped_graph_dir
    from planner.graph.cache import load_graph_cached

    return load_graph_cached(folder or shipped_graph_dir(), cache_dir)


def open_profile(path: Path, graph: CareerGraph) -> Profile:
    """Read the profile at ``path`` and check it against ``graph``."""
    from planner.profile import load_profile

    return load_profile(path, graph)


def today_for(profile: Profile, now: dt.datetime) -> dt.date:
    """The day ``now`` falls on in the profile's time zone."""
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(profile.timezone)).date()


def check_day(day: dt.date | None, option: str = "--from") -> None:
    """Refuse a day given for ``option`` outside the dates a profile may use.

    Raises
    ------
    OptionError
        Naming the day and the valid range.
    """
    from planner.errors import OptionError
    from planner.limits import MAX_DATE, MIN_DATE

    if day is not None and not MIN_DATE <= day <= MAX_DATE:
        raise OptionError(f"{day} is out of range; dates run from {MIN_DATE} to {MAX_DATE}",
                          option=option)


# --- the roadmap ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Roadmap:
    """A profile's plan placed in time, with the warnings it deserves.

    ``to_dict()`` is exactly what ``planner roadmap --format json`` prints.
    """

    graph: CareerGraph = field(repr=False)
    profile: Profile = field(repr=False)
    schedule: Schedule
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def milestones(self) -> tuple[Any, ...]:
        return self.schedule.milestones

    def to_dict(self) -> dict[str, Any]:
        """The roadmap as plain data (the JSON format of SPEC.md)."""
        from planner.exporters.json import roadmap_data

        return roadmap_data(self.schedule, name=self.profile.name, warnings=self.warnings)

    def render(self, fmt: str = "text", terminal: Terminal | None = None) -> str:
        """The roadmap in one of :data:`planner.exporters.ROADMAP_FORMATS`, for
        ``terminal`` (default: a file: no width limit)."""
        from planner.exporters import ROADMAP_FORMATS
        from planner.views.terminal import PLAIN

        return ROADMAP_FORMATS[fmt](self.schedule, self.profile.name, self.warnings, terminal or PLAIN)


def deadline_warnings(schedule: Schedule, profile: Profile) -> tuple[str, ...]:
    """The warning for a deadline the schedule misses, with the weekly hours that
    would meet it (verified by scheduling again), or nothing."""
    from planner.limits import MAX_HOURS_PER_WEEK
    from planner.scheduling import advise_deadline

    if profile.deadline is None:
        return ()
    advice = advise_deadline(schedule, profile.deadline)
    if advice is None:
        return ()
    hours = schedule.availability.hours_per_week
    head = (
        f"the deadline {advice.deadline} cannot be met at {hours:g} h/week: "
        f"{schedule.plan.target} will be reached on {advice.reached}."
    )
    if advice.deadline < schedule.start:
        return (f"{head} The deadline is before the plan starts ({schedule.start}); move it.",)
    if advice.estimate > MAX_HOURS_PER_WEEK:
        return (
            f"{head} No weekly budget can meet it: the {schedule.plan.minutes / 60:,g} h of work "
            f"left do not fit in the time until {advice.deadline}, even around the clock; move "
            "the deadline.",
        )
    if advice.hours_per_week is not None:
        return (
            f"{head} {advice.hours_per_week:g} h/week would meet it (checked by scheduling "
            f"again: reached on {advice.reached_at_advice}).",
        )
    limit = advice.role_limit
    if limit is not None:
        return (
            f"{head} More hours cannot help: time in role is the limit. The stage asks for "
            f"{limit.months} months as {limit.previous_name}, so even with every skill ready at "
            f"once it is reached on {limit.date} at the earliest.",
        )
    reach = (f"reach it only on {advice.reached_at_advice}" if advice.reached_at_advice
             else "not reach it in time")
    return (
        f"{head} Even all {advice.max_hours:g} h of your weekly windows would {reach}; "
        f"meeting it needs about {advice.estimate:g} h/week, so add availability windows or "
        "move the deadline.",
    )


def schedule_for(
    graph: CareerGraph,
    profile: Profile,
    *,
    start: dt.date,
    target: str | None = None,
    hours_per_week: float | None = None,
) -> Schedule:
    """Plan ``profile`` towards ``target`` (default: its own) and schedule it from
    ``start``, with the review sessions of its ``review_days``."""
    from planner.planning import make_plan
    from planner.scheduling import Availability, add_reviews, schedule_plan

    plan = make_plan(graph, profile, target=target)
    avail = Availability.from_profile(profile, hours_per_week=hours_per_week)
    schedule = schedule_plan(plan, avail, start=start)
    if not profile.review_days:
        return schedule
    finished = {n: day for n, day in profile.completed.items() if graph.kind(n) in ("skill", "project")}
    return add_reviews(schedule, profile.review_days, finished=finished)


def roadmap_for(
    graph: CareerGraph,
    profile: Profile,
    *,
    now: dt.datetime,
    target: str | None = None,
    start: dt.date | None = None,
    pace: bool = False,
) -> Roadmap:
    """The dated roadmap of ``profile``.

    The plan starts on ``start``, else the profile's ``start``, else the day ``now``
    falls on in the profile's zone. With ``pace`` it is made at the pace measured from
    the profile's ``[completed]`` history instead of its ``hours_per_week``. A missed
    deadline is warned about only when the plan aims at the profile's own target (the
    deadline belongs to it).

    Raises
    ------
    UnknownIdError
        When ``target`` is not a stage id.
    PlanError
        When the availability cannot hold the plan, or ``pace`` is asked for without
        enough history.
    """
    from planner.views.pace import measure_pace, pace_hours, pace_note

    if target is not None:
        target = graph.resolve(target, kinds=("stage",), what="stage", option="--target", names=True)
    check_day(start)
    first_day = start or profile.start or today_for(profile, now)
    measured = measure_pace(graph, profile, today_for(profile, now)) if pace else None
    schedule = schedule_for(graph, profile, start=first_day, target=target,
                            hours_per_week=pace_hours(measured) if measured else None)
    own = target is None or target == profile.target
    notes = (pace_note(measured, profile.hours_per_week),) if measured else ()
    return Roadmap(graph, profile, schedule, deadline_warnings(schedule, profile) if own else (), notes)


# --- the calendar ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarExport:
    """An iCalendar file and what it holds."""

    data: bytes
    sessions: int
    milestones: int
    warnings: tuple[str, ...] = ()
    reviews: int = 0


def read_previous_calendar(path: Path) -> dict[str, Any]:
    """The events of an earlier export, by UID.

    Raises
    ------
    OptionError
        When the file cannot be read.
    CalendarError
        When it is not an iCalendar file.
    """
    from planner.errors import CalendarError, OptionError, SourceError
    from planner.exporters.ical import read_previous
    from planner.limits import MAX_CALENDAR_BYTES
    from planner.sources import read_limited

    try:
        data = read_limited(path, MAX_CALENDAR_BYTES,
                            shown=f"{MAX_CALENDAR_BYTES // 2**20} MiB, the most an earlier calendar may hold")
    except OSError as exc:
        raise OptionError(f"cannot read {path}: {exc.strerror}", option="--previous") from None
    except SourceError as exc:
        raise CalendarError(f"{path}: {exc.detail}") from None
    return read_previous(data, file=str(path))


def calendar_for(
    graph: CareerGraph,
    profile: Profile,
    *,
    now: dt.datetime,
    previous: Path | None = None,
    target: str | None = None,
    start: dt.date | None = None,
    reminder: int | None = None,
    force: bool = False,
) -> CalendarExport:
    """The schedule of ``profile`` as an iCalendar file.

    Updating an earlier export (``previous``) re-plans from today, or from the
    profile's ``start`` when that is later, unless ``start`` is given: sessions that
    ended before then keep their place in the file. An earlier export that shares no
    event with this plan (another person's?) has its future events cancelled only
    with ``force``, and then with a warning.

    Raises
    ------
    PlanError
        When there is nothing to put in a calendar: no session and no earlier export.
    OptionError
        When ``previous`` shares no event with the plan, and ``force`` is not given.
    """
    from planner.errors import ForeignCalendarError, OptionError, PlanError
    from planner.exporters.ical import render_ical

    old = read_previous_calendar(previous) if previous is not None else None
    if start is None and old is not None:
        today = today_for(profile, now)
        start = max(profile.start or today, today)
    roadmap = roadmap_for(graph, profile, now=now, target=target, start=start)
    schedule = roadmap.schedule
    goal = graph.nodes[schedule.plan.target].name
    if not schedule.sessions and not old:
        raise PlanError(
            f"nothing to put in a calendar: {profile.name or 'the profile'} already meets every "
            f"requirement of {goal} ({schedule.plan.target}); no file written"
        )
    who = profile.name.strip() or "learner"

    def render(cancel_foreign: bool) -> bytes:
        return render_ical(schedule, graph, person=who, stamp=now, reminder=reminder, previous=old,
                           calendar_name=f"Learning plan: {who} → {goal}",
                           cancel_foreign=cancel_foreign)

    warnings = roadmap.warnings
    try:
        data = render(cancel_foreign=False)
    except ForeignCalendarError as exc:
        foreign = (f"{previous} shares no event with {who}'s plan (is it another person's "
                   f"calendar?): updating it cancels its {exc.events} future event(s)")
        if not force:
            raise OptionError(f"{foreign}; check the file, or add --force to cancel them",
                              option="--previous") from None
        data = render(cancel_foreign=True)
        warnings += (f"{foreign}, as --force asks.",)
    return CalendarExport(data, len(schedule.sessions), len(schedule.milestones), warnings,
                          len(schedule.reviews))


# --- where a person stands ------------------------------------------------------------------


def _plans(graph: CareerGraph, profile: Profile, today: dt.date) -> tuple[Schedule, Schedule]:
    """The plan as made on its first day (the profile's ``start``, with what was recorded
    done since still to do), and the plan re-made from ``today``."""
    from planner.views.pace import as_planned

    first_day, before = profile.start or today, as_planned(profile)
    original = schedule_for(graph, before, start=first_day)
    if first_day >= today and before is profile:
        return original, original
    return original, schedule_for(graph, profile, start=max(first_day, today))


def status_for(
    graph: CareerGraph, profile: Profile, *, now: dt.datetime, today: dt.date | None = None,
    count: int = 5,
) -> Status:
    """Progress per stage; pace against the plan as first made, with each milestone at
    that pace; the next ``count`` sessions of the plan re-made from ``today`` (default:
    the day ``now`` falls on in the profile's zone); and what is overdue."""
    from planner.errors import PlanError
    from planner.views.pace import forecast, measure_pace, pace_hours
    from planner.views.status import make_status

    check_day(today)
    today = today or today_for(profile, now)
    original, replanned = _plans(graph, profile, today)
    pace = measure_pace(graph, profile, today, planned=original)
    try:
        at_pace = schedule_for(graph, profile, start=replanned.start, hours_per_week=pace_hours(pace))
    except PlanError:  # too little history, or a pace too slow to plan with
        at_pace = None
    return make_status(graph, profile, original=original, replanned=replanned, today=today,
                       count=count, pace=pace, forecasts=forecast(at_pace, replanned, original))


def week_for(
    graph: CareerGraph, profile: Profile, *, now: dt.datetime, start: dt.date | None = None,
    days: int | None = None,
) -> Week:
    """The sessions from ``start`` (default: today; the plan is re-made from it) to the
    end of its Monday–Sunday week, or for ``days`` days; what is overdue; the next milestone."""
    from planner.views.week import make_week

    first = start or today_for(profile, now)
    last = first + dt.timedelta(days=days - 1 if days else 6 - first.weekday())
    original, replanned = _plans(graph, profile, first)
    return make_week(graph, original=original, replanned=replanned, first=first, last=last,
                     profile_file=profile.source)


def gaps_for(graph: CareerGraph, profile: Profile) -> list[StageHours]:
    """Readiness for every stage: known, missing, hours missing."""
    from planner.planning import ChoiceResolver
    from planner.views.stages import stage_hours

    return stage_hours(graph, resolver=ChoiceResolver.for_profile(graph, profile))


def explain_for(
    graph: CareerGraph, node: str, *, profile: Profile | None = None, now: dt.datetime
) -> Explanation:
    """What ``node`` needs and unlocks; with a profile, why it is (not) in the plan."""
    from planner.views.explain import explain_node

    node_id = graph.resolve(node, option="ID", names=True)
    schedule = roadmap_for(graph, profile, now=now).schedule if profile is not None else None
    return explain_node(graph, node_id, profile=profile, schedule=schedule)


def record_done(
    path: Path, graph: CareerGraph, ids: Sequence[str], *, now: dt.datetime,
    fraction: float | None = None, on: dt.date | None = None,
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
    from planner.editing import record_progress
    from planner.errors import ProfileError
    from planner.files import edit_lock, edit_problem, write_atomic
    from planner.profile import check_profile, read_profile_data

    problem = edit_problem(path)
    if problem is not None:
        raise ProfileError(str(path), problem)
    with edit_lock(path):
        data, text, is_json = read_profile_data(path)
        profile = check_profile(data, graph, file=str(path), text=text, is_json=is_json)
        update = record_progress(text, is_json=is_json, graph=graph, profile=profile, ids=list(ids),
                                 fraction=fraction, day=on or today_for(profile, now))
        if update.text != text:
            write_atomic(path, update.text.encode("utf-8"), keep_links=True)
    return update


def starter_for(graph: CareerGraph, *, graph_option: str = "") -> str:
    """A commented starter profile whose ids are valid in ``graph``: aiming at ML
    Engineer and knowing Python where the graph has those, else aiming at its lowest
    stage and knowing nothing. ``graph_option`` (`` --graph DIR``) goes into the
    commands its comments suggest."""
    from planner.starter import starter_profile

    stages = [stage.id for stage in graph.stages]
    target, known, examples = "ml-engineer", ["python"], ["nlp", "pandas"]
    if not (all(n in graph.nodes for n in [*known, *examples])
            and target in graph.nodes and graph.kind(target) == "stage"):
        work = sorted(n for n in graph.nodes if graph.kind(n) in ("skill", "project"))
        target, known, examples = stages[0], [], work[:2]
    return starter_profile(stages=stages, target=target, known=known, examples=examples,
                           graph_option=graph_option)
