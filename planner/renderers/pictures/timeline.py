"""The roadmap timeline of the HTML page: one section per year, a row per item.

A plan runs for years, and one axis for all of them makes every bar a sliver. So each
year has its own axis (its months), and an item shows in the year it starts: its whole
name on one line with its dates, its bar on the year's axis below (filled with its
category's colour, as everywhere), clipped with an arrow where it runs into the next
year. Milestones are diamonds, and a line marks today. An item done at a job over
months rather than in study sessions (``at_work``) is drawn hatched.

Positions live in classes of the page's own (hashed) style sheet, since the page's
Content-Security-Policy allows no inline style.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from planner.renderers.phrases import work_months
from planner.renderers.pictures.style import drawable
from planner.reports.roadmap import rows
from planner.scheduling.wallclock import month_days

if TYPE_CHECKING:
    from planner.scheduling import Schedule

MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""The months' names on the axis, in English whatever the locale (as every word of the page)."""


def _days(year: int) -> int:
    return 366 if month_days(year, 2) == 29 else 365


def _share(day: dt.date) -> float:
    """Where ``day`` begins in its year, in percent of the year."""
    return 100 * (day.timetuple().tm_yday - 1) / _days(day.year)


def _day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def _span(first: dt.date, last: dt.date) -> str:
    """``"1 Feb – 28 Feb"``, with the years when the span leaves one."""
    if first == last:
        return _day(first)
    if first.year == last.year:
        return f"{_day(first)} – {_day(last)}"
    return f"{_day(first)} {first.year} – {_day(last)} {last.year}"


@dataclass
class _Styles:
    """The position classes the timeline needs, one per distinct place."""

    rules: dict[str, str] = field(default_factory=dict)

    def place(self, left: float, width: float | None = None) -> str:
        name = f"p{round(left * 10)}" + ("" if width is None else f"w{round(width * 10)}")
        if name not in self.rules:
            body = f"left: {left:.1f}%;" + ("" if width is None else f" width: {width:.1f}%;")
            self.rules[name] = f".tl-track .{name}, .tl-body > .{name} {{ {body} }}"
        return name


def render_timeline(
    schedule: Schedule,
    *,
    today: dt.date | None = None,
    fill: Callable[[str], str] = lambda _item: "",
    names: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """The timeline's HTML and the CSS rules that place its bars.

    Parameters
    ----------
    today:
        The day the "today" line marks (none without it).
    fill:
        The CSS class that fills an item's bar (its category's colour).
    names:
        The name shown for an item id (default: its name in the plan).

    Returns a paragraph (and no rules) when the schedule has no items.
    """
    items = rows(schedule)
    if not items:
        return '<p class="tl-empty">Nothing left to learn: every requirement of the target is known.</p>', ""
    styles = _Styles()
    first = min(r.start for r in items)
    last = max([r.end for r in items] + [m.date for m in schedule.milestones])
    entries: list[tuple[dt.date, int, str]] = [(row.start, 0, row.item.id) for row in items]
    entries += [(m.date, 1, m.stage) for m in schedule.milestones if first <= m.date <= last]
    by_id = {row.item.id: row for row in items}
    milestones = {m.stage: m for m in schedule.milestones}
    head = f'<p class="tl-range">{first.isoformat()} → {last.isoformat()}'
    if today is not None and today < first:
        head += f" · today is {today.isoformat()}, before the plan starts"
    out = [head + "</p>"]
    for year in range(first.year, last.year + 1):
        in_year = sorted(e for e in entries if e[0].year == year)
        if not in_year:
            continue
        axis = "".join(f'<span class="m{m}">{MONTHS[m - 1]}</span>' for m in range(1, 13))
        body = []
        if today is not None and today.year == year:
            body.append(f'<div class="tl-today {styles.place(_share(today))}" title="today, {today}"></div>')
        for day, kind, key in in_year:
            if kind == 0:
                row = by_id[key]
                name = html.escape(drawable((names or {}).get(key, row.item.name)))
                end = min(row.end, dt.date(year, 12, 31))
                left = _share(row.start)
                width = 100 * ((end - row.start).days + 1) / _days(year)
                classes = ["bar", fill(key), styles.place(left, width)]
                if row.item.at_work:  # a span at a job: hatched
                    classes.append("span")
                if row.end > end:
                    classes.append("more")
                amount = work_months(row.item) if row.item.at_work else f"{row.item.hours:g} h"
                title = f"{name} · {row.start} → {row.end} · {amount}"
                body.append(
                    f'<div class="tl-row task" data-id="{html.escape(key)}" title="{title}">'
                    f'<span class="tl-name">{name}</span>'
                    f'<span class="tl-when">{_span(row.start, row.end)}</span>'
                    f'<span class="tl-track"><i class="{" ".join(c for c in classes if c)}"></i></span></div>'
                )
            else:
                milestone = milestones[key]
                name = html.escape(drawable(milestone.name))
                body.append(
                    f'<div class="tl-row milestone" title="{name} reached {milestone.date}">'
                    f'<span class="tl-name">◆ {name}</span>'
                    f'<span class="tl-when">reached {_span(day, day)}</span>'
                    f'<span class="tl-track"><i class="mark {styles.place(_share(day))}"></i></span></div>'
                )
        out.append(
            f'<section class="tl-year {"leap" if _days(year) == 366 else "common"}" aria-label="{year}">'
            '<div class="tl-axis">'
            f'<b>{year}</b><span class="tl-months">{axis}</span></div>'
            f'<div class="tl-body">{"".join(body)}</div></section>'
        )
    css = [
        f".tl-year.{kind} .tl-months {{ grid-template-columns: "
        + " ".join(f"{month_days(year, m)}fr" for m in range(1, 13))
        + "; }"
        for kind, year in (("leap", 2028), ("common", 2027))
    ]
    return "\n".join(out), "\n".join(css + [styles.rules[name] for name in sorted(styles.rules)])
