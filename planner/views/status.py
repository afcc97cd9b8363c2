"""Where a learner stands: hours done per stage, the next sessions, what is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.graph import CareerGraph
from planner.models import Profile
from planner.planning import ChoiceResolver
from planner.scheduling import Schedule, Session
from planner.views.stages import StageHours, stage_hours


@dataclass(frozen=True)
class Status:
    """Everything ``planner status`` shows."""

    stages: tuple[StageHours, ...]
    upcoming: tuple[Session, ...]
    overdue: tuple[Session, ...]
    schedule: Schedule
    names: dict[str, str]


def stage_progress(graph: CareerGraph, profile: Profile, target: str) -> list[StageHours]:
    """Progress for each stage on the way to ``target`` (and the target), lowest first."""
    return stage_hours(graph, resolver=ChoiceResolver.for_profile(graph, profile),
                       stages=graph.closure([target]))


def make_status(
    graph: CareerGraph,
    profile: Profile,
    *,
    original: Schedule,
    replanned: Schedule,
    today: dt.date,
    count: int = 5,
) -> Status:
    """Combine the plan as first scheduled (``original``, from the profile's start) with
    the plan re-made from ``today`` (``replanned``).

    Overdue sessions are those of ``original`` that ended before ``today`` for items
    that are still not done; upcoming ones are the first ``count`` of ``replanned``.
    """
    still_open = {item.id for item in replanned.plan.items}
    overdue = tuple(
        s for s in original.sessions
        if original.local(s.end).date() < today and s.item in still_open
    )
    names = {n: graph.nodes[n].name for n in still_open | {s.item for s in overdue}}
    return Status(
        stages=tuple(stage_progress(graph, profile, replanned.plan.target)),
        upcoming=replanned.sessions[:count],
        overdue=overdue,
        schedule=replanned,
        names=names,
    )


def render_status(status: Status, *, color: bool, width: int = 24) -> str:
    """Progress bars per stage, the next sessions and the overdue ones, as text."""
    green, dim, reset = ("\x1b[32m", "\x1b[2m", "\x1b[0m") if color else ("", "", "")
    lines = ["Progress by stage"]
    for row in status.stages:
        filled = round(row.fraction * width)
        if color:
            bar = f"{green}{'█' * filled}{reset}{dim}{'░' * (width - filled)}{reset}"
        else:
            bar = "#" * filled + "." * (width - filled)
        lines.append(
            f"  {row.name:<26} [{bar}] {row.fraction * 100:5.1f}%  "
            f"{row.done_hours:.1f} / {row.total_hours:.1f} h"
        )
    local = status.schedule.local
    lines += ["", "Next sessions"]
    if not status.upcoming:
        lines.append("  none: nothing left to schedule")
    for s in status.upcoming:
        start, end = local(s.start), local(s.end)
        lines.append(
            f"  {start:%a %Y-%m-%d %H:%M}-{end:%H:%M}  {status.names.get(s.item, s.item)}"
            f" ({s.index}/{s.count})"
        )
    lines += ["", "Overdue"]
    if not status.overdue:
        lines.append("  nothing overdue")
    else:
        by_item: dict[str, list[Session]] = {}
        for s in status.overdue:
            by_item.setdefault(s.item, []).append(s)
        shown = list(by_item.items())
        for item, sessions in shown[:5]:
            hours = sum(s.minutes for s in sessions) / 60
            first = local(sessions[0].start).date()
            lines.append(
                f"  {status.names.get(item, item)}: {len(sessions)} session(s), {hours:g} h "
                f"planned since {first}, not done"
            )
        if len(shown) > 5:
            lines.append(f"  ... and {len(shown) - 5} more items")
        lines.append("  Record what you finished with `planner done PROFILE ID...`.")
    return "\n".join(lines) + "\n"
