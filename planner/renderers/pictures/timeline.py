"""The roadmap timeline of the HTML page: one row per item and milestone, with year ticks.

Each row is HTML text (the full name, cut with an ellipsis by CSS and whole in the
row's tooltip) beside a small SVG track stretched to the row's width, so the strip
reflows from a phone to a wide screen and its text stays a readable size. Positions
live in SVG attributes and in the page's own (hashed) style sheet: the page's
Content-Security-Policy needs no inline style.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from typing import TYPE_CHECKING

from planner.renderers.pictures.style import drawable
from planner.reports.roadmap import rows

if TYPE_CHECKING:
    from planner.scheduling import Schedule


def _track(days: int, ticks: list[int], shape: str) -> str:
    lines = "".join(f'<line class="tick" x1="{x}" y1="0" x2="{x}" y2="10"/>' for x in ticks)
    return (
        f'<svg class="tl-track" viewBox="0 0 {days} 10" preserveAspectRatio="none" '
        f'aria-hidden="true">{lines}{shape}</svg>'
    )


def render_timeline(schedule: Schedule) -> tuple[str, str]:
    """The timeline's HTML and the CSS rule that spaces its year labels.

    Returns a paragraph (and no rule) when the schedule has no items.
    """

    items = rows(schedule)
    if not items:
        return '<p class="tl-empty">Nothing left to learn: every requirement of the target is known.</p>', ""
    first = min(r.start for r in items)
    last = max([r.end for r in items] + [m.date for m in schedule.milestones])
    days = (last - first).days + 1
    years = list(range(first.year + 1, last.year + 1))
    ticks = [(dt.date(year, 1, 1) - first).days for year in years]
    bounds = [0, *ticks, days]
    spans = "".join(f"<span>{year}</span>" for year in [first.year, *years])
    columns = " ".join(f"{end - start}fr" for start, end in itertools.pairwise(bounds))
    out = [
        '<div class="tl-row tl-axis"><span class="tl-name">'
        f'{first.isoformat()} → {last.isoformat()}</span><div class="tl-years">{spans}</div></div>'
    ]
    entries: list[tuple[dt.date, int, str]] = [(row.start, 0, row.item.id) for row in items]
    entries += [(m.date, 1, m.stage) for m in schedule.milestones if first <= m.date <= last]
    by_id = {row.item.id: row for row in items}
    milestones = {m.stage: m for m in schedule.milestones}
    for _, kind, key in sorted(entries):
        if kind == 0:
            row = by_id[key]
            name = html.escape(drawable(row.item.name))
            x, width = (row.start - first).days, (row.end - row.start).days + 1
            out.append(
                f'<div class="tl-row task" data-id="{html.escape(key)}" '
                f'title="{name} · {row.start} → {row.end} · {row.item.hours:g} h">'
                f'<span class="tl-name">{name}</span>'
                + _track(days, ticks, f'<rect class="bar" x="{x}" y="2" width="{width}" height="6"/>')
                + "</div>"
            )
        else:
            milestone = milestones[key]
            name = html.escape(drawable(milestone.name))
            x = (milestone.date - first).days
            mark = f'<rect class="mark" x="{x}" y="0" width="{max(1, days // 120)}" height="10"/>'
            out.append(
                f'<div class="tl-row milestone" title="{name} reached {milestone.date}">'
                f'<span class="tl-name">◆ {name}</span>{_track(days, ticks, mark)}</div>'
            )
    return "\n".join(out), f".tl-years {{ grid-template-columns: {columns}; }}"
