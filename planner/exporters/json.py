"""The roadmap as JSON, in the shape SPEC.md describes (plus a few more keys)."""

from __future__ import annotations

import json
from typing import Any

from planner.scheduling import Schedule
from planner.views.schedule import rows


def roadmap_data(schedule: Schedule, *, name: str = "") -> dict[str, Any]:
    """The roadmap as plain data: items in roadmap order, sessions, milestones."""
    local = schedule.local
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
        "sessions": [
            {
                "item": s.item,
                "kind": "study",
                "start": local(s.start).isoformat(),
                "end": local(s.end).isoformat(),
            }
            for s in schedule.sessions
        ],
        "milestones": [
            {"stage": m.stage, "name": m.name, "date": m.date.isoformat(),
             "skills_ready": m.skills_ready.isoformat(),
             "time_in_role": {"months": m.months, "in": m.previous} if m.waits_for_role else None}
            for m in schedule.milestones
        ],
        "choices": [c.as_dict() for c in schedule.plan.choices],
    }


def render_json(schedule: Schedule, *, name: str = "") -> str:
    """Render the roadmap as indented JSON text ending in a newline."""
    return json.dumps(roadmap_data(schedule, name=name), indent=2, ensure_ascii=False) + "\n"
