"""Use cases that plan: the roadmap and the calendar."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from planner.errors import CalendarError, ForeignCalendarError, OptionError, PlanError, SourceError
from planner.graph import CareerGraph
from planner.io.reading import read_limited
from planner.limits import MAX_CALENDAR_BYTES, MAX_HOURS_PER_WEEK
from planner.planning import make_plan
from planner.records import Profile
from planner.renderers.ical.previous import read_previous
from planner.renderers.pace import pace_note
from planner.renderers.phrases import asks_for
from planner.reports.pace import measure_pace, pace_hours
from planner.scheduling import Availability, Schedule, add_reviews, advise_deadline, schedule_plan
from planner.usecases.common import check_day, given, graph_or_shipped, today_for
from planner.usecases.results import Calendar, Roadmap
from planner.words import count

# --- the roadmap ---------------------------------------------------------------------------


def deadline_warnings(schedule: Schedule, profile: Profile) -> tuple[str, ...]:
    """The warning for a deadline the schedule misses, with the weekly hours that
    would meet it (verified by scheduling again), or nothing."""

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
        reasons = {"time_in_role": "time in role", "job_search": "the job search"}
        why = [reasons[w.reason] for w in limit.waits]
        verb = "is" if len(why) == 1 else "are"
        return (
            f"{head} More hours cannot help: {' and '.join(why)} {verb} the limit. The stage asks for "
            f"{asks_for(limit)}, so even with every skill ready at once it is reached on {limit.date} "
            "at the earliest.",
        )
    reach = (
        f"reach it only on {advice.reached_at_advice}" if advice.reached_at_advice else "not reach it in time"
    )
    return (
        f"{head} Even all {advice.max_hours:g} h of your weekly windows would {reach}; "
        f"meeting it needs about {advice.estimate:g} h/week, so add availability windows or "
        "move the deadline.",
    )


def availability_warnings(profile: Profile) -> tuple[str, ...]:
    """The warning for an ``hours_per_week`` the availability windows cannot hold (the
    plans then use what the windows hold), or nothing."""
    avail = Availability.from_profile(profile)
    if avail.window_minutes >= avail.cap_minutes:
        return ()
    held = avail.window_minutes / 60
    return (
        f"hours_per_week = {profile.hours_per_week:g}, but the availability windows hold only "
        f"{held:g} h a week, so the plan uses {held:g} h/week: add windows, or set "
        f"hours_per_week = {held:g}.",
    )


def schedule_for(
    graph: CareerGraph,
    profile: Profile,
    *,
    start: dt.date,
    target: str | None = None,
    hours_per_week: float | None = None,
    not_before: dt.datetime | None = None,
) -> Schedule:
    """Plan ``profile`` towards ``target`` (default: its own) and schedule it from
    ``start``, with the review sessions of its ``review_days``; no session in a window
    that has ended by ``not_before`` (the moment the plan is made at)."""
    plan = make_plan(graph, profile, target=target)
    avail = Availability.from_profile(profile, hours_per_week=hours_per_week)
    if not_before is not None:
        avail = dataclasses.replace(avail, not_before=not_before)
    schedule = schedule_plan(plan, avail, start=start)
    if not profile.review_days:
        return schedule
    finished = {n: day for n, day in profile.completed.items() if graph.kind(n) in ("skill", "project")}
    return add_reviews(schedule, profile.review_days, finished=finished)


def roadmap(
    profile: Profile,
    *,
    graph: CareerGraph | None = None,
    target: str | None = None,
    start: dt.date | None = None,
    now: dt.datetime | None = None,
    pace: bool = False,
) -> Roadmap:
    """The dated roadmap of ``profile``.

    Parameters
    ----------
    graph:
        The graph the profile was checked against (default: the shipped graph).
    target:
        A stage id, alias or name to aim at instead of the profile's target.
    start:
        The plan's first day (default: the profile's ``start``, else today in its zone),
        taken whole. Without it no session is planned in a window that has ended by
        ``now``: the roadmap's next session is never in the past.
    now:
        The current moment (the front doors fill it from the clock).
    pace:
        Plan at the pace measured from the profile's ``[completed]`` history instead
        of its ``hours_per_week``.

    A missed deadline is warned about only when the plan aims at the profile's own
    target (the deadline belongs to it).

    Raises
    ------
    UnknownIdError
        When ``target`` is not a stage.
    PlanError
        When the availability cannot hold the plan, or ``pace`` is asked for without
        enough history.
    """
    graph = graph_or_shipped(graph)
    now = given(now)
    if target is not None:
        target = graph.resolve(target, kinds=("stage",), what="stage", option="--target", names=True)
    check_day(start)
    first_day = start or profile.start or today_for(profile, now)
    hours_per_week: float | None = None
    notes: tuple[str, ...] = ()
    if pace:
        measured = measure_pace(graph, profile, today_for(profile, now))
        hours_per_week = pace_hours(measured, profile.source)
        notes = (pace_note(measured, profile.hours_per_week),)
    schedule = schedule_for(
        graph,
        profile,
        start=first_day,
        target=target,
        hours_per_week=hours_per_week,
        not_before=now if start is None else None,
    )
    own = target is None or target == profile.target
    warnings = availability_warnings(profile) + (deadline_warnings(schedule, profile) if own else ())
    return Roadmap(graph, profile, schedule, warnings, notes)


# --- the calendar ---------------------------------------------------------------------------


def read_previous_calendar(path: Path) -> dict[str, Any]:
    """The events of an earlier export, by UID.

    Raises
    ------
    OptionError
        When the file cannot be read.
    CalendarError
        When it is not an iCalendar file.
    """
    try:
        data = read_limited(
            path,
            MAX_CALENDAR_BYTES,
            shown=f"{MAX_CALENDAR_BYTES // 2**20} MiB, the most an earlier calendar may hold",
        )
    except OSError as exc:
        raise OptionError(f"cannot read {path}: {exc.strerror}", option="--previous") from None
    except SourceError as exc:
        raise CalendarError(f"{path}: {exc.detail}") from None
    return read_previous(data, file=str(path))


def calendar(
    profile: Profile,
    *,
    graph: CareerGraph | None = None,
    now: dt.datetime | None = None,
    previous: Path | None = None,
    target: str | None = None,
    start: dt.date | None = None,
    reminder: int | None = None,
    force: bool = False,
) -> Calendar:
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
    graph = graph_or_shipped(graph)
    now = given(now)
    old = read_previous_calendar(previous) if previous is not None else None
    if start is None and old is not None:
        today = today_for(profile, now)
        start = max(profile.start or today, today)
    planned = roadmap(profile, graph=graph, now=now, target=target, start=start)
    schedule = planned.schedule
    goal = graph.nodes[schedule.plan.target].name
    if not schedule.sessions and not old:
        raise PlanError(
            f"nothing to put in a calendar: {profile.name or 'the profile'} already meets every "
            f"requirement of {goal} ({schedule.plan.target}); no file written"
        )
    who = profile.name.strip() or "learner"
    from planner.renderers.ical.calendar import render_ical  # built on icalendar: calendars only

    def render(cancel_foreign: bool) -> bytes:
        return render_ical(
            schedule,
            graph,
            person=who,
            stamp=now,
            reminder=reminder,
            previous=old,
            calendar_name=f"Learning plan: {who} → {goal}",
            cancel_foreign=cancel_foreign,
        )

    warnings = planned.warnings
    try:
        data = render(cancel_foreign=False)
    except ForeignCalendarError as exc:
        foreign = (
            f"{previous} shares no event with {who}'s plan (is it another person's "
            f"calendar?): updating it cancels its {count(exc.events, 'future event')}"
        )
        if not force:
            raise OptionError(
                f"{foreign}; check the file, or add --force to cancel them", option="--previous"
            ) from None
        data = render(cancel_foreign=True)
        warnings += (f"{foreign}, as --force asks.",)
    return Calendar(
        data,
        len(schedule.sessions),
        len(schedule.milestones),
        len(schedule.reviews),
        warnings,
        person=who,
        target=schedule.plan.target,
        at_work=len(schedule.at_work),
    )
