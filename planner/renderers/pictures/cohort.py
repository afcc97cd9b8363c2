"""A cohort's summary on the HTML page, in words and numbers.

The page of ``planner graph --cohort SUMMARY.json`` opens with one sentence (how many
were planned, when they finish, how many are ready for the first rung, what is missing
most) and a panel beside the graph: the finish quantiles, readiness per stage, and the
nodes with the most learner-hours missing, each a button that shows its chain.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from planner.renderers.pictures.style import drawable
from planner.words import count

if TYPE_CHECKING:
    from planner.renderers.pictures.view import GraphView
    from planner.reports.cohort import CohortHeat


def _finish(heat: CohortHeat) -> str:
    days = heat.finish
    if days.get("p50") is None:
        return ""
    parts = [f"half of them finish by {days['p50']}"]
    if days.get("p10") is not None and days.get("p90") is not None:
        parts.append(f"10 % by {days['p10']}, 90 % by {days['p90']}")
    return f"{parts[0]} ({parts[1]})" if len(parts) == 2 else parts[0]


def cohort_lede(view: GraphView) -> str:
    """The cohort in one sentence (empty without a cohort)."""
    heat = view.heat
    if heat is None:
        return ""
    text = f"{count(heat.people, 'person', 'people', grouped=True)} planned"
    if heat.failed:
        text += f" ({heat.failed:,} could not be)"
    finish = _finish(heat)
    if finish:
        text += f"; {finish}"
    if heat.stages and heat.people:
        first = heat.stages[0]
        text += f"; {first.ready / heat.people:.0%} are ready for {drawable(first.name)}"
    if heat.top_missing:
        top = heat.top_missing[0]
        text += f"; most missing: {drawable(top.name)} ({top.hours:,.0f} learner-hours)"
    return text + "."


def render_cohort_panel(view: GraphView) -> str:
    """The panel beside the graph: finish, readiness per stage, the top-missing list."""
    heat = view.heat
    if heat is None:
        return ""
    out = ['<aside id="summary" aria-label="The cohort in numbers"><h2>The cohort</h2>']
    out.append(
        f"<p>{count(heat.people, 'person', 'people', grouped=True)} planned"
        + (f" of {heat.profiles:,} profiles ({heat.failed:,} failed)" if heat.failed else "")
        + ".</p>"
    )
    if heat.finish.get("p50") is not None:
        rows = "".join(
            f"<tr><th>{label}</th><td>{heat.finish[key]}</td></tr>"
            for key, label in (("p10", "10 % by"), ("p50", "half by"), ("p90", "90 % by"))
            if heat.finish.get(key) is not None
        )
        out.append(f'<h3>When they finish</h3><table class="numbers">{rows}</table>')
    if heat.stages and heat.people:
        rows = "".join(
            f"<tr><th>{html.escape(drawable(s.name))}</th><td>{s.ready / heat.people:.0%}</td>"
            f"<td>{s.ready:,}</td><td>{heat.on_the_way(s.stage):,}</td></tr>"
            for s in heat.stages
        )
        out.append(
            '<h3>Ready now, per stage</h3><table class="numbers"><thead><tr><th>stage</th>'
            f"<th>ready</th><th>people</th><th>on the way</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    if heat.top_missing:
        items = "".join(
            f'<li><button type="button" class="goto" data-id="{html.escape(m.id)}">'
            f"{html.escape(drawable(m.name))}</button> "
            f'<span class="muted">{count(m.people, "person", "people", grouped=True)} · '
            f"{m.hours:,.0f} h</span></li>"
            for m in heat.top_missing
        )
        out.append(f"<h3>Most learner-hours missing</h3><ol>{items}</ol>")
    out.append(
        '<p class="muted">A node\'s shade: the share of the people on the way to its stage who '
        "still need it. 100 %: nobody on the way knows it yet.</p></aside>"
    )
    return "".join(out)
