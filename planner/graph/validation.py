"""Validating parsed graph files: find the problems first, word them after.

The finders (:func:`find_schema_problems`, :func:`find_structure_problems`) return
:class:`Finding` records, plain data that says what is wrong and which ids are
involved; :func:`word` turns a finding into a located :class:`~planner.errors.Problem`
with its message. So the checks are tested on data, the wording once, and
``planner validate --format json`` reports the same findings as the text does.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from planner.errors import Problem, did_you_mean

if TYPE_CHECKING:
    from planner.models import Node

SECTIONS: Final = {"skills": "skill", "projects": "project", "stages": "stage"}
"""The arrays of tables a graph file may hold, and the kind of node each defines."""


class Shape(NamedTuple):
    """What the structure checks read of a node: its kind and what it requires."""

    kind: str
    requires: tuple[str, ...]


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


def _nouns(kinds: Iterable[str]) -> str:
    return ", ".join(sorted(kinds))


_WORDING: Final[dict[str, Callable[[Finding], str]]] = {
    "unknown-table": lambda f: (
        f"unknown table '{f.ids[0]}'; a graph file holds [[skills]], [[projects]] and "
        f"[[stages]]{did_you_mean(f.ids[0], SECTIONS)}"
    ),
    "not-an-array": lambda f: f"'{f.ids[0]}' must be an array of tables ([[{f.ids[0]}]])",
    "schema": lambda f: f.detail,
    "duplicate-id": lambda f: f"duplicate id '{f.ids[0]}': also defined in {f.detail}",
    "stage-requires-nothing": lambda f: (
        f"stage '{f.ids[0]}' requires nothing; a stage must require at least one skill, "
        "project or stage"
    ),
    "requires-itself": lambda f: f"{f.detail} '{f.ids[0]}' requires itself",
    "dangling": lambda f: (
        f"{f.detail} '{f.ids[0]}' requires '{f.ids[1]}', which no file defines"
        + (f.ids[2] if len(f.ids) > 2 else "")
    ),
    "cycle": lambda f: f"prerequisite cycle: {f.detail}",
    "unreachable-stage": lambda f: f"stage '{f.ids[0]}' is unreachable: its prerequisite {f.detail}",
    "no-stages": lambda f: "the graph defines no [[stages]]",
    "too-many-nodes": lambda f: f.detail,
}


def word(finding: Finding, line_of: Callable[[str, str, int], int]) -> Problem:
    """The located, worded :class:`Problem` for ``finding``.

    ``line_of(node_id, file, occurrence)`` gives the line of a node's id (0 when
    unknown).
    """
    line = finding.line
    if finding.node is not None:
        line = line_of(finding.node, finding.file, finding.occurrence)
    message = _WORDING[finding.kind](finding)
    return Problem(finding.file, line, message, kind=finding.kind, ids=finding.ids)


# --- schema ----------------------------------------------------------------------------


def describe_pydantic_error(err: Mapping[str, Any]) -> str:
    """One pydantic error as ``key 'x' = value: what is wrong``."""
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
    msg = str(err["msg"])
    return f"key '{loc}' = {shown}: {msg[:1].lower() + msg[1:]}"


_KEYS: dict[str, tuple[str, ...]] = {}


def allowed_keys(kind: str) -> tuple[str, ...]:
    """The keys a node of ``kind`` may have, in the model's order."""
    from planner.models import Project, Skill, Stage

    if not _KEYS:
        for model in (Skill, Project, Stage):
            _KEYS[model.model_fields["kind"].default] = tuple(model.model_fields)
    return _KEYS[kind]


def find_schema_problems(
    name: str, data: Mapping[str, Any], invalid: set[str], seen: dict[str, int]
) -> tuple[list[tuple[Node, int, Mapping[str, Any]]], list[Finding]]:
    """Build the node models of one parsed file, with a finding per schema problem.

    Each model comes with its occurrence (how many entries with its id came before it
    in the file; 0 for the first) and the table it was built from.

    ``invalid`` collects the ids of entries that fail, so later checks do not report
    their dependents as dangling; ``seen`` counts each id's definitions in this file,
    so a finding points at the right one.
    """
    from pydantic import ValidationError

    from planner.models import Project, Skill, Stage

    models: dict[str, type[Node]] = {"skills": Skill, "projects": Project, "stages": Stage}
    nodes: list[tuple[Node, int, Mapping[str, Any]]] = []
    findings: list[Finding] = []
    for section, entries in data.items():
        if section not in SECTIONS:
            findings.append(Finding("unknown-table", name, ids=(section,)))
            continue
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            findings.append(Finding("not-an-array", name, ids=(section,)))
            continue
        model = models[section]
        for index, entry in enumerate(entries):
            raw_id = entry.get("id")
            occurrence = 0
            if isinstance(raw_id, str):
                occurrence = seen.get(raw_id, 0)
                seen[raw_id] = occurrence + 1
            label = f"{SECTIONS[section]} '{raw_id}'" if isinstance(raw_id, str) else (
                f"{section}[{index}]"
            )
            try:
                nodes.append((model.model_validate(entry), occurrence, entry))
            except ValidationError as exc:
                if isinstance(raw_id, str):
                    invalid.add(raw_id)
                for err in exc.errors():
                    message = describe_pydantic_error(err)
                    if err["type"] == "extra_forbidden":
                        key = str(err["loc"][0])
                        keys = allowed_keys(SECTIONS[section])
                        message += did_you_mean(key, keys) or f" (valid keys: {', '.join(keys)})"
                    findings.append(
                        Finding("schema", name, node=raw_id if isinstance(raw_id, str) else None,
                                ids=(raw_id,) if isinstance(raw_id, str) else (),
                                detail=f"{label}: {message}", occurrence=occurrence)
                    )
    return nodes, findings


