"""One namespace for what a person types: ids, aliases and names.

A person may type a node's id, one of its aliases or its name wherever an id goes
(``planner done``, ``planner explain``), in any case. So an alias may be no other
node's id or alias, and a name no other node's id or alias: each would name two nodes.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.graph.findings import Finding, Shape


def find_alias_problems(nodes: Mapping[str, Shape], files: Mapping[str, str]) -> list[Finding]:
    """Aliases that clash, case-insensitively, with an id or with another alias."""
    findings: list[Finding] = []
    ids = {node_id.casefold(): node_id for node_id in nodes}
    owners: dict[str, tuple[str, str]] = {}  # folded alias -> (node, alias as written)
    for node_id in sorted(nodes):
        for alias in nodes[node_id].aliases:
            folded = alias.casefold()
            if folded in ids:
                other = ids[folded]
                detail = "is its own id" if other == node_id else f"clashes with the id '{other}'"
            elif folded in owners:
                first, written = owners[folded]
                detail = (
                    "is listed twice"
                    if first == node_id
                    else f"clashes with the alias '{written}' of '{first}'"
                )
            else:
                owners[folded] = (node_id, alias)
                continue
            findings.append(
                Finding(
                    "alias-clash",
                    files[node_id],
                    node=node_id,
                    ids=(node_id, alias),
                    detail=detail + " (ids and aliases share one namespace, case-insensitively)",
                )
            )
    return findings


def find_name_problems(nodes: Mapping[str, Shape], files: Mapping[str, str]) -> list[Finding]:
    """Names that are, case-insensitively (and with their spaces normalised), another
    node's id or alias: a person may type a node's name where an id goes, and such a
    name would name two nodes."""
    typed: dict[str, tuple[str, str]] = {}  # folded id or alias -> (node, "the id" / "the alias 'X'")
    for node_id in sorted(nodes):
        typed.setdefault(node_id.casefold(), (node_id, "the id"))
        for alias in nodes[node_id].aliases:
            typed.setdefault(alias.casefold(), (node_id, f"the alias '{alias}'"))
    findings: list[Finding] = []
    for node_id in sorted(nodes):
        name = nodes[node_id].name
        other, what = typed.get(" ".join(name.split()).casefold(), (node_id, ""))
        if other != node_id:
            findings.append(
                Finding(
                    "name-clash",
                    files[node_id],
                    node=node_id,
                    ids=(node_id, name, other),
                    detail=what,
                    path=("name",),
                )
            )
    return findings
