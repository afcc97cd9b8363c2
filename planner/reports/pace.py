"""How fast a learner really goes, and where that pace leads.

The measurement, as the README documents it:

- **what counts as done**: the skills and projects recorded in the profile's
  ``[completed]`` table (``planner done`` writes the day), each with its full hours
  from the graph, on the day it was recorded. Partial progress has no day, so it
  counts when the item is done; known items without a day never count;
- **the window**: the last :data:`PACE_WEEKS` weeks up to and including today, or
  from the plan's ``start`` when that is later: never before the plan began;
- **too little history**: a window shorter than :data:`MIN_PACE_DAYS` days gives no
  pace and no forecast, and so does a profile without ``start`` (its plan starts
  afresh every day, so it has no history; ``planner init`` writes one);
- **the plan's side**: the hours of the study sessions the plan, as it was made on its
  first day (:func:`as_planned`), put in the same window, and from its first day to
  today (what it expected by now).
"""

from __future__ import annotations

import datetime as dt
from typing import Final, NamedTuple

from planner.errors import PlanError
from planner.graph import CareerGraph
from planner.limits import MAX_HOURS_PER_WEEK
from planner.records import Profile
from planner.scheduling import Schedule
from planner.words import done_command

PACE_WEEKS: Final = 8
"""The weeks of history the pace is measured over."""
MIN_PACE_DAYS: Final = 14
"""The least history that gives a pace."""
NO_START: Final = (
    "the profile has no start, so its plan begins again every day and has no history; "
    "add `start = YYYY-MM-DD` (the day you began) to measure your pace from then"
)


class Pace(NamedTuple):
    """What was done in the window, against what the plan expected."""

    since: dt.date
    until: dt.date
    hours: float
    """Hours of the items recorded done in the window."""
    items: tuple[str, ...]
    planned: float | None = None
    """Hours of study the plan put in the window (None without a plan start)."""
    start: dt.date | None = None
    """The plan's first day (the profile's ``start``)."""
    done_to_date: float = 0.0
    """Hours of the items recorded done from the plan's first day to today."""
    planned_to_date: float | None = None
    """Hours of study the plan put from its first day to today (None without a start)."""

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    @property
    def enough(self) -> bool:
        """Whether the window is long enough to measure a pace (never without a start)."""
        return self.start is not None and self.days >= MIN_PACE_DAYS

    @property
    def rate(self) -> float:
        """Hours a week over the window."""
        return self.hours / self.days * 7 if self.days > 0 else 0.0

    @property
    def planned_rate(self) -> float | None:
        return None if self.planned is None or self.days <= 0 else self.planned / self.days * 7

    @property
    def window(self) -> str:
        """``the last 8 weeks``, or ``the 20 days since 2027-01-11``."""
        if self.days == PACE_WEEKS * 7:
            return f"the last {PACE_WEEKS} weeks"
        return f"the {self.days} day{'s' if self.days != 1 else ''} since {self.since}"


class Forecast(NamedTuple):
    """When a stage is reached at the measured pace, and when the plan reaches it."""

    stage: str
    name: str
    date: dt.date | None
    """None when the pace cannot reach it within the longest plan."""
    planned: dt.date | None


def as_planned(profile: Profile) -> Profile:
    """The profile as it stood when its plan began: what was recorded done since its
    ``start`` is still to do."""
    start = profile.start
    if start is None:
        return profile
    since = {node_id for node_id, day in profile.completed.items() if day >= start}
    if not since & set(profile.known):
        return profile
    return profile.changed(known=tuple(k for k in profile.known if k not in since))


def measure_pace(
    graph: CareerGraph, profile: Profile, today: dt.date, *, planned: Schedule | None = None
) -> Pace:
    """The pace of ``profile`` up to ``today``, and what the plan as made on its first
    day (``planned``) expected in the same window."""
    start = profile.start
    # Without a start the plan begins again each day: there is no history before today.
    since = max(today - dt.timedelta(days=PACE_WEEKS * 7 - 1), start or today)

    def done_from(first: dt.date) -> tuple[str, ...]:
        return tuple(
            sorted(
                n
                for n, day in profile.completed.items()
                if first <= day <= today and graph.kind(n) in ("skill", "project")
            )
        )

    def planned_from(first: dt.date) -> float | None:
        if planned is None or start is None or first > today:
            return None
        minutes = sum(s.minutes for s in planned.sessions if first <= planned.local(s.start).date() <= today)
        return minutes / 60

    done = done_from(since)
    total = sum(graph.hours(n) for n in done_from(start)) if start is not None else 0.0
    return Pace(
        since,
        today,
        sum(graph.hours(n) for n in done),
        done,
        planned_from(since),
        start,
        total,
        planned_from(start) if start is not None else None,
    )


def forecast(at_pace: Schedule | None, current: Schedule, planned: Schedule) -> tuple[Forecast, ...]:
    """Each milestone still ahead in ``current`` (the plan re-made from today): its day
    in ``at_pace`` (the same plan at the measured pace; None when that cannot be made)
    and in ``planned`` (the plan as made on its first day)."""
    result = []
    for milestone in current.milestones:
        paced = at_pace.milestone(milestone.stage) if at_pace is not None else None
        first = planned.milestone(milestone.stage) or milestone
        result.append(
            Forecast(milestone.stage, milestone.name, paced.date if paced is not None else None, first.date)
        )
    return tuple(result)


def pace_hours(pace: Pace, profile_file: str = "PROFILE") -> float:
    """The weekly hours to plan with at ``pace`` (a message names ``profile_file`` in
    the command it suggests).

    Raises
    ------
    PlanError
        When the history is too short, or holds nothing done.
    """
    if pace.start is None:
        raise PlanError(f"cannot plan at your pace: {NO_START}")
    if pace.days <= 0:
        raise PlanError(
            f"cannot plan at your pace yet: the plan starts on {pace.since}, and pace is measured from then"
        )
    if not pace.enough:
        raise PlanError(
            f"cannot plan at your pace yet: it is measured over at least {MIN_PACE_DAYS} "
            f"days of the plan, and {pace.days} have passed since {pace.since}"
        )
    if not pace.items:
        raise PlanError(
            f"cannot plan at your pace: nothing was recorded done in {pace.window} "
            f"(record finished items with `{done_command(profile_file, on=True)}`)"
        )
    return min(pace.rate, MAX_HOURS_PER_WEEK)
