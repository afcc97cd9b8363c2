"""What graph validation finds, as data: the shape of a node the checks read, and a
finding (a problem with the ids involved), which :mod:`planner.graph.validation`
words."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from planner.records import Node


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
    at_work: bool = False
    experience: tuple[str, ...] = ()
    """A stage's ``experience_counts`` roles."""
    name: str = ""
    """What a person may type for the node besides its id and aliases."""

    @classmethod
    def of(cls, node: Node) -> Shape:
        if node.kind == "choice":
            return cls(
                node.kind,
                node.requires,
                node.recommends,
                node.aliases,
                node.one_of,
                node.pick,
                name=node.name,
            )
        if node.kind == "stage":
            return cls(
                node.kind,
                node.requires,
                node.recommends,
                node.aliases,
                experience=tuple(node.experience_counts),
                name=node.name,
            )
        return cls(
            node.kind, node.requires, node.recommends, node.aliases, at_work=node.at_work, name=node.name
        )


class Finding(NamedTuple):
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
