"""Where a person stands today on their plan: "you are here" in every picture.

The stage they are working towards (the lowest stage of the plan not reached by
today), the stage they hold, and the next item to study (that of the first study
session not over yet: a session in the past is never "next"). The moment comes from
the caller (the use case has ``now``); nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.scheduling import Schedule


class Position(NamedTuple):
    """A person's place on their plan at one moment."""

    today: dt.date
    """The local day of the moment, in the profile's zone."""
    here: str | None
    """The stage being worked towards (None when the target is reached)."""
    held: str | None
    """The highest stage held: known, or reached by ``today`` on the plan."""
    next_item: str | None
    """The item of the next (or current) study session; None when none is left."""
    next_start: dt.datetime | None = None
    """When that session starts, in the profile's zone."""

    @classmethod
    def of(cls, graph: CareerGraph, schedule: Schedule, now: dt.datetime) -> Position:
        """The position of ``schedule``'s person at ``now`` (an aware moment)."""
        today = schedule.local(now).date()
        upcoming = next((s for s in schedule.sessions if s.end > now), None)
        reached = {m.stage for m in schedule.milestones if m.date <= today}
        ahead = [m.stage for m in schedule.milestones if m.date > today]
        held = [s.id for s in graph.stages if s.id in schedule.plan.known or s.id in reached]
        return cls(
            today=today,
            here=ahead[0] if ahead else None,
            held=held[-1] if held else None,
            next_item=upcoming.item if upcoming is not None else None,
            next_start=schedule.local(upcoming.start) if upcoming is not None else None,
        )

    def when(self) -> str:
        """When the next session starts: ``"Mon 2027-02-01 19:00"`` (empty without one)."""
        return self.next_start.strftime("%a %Y-%m-%d %H:%M") if self.next_start is not None else ""
