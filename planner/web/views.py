"""The pages' data, shaped for their templates from the use cases' ``to_dict()``.

Nothing is planned or counted here: the week, the status, the roadmap and the
calendar come from the same use cases as the command line, and their numbers and
dates are shown as the command line shows them (``Tue 2027-06-01``, ``18:00–21:00``,
``8.3%``). This module only groups them the way a page reads: sessions by day, the
roadmap by period and month, the skills by category.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

from markupsafe import Markup, escape

from planner.graph import CareerGraph
from planner.profile.updating import WORK_KINDS
from planner.renderers.terminal import day_label, time_span

ACRONYMS: Final = {"ml": "ML", "llm": "LLM", "mlops": "MLOps", "ai": "AI", "nlp": "NLP", "and": "and"}


def local(text: str) -> dt.datetime:
    """A use case's ISO timestamp (with its UTC offset) as the local time it names."""
    return dt.datetime.fromisoformat(text)


def day(text: str) -> str:
    """``Tue 2027-06-01`` for an ISO date or timestamp."""
    return day_label(dt.date.fromisoformat(text[:10]))


def span(session: Mapping[str, Any], *, with_day: bool = False) -> str:
    """A session's times: ``18:00–21:00`` (with its day: ``Tue 2027-06-01 18:00–21:00``)."""
    return time_span(local(session["start"]), local(session["end"]), with_day=with_day)


def category_title(category: str) -> str:
    """``llm-and-domains`` → ``LLM and domains``."""
    words = [ACRONYMS.get(w, w) for w in category.replace("_", "-").split("-") if w]
    if not words:
        return category
    first = words[0] if words[0] in ACRONYMS.values() else words[0].capitalize()
    return " ".join([first, *words[1:]])


class Day(NamedTuple):
    """One day of the week page and its sessions."""

    date: str
    title: str
    sessions: list[Mapping[str, Any]]


def by_day(sessions: Sequence[Mapping[str, Any]]) -> list[Day]:
    """Sessions grouped by their local day, in order."""
    days: dict[str, list[Mapping[str, Any]]] = {}
    for session in sessions:
        days.setdefault(session["start"][:10], []).append(session)
    return [Day(date, day(date), items) for date, items in days.items()]


def week_summary(week: Mapping[str, Any]) -> str:
    """``5 sessions, 15.0 h of study`` (and review), as ``planner week`` heads its days."""
    sessions = week["sessions"]
    if not sessions:
        return "no sessions"

    def hours(kind: str) -> float:
        return sum(
            (local(s["end"]) - local(s["start"])).total_seconds() / 3600
            for s in sessions
            if s["kind"] == kind
        )

    review = hours("review")
    plural = "" if len(sessions) == 1 else "s"
    text = f"{len(sessions)} session{plural}, {hours('study'):.1f} h of study"
    return text + (f" and {review:.1f} h of review" if review else "")


def week_nav(first: str) -> dict[str, str]:
    """The ``from`` days of the weeks before and after the one starting on ``first``,
    each a Monday."""
    start = dt.date.fromisoformat(first)
    monday = start - dt.timedelta(days=start.weekday())
    return {
        "previous": (monday - dt.timedelta(days=7)).isoformat(),
        "next": (monday + dt.timedelta(days=7)).isoformat(),
    }


def purpose(session: Mapping[str, Any]) -> str:
    """What a session is for, as ``planner week`` says it."""
    if session.get("kind") == "review":
        return f"review {session['number']}/{session['of']}"
    return str(session.get("purpose", ""))


def left(session: Mapping[str, Any]) -> str:
    """The hours of the item left after a session, as ``planner week`` says it."""
    hours = session.get("hours_left")
    if hours is None:
        return ""
    return "done" if hours <= 0 else f"{hours:.1f} h left"


def milestone_title(milestone: Mapping[str, Any], graph: CareerGraph) -> str:
    """When a stage is reached, as the text roadmap says it."""
    if milestone.get("said"):
        return str(milestone["said"])
    role = milestone.get("time_in_role")
    if not role:
        return f"reached {milestone['date']}"
    previous = role.get("in")
    name = graph.nodes[previous].name if previous in graph.nodes else str(previous)
    return (
        f"skills ready {milestone['skills_ready']}; reached {milestone['date']} after "
        f"{role['months']} months as {name}"
    )


