"""Checks between nodes: the members of choices, recommendations, aliases, names that
are another node's id or alias, and the roles whose experience counts. Each returns
:class:`~planner.graph.findings.Finding` records; :mod:`planner.graph.validation`
words them."""

from __future__ import annotations

from collections.abc import Mapping

from planner.errors import did_you_mean
from planner.graph.findings import Finding, Shape


def find_choice_problems(nodes: Mapping[str, Shape], files: Mapping[str, str]) -> list[Finding]:
    """Members that are unknown, listed twice, or choices, stages mixed with work, and
    a pick outside 1..members."""
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
            elif nodes[member].kind == "choice":
                findings.append(
                    Finding(
                        "member-not-work",
                        file,
                        node=node_id,
                        ids=(node_id, member),
                        detail=nodes[member].kind,
                    )
                )
        stages = sorted(m for m in seen if m in nodes and nodes[m].kind == "stage")
        if stages and len(stages) < len([m for m in seen if m in nodes and nodes[m].kind != "choice"]):
            findings.append(
                Finding("members-mixed", file, node=node_id, ids=(node_id, *stages), detail=", ".join(stages))
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
        if not node.recommends:
            continue
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


def find_experience_problems(nodes: Mapping[str, Shape], files: Mapping[str, str]) -> list[Finding]:
    """Roles in a stage's ``experience_counts`` that are unknown, or neither a stage
    nor an at_work node."""
    findings: list[Finding] = []
    for node_id in sorted(nodes):
        if not nodes[node_id].experience:
            continue
        for role in sorted(nodes[node_id].experience):
            found = nodes.get(role)
            if found is None:
                detail = did_you_mean(role, nodes)
                findings.append(
                    Finding(
                        "unknown-experience", files[node_id], node=node_id, ids=(node_id, role), detail=detail
                    )
                )
            elif found.kind != "stage" and not found.at_work:
                kind = found.kind if found.kind == "choice" else f"{found.kind} without at_work = true"
                findings.append(
                    Finding(
                        "experience-not-a-role",
                        files[node_id],
                        node=node_id,
                        ids=(node_id, role),
                        detail=kind,
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
