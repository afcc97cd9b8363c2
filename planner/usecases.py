"""Use cases: one function for each thing a person asks planner for.

Each function owns the decisions of its use case (which day a plan starts, when a
calendar update re-plans, which warnings apply) and returns plain results: text or
bytes to write, and warnings to show. The CLI parses its arguments, calls one of
these and writes what it returns; the Python API re-exports them, so a script and the
command line can never disagree.

Nothing here reads the clock or the environment: the caller passes ``now`` (an aware
datetime) and the cache folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.editing import ProgressUpdate
    from planner.graph import CareerGraph
    from planner.graph.cache import LoadedGraph
    from planner.models import Profile, Project, Skill
    from planner.scheduling import Schedule
    from planner.views.explain import Explanation
    from planner.views.stages import StageHours
    from planner.views.status import Status


def open_graph(folder: Path | None = None, *, cache_dir: Path | None = None) -> LoadedGraph:
    """Load the graph in ``folder`` (default: the shipped graph), through the compiled
    graph cache in ``cache_dir`` when one is given.

    A graph parsed from its files is not stored yet: call ``save()`` on the result
    when it suits (the command line does once its output is written). Only a folder
    parsed before is stored; the first parse leaves a mark.

    Raises
    ------
    GraphError
        With every problem found in the folder.
    """
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

    @property
    def milestones(self) -> tuple[Any, ...]:
        return self.schedule.milestones

    def to_dict(self) -> dict[str, Any]:
        """The roadmap as plain data (the JSON format of SPEC.md)."""
        from planner.exporters.json import roadmap_data

        return roadmap_data(self.schedule, name=self.profile.name)

    def render(self, fmt: str = "text") -> str:
        """The roadmap in one of :data:`planner.exporters.ROADMAP_FORMATS`."""
        from planner.exporters import ROADMAP_FORMATS

        return ROADMAP_FORMATS[fmt](self.schedule, self.profile.name)


def deadline_warnings(schedule: Schedule, profile: Profile) -> tuple[str, ...]:
    """The warning for a deadline the schedule misses, with the weekly hours that
    would meet it (verified by scheduling again), or nothing."""
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
    if advice.hours_per_week is not None:
        return (
            f"{head} {advice.hours_per_week:g} h/week would meet it (checked by scheduling "
            f"again: reached on {advice.reached_at_advice}).",
        )
    return (
        f"{head} Even all {advice.max_hours:g} h of your weekly windows would reach it only "
        f"on {advice.reached_at_advice}; meeting it needs about {advice.estimate:g} h/week, "
        "so add availability windows or move the deadline.",
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
    ``start``."""
    from planner.planning import make_plan
    from planner.scheduling import Availability, schedule_plan

    plan = make_plan(graph, profile, target=target)
    avail = Availability.from_profile(profile, hours_per_week=hours_per_week)
    return schedule_plan(plan, avail, start=start)


def roadmap_for(
    graph: CareerGraph,
    profile: Profile,
    *,
    now: dt.datetime,
    target: str | None = None,
    start: dt.date | None = None,
) -> Roadmap:
    """The dated roadmap of ``profile``.

    The plan starts on ``start``, else the profile's ``start``, else the day ``now``
    falls on in the profile's zone. A missed deadline is warned about only when the
    plan aims at the profile's own target (the deadline belongs to it).

    Raises
    ------
    UnknownIdError
        When ``target`` is not a stage id.
    PlanError
        When the availability cannot hold the plan.
    """
    if target is not None:
        target = graph.resolve(target, kinds=("stage",), what="stage", option="--target")
    first_day = start or profile.start or today_for(profile, now)
    schedule = schedule_for(graph, profile, start=first_day, target=target)
    own = target is None or target == profile.target
    return Roadmap(graph, profile, schedule, deadline_warnings(schedule, profile) if own else ())


# --- the calendar ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarExport:
    """An iCalendar file and what it holds."""

    data: bytes
    sessions: int
    milestones: int
    warnings: tuple[str, ...] = ()


def read_previous_calendar(path: Path) -> dict[str, Any]:
    """The events of an earlier export, by UID.

    Raises
    ------
    OptionError
        When the file cannot be read.
    CalendarError
        When it is not an iCalendar file.
    """
    from planner.errors import OptionError
    from planner.exporters.ical import read_previous

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OptionError(f"cannot read {path}: {exc.strerror}", option="--previous") from None
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
) -> CalendarExport:
    """The schedule of ``profile`` as an iCalendar file.

    Updating an earlier export (``previous``) re-plans from today, or from the
    profile's ``start`` when that is later, unless ``start`` is given: sessions that
    ended before then keep their place in the file.

    Raises
    ------
    PlanError
        When there is nothing to put in a calendar: no session and no earlier export.
    """
    from planner.errors import PlanError
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
    data = render_ical(schedule, graph, person=who, stamp=now, reminder=reminder, previous=old,
                       calendar_name=f"Learning plan: {who} → {goal}")
    return CalendarExport(data, len(schedule.sessions), len(schedule.milestones), roadmap.warnings)


# --- where a person stands ------------------------------------------------------------------


