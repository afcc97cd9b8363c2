"""Load a folder of graph TOML files into a validated NetworkX graph.

Every ``*.toml`` file of the folder may hold ``[[skills]]``, ``[[projects]]`` and
``[[stages]]``; the folder's graph is all of them together. An edge points from a
prerequisite to what depends on it. Validation collects every problem with its file
and line before raising one :class:`~planner.errors.GraphError`.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Collection, Iterable, Iterator, Mapping
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
PARALLEL_BYTES: Final = 2 * 1024 * 1024
"""Graph folders at least this big are parsed in worker processes."""

_TOML_LINE = re.compile(r"at line (\d+)")


def shipped_graph_dir() -> Path:
    """Return the folder of the graph data that ships with planner."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "graph_data", here.parent / "graph_data"):
        if candidate.is_dir():
            return candidate
    return here / "graph_data"


class _LazyNodes(Mapping[str, "Node"]):
    """Node models rebuilt from a cache's plain data only when they are read."""

    def __init__(self, raw: dict[str, dict[str, Any]]) -> None:
        self._raw = raw
        self._built: dict[str, Node] = {}

    def __getitem__(self, key: str) -> Node:
        node = self._built.get(key)
        if node is None:
            node = _construct(self._raw[key])
            self._built[key] = node
        return node

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def raw(self, key: str) -> dict[str, Any]:
        return self._raw[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def _construct(data: dict[str, Any]) -> Node:
    """Rebuild a node model from its own ``model_dump`` without validating it again."""
    from planner.models import Project, Resource, Salary, Skill, Stage

    values = dict(data)
    values["requires"] = tuple(values.get("requires", ()))
    if values["kind"] == "stage":
        if values.get("salary") is not None:
            values["salary"] = Salary.model_construct(**values["salary"])
        return Stage.model_construct(**values)
    values["resources"] = tuple(Resource.model_construct(**r) for r in values.get("resources", ()))
    model = Skill if values["kind"] == "skill" else Project
    return model.model_construct(**values)


class CareerGraph:
    """The validated career graph: nodes by id, their source files, and the edges.

    ``pred`` maps every id to its direct prerequisites; the planner walks it directly.
    ``digraph`` is the same graph in NetworkX (built on first use): one node per id
    with the attributes ``kind``, ``name`` and (for skills and projects) ``hours``;
    an edge ``a -> b`` means *a* is a prerequisite of *b*.
    """

    def __init__(
        self,
        *,
        nodes: Mapping[str, Node],
        files: Mapping[str, str],
        pred: Mapping[str, tuple[str, ...]],
        digraph: nx.DiGraph | None = None,
    ) -> None:
        self.nodes = nodes
        self.files = files
        self.pred = pred
        if digraph is not None:
            self.__dict__["digraph"] = digraph

    def __getstate__(self) -> dict[str, Any]:
        # Plain data pickles and unpickles far faster than models and a DiGraph.
        return {
            "nodes": {k: n.model_dump() for k, n in self.nodes.items()},
            "files": dict(self.files),
            "pred": dict(self.pred),
            "stage_rank": self.__dict__.get("stage_rank"),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.nodes = _LazyNodes(state["nodes"])
        self.files = state["files"]
        self.pred = state["pred"]
        if state.get("stage_rank") is not None:
            self.__dict__["stage_rank"] = state["stage_rank"]

    @cached_property
    def succ(self) -> Mapping[str, Iterable[str]]:
        """Every id mapped to what it directly unlocks, in id order."""
        if "digraph" in self.__dict__:
            # build_graph added the edges in id order, so the adjacency is already sorted.
            return self.__dict__["digraph"].succ  # type: ignore[no-any-return]
        succ: dict[str, list[str]] = {node: [] for node in self.pred}
        for node in sorted(self.pred):
            for p in self.pred[node]:
                succ[p].append(node)
        return succ

    @cached_property
    def digraph(self) -> nx.DiGraph:
        """The graph in NetworkX, edge prerequisite → dependent."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(
            (node_id, {"kind": node.kind, "name": node.name}
             if node.kind == "stage" else {"kind": node.kind, "name": node.name,
                                           "hours": node.hours})
            for node_id, node in sorted(self.nodes.items())
        )
        graph.add_edges_from((p, node) for node in sorted(self.pred) for p in self.pred[node])
        return graph

    def topological_order(self, ids: Iterable[str] | None = None) -> list[str]:
        """A topological order of ``ids`` (default: every node), ties by id."""
        members = set(self.pred if ids is None else ids)
        succ = self.succ
        indegree = {n: sum(1 for p in self.pred[n] if p in members) for n in members}
        ready = sorted((n for n, d in indegree.items() if d == 0), reverse=True)
        order: list[str] = []
        while ready:
            node = ready.pop()
            order.append(node)
            for s in succ[node]:
                if s in indegree:
                    indegree[s] -= 1
                    if indegree[s] == 0:
                        ready.append(s)
        return order

    def kind(self, node_id: str) -> str:
        """The kind of a node (skill, project or stage), without building its model."""
        nodes = self.nodes
        if isinstance(nodes, _LazyNodes):
            return str(nodes.raw(node_id)["kind"])
        return nodes[node_id].kind

    def hours(self, node_id: str) -> float:
        node = self.nodes[node_id]
        return 0.0 if node.kind == "stage" else node.hours

    @cached_property
    def stages(self) -> tuple[Stage, ...]:
        """Every stage, lowest rung of the ladder first (see :meth:`stage_rank`)."""
        stages = [n for n in self.nodes.values() if n.kind == "stage"]
        return tuple(sorted(stages, key=lambda s: self.stage_rank[s.id]))

    @cached_property
    def stage_depth(self) -> dict[str, int]:
        """For every node, how many stages lie on the longest chain of its prerequisites."""
        depth: dict[str, int] = {}
        nodes = self.nodes
        for node in self.topological_order():
            best = 0
            for pred in self.pred[node]:
                best = max(best, depth[pred] + (nodes[pred].kind == "stage"))
            depth[node] = best
        return depth

    @cached_property
    def stage_rank(self) -> dict[str, tuple[int, int, str]]:
        """Sort key of each stage: stages below it, then its ``level``, then its id."""
        depth = self.stage_depth
        return {
            n.id: (depth[n.id], n.level or 0, n.id)
            for n in self.nodes.values()
            if n.kind == "stage"
        }

    def rank_stages(self, stage_ids: Iterable[str]) -> list[str]:
        """Sort ``stage_ids`` lowest rung first, by the same key as :attr:`stage_rank`.

        Uses the full ranking when it is already computed (a cached graph); otherwise
        ranks from the stages' own prerequisite closure, which gives the same order
        and avoids a pass over a big graph.
        """
        ids = list(stage_ids)
        if "stage_rank" in self.__dict__ or not ids:
            return sorted(ids, key=self.stage_rank.__getitem__)
        depth: dict[str, int] = {}
        for node in self.topological_order(self.closure(ids)):
            depth[node] = max(
                (depth[p] + (self.nodes[p].kind == "stage") for p in self.pred[node]), default=0
            )
        return sorted(ids, key=lambda s: (depth[s], self.nodes[s].level or 0, s))  # type: ignore[union-attr]

    def ancestors(self, node_id: str) -> set[str]:
        """Every prerequisite of ``node_id``, direct or not."""
        return self.closure([node_id]) - {node_id}

    def descendants(self, node_id: str) -> set[str]:
        """Everything ``node_id`` unlocks, directly or not."""
        seen: set[str] = set()
        stack = list(self.succ.get(node_id, ()))
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(self.succ[node])
        return seen

    def path(self, source: str, target: str, within: Collection[str] | None = None) -> list[str]:
        """A shortest chain of unlocks from ``source`` to ``target`` ([] if none),
        through the ids in ``within`` only, when given."""
        parents: dict[str, str | None] = {source: None}
        frontier = [source]
        while frontier and target not in parents:
            following = []
            for node in frontier:
                for s in self.succ.get(node, ()):
                    if s not in parents and (within is None or s in within):
                        parents[s] = node
                        following.append(s)
            frontier = following
        if target not in parents:
            return []
        chain: list[str] = []
        step: str | None = target
        while step is not None:
            chain.append(step)
            step = parents[step]
        return chain[::-1]

    def closure(self, ids: Iterable[str]) -> set[str]:
        """The ids together with all of their prerequisites."""
        seen: set[str] = set()
        stack = [i for i in ids if i in self.nodes]
        pred = self.pred
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


class LineIndex(Mapping[str, int]):
    """The line of each ``id = "..."`` in a TOML text, computed only when asked.

    Line numbers only matter for error messages, so valid graphs never pay for them.
    """

    _ID = re.compile(r"""^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]*)["']""", re.MULTILINE)

    def __init__(self, source: str | Path) -> None:
        self._source = source
        self._lines: dict[str, int] | None = None

    def _index(self) -> dict[str, int]:
        if self._lines is None:
            self._lines = {}
            text = self._source
            if isinstance(text, Path):
                try:
                    text = text.read_bytes().decode("utf-8", "replace")
                except OSError:
                    text = ""
            line, last = 1, 0
            for match in self._ID.finditer(text):
                line += text.count("\n", last, match.start())
                last = match.start()
                self._lines.setdefault(match.group(1), line)
        return self._lines

    def __getitem__(self, key: str) -> int:
        return self._index()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())


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
    name: str,
    data: Mapping[str, Any],
    lines: Mapping[str, int],
    problems: list[Problem],
    invalid: set[str],
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
            try:
                nodes.append(adapter.validate_python(entry))
            except ValidationError as exc:
                line = lines.get(raw_id, 0) if isinstance(raw_id, str) else 0
                if isinstance(raw_id, str):
                    invalid.add(raw_id)
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


