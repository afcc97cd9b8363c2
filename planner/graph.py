"""Load a folder of graph TOML files into a validated NetworkX graph.

Every ``*.toml`` file of the folder may hold ``[[skills]]``, ``[[projects]]`` and
``[[stages]]``; the folder's graph is all of them together. An edge points from a
prerequisite to what depends on it. Validation collects every problem with its file
and line before raising one :class:`~planner.errors.GraphError`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from planner.errors import GraphError, Problem, did_you_mean

if TYPE_CHECKING:
    import networkx as nx

    from planner.models import Node, Stage

SECTIONS: Final = {"skills": "skill", "projects": "project", "stages": "stage"}
MAX_GRAPH_FILES: Final = 2_000
"""Most TOML files a graph folder may hold."""
MAX_GRAPH_BYTES: Final = 64 * 1024 * 1024
"""Largest total size of a graph folder's TOML files (64 MiB)."""
MAX_NODES: Final = 200_000
"""Most nodes a graph may define."""

_TOML_LINE = re.compile(r"at line (\d+)")


def shipped_graph_dir() -> Path:
    """Return the folder of the graph data that ships with planner."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "graph_data", here.parent / "graph_data"):
        if candidate.is_dir():
            return candidate
    return here / "graph_data"


@dataclass(frozen=True)
class CareerGraph:
    """The validated career graph: nodes by id, their source files and the DiGraph.

    ``digraph`` has one node per id with the attributes ``kind``, ``name`` and (for
    skills and projects) ``hours``; an edge ``a -> b`` means *a* is a prerequisite of *b*.
    """

    nodes: Mapping[str, Node]
    files: Mapping[str, str]
    digraph: nx.DiGraph = field(repr=False)

    def kind(self, node_id: str) -> str:
        return self.nodes[node_id].kind

    def hours(self, node_id: str) -> float:
        node = self.nodes[node_id]
        return 0.0 if node.kind == "stage" else node.hours  # type: ignore[union-attr]

    @cached_property
    def stages(self) -> tuple[Stage, ...]:
        """Every stage, lowest rung of the ladder first (see :meth:`stage_rank`)."""
        stages = [n for n in self.nodes.values() if n.kind == "stage"]
        return tuple(sorted(stages, key=lambda s: self.stage_rank[s.id]))  # type: ignore[misc]

    @cached_property
    def stage_depth(self) -> dict[str, int]:
        """For every node, how many stages lie on the longest chain of its prerequisites."""
        import networkx as nx

        depth: dict[str, int] = {}
        for node in nx.topological_sort(self.digraph):
            best = 0
            for pred in self.digraph.predecessors(node):
                best = max(best, depth[pred] + (self.nodes[pred].kind == "stage"))
            depth[node] = best
        return depth

    @cached_property
    def stage_rank(self) -> dict[str, tuple[int, int, str]]:
        """Sort key of each stage: stages below it, then its ``level``, then its id."""
        depth = self.stage_depth
        return {
            n.id: (depth[n.id], n.level or 0, n.id)  # type: ignore[union-attr]
            for n in self.nodes.values()
            if n.kind == "stage"
        }

    @cached_property
    def chain_depth(self) -> dict[str, int]:
        """Length of the longest prerequisite chain that ends at each node."""
        import networkx as nx

        depth: dict[str, int] = {}
        for node in nx.topological_sort(self.digraph):
            depth[node] = max((depth[p] + 1 for p in self.digraph.predecessors(node)), default=0)
        return depth

    def ancestors(self, node_id: str) -> set[str]:
        """Every prerequisite of ``node_id``, direct or not."""
        import networkx as nx

        return set(nx.ancestors(self.digraph, node_id))

    def descendants(self, node_id: str) -> set[str]:
        """Everything ``node_id`` unlocks, directly or not."""
        import networkx as nx

        return set(nx.descendants(self.digraph, node_id))

    def closure(self, ids: Iterable[str]) -> set[str]:
        """The ids together with all of their prerequisites."""
        seen: set[str] = set()
        stack = [i for i in ids if i in self.nodes]
        pred = self.digraph.pred
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            stack.extend(p for p in pred[node] if p not in seen)
        return seen

    def stages_needing(self, node_id: str) -> list[str]:
        """The stages whose requirements include ``node_id``, lowest first."""
        needed_by = self.descendants(node_id)
        return [s.id for s in self.stages if s.id in needed_by]


def _line_index(text: str) -> dict[str, int]:
    """Map each ``id = "..."`` in a TOML text to its line number."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r"""\s*id\s*=\s*["']([^"']*)["']""", line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def _describe_pydantic_error(err: Mapping[str, Any]) -> str:
    loc = ".".join(str(p) for p in err["loc"])
    value = err.get("input")
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{loc}'"
    if kind == "missing":
        return f"missing key '{loc}'"
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return f"key '{loc}' = {shown}: {err['msg'].lower()}"


_KEYS: dict[str, tuple[str, ...]] = {}


def _allowed_keys(kind: str) -> tuple[str, ...]:
    from planner.models import Project, Skill, Stage

    if not _KEYS:
        for model in (Skill, Project, Stage):
            _KEYS[model.model_fields["kind"].default] = tuple(model.model_fields)
    return _KEYS[kind]


def _parse_entries(
    name: str, data: Mapping[str, Any], lines: Mapping[str, int], problems: list[Problem]
) -> list[Node]:
    from pydantic import TypeAdapter, ValidationError

    from planner.models import Project, Skill, Stage

    models = {"skills": Skill, "projects": Project, "stages": Stage}
    nodes: list[Node] = []
    for section, entries in data.items():
        if section not in SECTIONS:
            problems.append(
                Problem(
                    name,
                    0,
                    f"unknown table '{section}'; a graph file holds [[skills]], [[projects]] "
                    f"and [[stages]]{did_you_mean(section, SECTIONS)}",
                )
            )
            continue
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            problems.append(
                Problem(name, 0, f"'{section}' must be an array of tables ([[{section}]])")
            )
            continue
        adapter: TypeAdapter[Any] = TypeAdapter(models[section])
        for index, entry in enumerate(entries):
            raw_id = entry.get("id")
            label = f"{SECTIONS[section]} '{raw_id}'" if isinstance(raw_id, str) else (
                f"{section}[{index}]"
            )
            line = lines.get(raw_id, 0) if isinstance(raw_id, str) else 0
            try:
                nodes.append(adapter.validate_python(entry))
            except ValidationError as exc:
                for err in exc.errors():
                    message = _describe_pydantic_error(err)
                    if err["type"] == "extra_forbidden":
                        key = str(err["loc"][0])
                        message += (
                            did_you_mean(key, _allowed_keys(SECTIONS[section]))
                            or f" (valid keys: {', '.join(_allowed_keys(SECTIONS[section]))})"
                        )
                    problems.append(Problem(name, line, f"{label}: {message}"))
    return nodes


def _read_toml(path: Path, name: str, problems: list[Problem]) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, 0, f"cannot read file: {exc.strerror or exc}"))
        return {}, ""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(name, 0, "not a UTF-8 text file"))
        return {}, ""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else 0
        problems.append(Problem(name, line, f"TOML syntax error: {exc}"))
        return {}, text
    except RecursionError:
        problems.append(Problem(name, 0, "TOML nesting is too deep"))
        return {}, text


def graph_files(folder: Path) -> list[Path]:
    """The TOML files of a graph folder, sorted by name so loading is deterministic."""
    if not folder.is_dir():
        raise GraphError([Problem(str(folder), 0, "graph folder does not exist or is not a folder")])
    files = sorted(p for p in folder.glob("*.toml") if p.is_file())
    if not files:
        raise GraphError([Problem(str(folder), 0, "graph folder holds no *.toml files")])
    if len(files) > MAX_GRAPH_FILES:
        raise GraphError(
            [Problem(str(folder), 0, f"graph folder holds {len(files)} TOML files; "
                     f"at most {MAX_GRAPH_FILES} are supported")]
        )
    total = sum(p.stat().st_size for p in files)
    if total > MAX_GRAPH_BYTES:
        raise GraphError(
            [Problem(str(folder), 0, f"graph files hold {total} bytes; at most "
                     f"{MAX_GRAPH_BYTES} (64 MiB) are supported")]
        )
    return files


def load_graph(folder: Path) -> CareerGraph:
    """Read and validate every ``*.toml`` file of ``folder``.

    Parameters
    ----------
    folder:
        A graph folder in the format of SPEC.md ("Graph data").

    Returns
    -------
    CareerGraph
        The merged, validated graph.

    Raises
    ------
    GraphError
        With every problem found, each naming its file, line and the ids involved.
    """
    problems: list[Problem] = []
    parsed: list[tuple[str, dict[str, Any], dict[str, int]]] = []
    for path in graph_files(folder):
        name = str(path)
        data, text = _read_toml(path, name, problems)
        parsed.append((name, data, _line_index(text)))
    return build_graph(parsed, problems)


def build_graph(
    parsed: Iterable[tuple[str, Mapping[str, Any], Mapping[str, int]]],
    problems: list[Problem] | None = None,
) -> CareerGraph:
    """Validate parsed graph files and build the :class:`CareerGraph`.

    ``parsed`` holds ``(file name, TOML data, id -> line)`` triples; tests pass
    dict literals here directly.
    """
    import networkx as nx

    problems = [] if problems is None else problems
    nodes: dict[str, Node] = {}
    files: dict[str, str] = {}
    lines: dict[str, int] = {}
    for name, data, id_lines in parsed:
        for node in _parse_entries(name, data, id_lines, problems):
            line = id_lines.get(node.id, 0)
            if node.id in nodes:
                problems.append(
                    Problem(
                        name,
                        line,
                        f"duplicate id '{node.id}': also defined in {files[node.id]}"
                        + (f" line {lines[node.id]}" if lines[node.id] else ""),
                    )
                )
                continue
            nodes[node.id] = node
            files[node.id] = name
            lines[node.id] = line
    if len(nodes) > MAX_NODES:
        problems.append(Problem("graph", 0, f"{len(nodes)} nodes; at most {MAX_NODES} are supported"))
        raise GraphError(problems)

    digraph = nx.DiGraph()
    for node_id in sorted(nodes):
        node = nodes[node_id]
        attrs: dict[str, Any] = {"kind": node.kind, "name": node.name}
        if node.kind != "stage":
            attrs["hours"] = node.hours  # type: ignore[union-attr]
        digraph.add_node(node_id, **attrs)
    dangling: set[str] = set()
    for node_id in sorted(nodes):
        node = nodes[node_id]
        where = (files[node_id], lines[node_id])
        if node.kind == "stage" and not node.requires:
            problems.append(
                Problem(*where, f"stage '{node_id}' requires nothing; a stage must require "
                        "at least one skill, project or stage")
            )
        for req in node.requires:
            if req == node_id:
                problems.append(Problem(*where, f"{node.kind} '{node_id}' requires itself"))
            elif req not in nodes:
                dangling.add(node_id)
                problems.append(
                    Problem(
                        *where,
                        f"{node.kind} '{node_id}' requires '{req}', which no file defines"
                        f"{did_you_mean(req, nodes)}",
                    )
                )
            else:
                digraph.add_edge(req, node_id)

    broken: set[str] = set(dangling)
    for component in nx.strongly_connected_components(digraph):
        if len(component) < 2:
            continue
        start = min(component)
        sub = digraph.subgraph(component)
        # Walk the cycle found from the smallest id, so the message is deterministic.
        path = nx.shortest_path(sub, start, min(sub.predecessors(start)))
        cycle = [*path, start]
        shown = " → ".join(cycle)
        problems.append(
            Problem(
                files[start],
                lines[start],
                f"prerequisite cycle: {shown} ("
                + ", ".join(f"{n} in {files[n]}" for n in sorted(set(cycle))) + ")",
            )
        )
        broken |= component
    if broken:
        cut = set(broken)
        for node in broken:
            cut |= nx.descendants(digraph, node)
        for node_id in sorted(cut - broken):
            if nodes[node_id].kind == "stage":
                culprits = sorted(broken & nx.ancestors(digraph, node_id))
                problems.append(
                    Problem(
                        files[node_id],
                        lines[node_id],
                        f"stage '{node_id}' is unreachable: its prerequisites include "
                        + ", ".join(f"'{c}'" for c in culprits[:5])
                        + (" and more" if len(culprits) > 5 else "")
                        + ", which "
                        + ("are" if len(culprits) > 1 else "is")
                        + " broken (see above)",
                    )
                )
    if not any(n.kind == "stage" for n in nodes.values()) and nodes:
        problems.append(Problem("graph", 0, "the graph defines no [[stages]]"))
    if problems:
        raise GraphError(problems)
    return CareerGraph(nodes=nodes, files=files, digraph=digraph)
