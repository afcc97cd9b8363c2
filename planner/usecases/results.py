"""What the use cases return: results that explain themselves.

Every result has ``to_dict()`` (plain data, what the JSON formats print and the web
app serves), ``render(fmt)`` (the text the command line prints for that format) and a
one-line ``repr``, so a notebook user can print one without drowning. The reports they
extend (:mod:`planner.reports`) hold the data; the renderers (:mod:`planner.renderers`)
word it. Results are immutable named tuples (cheap to define, so every command starts
quickly) and compare by value.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from planner.errors import OptionError
from planner.graph import CareerGraph
from planner.records import Profile, Project, Skill
from planner.renderers.catalogue import render_skill_list, render_stage_list
from planner.renderers.explain import render_explanation
from planner.renderers.gaps import render_readiness
from planner.renderers.phrases import milestone_title
from planner.renderers.pictures import GRAPH_FORMATS
from planner.renderers.pictures.json import graph_data
from planner.renderers.pictures.view import GraphView
from planner.renderers.roadmap import ROADMAP_FORMATS
from planner.renderers.roadmap.json import roadmap_data
from planner.renderers.status import render_status
from planner.renderers.terminal import PLAIN, Terminal
from planner.renderers.week import render_week
from planner.reports.explain import ExplanationReport
from planner.reports.stages import StageHours
from planner.reports.status import StatusReport
from planner.reports.week import WeekReport
from planner.scheduling import Milestone, Schedule
from planner.words import count

R = TypeVar("R")


def _text_or_json(fmt: str, text: Callable[[], str], data: Callable[[], Any]) -> str:
    """The ``text`` of a result, or its ``data`` as indented JSON."""
    if fmt == "text":
        return text()
    if fmt == "json":
        return json.dumps(data(), indent=2, ensure_ascii=False, default=str) + "\n"
    raise OptionError(f"unknown format '{fmt}'; use text or json", option="--format")


def _promote(report: tuple[Any, ...], cls: type[R]) -> R:
    """The report as its result class (a subclass that adds rendering)."""
    return cls(*report)


def _session(schedule: Schedule, session: Any) -> dict[str, Any]:
    local = schedule.local
    return {
        "item": session.item,
        "kind": session.kind,
        "start": local(session.start).isoformat(),
        "end": local(session.end).isoformat(),
        "number": session.number,
        "of": session.of,
    }


def _milestone(milestone: Milestone | None) -> dict[str, Any] | None:
    if milestone is None:
        return None
    return {
        "stage": milestone.stage,
        "name": milestone.name,
        "date": milestone.date.isoformat(),
        "skills_ready": milestone.skills_ready.isoformat(),
        "said": milestone_title(milestone),
    }


# --- planning ------------------------------------------------------------------------


class Roadmap(NamedTuple):
    """A profile's plan placed in time, with the warnings it deserves
    (``planner.roadmap``). ``to_dict()`` is what ``planner roadmap --format json`` prints."""

    graph: CareerGraph
    profile: Profile
    schedule: Schedule
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """What the plan was made on (the measured pace, with ``pace=True``)."""

    @property
    def milestones(self) -> tuple[Milestone, ...]:
        """The stages on the way, lowest first, each with the day it is reached."""
        return self.schedule.milestones

    @property
    def finish(self) -> dt.date | None:
        """The day the target is reached (None: nothing left to do)."""
        return self.schedule.target_date

    def to_dict(self) -> dict[str, Any]:
        """The roadmap as plain data (the JSON format of docs/formats.md)."""
        return roadmap_data(self.schedule, name=self.profile.name, warnings=self.warnings)

    def render(self, fmt: str = "text", *, terminal: Terminal = PLAIN) -> str:
        """The roadmap as ``text``, ``markdown`` or ``json``, for ``terminal`` (default: a
        file, with no width limit)."""
        renderer = ROADMAP_FORMATS.get(fmt)
        if renderer is None:
            raise OptionError(f"unknown format '{fmt}'; use {', '.join(ROADMAP_FORMATS)}", option="--format")
        return renderer(self.schedule, name=self.profile.name, warnings=self.warnings, terminal=terminal)

    def __repr__(self) -> str:
        who = self.profile.name or self.profile.source
        finish = self.finish.isoformat() if self.finish else "nothing left"
        return (
            f"<Roadmap {who} → {self.schedule.plan.target}: {count(len(self.schedule.plan.items), 'item')}, "
            f"finish {finish}>"
        )


class Calendar(NamedTuple):
    """The schedule as an iCalendar file (``planner.calendar``)."""

    data: bytes
    """The file's bytes, CRLF line ends, as RFC 5545 asks."""
    sessions: int
    milestones: int
    reviews: int = 0
    warnings: tuple[str, ...] = ()
    person: str = ""
    target: str = ""
    at_work: int = 0
    """All-day events for the spans of work done at a job."""

    def to_dict(self) -> dict[str, Any]:
        """What the file holds, counted."""
        return {
            "person": self.person,
            "target": self.target,
            "sessions": self.sessions,
            "reviews": self.reviews,
            "at_work": self.at_work,
            "milestones": self.milestones,
            "warnings": list(self.warnings),
        }

    def render(self, fmt: str = "ical") -> str:
        """The calendar as iCalendar text."""
        if fmt != "ical":
            raise OptionError(f"unknown format '{fmt}'; a calendar renders as ical", option="format")
        return self.data.decode("utf-8")

    def __repr__(self) -> str:
        return (
            f"<Calendar {self.person} → {self.target}: {count(self.sessions, 'session')}, "
            f"{count(self.milestones, 'milestone')}>"
        )