def _read_toml(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """Parse one graph file; return its data and the problems found (picklable, so a
    worker process can run it)."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return {}, [Problem(name, 0, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {}, [Problem(name, 0, "not a UTF-8 text file")]
    try:
        return tomllib.loads(text.removeprefix("\ufeff")), []
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else 0
        return {}, [Problem(name, line, f"TOML syntax error: {exc}")]
    except RecursionError:
        return {}, [Problem(name, 0, "TOML nesting is too deep")]


def _read_all(paths: list[Path]) -> Iterator[tuple[dict[str, Any], list[Problem]]]:
    """Parse every file, in worker processes when the folder is big enough to gain.

    TOML parsing is most of the work of loading a big graph and each file parses on
    its own, so big folders are spread over the machine's cores. Results come in the
    files' order, as soon as each is ready, so the caller validates one file while
    the workers parse the next. Small folders, or a machine where workers cannot
    start, parse here.
    """
    cores = os.cpu_count() or 1
    size = sum(p.stat().st_size for p in paths)
    done = 0
    if size >= PARALLEL_BYTES and len(paths) > 1 and cores > 1 and sys.platform == "linux":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        workers = min(cores, 4, len(paths))
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                for result in pool.map(_read_toml, paths, chunksize=max(1, len(paths) // (workers * 4))):
                    done += 1
                    yield result
        except (OSError, BrokenProcessPool):
            pass
    for path in paths[done:]:
        yield _read_toml(path)


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
    paths = graph_files(folder)

    def parsed() -> Iterator[tuple[str, dict[str, Any], Mapping[str, int]]]:
        for path, (data, found) in zip(paths, _read_all(paths), strict=True):
            problems.extend(found)
            yield str(path), data, LineIndex(path)

    return build_graph(parsed(), problems)


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
    line_maps: dict[str, Mapping[str, int]] = {}
    invalid: set[str] = set()

    def line_of(node_id: str, file: str | None = None) -> int:
        return line_maps[file or files[node_id]].get(node_id, 0)

    for name, data, id_lines in parsed:
        line_maps[name] = id_lines
        for node in _parse_entries(name, data, id_lines, problems, invalid):
            if node.id in nodes:
                first = line_of(node.id)
                problems.append(
                    Problem(
                        name,
                        line_of(node.id, name),
                        f"duplicate id '{node.id}': also defined in {files[node.id]}"
                        + (f" line {first}" if first else ""),
                    )
                )
                continue
            nodes[node.id] = node
            files[node.id] = name
    if len(nodes) > MAX_NODES:
        problems.append(Problem("graph", 0, f"{len(nodes)} nodes; at most {MAX_NODES} are supported"))
        raise GraphError(problems)

    digraph = nx.DiGraph()
    digraph.add_nodes_from(
        (node_id, {"kind": node.kind, "name": node.name}
         if node.kind == "stage" else {"kind": node.kind, "name": node.name, "hours": node.hours})
        for node_id, node in sorted(nodes.items())
    )
    why: dict[str, str] = {}  # broken node -> why it is broken
    edges: list[tuple[str, str]] = []
    for node_id in sorted(nodes):
        node = nodes[node_id]
        if node.kind == "stage" and not node.requires:
            problems.append(
                Problem(files[node_id], line_of(node_id), f"stage '{node_id}' requires nothing; a "
                        "stage must require at least one skill, project or stage")
            )
        for req in node.requires:
            if req in nodes and req != node_id:
                edges.append((req, node_id))
            elif req == node_id:
                why[node_id] = "requires itself"
                problems.append(Problem(files[node_id], line_of(node_id),
                                        f"{node.kind} '{node_id}' requires itself"))
            elif req in invalid:
                why.setdefault(node_id, f"requires '{req}', which is invalid")
            else:
                why.setdefault(node_id, f"requires '{req}', which no file defines")
                problems.append(
                    Problem(
                        files[node_id],
                        line_of(node_id),
                        f"{node.kind} '{node_id}' requires '{req}', which no file defines"
                        f"{did_you_mean(req, nodes)}",
                    )
                )
    digraph.add_edges_from(edges)

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
                line_of(start),
                f"prerequisite cycle: {shown} ("
                + ", ".join(f"{n} in {files[n]}" for n in sorted(set(cycle))) + ")",
            )
        )
        for member in component:
            why.setdefault(member, f"is in the cycle {shown}")
    if why:
        cut = set(why)
        for member in why:
            cut |= nx.descendants(digraph, member)
        for node_id in sorted(cut - why.keys()):
            if nodes[node_id].kind == "stage":
                culprits: dict[str, str] = {}  # reason -> first culprit; one per cycle
                for c in sorted(why.keys() & nx.ancestors(digraph, node_id)):
                    culprits.setdefault(why[c], c)
                shown_reasons = sorted(culprits.items(), key=lambda kv: kv[1])
                problems.append(
                    Problem(
                        files[node_id],
                        line_of(node_id),
                        f"stage '{node_id}' is unreachable: its prerequisite "
                        + "; ".join(f"'{c}' {reason}" for reason, c in shown_reasons[:3])
                        + (f"; and {len(shown_reasons) - 3} more are broken"
                           if len(shown_reasons) > 3 else ""),
                    )
                )
    if not any(n.kind == "stage" for n in nodes.values()) and nodes:
        problems.append(Problem("graph", 0, "the graph defines no [[stages]]"))
    if problems:
        raise GraphError(problems)
    pred = {
        node_id: tuple(sorted({r for r in nodes[node_id].requires if r in nodes and r != node_id}))
        for node_id in sorted(nodes)
    }
    return CareerGraph(nodes=nodes, files=files, pred=pred, digraph=digraph)
