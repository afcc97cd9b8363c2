"""What a schedule is made of: sessions, milestones, availability, the schedule."""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from planner.planning import Plan
from planner.records import Blackout, Profile, Window


class Session(NamedTuple):
    """One scheduled block of study on one item. Times are aware, in UTC."""

    item: str
    start: dt.datetime
    end: dt.datetime
    number: int
    """1-based position among the item's sessions."""
    of: int
    """How many sessions the item has in all."""
    kind: str = "study"
    """Always ``study``; a :class:`Review` says ``review``."""

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


class Review(NamedTuple):
    """A short session that goes over an item again some days after it ended
    (``number`` of ``of`` reviews of the item), from the local day ``due`` on."""

    item: str
    start: dt.datetime
    end: dt.datetime
    number: int
    of: int
    due: dt.date
    """The local day from which the review may take place."""
    kind: str = "review"

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


AnySession = Session | Review
"""A session of study or of review: what a timeline holds."""

LocalSession = tuple[AnySession, dt.datetime, dt.datetime]
"""A session with its start and end in the learner's time zone."""


class Wait(NamedTuple):
    """Why a stage is reached later than its skills are ready, for how long: the time
    in the role below it (``time_in_role``) or the search for the job (``job_search``)."""

    reason: str
    start: dt.date
    end: dt.date
    required: int
    """The months the rule asks for: the time in role left after the experience that
    counts, or the stage's ``job_search_months``."""
    role: str | None = None
    """The rung below, whose time in role is waited for."""
    role_name: str = ""
    experience: int = 0
    """Months of the profile's experience counted toward the time in role."""

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def months(self) -> float:
        """The wait in months (of an average month), to one decimal."""
        return round(self.days / (365.25 / 12), 1)


class Milestone(NamedTuple):
    """A stage on the way: the day its skills are ready and the day it is reached.

    ``date`` is ``skills_ready`` unless the stage asks for time in the role below it
    (``min_months_in_previous_role``, less the months of experience that count), or
    for a job search (``job_search_months``); then ``waits`` says why and how long,
    one wait after the other, from ``skills_ready`` to ``date``.
    """

    stage: str
    name: str
    date: dt.date
    """The day the stage is reached."""
    skills_ready: dt.date
    """The local day its last required item ends (the plan's start when none is left)."""
    months: int = 0
    """The months in ``previous`` the stage asks for, when they set ``date``."""
    previous: str | None = None
    """The stage whose time in role set ``date`` (None when the skills did)."""
    previous_name: str = ""
    waits: tuple[Wait, ...] = ()
    """Why ``date`` is later than ``skills_ready``, in order; they add up to the gap."""
    experience: int = 0
    """Months of the profile's experience counted toward the time in role."""

    @property
    def waits_for_role(self) -> bool:
        """Whether time in role, not the skills, decides when the stage is reached."""
        return any(w.reason == "time_in_role" for w in self.waits)

    def wait(self, reason: str) -> Wait | None:
        return next((w for w in self.waits if w.reason == reason), None)


