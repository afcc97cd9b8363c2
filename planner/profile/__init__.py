"""Read a learner's profile (TOML or JSON) and check it against the graph.

- :mod:`~planner.profile.reading`: the file's bytes, decoded and parsed;
- :mod:`~planner.profile.validation`: every key and value checked against the graph.

Every problem raises :class:`~planner.errors.ProfileError` naming the file, the key,
the line where the source shows it, the bad value and what would be valid.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from planner.errors import ProfileError, did_you_mean
from planner.graph import CareerGraph, shipped_graph
from planner.profile.experience import check_experience
from planner.profile.reading import parse_profile, read_profile_bytes, read_profile_data
from planner.profile.validation import KEYS, REQUIRED, ProfileChecker
from planner.records import Profile

__all__ = [
    "KEYS",
    "check_profile",
    "load_profile",
    "parse_profile",
    "read_profile_bytes",
    "read_profile_data",
]


def load_profile(path: str | os.PathLike[str], *, graph: CareerGraph | None = None) -> Profile:
    """Read the profile (TOML or JSON) at ``path`` and check it against ``graph``
    (default: the shipped graph).

    Raises
    ------
    ProfileError
        For an unreadable file, a syntax error, an unknown key or id, or an
        impossible value; the message names the file, key and line.
    """
    path = Path(path)
    data, text, is_json = read_profile_data(path)
    graph = shipped_graph() if graph is None else graph
    return check_profile(data, graph, file=str(path), text=text, is_json=is_json)


def check_profile(
    data: Mapping[str, Any], graph: CareerGraph, *, file: str, text: str = "", is_json: bool = False
) -> Profile:
    """Check parsed profile data against the graph and build a :class:`Profile`."""
    check = ProfileChecker(file, text, is_json, graph)
    for key in data:
        if key not in KEYS:
            raise check.fail(
                str(key), f"unknown key '{key}'{did_you_mean(str(key), KEYS)}; valid keys: {', '.join(KEYS)}"
            )
    for key in REQUIRED:
        if key not in data:
            raise ProfileError(file, f"missing required key '{key}'", key=key)
    values: dict[str, Any] = {"source": file}
    if "name" in data:
        values["name"] = check.string(data, "name")
    values["target"] = check.node_id(data["target"], "target", ("stage",))
    if data.get("current_stage") is not None:
        values["current_stage"] = check.node_id(data["current_stage"], "current_stage", ("stage",))
    for key in ("start", "deadline", "current_stage_since"):
        if key in data:
            values[key] = check.date(data[key], key)
    if "current_stage_since" in values and "current_stage" not in values:
        raise check.fail(
            "current_stage_since",
            "is given without current_stage; say which stage "
            'you hold since then, e.g. current_stage = "junior-ml-engineer"',
        )
    since, first = values.get("current_stage_since"), values.get("start")
    if since is not None and first is not None and since > first:
        raise check.fail(
            "current_stage_since",
            f"{since} is after start = {first}; the time in "
            "your current stage must begin before the plan does",
        )
    if "timezone" in data:
        values["timezone"] = check.timezone(data)
    values["hours_per_week"] = check.hours(data)
    for key in ("known", "focus"):
        if key in data:
            values[key] = check.id_list(data, key)
    if "progress" in data:
        values["progress"] = check.progress(data)
    for key in ("recommended", "study_ahead"):
        if key in data:
            values[key] = check.boolean(data, key)
    if "experience" in data:
        values["experience"] = check_experience(check, data)
    if "choices" in data:
        values["choices"] = check.choices(data)
    if "review_days" in data:
        values["review_days"] = check.review_days(data)
    if "completed" in data:
        values["completed"] = check.completed(data)
    values["availability"] = check.windows(data)
    if "blackouts" in data:
        values["blackouts"] = check.blackouts(data)
    if "start" in values and "deadline" in values and values["deadline"] < values["start"]:
        raise check.fail("deadline", f"{values['deadline']} is before start = {values['start']}")
    return Profile(**values)
