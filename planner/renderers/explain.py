"""One node explained as text, wrapped at word boundaries."""

from __future__ import annotations

from collections import Counter

from planner.renderers.terminal import PLAIN, Terminal, cells, short_label, time_span, wrap
from planner.reports.explain import ExplanationReport
from planner.words import count


def render_explanation(exp: ExplanationReport, *, terminal: Terminal = PLAIN) -> str:
    """The explanation as readable text, wrapped at word boundaries to the terminal."""
    graph = exp.graph
    node = graph.nodes[exp.node_id]

    def named(ids: tuple[str, ...]) -> str:
        """Each node as ``name [id]``, its name fitted where the terminal is narrow."""
        shown = (short_label(graph.nodes[i].name, i, graph.short_name(i), terminal=terminal) for i in ids)
        return ", ".join(shown) if ids else "nothing"

    lines = [f"{node.name} [{exp.node_id}] — {node.kind}"]
    if terminal.width is not None and cells(lines[0]) > terminal.width:  # the name whole below
        short = short_label(node.name, exp.node_id, graph.short_name(exp.node_id), terminal=terminal)
        lines = [f"{short} — {node.kind}", f"  {' '.join(node.name.split())}"]
    if node.kind in ("skill", "project"):
        effort = (
            f"{node.months} months at work, beside study"
            if node.at_work
            else f"{node.hours or 0:g} h from scratch"
        )
        lines.append(f"  category: {node.category} · {effort}")
    if node.aliases:
        lines.append(f"  also: {', '.join(node.aliases)}")
    if node.description:
        lines.append(f"  {node.description}")
    if node.kind == "stage":
        if node.experience_years:
            lines.append(f"  experience: {node.experience_years} years")
        if node.min_months_in_previous_role:
            lines.append(
                f"  time in role: {node.min_months_in_previous_role} months in the stage it requires"
            )
        if node.experience_counts:
            counted = ", ".join(f"{role} ({rate:g})" for role, rate in sorted(node.experience_counts.items()))
            lines.append(f"  experience that counts toward it, a month at: {counted}")
        if node.job_search_months:
            lines.append(f"  job search: about {node.job_search_months} months once the skills are ready")
        for pay in node.all_salaries:
            lines.append(
                f"  salary: {pay}"
                + (f" ({pay.note})" if pay.note else "")
                + (f" — {pay.source}" if pay.source else "")
            )
        if node.source:
            lines.append(f"  source: {node.source}")
    if node.kind == "choice":
        lines.append(f"  {node.pick} of: {named(exp.requires)}")
    else:
        lines.append(f"  needs: {named(exp.requires)}")
    lines.append(f"  prerequisites in all: {exp.prerequisites}")
    lines.append(f"  unlocks: {named(exp.unlocks)}")
    if exp.member_of:
        lines.append(f"  one of the members of: {named(exp.member_of)}")
    if exp.recommends:
        lines.append(f"  recommends (useful, not required): {named(exp.recommends)}")
    if exp.recommended_by:
        lines.append(f"  recommended by: {named(exp.recommended_by)}")
    lines.append(f"  stages that need it: {', '.join(exp.stages) if exp.stages else 'none'}")
    if node.kind in ("skill", "project") and node.resources:
        lines.append("  resources:")
        for res in node.resources:
            lines.append(f"    - {res.title} ({res.kind}): {res.url}")
    if exp.status is not None:
        if exp.status == "not needed":
            lines.append(f"  not in your plan: {exp.reason}")
        else:
            lines.append(f"  in your plan: {exp.status} — {exp.reason}")
        for note in exp.choices:
            if note != exp.reason:
                lines.append(f"  choice: {note}")
        if exp.chain:
            lines.append(f"  chain to the goal: {' → '.join(exp.chain)}")
        if exp.first and exp.last:
            lines.append(
                f"  scheduled: {count(exp.sessions, 'session')}, {exp.remaining_hours:g} h, the first "
                f"{time_span(*exp.first)}, the last {time_span(*exp.last)}"
            )
        if exp.reviews:
            # Reviews wait for time study leaves free, so two may fall on one day.
            days = Counter(exp.reviews)
            shown = [f"{day} (×{days[day]})" if days[day] > 1 else str(day) for day in sorted(days)]
            lines.append(f"  reviews: {', '.join(shown)}")
    wrapped: list[str] = []
    for line in lines:
        indent = line[: len(line) - len(line.lstrip())]
        hanging = indent + ("  " if line.lstrip().startswith("- ") else "    ")
        wrapped += wrap(line, terminal.width, indent=indent, hanging=hanging)
    return terminal.lines(wrapped)
