"""The ladder of the HTML page: one card per stage, opening onto its skills and projects.

A card counts what its stage needs on the person's plan (:mod:`.summary`), shows the
mix of its categories as a bar of their colours, and with a profile its progress, the
day it is reached and "you are here"; with a cohort, the share of people ready for it.
Work no stage needs is shown after the ladder, apart: it is not a rung.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from planner.renderers.pictures.legend import WHITE
from planner.renderers.pictures.style import HERE, drawable
from planner.renderers.pictures.summary import summarise

if TYPE_CHECKING:
    from planner.renderers.pictures.summary import BandSummary
    from planner.renderers.pictures.view import GraphView


def fill_class(fill: str) -> str:
    """The CSS class of a fill (``#77aadd`` → ``f-77aadd``)."""
    return "f-" + fill.lstrip("#")


class Sheet:
    """Rules the page's style sheet needs for what the data decides: fills and widths."""

    def __init__(self) -> None:
        self.fills: set[str] = set()
        self.grows: set[int] = set()

    def fill(self, colour: str) -> str:
        self.fills.add(colour)
        return fill_class(colour)

    def grow(self, amount: float) -> str:
        """A class that gives a flex item ``amount`` shares of its row."""
        value = max(1, round(amount))
        self.grows.add(value)
        return f"g-{value}"

    def css(self) -> str:
        rules = [f".{fill_class(f)} {{ background: {f}; }}" for f in sorted(self.fills)]
        rules += [f".g-{g} {{ flex-grow: {g}; }}" for g in sorted(self.grows)]
        return "\n".join(rules)


def chip(view: GraphView, node_id: str, sheet: Sheet) -> str:
    """A node as a button: its label, filled like its box, bordered by its status."""
    node = view.nodes[node_id]
    look = view.look(node_id)
    classes = ["chip", node.kind, sheet.fill(look.fill)] + (["dark"] if look.font == WHITE else [])
    if view.status is not None:
        classes.append(view.status[node_id])
    if view.position is not None and node_id == view.position.next_item:
        classes.append("next")
    return (
        f'<li><button type="button" class="{" ".join(classes)}" data-id="{html.escape(node_id)}" '
        f'title="{html.escape(view.tooltip(node_id))}">'
        f"{html.escape(' '.join(view.label(node_id)))}</button></li>"
    )


def _line(text: str, extra: str = "") -> str:
    """A line of a card; a narrow screen breaks it between its parts, never inside one
    (a date or "1,320 h")."""
    parts = " · ".join(f'<span class="part">{html.escape(part)}</span>' for part in text.split(" · "))
    return f'<span class="card-line{extra}">{parts}</span>'


def _mix(view: GraphView, summary: BandSummary, sheet: Sheet) -> str:
    """A bar of the card's hours by category, in the categories' colours."""
    hours: dict[str, float] = {}
    for node_id in view.counted[summary.band.id]:
        category = view.category(node_id)
        hours[category] = hours.get(category, 0.0) + view.graph.hours(node_id)
    total = sum(hours.values())
    if total <= 0:
        return ""
    ranked = sorted(hours, key=lambda c: (-hours[c], c))
    spans = "".join(
        f'<i class="{sheet.fill(view.fills[c])} {sheet.grow(1000 * hours[c] / total)}" '
        f'title="{html.escape(drawable(c))}: {hours[c]:,.0f} h"></i>'
        for c in ranked
    )
    return f'<span class="mix" aria-hidden="true">{spans}</span>'


def _cohort_lines(view: GraphView, summary: BandSummary, sheet: Sheet) -> list[str]:
    heat = view.heat
    share = heat.stage_share(summary.band.id) if heat is not None else None
    if heat is None or share is None or not heat.people:
        return []
    ready = share.ready / heat.people
    way = heat.on_the_way(summary.band.id)
    return [
        f'<span class="ready" aria-hidden="true"><i class="done {sheet.grow(1000 * ready)}"></i>'
        f'<i class="left {sheet.grow(1000 * (1 - ready))}"></i></span>',
        _line(f"{ready:.0%} ready now ({share.ready:,} of {heat.people:,}) · {way:,} on the way"),
    ]


def card(view: GraphView, number: int, summary: BandSummary, sheet: Sheet) -> str:
    """One stage's card: a button that opens onto its nodes in learning order."""
    band = summary.band
    classes = ["card", *([summary.status] if summary.status else []), *(["here"] if summary.here else [])]
    classes += [] if summary.rung else ["extras"]
    badge = f'<span class="badge here">● {HERE.capitalize()}</span>' if summary.here else ""
    badge += '<span class="badge held">✓ held</span>' if summary.held else ""
    lines = [
        f'<span class="card-title">{html.escape(band.title)}{badge}</span>',
        _line(summary.counts_text()),
    ]
    if summary.alternatives_text():
        lines.append(_line(summary.alternatives_text(), " muted"))
    if view.heat is None:  # on a cohort's page, colours are the shares
        lines.append(_mix(view, summary, sheet))
    if summary.status is not None:
        total = summary.done_hours + summary.left_hours
        if total > 0:
            lines.append(
                f'<progress max="{total:.1f}" value="{summary.done_hours:.1f}" '
                'aria-label="hours done"></progress>'
            )
        lines.append(_line(summary.progress_text()))
    if summary.next_item is not None and view.position is not None:
        name = drawable(view.graph.nodes[summary.next_item].name)
        lines.append(_line(f"▶ next: {name} · {view.position.when()}", " next"))
    lines += _cohort_lines(view, summary, sheet)
    work = [n for row in view.rows[band.id] for n in row if view.nodes[n].kind != "stage"]
    chips = "".join(chip(view, n, sheet) for n in work)
    body_id = f"rung-{number}"
    return (
        f'<article class="{" ".join(classes)}" data-band="{html.escape(band.id)}">'
        f'<button type="button" class="card-head" aria-expanded="false" aria-controls="{body_id}">'
        f"{''.join(lines)}</button>"
        f'<div class="card-body" id="{body_id}" hidden>'
        "<p>In learning order, prerequisites first. Choose one to see its chain.</p>"
        f'<ul class="chips">{chips}</ul>'
        + (
            f'<p><button type="button" class="show-band" data-band="{html.escape(band.id)}">'
            "Show this stage in the graph</button></p>"
            if not view.overview
            else ""
        )
        + "</div></article>"
    )


def render_ladder(view: GraphView, sheet: Sheet) -> str:
    """The overview: the stage cards, one row per rung (a fork side by side), ↓ between
    rungs; the work no stage needs apart, after the ladder."""
    depth = view.graph.stage_depth
    rungs: dict[int, list[str]] = {}
    apart = []
    for number, summary in enumerate(summarise(view), start=1):
        if summary.rung:
            rungs.setdefault(depth[summary.band.id], []).append(card(view, number, summary, sheet))
        else:
            apart.append(card(view, number, summary, sheet))
    step = '<div class="step" aria-hidden="true">↓</div>'
    ladder = step.join(f'<div class="rung">{"".join(cards)}</div>' for _, cards in sorted(rungs.items()))
    if apart:
        ladder += (
            '<section class="apart" aria-label="Not on the ladder"><h2>Not on the ladder</h2>'
            "<p>No stage requires these skills and projects: learn them when they interest you.</p>"
            f'<div class="rung">{"".join(apart)}</div></section>'
        )
    return ladder
