"""What one node means: what it needs and unlocks, and why it is (not) in a plan."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from planner.graph import CareerGraph
from planner.records import Profile

if TYPE_CHECKING:
    from planner.planning import ChoicePick, Plan
    from planner.scheduling import Schedule, Session

CHANGE_CHOICE = "change it with [choices] in your profile"


class ExplanationReport(NamedTuple):
    """Everything ``planner explain`` shows about one node."""

    node_id: str
    graph: CareerGraph
    requires: tuple[str, ...]
    prerequisites: int
    unlocks: tuple[str, ...]
    stages: tuple[str, ...]
    recommends: tuple[str, ...] = ()
    recommended_by: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    """The choices that list the node as a member."""
    status: str | None = None
    """known / planned / not needed, when a profile is given."""
    reason: str | None = None
    choices: tuple[str, ...] = ()
    """With a profile: for each choice the node belongs to (or is), how it is satisfied."""
    chain: tuple[str, ...] = ()
    sessions: int = 0
    first: tuple[dt.datetime, dt.datetime] | None = None
    """The local start and end of its first session."""
    last: tuple[dt.datetime, dt.datetime] | None = None
    """The local start and end of its last session."""
    remaining_hours: float | None = None
    reviews: tuple[dt.date, ...] = ()
    """The local days of its review sessions."""


def choice_note(pick: ChoicePick, node_id: str) -> str:
    """How ``pick`` treats ``node_id``: "picked for dl-framework: least work", or
    "dl-framework is satisfied by pytorch (change it with [choices] in your profile)"."""
    if node_id in pick.picked:
        return f"picked for {pick.id}: {pick.reasons[node_id]}"
    if not pick.picked:
        return f"{pick.id} is satisfied by what you know"
    return f"{pick.id} is satisfied by {', '.join(pick.picked)} ({CHANGE_CHOICE})"


def _known_reason(graph: CareerGraph, profile: Profile, node_id: str) -> str:
    if node_id in profile.known:
        return "it is listed in known"
    if profile.current_stage and node_id in graph.closure([profile.current_stage], through_choices=False):
        return f"current_stage {profile.current_stage} requires it"
    implied = sorted(k for k in profile.known if node_id in graph.closure([k], through_choices=False) - {k})
    if implied:
        return f"it is a prerequisite of {', '.join(implied[:3])}, which you know"
    if graph.kind(node_id) == "choice":
        return "enough of its members are known"
    return "its progress is complete"


def _plan_reason(
    graph: CareerGraph, profile: Profile, plan: Plan, node_id: str, notes: dict[str, str]
) -> tuple[str, str, tuple[str, ...]]:
    """The status, the reason and the chain to the goal of a node, in ``plan``."""
    if node_id in plan.known:
        return "known", _known_reason(graph, profile, node_id), ()
    planned = {item.id: item for item in plan.items}
    if node_id in plan.needed:
        status = "planned" if node_id in planned or graph.kind(node_id) in ("stage", "choice") else "known"
        item = planned.get(node_id)
        if item is not None and item.recommended:
            by = sorted(n for n in plan.needed if node_id in graph.recommends(n))
            return status, f"{', '.join(by[:3])} recommends it (recommended = true)", ()
        goals = [plan.target, *sorted(f for f in profile.focus if f in plan.needed)]
        chain: tuple[str, ...] = ()
        for goal in goals:
            if goal == node_id or node_id in graph.ancestors(goal):
                chain = tuple(graph.path(node_id, goal, within=plan.needed))
                break
        picked = [notes[c] for c in sorted(notes) if notes[c].startswith("picked for")]
        if picked:
            return status, picked[0], chain
        if chain and chain[-1] == plan.target:
            return status, f"the target {plan.target} needs it", chain
        return status, "it is in focus, or a focus id needs it", chain
    passed_over = [notes[c] for c in sorted(notes) if not notes[c].startswith("picked for")]
    if passed_over:
        return "not needed", passed_over[0], ()
    reason = f"the target {plan.target} does not need it"
    if node_id in graph.descendants(plan.target) or graph.kind(node_id) == "stage":
        reason += " (it lies beyond or beside the target)"
    return "not needed", reason, ()


def explain_node(
    graph: CareerGraph,
    node_id: str,
    *,
    profile: Profile | None = None,
    schedule: Schedule | None = None,
) -> ExplanationReport:
    """Explain ``node_id``; with a profile and its schedule, say why it is (not) planned."""
    node = graph.nodes[node_id]
    member_of = tuple(s for s in graph.succ[node_id] if graph.kind(s) == "choice")
    base = ExplanationReport(
        node_id,
        graph,
        requires=graph.members(node_id) if node.kind == "choice" else tuple(sorted(node.requires)),
        prerequisites=len(graph.ancestors(node_id)),
        unlocks=tuple(graph.succ[node_id]),
        stages=tuple(graph.stages_needing(node_id)),
        recommends=graph.recommends(node_id),
        recommended_by=tuple(n for n in sorted(graph.nodes) if node_id in graph.recommends(n)),
        member_of=member_of,
    )
    if profile is None or schedule is None:
        return base
    plan = schedule.plan
    picks = {c.id: c for c in plan.choices}
    notes = {c: choice_note(picks[c], node_id) for c in member_of if c in picks}
    status, reason, chain = _plan_reason(graph, profile, plan, node_id, notes)
    if node.kind == "choice" and node_id in picks:
        pick = picks[node_id]
        summary = pick.summary(instead="not picked:")
        notes[node_id] = (
            summary
            if pick.by_knowledge
            else f"satisfied by {summary}" + (f" ({CHANGE_CHOICE})" if pick.alternatives else "")
        )
    own = [s for s in schedule.sessions if s.item == node_id]
    planned = {item.id: item for item in plan.items}

    def span(session: Session) -> tuple[dt.datetime, dt.datetime]:
        return schedule.local(session.start), schedule.local(session.end)

    return base._replace(
        status=status,
        reason=reason,
        choices=tuple(notes[c] for c in sorted(notes)),
        chain=chain,
        sessions=len(own),
        first=span(own[0]) if own else None,
        last=span(own[-1]) if own else None,
        remaining_hours=planned[node_id].hours if node_id in planned else None,
        reviews=tuple(schedule.local(r.start).date() for r in schedule.reviews if r.item == node_id),
    )
