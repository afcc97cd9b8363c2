"""Use cases that read the catalogue: the stages, the skills, a graph folder's
validation, and the picture of the graph."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import OptionError, did_you_mean
from planner.graph import shipped_graph_dir
from planner.graph.reading import nested_graph_files
from planner.renderers.pictures import GRAPH_FORMATS
from planner.renderers.pictures.view import GraphView
from planner.reports.stages import stage_hours
from planner.usecases.cohort.summary import read_heat
from planner.usecases.common import open_graph
from planner.usecases.plans import roadmap_for

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.records import Profile, Project, Skill
    from planner.reports.stages import StageHours


def stage_table(graph: CareerGraph) -> list[StageHours]:
    """Every stage, lowest rung first, with what it needs from scratch."""

    return stage_hours(graph)


def skills_in(graph: CareerGraph, category: str | None = None) -> list[Skill | Project]:
    """The skills and projects, by category then id; only ``category`` when given.

    Raises
    ------
    OptionError
        When no skill or project has that category.
    """

    work = [n for n in graph.nodes.values() if n.kind in {"skill", "project"}]
    categories = sorted({n.category for n in work})
    if category is not None and category not in categories:
        hint = did_you_mean(category, categories) or f" (valid: {', '.join(categories)})"
        raise OptionError(f"unknown category '{category}'{hint}", option="--category")
    return sorted(
        (n for n in work if category is None or n.category == category),
        key=lambda n: (n.category, n.id),
    )


@dataclass(frozen=True)
class Validation:
    """What ``planner validate`` found in a valid graph folder."""

    folder: Path
    counts: dict[str, int]
    edges: int
    nested: tuple[Path, ...] = ()
    """TOML files in subfolders, which are not part of the graph."""
    cache_warnings: tuple[str, ...] = ()
    """Why the cache folder was not used."""

    @property
    def warnings(self) -> tuple[str, ...]:
        if not self.nested:
            return self.cache_warnings
        shown = ", ".join(str(p) for p in self.nested[:5])
        more = f" and {len(self.nested) - 5} more" if len(self.nested) > 5 else ""
        files = (
            "1 TOML file in a subfolder is"
            if len(self.nested) == 1
            else (f"{len(self.nested)} TOML files in subfolders are")
        )
        return (
            *self.cache_warnings,
            f"{files} not read (a graph is the *.toml files at the top of its folder): {shown}{more}",
        )

    def summary(self) -> str:
        def count(n: int, noun: str) -> str:
            return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

        nodes = sum(self.counts.values())
        kinds = [count(self.counts[kind], kind) for kind in ("skill", "project", "stage")]
        if self.counts["choice"]:
            kinds.append(count(self.counts["choice"], "choice"))
        return (
            f"OK: {self.folder}: {count(nodes, 'node')} ({', '.join(kinds)}), "
            f"{count(self.edges, 'prerequisite edge')}"
        )


def validate_folder(folder: Path | None = None, *, cache_dir: Path | None = None) -> Validation:
    """Check a graph folder (default: the shipped one).

    Raises
    ------
    GraphError
        With every problem found.
    """

    folder = folder or shipped_graph_dir()
    loaded = open_graph(folder, cache_dir=cache_dir)
    loaded.save()
    graph = loaded.graph
    counts = {kind: 0 for kind in ("skill", "project", "stage", "choice")}
    for node_id in graph.nodes:
        counts[graph.kind(node_id)] += 1
    edges = sum(len(p) for p in graph.pred.values())
    return Validation(folder, counts, edges, tuple(nested_graph_files(folder)), loaded.warnings)


# --- pictures ----------------------------------------------------------------------------------


def graph_picture(
    graph: CareerGraph,
    *,
    fmt: str,
    now: dt.datetime,
    profile: Profile | None = None,
    cohort: Path | None = None,
    focus: str | None = None,
    stage: str | None = None,
    overview: bool = False,
) -> str | bytes:
    """The career graph in ``fmt`` (:data:`planner.renderers.pictures.GRAPH_FORMATS`), with
    the profile's position on it when one is given, or the heat map of a cohort's
    summary (``planner batch --summary``): how many people still need each node; with
    ``overview``, the ladder of stages alone, one box each with its numbers.

    Raises
    ------
    OptionError
        When both a profile and a cohort are given, a cohort with Mermaid, or a
        summary that cannot be read or was made with another graph.
    """

    if cohort is not None and profile is not None:
        raise OptionError(
            "--cohort and --profile colour the graph in two different ways: give one of them",
            option="--cohort",
        )
    if cohort is not None and fmt == "mermaid":
        raise OptionError(
            "the heat map is drawn in dot, svg, png, html and json, not mermaid", option="--cohort"
        )
    heat = read_heat(cohort, graph) if cohort is not None else None
    # GraphView checks stage and focus (with graph.resolve, like every typed id).
    schedule = roadmap_for(graph, profile, now=now).schedule if profile is not None else None
    view = GraphView.from_graph(
        graph,
        schedule=schedule,
        stage=stage,
        focus=focus,
        person=profile.name if profile is not None else "",
        overview=overview,
        need=heat.need if heat is not None else None,
        cohort=heat.people if heat is not None else 0,
    )
    return GRAPH_FORMATS[fmt](view)
