"""Validating parsed graph files: find the problems first, word them after.

The finders (:func:`find_schema_problems`, :func:`find_structure_problems`) return
:class:`Finding` records, plain data that says what is wrong and which ids are
involved; :func:`word` turns a finding into a located :class:`~planner.errors.Problem`
with its message. So the checks are tested on data, the wording once, and
``planner validate --format json`` reports the same findings as the text does.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

from planner.errors import Problem, did_you_mean
from planner.graph.crossrefs import (
    find_alias_problems,
    find_choice_problems,
    find_experience_problems,
    find_name_problems,
    find_recommend_problems,
)
from planner.graph.findings import Finding, Shape
from planner.graph.tables import prerequisites_first
from planner.records import NODE_TYPES, SECTIONS
from planner.records.quick import quick
from planner.records.schema import SchemaErrors, validate_node

if TYPE_CHECKING:
    from planner.records import Node

__all__ = ["SECTIONS", "Finding", "Shape", "find_schema_problems", "find_structure_problems", "word"]


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
        "skills, projects or stages"
    ),
    "members-mixed": lambda f: (
        f"choice '{f.ids[0]}' mixes stages ({f.detail}) with skills or projects; the members of "
        "a choice are all stages (the rung below a stage) or none"
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
    "unknown-experience": lambda f: (
        f"stage '{f.ids[0]}' counts experience in '{f.ids[1]}', which no file defines{f.detail}"
    ),
    "experience-not-a-role": lambda f: (
        f"stage '{f.ids[0]}' counts experience in '{f.ids[1]}', a {f.detail}; experience_counts "
        "lists roles: stages and at_work nodes"
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


# --- schema ----------------------------------------------------------------------------


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

    nodes: list[tuple[Node, int, Mapping[str, Any]]] = []
    findings: list[Finding] = []
    for section, entries in data.items():
        if section not in SECTIONS:
            findings.append(Finding("unknown-table", name, ids=(section,)))
            continue
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            findings.append(Finding("not-an-array", name, ids=(section,)))
            continue
        kind = SECTIONS[section]
        record = NODE_TYPES[kind]
        for index, entry in enumerate(entries):
            raw_id = entry.get("id")
            occurrence = 0
            if isinstance(raw_id, str):
                occurrence = seen.get(raw_id, 0)
                seen[raw_id] = occurrence + 1
            node = quick(record, entry)
            if node is None:
                try:
                    node = validate_node(kind, entry)
                except SchemaErrors as exc:
                    if isinstance(raw_id, str):
                        invalid.add(raw_id)
                    findings.extend(
                        Finding(
                            "schema",
                            name,
                            node=raw_id if isinstance(raw_id, str) else None,
                            ids=(raw_id,) if isinstance(raw_id, str) else (),
                            detail=f"{_label(section, index, raw_id)}: {problem.text()}",
                            occurrence=occurrence,
                            path=problem.path,
                        )
                        for problem in exc.problems
                    )
                    continue
            problem = effort_problem(node)
            if problem is None:
                nodes.append((node, occurrence, entry))
                continue
            invalid.add(node.id)
            message, key = problem
            findings.append(
                Finding(
                    "schema",
                    name,
                    node=node.id,
                    ids=(node.id,),
                    detail=f"{_label(section, index, raw_id)}: {message}",
                    occurrence=occurrence,
                    path=(key,) if key in entry else (),
                )
            )
    return nodes, findings


def _label(section: str, index: int, raw_id: Any) -> str:
    """How a message names an entry: by its id, else by its place in its array."""
    return f"{SECTIONS[section]} '{raw_id}'" if isinstance(raw_id, str) else f"{section}[{index}]"


def effort_problem(node: Node) -> tuple[str, str] | None:
    """What is wrong with the effort a skill or project gives, and its key, or None:
    study takes ``hours``; an ``at_work`` node takes ``months`` (at least one) instead."""
    if node.kind not in ("skill", "project"):
        return None
    if not node.at_work:
        if node.months is not None:
            return "key 'months' is for at_work nodes; give hours, or set at_work = true", "months"
        if node.hours is None:
            return "missing key 'hours'", "hours"
        return None
    if node.hours is not None:
        return (
            "an at_work node takes calendar months at a job, not study hours; remove hours",
            "hours",
        )
    if not node.months:
        return (
            "at_work = true needs months = the calendar months it takes at work (at least 1)",
            "months",
        )
    return None


# --- structure ---------------------------------------------------------------------------


def find_structure_problems(
    nodes: Mapping[str, Shape],
    files: Mapping[str, str],
    invalid: set[str],
    pred: Mapping[str, Collection[str]],
    succ: Mapping[str, Iterable[str]],
    *,
    declares_stages: bool = True,
) -> list[Finding]:
    """Stages without requirements, self and dangling requirements, cycles, the
    stages those make unreachable, problems of choices, recommendations and aliases,
    and a graph without stages. ``pred`` and ``succ`` hold every valid edge (each
    node's defined prerequisites but itself, and the reverse); a graph without
    problems never builds a NetworkX graph. ``declares_stages`` says whether any file
    has a ``stages`` array (whose entries may all be invalid, which their own findings
    say)."""

    findings: list[Finding] = []
    why: dict[str, str] = {}  # broken node -> why it is broken
    for node_id in sorted(nodes):
        node = nodes[node_id]
        file = files[node_id]
        if node.kind == "stage" and not node.requires:
            findings.append(Finding("stage-requires-nothing", file, node=node_id, ids=(node_id,)))
        worded_elsewhere = node.kind == "choice"  # see find_choice_problems
        for req in node.requires:
            if req == node_id:
                why[node_id] = "requires itself"
                if not worded_elsewhere:
                    findings.append(
                        Finding("requires-itself", file, node=node_id, ids=(node_id,), detail=node.kind)
                    )
            elif req in nodes:
                continue
            elif req in invalid:
                why.setdefault(node_id, f"requires '{req}', which is invalid")
            else:
                why.setdefault(node_id, f"requires '{req}', which no file defines")
                if not worded_elsewhere:
                    findings.append(
                        Finding(
                            "dangling",
                            file,
                            node=node_id,
                            ids=(node_id, req, did_you_mean(req, nodes)),
                            detail=node.kind,
                        )
                    )
    if why or len(prerequisites_first(pred, succ)) < len(pred):
        findings.extend(_broken_structure(nodes, files, why))
    findings.extend(find_choice_problems(nodes, files))
    findings.extend(find_recommend_problems(nodes, files))
    findings.extend(find_alias_problems(nodes, files))
    findings.extend(find_name_problems(nodes, files))
    findings.extend(find_experience_problems(nodes, files))
    if nodes and not declares_stages and not any(n.kind == "stage" for n in nodes.values()):
        findings.append(Finding("no-stages", "graph"))
    return findings


def _broken_structure(
    nodes: Mapping[str, Shape], files: Mapping[str, str], why: dict[str, str]
) -> list[Finding]:
    """Cycles, and the stages that broken nodes (``why``) make unreachable."""
    import networkx as nx

    digraph = nx.DiGraph()
    digraph.add_nodes_from(sorted(nodes))
    digraph.add_edges_from(
        (req, node_id)
        for node_id in sorted(nodes)
        for req in nodes[node_id].requires
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
        findings.append(
            Finding("cycle", files[start], node=start, ids=tuple(cycle), detail=f"{shown} ({where})")
        )
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
            findings.append(
                Finding(
                    "unreachable-stage",
                    files[node_id],
                    node=node_id,
                    ids=(node_id, *(c for _, c in reasons)),
                    detail=detail,
                )
            )
    return findings
