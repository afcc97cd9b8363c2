"""Validating parsed graph files: find the problems first, word them after.

The finders (:func:`find_schema_problems`, :func:`find_structure_problems`) return
:class:`Finding` records, plain data that says what is wrong and which ids are
involved; :func:`word` turns a finding into a located :class:`~planner.errors.Problem`
with its message. So the checks are tested on data, the wording once, and
``planner validate --format json`` reports the same findings as the text does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from planner.errors import did_you_mean
from planner.graph.findings import SECTIONS, Finding, Shape
from planner.graph.namespace import find_alias_problems, find_name_problems
from planner.graph.tables import prerequisites_first
from planner.records.quick import quick_node
from planner.records.schema import SchemaErrors, allowed_keys, describe_pydantic_error, validate_node

if TYPE_CHECKING:
    from planner.records import Node

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
        for index, entry in enumerate(entries):
            raw_id = entry.get("id")
            occurrence = 0
            if isinstance(raw_id, str):
                occurrence = seen.get(raw_id, 0)
                seen[raw_id] = occurrence + 1
            label = f"{SECTIONS[section]} '{raw_id}'" if isinstance(raw_id, str) else (f"{section}[{index}]")
            node = quick_node(kind, entry)
            if node is not None:
                nodes.append((node, occurrence, entry))
                continue

            try:
                nodes.append((validate_node(kind, entry), occurrence, entry))
            except SchemaErrors as exc:
                if isinstance(raw_id, str):
                    invalid.add(raw_id)
                for err in exc.errors:
                    message = describe_pydantic_error(err)
                    if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
                        key = str(err["loc"][0])
                        keys = allowed_keys(kind)
                        message += did_you_mean(key, keys) or f" (valid keys: {', '.join(keys)})"
                    findings.append(
                        Finding(
                            "schema",
                            name,
                            node=raw_id if isinstance(raw_id, str) else None,
                            ids=(raw_id,) if isinstance(raw_id, str) else (),
                            detail=f"{label}: {message}",
                            occurrence=occurrence,
                            path=tuple(err["loc"]),
                        )
                    )
    return nodes, findings


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
    names that are another node's id or alias, and a graph without stages. ``pred``
    and ``succ`` hold every valid edge (each node's defined prerequisites but itself,
    and the reverse); a graph without
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


def find_choice_problems(nodes: Mapping[str, Shape], files: Mapping[str, str]) -> list[Finding]:
    """Members that are unknown, listed twice, or not skills or projects, and a pick
    outside 1..members."""
    findings: list[Finding] = []
    for node_id in sorted(nodes):
        node = nodes[node_id]
        if node.kind != "choice":
            continue
        file = files[node_id]
        seen: set[str] = set()
        for member in node.one_of:
            if member in seen:
                findings.append(Finding("member-twice", file, node=node_id, ids=(node_id, member)))
                continue
            seen.add(member)
            if member not in nodes:
                findings.append(
                    Finding(
                        "unknown-member",
                        file,
                        node=node_id,
                        ids=(node_id, member),
                        detail=did_you_mean(member, nodes),
                    )
                )
            elif nodes[member].kind not in ("skill", "project"):
                findings.append(
                    Finding(
                        "member-not-work",
                        file,
                        node=node_id,
                        ids=(node_id, member),
                        detail=nodes[member].kind,
                    )
                )
        if not 1 <= node.pick <= len(seen):
            findings.append(
                Finding(
                    "pick-out-of-range",
                    file,
                    node=node_id,
                    ids=(node_id, *sorted(seen)),
                    detail=str(node.pick),
                )
            )
    return findings


def find_recommend_problems(nodes: Mapping[str, Shape], files: Mapping[str, str]) -> list[Finding]:
    """Recommendations of unknown ids, of stages or choices, or of a requirement."""
    findings: list[Finding] = []
    for node_id in sorted(nodes):
        node = nodes[node_id]
        file = files[node_id]
        for rec in sorted(set(node.recommends)):
            if rec not in nodes:
                findings.append(
                    Finding(
                        "unknown-recommend",
                        file,
                        node=node_id,
                        ids=(node_id, rec, did_you_mean(rec, nodes)),
                        detail=node.kind,
                    )
                )
            elif nodes[rec].kind not in ("skill", "project"):
                findings.append(
                    Finding(
                        "recommend-not-work",
                        file,
                        node=node_id,
                        ids=(node_id, rec, nodes[rec].kind),
                        detail=node.kind,
                    )
                )
            elif rec in node.requires:
                findings.append(
                    Finding("recommend-required", file, node=node_id, ids=(node_id, rec), detail=node.kind)
                )
    return findings