@dataclass
class Month:
    title: str
    items: list[Mapping[str, Any]] = field(default_factory=list)


@dataclass
class Group:
    """A period of the roadmap with its items by month (``stage``: the stage held)."""

    stage: str | None
    title: str
    reached: str
    months: list[Month]
    hours: float
    count: int


def roadmap_groups(data: Mapping[str, Any], graph: CareerGraph) -> list[Group]:
    """The roadmap's items grouped as the text roadmap groups them: by the period they
    start in (the time a stage is held: "While Junior ML Engineer"), each closed by its
    milestone; within a period, by the month each item starts."""
    milestones = {m["stage"]: m for m in data["milestones"]}
    items = {item["id"]: item for item in data["items"]}
    groups = []
    for period in data.get("periods", ()):
        rows = [items[i] for i in period["items"]]
        months: list[Month] = []
        for item in rows:
            title = dt.date.fromisoformat(item["start"]).strftime("%B %Y")
            if not months or months[-1].title != title:
                months.append(Month(title))
            months[-1].items.append(item)
        span = f"{period['from']} → {period['until']}" if period["until"] else f"from {period['from']}"
        ending = milestones.get(period["milestone"])
        reached = f"then {ending['name']}: {milestone_title(ending, graph)}" if ending else ""
        hours = round(sum(item["hours"] for item in rows), 1)
        groups.append(Group(period["held"], f"{period['title']}: {span}", reached, months, hours, len(rows)))
    return groups


def first_study(data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The roadmap's first study session."""
    return next((s for s in data["sessions"] if s.get("kind", "study") == "study"), None)


class Box(NamedTuple):
    """One skill or project of the checklist."""

    id: str
    name: str
    requires: str
    """The nearest skills and projects it needs, space-separated (through stages,
    never through a choice: knowing what needs "one of these" says not which one)."""
    checked: bool
    fixed: bool
    """Known through the current stage or finished progress: it cannot be unticked here."""


class Category(NamedTuple):
    id: str
    title: str
    boxes: list[Box]

    @property
    def ticked(self) -> int:
        return sum(box.checked for box in self.boxes)


def nearest_work(graph: CareerGraph, node_id: str) -> list[str]:
    """The skills and projects ``node_id`` needs first (see :attr:`Box.requires`)."""
    found: list[str] = []
    seen: set[str] = set()
    stack = list(graph.pred.get(node_id, ()))
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        kind = graph.kind(node)
        if kind in WORK_KINDS:
            found.append(node)
        elif kind == "stage":
            stack.extend(graph.pred[node])
    return sorted(found)


@functools.lru_cache(maxsize=4)
def catalogue(graph: CareerGraph) -> tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]:
    """Every skill and project as ``(category, ((id, name, requires), ...))``:
    categories in learning order (by the mean place of their items in the graph's
    topological order), items by name. Computed once per graph."""
    order = {n: i for i, n in enumerate(graph.topological_order())}
    by_category: dict[str, list[str]] = {}
    for node_id in order:
        if graph.kind(node_id) in WORK_KINDS:
            by_category.setdefault(str(graph.attr(node_id, "category", "uncategorized")), []).append(node_id)
    ranked = sorted(by_category.items(), key=lambda kv: (sum(order[n] for n in kv[1]) / len(kv[1]), kv[0]))
    return tuple(
        (
            category,
            tuple(
                (n, graph.nodes[n].name, " ".join(nearest_work(graph, n)))
                for n in sorted(ids, key=lambda n: (graph.nodes[n].name.casefold(), n))
            ),
        )
        for category, ids in ranked
    )


def checklist(graph: CareerGraph, known: Sequence[str], fixed: set[str]) -> list[Category]:
    """The checklist of what is known (see :func:`catalogue`), ``known`` and ``fixed`` ticked."""
    ticked = set(known) | fixed
    return [
        Category(
            category,
            category_title(category),
            [Box(n, name, requires, n in ticked, n in fixed) for n, name, requires in boxes],
        )
        for category, boxes in catalogue(graph)
    ]


def commands(text: str) -> Markup:
    """Prose whose `backticked` commands show as code: escaped, each `...` in <code>."""
    parts = str(escape(text)).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: leave the text as it is
        return escape(text)
    return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))
