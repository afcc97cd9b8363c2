"""What graph validation finds, as data, and how each finding is worded.

The finders of :mod:`planner.graph.validation` and :mod:`planner.graph.namespace`
return :class:`Finding` records that say what is wrong and which ids are involved;
:func:`word` turns one into a located :class:`~planner.errors.Problem` with its
message, so the checks are tested on data and the wording is written once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, NamedTuple

from planner.errors import Problem, did_you_mean

if TYPE_CHECKING:
    from planner.records import Node

SECTIONS: Final = {"skills": "skill", "projects": "project", "stages": "stage", "choices": "choice"}
"""The arrays of tables a graph file may hold, and the kind of node each defines."""


class Shape(NamedTuple):
    """What the structure checks read of a node: its kind, what it requires (a
    choice: its members), recommends and is also called, and a choice's members and
    pick."""

    kind: str
    requires: tuple[str, ...]
    recommends: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    one_of: tuple[str, ...] = ()
    pick: int = 1
    name: str = ""

    @classmethod
    def of(cls, node: Node) -> Shape:
        if node.kind == "choice":
            return cls(
                node.kind, node.requires, node.recommends, node.aliases, node.one_of, node.pick, node.name
            )
        return cls(node.kind, node.requires, node.recommends, node.aliases, name=node.name)


@dataclass(frozen=True)
class Finding:
    """One problem in graph data, as data: its kind, where, and the ids involved.

    ``node`` locates it (the line of that node's ``id``) when it concerns a node;
    ``line`` locates file-level problems. ``ids`` and ``detail`` carry what the
    message needs; :func:`word` says it.
    """

    kind: str
    file: str
    node: str | None = None
    ids: tuple[str, ...] = ()
    detail: str = ""
    line: int = 0
    occurrence: int = 0
    """Which definition of ``node`` in ``file`` is meant (0: the first)."""
    path: tuple[str | int, ...] = ()
    """Where in the node the problem is (keys and 0-based indexes), to locate its line."""


def _nouns(kinds: Iterable[str]) -> str:
    return ", ".join(sorted(kinds))


_WORDING: Final[dict[str, Callable[[Finding], str]]] = {
    "unknown-table": lambda f: (
        f"unknown table '{f.ids[0]}'; a graph file holds [[skills]], [[projects]], "
        f"[[stages]] and [[choices]]{did_you_mean(f.ids[0], SECTIONS)}"
    ),
    "not-an-array": lambda f: f"'{f.ids[0]}' must be an array of tables ([[{f.ids[0]}]])",
    "schema": lambda f: f.detail,
    "duplicate-id": lambda f: f"duplicate id '{f.ids[0]}': also defined in {f.detail}",
    "stage-requires-nothing": lambda f: (
        f"stage '{f.ids[0]}' requires nothing; a stage must require at least one skill, project or stage"
    ),
    "requires-itself": lambda f: f"{f.detail} '{f.ids[0]}' requires itself",
    "dangling": lambda f: (
        f"{f.detail} '{f.ids[0]}' requires '{f.ids[1]}', which no file defines"
        + (f.ids[2] if len(f.ids) > 2 else "")
    ),
    "unknown-member": lambda f: (
        f"choice '{f.ids[0]}' lists '{f.ids[1]}' in one_of, which no file defines{f.detail}"
    ),
    "member-not-work": lambda f: (
        f"choice '{f.ids[0]}' lists the {f.detail} '{f.ids[1]}'; the members of a choice are "
        "skills or projects"
    ),
    "member-twice": lambda f: f"choice '{f.ids[0]}' lists '{f.ids[1]}' more than once in one_of",
    "pick-out-of-range": lambda f: (
        f"choice '{f.ids[0]}' has pick = {f.detail}; pick must be from 1 to the number of "
        f"members ({len(f.ids) - 1})"
    ),
    "unknown-recommend": lambda f: (
        f"{f.detail} '{f.ids[0]}' recommends '{f.ids[1]}', which no file defines"
        + (f.ids[2] if len(f.ids) > 2 else "")
    ),
    "recommend-not-work": lambda f: (
        f"{f.detail} '{f.ids[0]}' recommends '{f.ids[1]}', a {f.ids[2]}; only skills and "
        "projects can be recommended"
    ),
    "recommend-required": lambda f: (
        f"{f.detail} '{f.ids[0]}' both requires and recommends '{f.ids[1]}'; keep it in one of the two lists"
    ),
    "alias-clash": lambda f: f"alias '{f.ids[1]}' of '{f.ids[0]}' {f.detail}",
    "name-clash": lambda f: (
        f"the name '{f.ids[1]}' of '{f.ids[0]}' is {f.detail} of '{f.ids[2]}', so `planner done "
        f"{f.ids[1]}` could mean either; rename one (names, ids and aliases are matched "
        "case-insensitively)"
    ),
    "cycle": lambda f: f"prerequisite cycle: {f.detail}",
    "unreachable-stage": lambda f: f"stage '{f.ids[0]}' is unreachable: its prerequisite {f.detail}",
    "no-stages": lambda f: "the graph defines no [[stages]]",
    "too-many-nodes": lambda f: f.detail,
}


def word(finding: Finding, line_of: Callable[[str, str, int, tuple[str | int, ...]], int]) -> Problem:
    """The located, worded :class:`Problem` for ``finding``.

    ``line_of(node_id, file, occurrence, path)`` gives the line of a node's id, or of
    the value at ``path`` in it (0 when unknown).
    """
    line = finding.line
    if finding.node is not None:
        line = line_of(finding.node, finding.file, finding.occurrence, finding.path)
    message = _WORDING[finding.kind](finding)
    return Problem(finding.file, line, message, kind=finding.kind, ids=finding.ids)