class WorkSpan(NamedTuple):
    """Work done at a job (an ``at_work`` item), from the day it starts to the day it
    is done, beside study."""

    item: str
    start: dt.date
    end: dt.date

    def as_dict(self) -> dict[str, Any]:
        """The span in JSON."""
        return {"item": self.item, "start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True, eq=False)  # compared by identity: no __eq__ to generate
class Availability:
    """When a learner can study: everything the scheduler needs from a profile."""

    timezone: str
    hours_per_week: float
    windows: Mapping[str, tuple[Window, ...]]
    blackouts: tuple[Blackout, ...] = ()
    not_before: dt.datetime | None = None
    """The moment a plan is made at (aware): a window that has ended by then holds no
    work, so no session of a plan re-made today lies in the past."""

    @classmethod
    def from_profile(cls, profile: Profile, *, hours_per_week: float | None = None) -> Availability:
        return cls(
            timezone=profile.timezone,
            hours_per_week=profile.hours_per_week if hours_per_week is None else hours_per_week,
            windows=profile.availability,
            blackouts=profile.blackouts,
        )

    @property
    def cap_minutes(self) -> int:
        """``hours_per_week`` in whole minutes, never above it (0.51 h is 30 minutes)."""
        return math.floor(self.hours_per_week * 60 + 1e-6)

    @property
    def window_minutes(self) -> int:
        """Nominal minutes of all weekly windows together."""
        return sum(w.end - w.start for ws in self.windows.values() for w in ws)

    @property
    def weekly_minutes(self) -> int:
        """Minutes a normal week can hold: the windows, capped by ``hours_per_week``."""
        return min(self.cap_minutes, self.window_minutes)

    @property
    def longest_minutes(self) -> int:
        """The longest session a week can hold: the longest window, capped."""
        return min(
            self.cap_minutes, max((w.end - w.start for ws in self.windows.values() for w in ws), default=0)
        )

    @cached_property
    def blackout_ranges(self) -> tuple[tuple[dt.date, dt.date], ...]:
        """The blackouts as sorted, disjoint ranges of days (overlapping and adjacent
        ones merged), so a day is looked up in logarithmic time."""
        merged: list[tuple[dt.date, dt.date]] = []
        for b in sorted(self.blackouts, key=lambda b: (b.start, b.end)):
            if merged and b.start <= merged[-1][1] + dt.timedelta(days=1):
                merged[-1] = (merged[-1][0], max(merged[-1][1], b.end))
            else:
                merged.append((b.start, b.end))
        return tuple(merged)

    def is_blackout(self, day: dt.date) -> bool:
        ranges = self.blackout_ranges
        at = bisect.bisect_right(ranges, (day, dt.date.max)) - 1
        return at >= 0 and day <= ranges[at][1]


class Schedule(NamedTuple):
    """A plan placed in time."""

    plan: Plan
    availability: Availability
    start: dt.date
    sessions: tuple[Session, ...]
    milestones: tuple[Milestone, ...]
    reviews: tuple[Review, ...] = ()
    """Review sessions, in the time the study sessions leave free (see
    :mod:`planner.scheduling.reviews`); ``sessions`` holds the study only."""
    at_work: tuple[WorkSpan, ...] = ()
    """The spans of the work done at a job, in plan order."""

    def span(self, item_id: str) -> WorkSpan | None:
        """The span of an at_work item, or None."""
        return next((s for s in self.at_work if s.item == item_id), None)

    def ongoing(self, first: dt.date, last: dt.date) -> tuple[WorkSpan, ...]:
        """The spans under way on some day from ``first`` to ``last``."""
        return tuple(s for s in self.at_work if s.start <= last and s.end > first)

    @property
    def timeline(self) -> tuple[AnySession, ...]:
        """Study and review sessions together, by start."""
        if not self.reviews:
            return self.sessions
        return tuple(sorted((*self.sessions, *self.reviews), key=lambda s: (s.start, s.kind)))

    @property
    def finish(self) -> dt.datetime | None:
        return max((s.end for s in self.sessions), default=None)

    @property
    def finish_day(self) -> dt.date | None:
        """The local day of the last study session: the day it starts, so a session
        that ends at midnight (a window up to 24:00) finishes on its own day."""
        last = max(self.sessions, key=lambda s: s.end, default=None)
        return None if last is None else self.local(last.start).date()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.availability.timezone)

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.zone)

    def spans(self) -> dict[str, tuple[dt.datetime, dt.datetime]]:
        """First start and last end of each scheduled item."""
        result: dict[str, tuple[dt.datetime, dt.datetime]] = {}
        for s in self.sessions:
            first, last = result.get(s.item, (s.start, s.end))
            result[s.item] = (min(first, s.start), max(last, s.end))
        return result

    def local_timeline(self) -> list[LocalSession]:
        """The :attr:`timeline`, each session with its start and end in the time zone."""
        zone = self.zone
        return [(s, s.start.astimezone(zone), s.end.astimezone(zone)) for s in self.timeline]

    def days(self, timeline: Iterable[LocalSession] | None = None) -> dict[str, tuple[dt.date, dt.date]]:
        """Local day of the first and of the last study session of each scheduled item
        (``timeline``: the :meth:`local_timeline`, when the caller has it already)."""
        if timeline is None:
            zone = self.zone
            timeline = ((s, s.start.astimezone(zone), s.end) for s in self.sessions)
        result: dict[str, tuple[dt.date, dt.date]] = {}
        for s, start, _ in timeline:
            if s.kind != "study":
                continue
            day = start.date()
            span = result.get(s.item)
            if span is None:
                result[s.item] = (day, day)
            elif day < span[0]:
                result[s.item] = (day, span[1])
            elif day > span[1]:
                result[s.item] = (span[0], day)
        return result

    def milestone(self, stage: str) -> Milestone | None:
        return next((m for m in self.milestones if m.stage == stage), None)

    @property
    def target_date(self) -> dt.date | None:
        reached = self.milestone(self.plan.target)
        return reached.date if reached else None
