"""Checking a profile's ``[[experience]]``: the roles a person held, each located."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.errors import did_you_mean
from planner.limits import MAX_DATE
from planner.profile.validation import ProfileChecker, _show
from planner.records import Experience


def check_experience(check: ProfileChecker, data: Mapping[str, Any]) -> tuple[Experience, ...]:
    """``[[experience]]``: each a role (a stage or an at_work node), ``from`` and an
    optional ``to`` (absent: still in it)."""
    value = data["experience"]
    if not isinstance(value, list):
        raise check.fail(
            "experience", "must be an array of tables [[experience]] with role, from and an optional to"
        )
    result = []
    for index, entry in enumerate(value):
        key = f"experience[{index}]"
        if not isinstance(entry, dict):
            raise check.fail(key, f"{_show(entry)} is not a table with role and from", "experience", index)
        for extra in sorted(set(entry) - {"role", "from", "to"}):
            raise check.fail(
                f"{key}.{extra}",
                f"unknown key '{extra}'; an experience has role, from "
                f"and to{did_you_mean(extra, ('role', 'from', 'to'))}",
                "experience",
                index,
            )
        for needed in ("role", "from"):
            if needed not in entry:
                raise check.fail(key, f"missing '{needed}'", "experience", index)
        role = check.node_id(entry["role"], f"{key}.role", ("stage", "skill", "project"), "experience")
        if check.graph.kind(role) != "stage" and not check.graph.at_work(role):
            roles = sorted(n for n in check.graph.nodes if check.graph.at_work(n))
            shown = ", ".join(roles[:6]) + (", ..." if len(roles) > 6 else "")
            raise check.fail(
                f"{key}.role",
                f"'{role}' is studied, not held; a role is a stage"
                + (f" or a node done at work ({shown})" if roles else ""),
                "experience",
            )
        start = check.date(entry["from"], f"{key}.from", "experience", index)
        end = check.date(entry["to"], f"{key}.to", "experience", index) if "to" in entry else None
        if end is not None and end < start:
            raise check.fail(f"{key}.to", f"{end} is before from = {start}", "experience", index)
        result.append(Experience(role=role, start=start, end=end))
    return tuple(sorted(result, key=lambda e: (e.start, e.role, e.end or MAX_DATE)))
