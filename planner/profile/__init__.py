"""Read a learner's profile (TOML or JSON) and check it against the graph.

- :mod:`~planner.profile.reading`: the file's bytes, decoded and parsed;
- :mod:`~planner.profile.validation`: every key and value checked against the graph.

Every problem raises :class:`~planner.errors.ProfileError` naming the file, the key,
the line where the source shows it, the bad value and what would be valid.
"""

from __future__ import annotations

import os
from pathlib import Path

from planner.graph import CareerGraph, shipped_graph
from planner.profile.reading import parse_profile, read_profile_bytes, read_profile_data
from planner.profile.validation import check_profile
from planner.records import Profile, keys_of

KEYS = keys_of(Profile)
"""The keys a profile may have, in the declaration's order."""

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
