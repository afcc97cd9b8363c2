"""The roadmap as JSON, in the shape docs/formats.md describes."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from planner.io import jsontext
from planner.renderers.terminal import PLAIN, Terminal
from planner.reports.roadmap import rows
from planner.scheduling import Review, Schedule, Session


def _session(session: Session, zone: tzinfo) -> dict[str, Any]:
    data: dict[str, Any] = {
        "item": session.item,
        "kind": session.kind,
        "start": session.start.astimezone(zone).isoformat(),
        "end": session.end.astimezone(zone).isoformat(),
    }
    if isinstance(session, Review):
        data |= {"index": session.index, "count": session.count, "due": session.due.isoformat()}
    return data


def roadmap_data(schedule: Schedule, *, name: str = "", warnings: tuple[str, ...] = ()) -> dict[str, Any]:
    """The roadmap as plain data: items in roadmap order, study and review sessions by
    start, milestones, choices and the deadline warnings."""
    local = schedule.local
    zone = schedule.zone
    finish = schedule.finish
    return {
        "name": name,
        "target": schedule.plan.target,
        "start": schedule.start.isoformat(),
        "timezone": schedule.availability.timezone,
        "hours_per_week": schedule.availability.hours_per_week,
        "total_hours": round(schedule.plan.minutes / 60, 2),
        "finish": local(finish).isoformat() if finish else None,
        "items": [
            {
                "id": row.item.id,
                "kind": row.item.kind,
                "name": row.item.name,
                "hours": round(row.item.minutes / 60, 4),
                "start": row.start.isoformat(),
                "end": row.end.isoformat(),
                "requires": list(row.item.requires),
                "category": row.item.category,
                "stage": row.item.stage,
                "sessions": row.sessions,
                "recommended": row.item.recommended,
                "picked_for": list(row.item.picked_for),
            }
            for row in rows(schedule)
        ],
        "sessions": [_session(s, zone) for s in schedule.timeline],
        "milestones": [
            {
                "stage": m.stage,
                "name": m.name,
                "date": m.date.isoformat(),
                "skills_ready": m.skills_ready.isoformat(),
                "time_in_role": {"months": m.months, "in": m.previous} if m.waits_for_role else None,
            }
            for m in schedule.milestones
        ],
        "choices": [c.as_dict() for c in schedule.plan.choices],
        "warnings": list(warnings),
    }


def render_json(
    schedule: Schedule, *, name: str = "", warnings: tuple[str, ...] = (), terminal: Terminal = PLAIN
) -> str:
    """Render the roadmap as indented JSON text ending in a newline."""
    return jsontext.dumps(roadmap_data(schedule, name=name, warnings=warnings)) + "\n"
