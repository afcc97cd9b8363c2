"""The ladder in numbers: one :class:`BandSummary` per band, what its card shows.

A card counts what its stage needs on this person's plan: through each "one of these"
choice only the members picked (the profile's picks, else those with the least work),
so its hours agree with ``planner stages``, ``gaps`` and ``status``. It says how many
alternatives the band also holds, uncounted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from planner.renderers.pictures.bands import UNSTAGED
from planner.renderers.pictures.style import KINDS
from planner.words import count

if TYPE_CHECKING:
    from planner.renderers.pictures.bands import Band
    from planner.renderers.pictures.view import GraphView


class BandSummary(NamedTuple):
    """One band of the ladder in numbers: what the overview shows of it."""

    band: Band
    work: Mapping[str, int]
    """How many nodes of each kind (``skill``, ``project``) the stage needs in the band."""
    hours: float
    """Effort of that work from scratch."""
    choices: int = 0
    """How many "one of these" choices the band holds."""
    alternatives: int = 0
    """Skills and projects in the band that the picks leave out (not counted)."""
    picked_by: str = "the quickest"
    """Whose picks are counted: ``"your"`` with a profile, else ``"the quickest"``."""
    status: str | None = None
    """With a profile: the status of the band's stage (None for the unstaged band)."""
    done_hours: float = 0.0
    """With a profile: effort done, known work in full and planned work by its progress."""
    left_hours: float = 0.0
    """With a profile: effort still planned."""
    reached: dt.date | None = None
    """With a schedule: the day the stage is reached."""
    highlight: bool = False
    """Whether the focused chain runs through the band."""
    here: bool = False
    """Whether the person is working towards this stage now ("you are here")."""
    held: bool = False
    """Whether the person holds this stage."""
    next_item: str | None = None
    """The next item to study, when it lies in this band."""

    @property
    def rung(self) -> bool:
        """Whether the band is a rung of the ladder (not the work no stage needs)."""
        return self.band.id != UNSTAGED

    def counts_text(self) -> str:
        """``"49 skills · 5 projects · 1,244 h"``."""
        parts = [count(n, kind) for kind, n in self.work.items()]
        return " · ".join([*parts, f"{self.hours:,.0f} h"])

    def alternatives_text(self) -> str:
        """``"2 choices: the quickest picks counted, 9 alternatives not"``; empty without
        choices."""
        if not self.choices:
            return ""
        picks = "picks" if self.choices > 1 else "pick"
        text = f"{count(self.choices, 'choice')}: {self.picked_by} {picks} counted"
        return text + (f", {count(self.alternatives, 'alternative')} not" if self.alternatives else "")

    def progress_text(self) -> str:
        """``"done 173 h · left 1,071 h · reached 2029-02-19"``, or why nothing is left."""
        if self.status == "not-needed" and not self.left_hours:
            return "not on the way to the target"
        if self.status == "known" and not self.left_hours:
            return (
                f"done {self.done_hours:,.0f} h · ✓ held" if self.held else f"done {self.done_hours:,.0f} h"
            )
        text = f"done {self.done_hours:,.0f} h · left {self.left_hours:,.0f} h"
        return text + (f" · reached {self.reached}" if self.reached else "")


def _by_kind(counts: Mapping[str, int]) -> dict[str, int]:
    """Counts in the order of :data:`~planner.renderers.pictures.style.KINDS` (skills first)."""
    order = list(KINDS)
    return dict(sorted(counts.items(), key=lambda item: (order.index(item[0]), item[0])))


def summarise(view: GraphView) -> list[BandSummary]:
    """Every band of ``view`` in ladder order with its numbers."""
    left: dict[str, float] = {}
    reached: dict[str, dt.date] = {}
    if view.plan is not None:
        left = {item.id: item.hours for item in view.plan.items}
    if view.schedule is not None:
        reached = {m.stage: m.date for m in view.schedule.milestones}
    graph, where = view.graph, view.position
    result = []
    for band in view.bands:
        members = view.members[band.id]
        work = sorted(view.counted[band.id])
        everything = [n for n in members if view.nodes[n].kind in ("skill", "project")]
        summary = BandSummary(
            band,
            _by_kind(Counter(view.nodes[n].kind for n in work)),
            sum(graph.hours(n) for n in work),
            choices=sum(1 for n in members if view.nodes[n].kind == "choice"),
            alternatives=len(everything) - len(work),
            picked_by="your" if view.plan is not None else "the quickest",
            highlight=any(n in view.highlight for n in members),
        )
        if view.status is not None:
            known = [n for n in work if view.status[n] == "known"]
            planned = [n for n in work if n in left]
            summary = summary._replace(
                status=view.status.get(band.id),
                done_hours=sum(graph.hours(n) for n in known)
                + sum(graph.hours(n) - left[n] for n in planned),
                left_hours=sum(left[n] for n in planned),
                reached=reached.get(band.id),
            )
        if where is not None:
            summary = summary._replace(
                here=where.here == band.id,
                held=where.held == band.id,
                next_item=where.next_item if where.next_item in members else None,
            )
        result.append(summary)
    return result
