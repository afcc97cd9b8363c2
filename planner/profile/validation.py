"""Checking a profile against the graph, every mistake of the file at once, each located.

The profile's keys, their types and their rules are declared once, in
:class:`planner.records.Profile`. A valid profile is built by the quick path; any other
goes to pydantic, which collects every problem of every key. What depends on several
keys or on the graph's choices is checked here, after. Each problem is located (the
line where the file shows its key) and worded with the value and what would be valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from planner.errors import ProfileError, ProfileProblem, UnknownIdError, did_you_mean
from planner.graph import CareerGraph
from planner.io.reading import continued_lines
from planner.records import Profile
from planner.records.quick import quick
from planner.records.schema import SchemaErrors, key_text, validate

REQUIRED = ("target", "hours_per_week", "availability")
"""The keys a profile must have."""


class Locator:
    """Find the line of a key in the profile's source text (best effort)."""

    def __init__(self, text: str, is_json: bool) -> None:
        self.lines = text.splitlines()
        self.is_json = is_json
        self.inside = set() if is_json else continued_lines(text)  # lines in multi-line strings

    def line(self, key: str, table: str | None = None, index: int | None = None) -> int | None:
        if self.is_json:
            pattern = re.compile(rf'"{re.escape(key)}"\s*:')
            for number, line in enumerate(self.lines, start=1):
                if pattern.search(line):
                    return number
            return None
        current: str | None = None
        seen_tables = -1
        key_re = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
        for number, line in enumerate(self.lines, start=1):
            if number in self.inside:
                continue
            header = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
            if header:
                current = header.group(1)
                if table is not None and current == table:
                    seen_tables += 1
                    if table == key and (index is None or index == seen_tables):
                        return number
                continue
            if current == table and (index is None or seen_tables == index) and key_re.match(line):
                return number
        if table is not None:
            return self.line(table) if table != key else None
        for number, line in enumerate(self.lines, start=1):
            header = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
            if header and header.group(1) == key and number not in self.inside:
                return number
        return None

    def of(self, path: tuple[str | int, ...]) -> int | None:
        """The line of the value at ``path`` (keys and list positions)."""
        names = [p for p in path if isinstance(p, str)]
        if not names:
            return None
        if len(names) == 1:
            return self.line(names[0])
        index = path[1] if len(path) > 2 and isinstance(path[1], int) else None
        return self.line(names[-1], names[0], index)


def check_profile(
    data: Mapping[str, Any], graph: CareerGraph, *, file: str, text: str = "", is_json: bool = False
) -> Profile:
    """The :class:`Profile` of parsed profile ``data``, checked against ``graph``.

    Raises
    ------
    ProfileError
        With every mistake of the file, each with its key, line, value and what would
        be valid.
    """
    where = Locator(text, is_json)
    profile = quick(Profile, data, graph)
    problems: list[ProfileProblem] = []
    if profile is None:
        try:
            profile = validate(Profile, dict(data), graph)
        except SchemaErrors as exc:
            for problem in exc.problems:
                line = where.of(problem.path)
                message = problem.message
                if problem.kind == "missing":
                    message = f"missing required key '{problem.path[-1]}'"
                problems.append(ProfileProblem(problem.key or None, line, message))
    if profile is not None:
        written = {_id_of(graph, key): key for key in data.get("choices") or {} if isinstance(key, str)}
        choices, strays = _choices(profile, graph, written)
        profile = profile.changed(choices=choices)
        problems.extend(
            ProfileProblem(key_text(path), where.of(path), message)
            for path, message in [*strays, *_across_keys(profile, graph)]
        )
    if problems:
        raise ProfileError(file, problems=problems)
    assert profile is not None
    return profile.located(file)


Path = tuple[str | int, ...]


def _id_of(graph: CareerGraph, text: str) -> str:
    try:
        return graph.resolve(text, names=True)
    except UnknownIdError:
        return text


def _choices(
    profile: Profile, graph: CareerGraph, written: Mapping[str, str]
) -> tuple[dict[str, tuple[str, ...]], list[tuple[Path, str]]]:
    """The profile's ``[choices]`` with each member's id, and what is wrong with them: a
    member that is not one of the choice's, or more or fewer members than it takes.
    ``written`` gives each choice's key as the file writes it (an alias, say)."""
    found: dict[str, tuple[str, ...]] = {}
    problems: list[tuple[Path, str]] = []
    for choice, picked in profile.choices.items():
        members, pick = graph.members(choice), graph.pick(choice)
        path: Path = ("choices", written.get(choice, choice))
        ids: list[str] = []
        for text in picked:
            try:
                member = graph.resolve(text, names=True)
            except UnknownIdError:
                member = None
            if member not in members:
                problems.append(
                    (
                        path,
                        f"'{text}' is not a member of {choice} (members: {', '.join(members)})"
                        f"{did_you_mean(text, members)}",
                    )
                )
            elif member not in ids:
                ids.append(member)
        if len(ids) == len(picked) and len(ids) != pick:
            problems.append(
                (
                    path,
                    f"{choice} takes {pick} member{'s' if pick > 1 else ''}, {len(ids)} given "
                    f"(members: {', '.join(members)})",
                )
            )
        found[choice] = tuple(ids)
    return found, problems


def _across_keys(profile: Profile, graph: CareerGraph) -> Iterator[tuple[Path, str]]:
    """What is wrong across keys, or with the roles of ``[[experience]]``: ``(path, message)``."""
    since, first = profile.current_stage_since, profile.start
    if since is not None and profile.current_stage is None:
        yield (
            ("current_stage_since",),
            "is given without current_stage; say which stage you hold since then, e.g. current_stage = "
            '"junior-ml-engineer"',
        )
    if since is not None and first is not None and since > first:
        yield (
            ("current_stage_since",),
            f"{since} is after start = {first}; the time in your current stage must begin before the plan "
            "does",
        )
    if first is not None and profile.deadline is not None and profile.deadline < first:
        yield ("deadline",), f"{profile.deadline} is before start = {first}"
    for index, held in enumerate(profile.experience):
        if graph.kind(held.role) != "stage" and not graph.attr(held.role, "at_work", False):
            yield (
                ("experience", index, "role"),
                f"'{held.role}' is a {graph.kind(held.role)} learned in study; a role is a stage or a "
                "job done at work (at_work = true in the graph)",
            )