# --- structure ---------------------------------------------------------------------------


def find_structure_problems(
    nodes: Mapping[str, Shape],
    files: Mapping[str, str],
    invalid: set[str],
    pred: Mapping[str, Collection[str]],
    succ: Mapping[str, Iterable[str]],
) -> list[Finding]:
    """Stages without requirements, self and dangling requirements, cycles, and the
    stages those make unreachable. ``pred`` and ``succ`` hold every valid edge (each
    node's defined prerequisites but itself, and the reverse); a graph without
    problems never builds a NetworkX graph."""
    from planner.graph.model import prerequisites_first

    findings: list[Finding] = []
    why: dict[str, str] = {}  # broken node -> why it is broken
    for node_id in sorted(nodes):
        node = nodes[node_id]
        file = files[node_id]
        if node.kind == "stage" and not node.requires:
            findings.append(Finding("stage-requires-nothing", file, node=node_id, ids=(node_id,)))
        for req in node.requires:
            if req == node_id:
                why[node_id] = "requires itself"
                findings.append(Finding("requires-itself", file, node=node_id, ids=(node_id,),
                                        detail=node.kind))
            elif req in nodes:
                continue
            elif req in invalid:
                why.setdefault(node_id, f"requires '{req}', which is invalid")
            else:
                why.setdefault(node_id, f"requires '{req}', which no file defines")
                findings.append(Finding("dangling", file, node=node_id,
                                        ids=(node_id, req, did_you_mean(req, nodes)),
                                        detail=node.kind))
    if why or len(prerequisites_first(pred, succ)) < len(pred):
        findings.extend(_broken_structure(nodes, files, why))
    if nodes and not any(n.kind == "stage" for n in nodes.values()):
        findings.append(Finding("no-stages", "graph"))
    return findings


def _broken_structure(nodes: Mapping[str, Shape], files: Mapping[str, str],
                      why: dict[str, str]) -> list[Finding]:
    """Cycles, and the stages that broken nodes (``why``) make unreachable."""
    import networkx as nx

    digraph = nx.DiGraph()
    digraph.add_nodes_from(sorted(nodes))
    digraph.add_edges_from(
        (req, node_id) for node_id in sorted(nodes) for req in nodes[node_id].requires
        if req in nodes and req != node_id
    )
    findings: list[Finding] = []
    for component in nx.strongly_connected_components(digraph):
        if len(component) < 2:
            continue
        start = min(component)
        sub = digraph.subgraph(component)
        # Walk the cycle found from the smallest id, so the message is deterministic.
        path = nx.shortest_path(sub, start, min(sub.predecessors(start)))
        cycle = [*path, start]
        shown = " → ".join(cycle)
        where = ", ".join(f"{n} in {files[n]}" for n in sorted(set(cycle)))
        findings.append(Finding("cycle", files[start], node=start, ids=tuple(cycle),
                                detail=f"{shown} ({where})"))
        for member in component:
            why.setdefault(member, f"is in the cycle {shown}")
    if why:
        cut = set(why)
        for member in why:
            cut |= nx.descendants(digraph, member)
        for node_id in sorted(cut - why.keys()):
            if nodes[node_id].kind != "stage":
                continue
            culprits: dict[str, str] = {}  # reason -> first culprit; one per cycle
            for c in sorted(why.keys() & nx.ancestors(digraph, node_id)):
                culprits.setdefault(why[c], c)
            reasons = sorted(culprits.items(), key=lambda kv: kv[1])
            detail = "; ".join(f"'{c}' {reason}" for reason, c in reasons[:3])
            if len(reasons) > 3:
                detail += f"; and {len(reasons) - 3} more are broken"
            findings.append(Finding("unreachable-stage", files[node_id], node=node_id,
                                    ids=(node_id, *(c for _, c in reasons)), detail=detail))
    return findings
