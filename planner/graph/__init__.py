"""The career graph: read a folder of TOML files, validate it, and model it.

Every ``*.toml`` file of the folder may hold ``[[skills]]``, ``[[projects]]`` and
``[[stages]]``; the folder's graph is all of them together. An edge points from a
prerequisite to what depends on it. The package does one job per module:

- :mod:`~planner.graph.reading` finds the files and parses their TOML;
- :mod:`~planner.graph.validation` finds the problems and words them;
- :mod:`~planner.graph.model` is the :class:`CareerGraph` and its traversals;
- :mod:`~planner.graph.cache` keeps compiled graphs between runs.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.errors import GraphError, Problem
from planner.graph.model import CareerGraph
from planner.graph.reading import (
    LineIndex,
    Parsed,
    graph_files,
    read_graph_files,
    shipped_graph_dir,
)
from planner.graph.tables import NodeTables, prerequisites, unlocks
from planner.graph.validation import Finding, Shape, find_schema_problems, find_structure_problems, word
from planner.limits import MAX_NODES

if TYPE_CHECKING:
    from planner.records import Node

__all__ = ["CareerGraph", "build_graph", "graph_files", "load_graph", "shipped_graph", "shipped_graph_dir"]


def load_graph(folder: str | os.PathLike[str] | None = None) -> CareerGraph:
    """Read and validate every ``*.toml`` file of ``folder`` (default: the graph shipped
    with planner, read once per process).

    Parameters
    ----------
    folder:
        A graph folder in the format of docs/graph-format.md.

    Returns
    -------
    CareerGraph
        The merged, validated graph.

    Raises
    ------
    GraphError
        With every problem found, each naming its file, line and the ids involved.
    """
    if folder is None:
        return shipped_graph()
    problems: list[Problem] = []
    paths = graph_files(Path(folder))

    def parsed(files: Iterable[tuple[dict[str, Any], list[Problem]]]) -> Iterator[Parsed]:
        for path, (data, found) in zip(paths, files, strict=True):
            problems.extend(found)
            yield str(path), data, LineIndex(path)

    return build_graph(parsed(read_graph_files(paths)), problems)


@functools.cache
def shipped_graph() -> CareerGraph:
    """The graph shipped with planner, read once per process (it never changes)."""
    return load_graph(shipped_graph_dir())


def _lines(mapping: Mapping[str, Any], node_id: str) -> list[int]:
    value = mapping.get(node_id)
    if value is None:
        return []
    return [value] if isinstance(value, int) else list(value)


def build_graph(
    parsed: Iterable[tuple[str, Mapping[str, Any], Mapping[str, Any]]],
    problems: list[Problem] | None = None,
) -> CareerGraph:
    """Validate parsed graph files and build the :class:`CareerGraph`.

    ``parsed`` holds ``(file name, TOML data, id -> line(s))`` triples; tests pass
    dict literals here directly.

    Raises
    ------
    GraphError
        With every problem found.
    """

    problems = [] if problems is None else problems
    findings: list[Finding] = []
    # What the checks read of each node, its record and its table (which the cache stores).
    nodes: dict[str, Shape] = {}
    records: dict[str, Node] = {}
    tables: dict[str, Mapping[str, Any]] = {}
    files: dict[str, str] = {}
    line_maps: dict[str, Mapping[str, Any]] = {}
    invalid: set[str] = set()
    defined_at: dict[str, int] = {}

    declares_stages = False

    def line_of(node_id: str, file: str, occurrence: int = 0, path: tuple[str | int, ...] = ()) -> int:
        lines = _lines(line_maps.get(file, {}), node_id)
        if not lines:
            return 0
        line = lines[min(occurrence, len(lines) - 1)]
        where = line_maps.get(file)
        return where.value_line(line, path) if path and isinstance(where, LineIndex) else line

    for name, data, id_lines in parsed:
        line_maps[name] = id_lines
        declares_stages = declares_stages or "stages" in data
        seen: dict[str, int] = {}
        built, found = find_schema_problems(name, data, invalid, seen)
        findings.extend(found)
        for node, occurrence, table in built:
            if node.id in nodes:
                first_file = files[node.id]
                first = line_of(node.id, first_file, defined_at[node.id])
                findings.append(
                    Finding(
                        "duplicate-id",
                        name,
                        node=node.id,
                        ids=(node.id,),
                        detail=first_file + (f" line {first}" if first else ""),
                        occurrence=occurrence,
                    )
                )
                continue
            nodes[node.id] = Shape.of(node)
            records[node.id] = node
            tables[node.id] = table
            files[node.id] = name
            defined_at[node.id] = occurrence
    if len(nodes) > MAX_NODES:
        findings.append(
            Finding(
                "too-many-nodes", "graph", detail=f"{len(nodes)} nodes; at most {MAX_NODES} are supported"
            )
        )
        problems.extend(word(f, line_of) for f in findings)
        raise GraphError(problems)

    pred = prerequisites({node_id: node.requires for node_id, node in nodes.items()})
    succ = unlocks(pred)
    findings.extend(
        find_structure_problems(nodes, files, invalid, pred, succ, declares_stages=declares_stages)
    )
    problems.extend(word(f, line_of) for f in findings)
    if problems:
        raise GraphError(problems)
    kinds = {node_id: node.kind for node_id, node in nodes.items()}
    return CareerGraph(
        nodes=NodeTables(kinds, tables, records), files=files, pred=pred, succ=succ, validated=True
    )
