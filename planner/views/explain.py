"""What one node means: what it needs and unlocks, and why it is (not) in a plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planner.graph import CareerGraph
from planner.models import Profile

if TYPE_CHECKING:
    from planner.scheduling import Schedule


@dataclass(frozen=True)
class Explanation:
    """Everything ``planner explain`` shows about one node."""

    node_id: str
    graph: CareerGraph = field(repr=False)
    requires: tuple[str, ...]
    prerequisites: int
    unlocks: tuple[str, ...]
    stages: tuple[str, ...]
    status: str | None = None
    """known / planned / not needed, when a profile is given."""
    reason: str | None = None
    chain: tuple[str, ...] = ()
    sessions: int = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    remaining_hours: float | None = None


def explain_node(
    graph: CareerGraph, node_id: str, *, profile: Profile | None = None,
    schedule: Schedule | None = None,
) -> Explanation:
    """Explain ``node_id``; with a profile and its schedule, say why it is (not) planned."""
    node = graph.nodes[node_id]
    ancestors = graph.ancestors(node_id)
    unlocks = tuple(graph.succ[node_id])
    stages = tuple(graph.stages_needing(node_id))
    if profile is None or schedule is None:
        return Explanation(node_id, graph, tuple(sorted(node.requires)), len(ancestors), unlocks, stages)
    plan = schedule.plan
    known = plan.known
    planned = {item.id: item for item in plan.items}
    chain: tuple[str, ...] = ()
    if node_id in known:
        status = "known"
        if node_id in profile.known:
            reason = "it is listed in known"
        else:
            implied = sorted(k for k in profile.known if node_id in graph.ancestors(k))
            if profile.current_stage and node_id in graph.closure([profile.current_stage]):
                reason = f"current_stage {profile.current_stage} requires it"
            elif implied:
                reason = f"it is a prerequisite of {', '.join(implied[:3])}, which you know"
            else:
                reason = "its progress is complete"
    elif node_id in plan.needed:
        status = "planned" if node_id in planned or graph.nodes[node_id].kind == "stage" else "known"
        goals = [plan.target, *sorted(f for f in profile.focus if f in plan.needed)]
        for goal in goals:
            if goal == node_id or node_id in graph.ancestors(goal):
                chain = tuple(graph.path(node_id, goal, within=plan.needed))
                break
        if chain and chain[-1] == plan.target:
            reason = f"the target {plan.target} needs it"
        else:
            reason = "it is in focus, or a focus id needs it"
    else:
        status = "not needed"
        reason = f"the target {plan.target} does not need it"
        if node_id in graph.descendants(plan.target) or graph.nodes[node_id].kind == "stage":
            reason += " (it lies beyond or beside the target)"
    first = last = None
    count = 0
    for s in schedule.sessions:
        if s.item == node_id:
            count += 1
            first = s.start if first is None else min(first, s.start)
            last = s.end if last is None else max(last, s.end)
    remaining = planned[node_id].hours if node_id in planned else None
    return Explanation(
        node_id, graph, tuple(sorted(node.requires)), len(ancestors), unlocks, stages,
        status=status, reason=reason, chain=chain, sessions=count,
        first=schedule.local(first) if first else None,
        last=schedule.local(last) if last else None,
        remaining_hours=remaining,
    )


def render_explanation(exp: Explanation) -> str:
    """The explanation as readable text."""
    graph = exp.graph
    node = graph.nodes[exp.node_id]

    def named(ids: tuple[str, ...]) -> str:
        return ", ".join(f"{i} ({graph.nodes[i].name})" for i in ids) if ids else "nothing"

    lines = [f"{node.name} [{exp.node_id}] — {node.kind}"]
    if node.kind != "stage":
        lines.append(f"  category: {node.category} · {node.hours:g} h from scratch")
    if node.description:
        lines.append(f"  {node.description}")
    if node.kind == "stage":
        facts = []
        if node.experience_years:
            facts.append(f"experience: {node.experience_years} years")
        if node.salary:
            pay = node.salary
            facts.append(f"salary: {pay.currency} {pay.low:,}-{pay.high:,}"
                         + (f" ({pay.note})" if pay.note else ""))
        if facts:
            lines.append("  " + "; ".join(facts))
        if node.source:
            lines.append(f"  source: {node.source}")
    lines.append(f"  needs: {named(exp.requires)}")
    lines.append(f"  prerequisites in all: {exp.prerequisites}")
    lines.append(f"  unlocks: {named(exp.unlocks)}")
    lines.append(f"  stages that need it: {', '.join(exp.stages) if exp.stages else 'none'}")
    if node.kind != "stage" and node.resources:
        lines.append("  resources:")
        for res in node.resources:
            lines.append(f"    - {res.title} ({res.kind}): {res.url}")
    if exp.status is not None:
        lines.append(f"  in your plan: {exp.status} — {exp.reason}")
        if exp.chain:
            lines.append(f"  chain to the goal: {' → '.join(exp.chain)}")
        if exp.first and exp.last:
            lines.append(
                f"  scheduled: {exp.sessions} sessions, {exp.remaining_hours:g} h, from "
                f"{exp.first.isoformat(timespec='minutes')} to {exp.last.isoformat(timespec='minutes')}"
            )
    return "\n".join(lines) + "\n"