# --- following a plan -----------------------------------------------------------------


class Week(WeekReport):
    """The sessions of the days ahead (``planner.week``)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        schedule = self.schedule
        return {
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "sessions": [
                {
                    **_session(schedule, p.session),
                    "name": self.names[p.session.item],
                    "purpose": p.purpose,
                    "hours_left": None if p.left is None else round(p.left, 2),
                }
                for p in self.sessions
            ],
            "overdue": [{"item": o.item, "name": self.names[o.item]} | o.as_dict() for o in self.overdue],
            "milestone": _milestone(self.milestone),
            "following": None if self.following is None else _session(schedule, self.following),
            "now": None if self.now is None else self.now.isoformat(),  # the clock's moment, if used
            "warnings": list(self.warnings),
            "at_work": [{"item": s.item, "name": self.names[s.item]} | s.as_dict() for s in self.at_work],
        }

    def render(self, fmt: str = "text", *, terminal: Terminal = PLAIN) -> str:
        return _text_or_json(fmt, lambda: render_week(self, terminal=terminal), self.to_dict)

    def __repr__(self) -> str:
        return f"<Week {self.first} – {self.last}: {count(len(self.sessions), 'session')}>"


class Status(StatusReport):
    """Progress per stage, pace, the next sessions and what is overdue (``planner.status``)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        pace = self.pace
        return {
            "target": self.schedule.plan.target,
            "stages": [row.as_dict() for row in self.stages],
            "pace": None
            if pace is None
            else {
                "since": pace.since.isoformat(),
                "until": pace.until.isoformat(),
                "hours": round(pace.hours, 2),
                "hours_per_week": round(pace.rate, 2),
                "enough_history": pace.enough,
            },
            "forecasts": [
                {
                    "stage": f.stage,
                    "name": f.name,
                    "date": f.date and f.date.isoformat(),
                    "planned": f.planned and f.planned.isoformat(),
                }
                for f in self.forecasts
            ],
            "upcoming": [{**_session(self.schedule, s), "name": self.names[s.item]} for s in self.upcoming],
            "overdue": [{"item": o.item, "name": self.names[o.item]} | o.as_dict() for o in self.overdue],
            "at_work": [{"item": s.item, "name": self.names[s.item]} | s.as_dict() for s in self.at_work],
            "warnings": list(self.warnings),
        }

    def render(self, fmt: str = "text", *, terminal: Terminal = PLAIN) -> str:
        return _text_or_json(fmt, lambda: render_status(self, terminal=terminal), self.to_dict)

    def __repr__(self) -> str:
        return (
            f"<Status → {self.schedule.plan.target}: {count(len(self.upcoming), 'next session')}, "
            f"{count(len(self.overdue), 'overdue item')}>"
        )


# --- the catalogue --------------------------------------------------------------------


class Gaps(NamedTuple):
    """Readiness for every stage (``planner.gaps``)."""

    stages: tuple[StageHours, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"stages": [row.as_dict() for row in self.stages]}

    def render(self, fmt: str = "text", *, terminal: Terminal = PLAIN) -> str:
        return _text_or_json(
            fmt, lambda: render_readiness(list(self.stages), terminal=terminal), self.to_dict
        )

    def __repr__(self) -> str:
        shown = ", ".join(f"{row.stage} {row.percent:g}%" for row in self.stages[:3])
        more = ", …" if len(self.stages) > 3 else ""
        return f"<Gaps {shown}{more}>"