def status_for(
    graph: CareerGraph, profile: Profile, *, now: dt.datetime, today: dt.date | None = None,
    count: int = 5,
) -> Status:
    """Progress per stage, the next ``count`` sessions and what is overdue.

    The plan as first made runs from the profile's ``start``; what is left is
    re-planned from ``today`` (default: the day ``now`` falls on in the profile's
    zone). Before the plan's first day nothing can be overdue, so the first plan is
    the re-plan.
    """
    from planner.views.status import make_status

    today = today or today_for(profile, now)
    first_day = profile.start or today
    original = schedule_for(graph, profile, start=first_day)
    replanned = original if first_day >= today else schedule_for(graph, profile, start=today)
    return make_status(graph, profile, original=original, replanned=replanned, today=today,
                       count=count)


def gaps_for(graph: CareerGraph, profile: Profile) -> list[StageHours]:
    """Readiness for every stage: known, missing, hours missing."""
    from planner.planning import known_closure
    from planner.views.stages import stage_hours

    return stage_hours(graph, known=known_closure(graph, profile), progress=profile.progress)


def explain_for(
    graph: CareerGraph, node: str, *, profile: Profile | None = None, now: dt.datetime
) -> Explanation:
    """What ``node`` needs and unlocks; with a profile, why it is (not) in the plan."""
    from planner.views.explain import explain_node

    node_id = graph.resolve(node, option="ID")
    schedule = roadmap_for(graph, profile, now=now).schedule if profile is not None else None
    return explain_node(graph, node_id, profile=profile, schedule=schedule)


def record_done(
    path: Path, graph: CareerGraph, ids: Sequence[str], *, fraction: float | None = None
) -> ProgressUpdate:
    """Record ``ids`` as done (or ``fraction`` done) in the profile file at ``path``,
    keeping its comments and layout; the file is rewritten only when it changes."""
    from planner.editing import record_progress
    from planner.files import write_atomic
    from planner.profile import check_profile, read_profile_data

    data, text, is_json = read_profile_data(path)
    profile = check_profile(data, graph, file=str(path), text=text, is_json=is_json)
    update = record_progress(text, is_json=is_json, graph=graph, profile=profile, ids=list(ids),
                             fraction=fraction)
    if update.text != text:
        write_atomic(path, update.text.encode("utf-8"))
    return update


# --- the catalogue ----------------------------------------------------------------------------


def stage_table(graph: CareerGraph) -> list[StageHours]:
    """Every stage, lowest rung first, with what it needs from scratch."""
    from planner.views.stages import stage_hours

    return stage_hours(graph)


def skills_in(graph: CareerGraph, category: str | None = None) -> list[Skill | Project]:
    """The skills and projects, by category then id; only ``category`` when given.

    Raises
    ------
    OptionError
        When no skill or project has that category.
    """
    from planner.errors import OptionError, did_you_mean

    work = [n for n in graph.nodes.values() if n.kind != "stage"]
    categories = sorted({n.category for n in work})
    if category is not None and category not in categories:
        hint = did_you_mean(category, categories) or f" (valid: {', '.join(categories)})"
        raise OptionError(f"unknown category '{category}'{hint}", option="--category")
    return sorted(
        (n for n in work if category is None or n.category == category),
        key=lambda n: (n.category, n.id),
    )


@dataclass(frozen=True)
class Validation:
    """What ``planner validate`` found in a valid graph folder."""

    folder: Path
    counts: dict[str, int]
    edges: int
    warnings: tuple[str, ...] = ()

    def summary(self) -> str:
        def count(n: int, noun: str) -> str:
            return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

        nodes = sum(self.counts.values())
        return (
            f"OK: {self.folder}: {count(nodes, 'node')} ({count(self.counts['skill'], 'skill')}, "
            f"{count(self.counts['project'], 'project')}, {count(self.counts['stage'], 'stage')}), "
            f"{count(self.edges, 'prerequisite edge')}"
        )


def validate_folder(folder: Path | None = None, *, cache_dir: Path | None = None) -> Validation:
    """Check a graph folder (default: the shipped one).

    Raises
    ------
    GraphError
        With every problem found.
    """
    from planner.graph import shipped_graph_dir

    folder = folder or shipped_graph_dir()
    loaded = open_graph(folder, cache_dir=cache_dir)
    loaded.save()
    graph = loaded.graph
    counts = {kind: 0 for kind in ("skill", "project", "stage")}
    for node_id in graph.nodes:
        counts[graph.kind(node_id)] += 1
    edges = sum(len(p) for p in graph.pred.values())
    return Validation(folder, counts, edges, loaded.warnings)


# --- pictures ----------------------------------------------------------------------------------


def graph_picture(
    graph: CareerGraph,
    *,
    fmt: str,
    now: dt.datetime,
    profile: Profile | None = None,
    focus: str | None = None,
    stage: str | None = None,
) -> str | bytes:
    """The career graph in ``fmt`` (:data:`planner.visualizers.GRAPH_FORMATS`), with
    the profile's position on it when one is given."""
    from planner.visualizers import GRAPH_FORMATS
    from planner.visualizers.view import GraphView

    # GraphView checks stage and focus (with graph.resolve, like every typed id).
    schedule = roadmap_for(graph, profile, now=now).schedule if profile is not None else None
    view = GraphView.from_graph(graph, schedule=schedule, stage=stage, focus=focus,
                                person=profile.name if profile is not None else "")
    return GRAPH_FORMATS[fmt](view)