class Explanation(ExplanationReport):
    """What a node needs and unlocks, and why it is (not) in a plan (``planner.explain``)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        node = self.graph.nodes[self.node_id]
        notes = node.notes if node.kind == "stage" else ()
        return {
            "id": self.node_id,
            "kind": node.kind,
            "name": node.name,
            "requires": list(self.requires),
            "prerequisites": self.prerequisites,
            "unlocks": list(self.unlocks),
            "stages": list(self.stages),
            "recommends": list(self.recommends),
            "recommended_by": list(self.recommended_by),
            "member_of": list(self.member_of),
            "notes": [{"text": note.text, "source": note.source} for note in notes],
            "status": self.status,
            "reason": self.reason,
            "choices": list(self.choices),
            "chain": list(self.chain),
            "sessions": self.sessions,
            "first": None if self.first is None else self.first[0].isoformat(),
            "last": None if self.last is None else self.last[1].isoformat(),
            "remaining_hours": self.remaining_hours,
            "reviews": [day.isoformat() for day in self.reviews],
        }

    def render(self, fmt: str = "text", *, terminal: Terminal = PLAIN) -> str:
        return _text_or_json(fmt, lambda: render_explanation(self, terminal=terminal), self.to_dict)

    def __repr__(self) -> str:
        status = f": {self.status}" if self.status else ""
        return f"<Explanation {self.node_id}{status}>"


class Stages(NamedTuple):
    """Every stage of the ladder with what it needs from scratch (``planner.stages``)."""

    graph: CareerGraph
    rows: tuple[StageHours, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"stages": [row.as_dict() for row in self.rows]}

    def render(self, fmt: str = "text", *, terminal: Terminal = PLAIN) -> str:
        return _text_or_json(
            fmt, lambda: render_stage_list(self.rows, self.graph, terminal=terminal), self.to_dict
        )

    def __repr__(self) -> str:
        return f"<Stages {' → '.join(row.stage for row in self.rows)}>"


class Skills(NamedTuple):
    """Skills and projects, by category then id (``planner.skills``)."""

    nodes: tuple[Skill | Project, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": [
                {"id": n.id, "kind": n.kind, "name": n.name, "category": n.category, "hours": n.hours or 0.0}
                | ({"at_work": True, "months": n.months} if n.at_work else {})
                for n in self.nodes
            ]
        }

    def render(self, fmt: str = "text", *, terminal: Terminal = PLAIN) -> str:
        return _text_or_json(fmt, lambda: render_skill_list(self.nodes, terminal=terminal), self.to_dict)

    def __repr__(self) -> str:
        return f"<Skills {count(len(self.nodes), 'node')}>"


class Picture(NamedTuple):
    """The career graph, ready to draw in any format (``planner.picture``)."""

    view: GraphView

    def to_dict(self) -> dict[str, Any]:
        """The picture's graph as NetworkX node-link data."""
        return graph_data(self.view)

    def render(self, fmt: str = "html") -> str | bytes:
        """The picture as dot, mermaid, svg, png (bytes), html or json."""
        renderer = GRAPH_FORMATS.get(fmt)
        if renderer is None:
            raise OptionError(f"unknown format '{fmt}'; use {', '.join(GRAPH_FORMATS)}", option="--format")
        if fmt == "mermaid" and self.view.need is not None:
            raise OptionError(
                "the heat map is drawn in dot, svg, png, html and json, not mermaid", option="--cohort"
            )
        return renderer(self.view)

    def __repr__(self) -> str:
        return f"<Picture {count(len(self.view.nodes), 'node')}>"


class Validation(NamedTuple):
    """What ``planner validate`` found in a valid graph folder."""

    folder: str
    counts: Mapping[str, int]
    edges: int
    nested: Sequence[str] = ()
    """TOML files in subfolders, which are not part of the graph."""
    cache_warnings: tuple[str, ...] = ()
    """Why the cache folder was not used."""

    @property
    def warnings(self) -> tuple[str, ...]:
        if not self.nested:
            return self.cache_warnings
        shown = ", ".join(self.nested[:5])
        more = f" and {len(self.nested) - 5} more" if len(self.nested) > 5 else ""
        files = (
            "1 TOML file in a subfolder is"
            if len(self.nested) == 1
            else f"{len(self.nested)} TOML files in subfolders are"
        )
        return (
            *self.cache_warnings,
            f"{files} not read (a graph is the *.toml files at the top of its folder): {shown}{more}",
        )

    def summary(self) -> str:
        nodes = sum(self.counts.values())
        kinds = [count(self.counts[kind], kind) for kind in ("skill", "project", "stage")]
        if self.counts.get("choice"):
            kinds.append(count(self.counts["choice"], "choice"))
        return (
            f"OK: {self.folder}: {count(nodes, 'node')} ({', '.join(kinds)}), "
            f"{count(self.edges, 'prerequisite edge')}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "ok": True,
            "counts": dict(self.counts),
            "edges": self.edges,
            "warnings": list(self.warnings),
        }

    def render(self, fmt: str = "text") -> str:
        return _text_or_json(fmt, lambda: self.summary() + "\n", self.to_dict)

    def __repr__(self) -> str:
        return f"<Validation {self.summary()}>"


__all__ = [
    "Calendar",
    "Explanation",
    "Gaps",
    "Picture",
    "Roadmap",
    "Skills",
    "Stages",
    "Status",
    "Validation",
    "Week",
    "_promote",
]
