"""Use cases that read the catalogue: readiness, one node explained, the stages, the
skills, a graph folder's validation, pictures of the graph, and a starter profile."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from planner.errors import OptionError, did_you_mean
from planner.graph import CareerGraph, shipped_graph_dir
from planner.graph.reading import nested_graph_files
from planner.planning import ChoiceResolver
from planner.profile import check_profile
from planner.profile.reading import parse_profile
from planner.profile.starter import Answers, starter_profile
from planner.records import Profile
from planner.records.schema import SCHEMAS, json_schema_text, shipped_schema
from planner.renderers.pictures.view import GraphView
from planner.reports.cohort import read_heat
from planner.reports.explain import explain_node
from planner.reports.stages import stage_hours
from planner.usecases.common import given, graph_or_shipped, open_graph
from planner.usecases.plans import roadmap
from planner.usecases.results import Explanation, Gaps, Picture, Skills, Stages, Validation, _promote


def gaps(profile: Profile, *, graph: CareerGraph | None = None) -> Gaps:
    """Readiness for every stage: known, missing, hours missing."""
    graph = graph_or_shipped(graph)
    return Gaps(tuple(stage_hours(graph, resolver=ChoiceResolver.for_profile(graph, profile))))


def explain(
    node: str,
    *,
    profile: Profile | None = None,
    graph: CareerGraph | None = None,
    now: dt.datetime | None = None,
) -> Explanation:
    """What ``node`` (an id, alias or name) needs and unlocks; with a profile, why it is
    (not) in the plan, and when.

    Raises
    ------
    UnknownIdError
        When the graph has no such node.
    """
    graph = graph_or_shipped(graph)
    node_id = graph.resolve(node, option="ID", names=True)
    schedule = roadmap(profile, graph=graph, now=given(now)).schedule if profile is not None else None
    return _promote(explain_node(graph, node_id, profile=profile, schedule=schedule), Explanation)


def stages(*, graph: CareerGraph | None = None) -> Stages:
    """Every stage, lowest rung first, with what it needs from scratch."""
    graph = graph_or_shipped(graph)
    return Stages(graph, tuple(stage_hours(graph)))


def skills(*, graph: CareerGraph | None = None, category: str | None = None) -> Skills:
    """The skills and projects, by category then id; only ``category`` when given.

    Raises
    ------
    OptionError
        When no skill or project has that category.
    """
    graph = graph_or_shipped(graph)
    work = [n for n in graph.nodes.values() if n.kind in {"skill", "project"}]
    categories = sorted({n.category for n in work})
    if category is not None and category not in categories:
        hint = did_you_mean(category, categories) or f" (valid: {', '.join(categories)})"
        raise OptionError(f"unknown category '{category}'{hint}", option="--category")
    chosen = sorted(
        (n for n in work if category is None or n.category == category),
        key=lambda n: (n.category, n.id),
    )
    return Skills(tuple(chosen))


def validate(folder: str | os.PathLike[str] | None = None, *, cache_dir: Path | None = None) -> Validation:
    """Check a graph folder (default: the shipped one).

    Raises
    ------
    GraphError
        With every problem found.
    """
    where = Path(folder) if folder is not None else shipped_graph_dir()
    loaded = open_graph(where, cache_dir=cache_dir)
    loaded.save()
    graph = loaded.graph
    counts = {kind: 0 for kind in ("skill", "project", "stage", "choice")}
    for node_id in graph.nodes:
        counts[graph.kind(node_id)] += 1
    edges = sum(len(p) for p in graph.pred.values())
    nested = tuple(str(p) for p in nested_graph_files(where))
    return Validation(str(where), counts, edges, nested, loaded.warnings)


def picture(
    *,
    graph: CareerGraph | None = None,
    profile: Profile | None = None,
    cohort: str | os.PathLike[str] | None = None,
    focus: str | None = None,
    stage: str | None = None,
    overview: bool = False,
    recommended: bool = False,
    now: dt.datetime | None = None,
) -> Picture:
    """The career graph, with the profile's position on it when one is given, or the heat
    map of a cohort's summary (``planner batch --summary``): how many people still need
    each node; with ``overview``, the ladder of stages alone, one box each with its numbers;
    with ``recommended``, what the nodes recommend too (dashed), not only what they
    require. With a profile the pictures mark where the person stands at ``now`` (default:
    the clock). ``render(fmt)`` on the result draws it.

    Raises
    ------
    OptionError
        When both a profile and a cohort are given, or a summary that cannot be read or
        was made with another graph.
    """
    graph = graph_or_shipped(graph)
    if cohort is not None and profile is not None:
        raise OptionError(
            "--cohort and --profile colour the graph in two different ways: give one of them",
            option="--cohort",
        )
    heat = read_heat(Path(cohort), graph) if cohort is not None else None
    # GraphView checks stage and focus (with graph.resolve, like every typed id).
    moment = given(now) if profile is not None else None
    schedule = roadmap(profile, graph=graph, now=moment).schedule if profile is not None else None
    view = GraphView.from_graph(
        graph,
        schedule=schedule,
        stage=stage,
        focus=focus,
        person=profile.name if profile is not None else "",
        overview=overview,
        heat=heat,
        picks=ChoiceResolver.for_profile(graph, profile) if profile is not None else None,
        now=moment,
        recommended=recommended,
    )
    return Picture(view)


def schema(which: str) -> str:
    """The JSON Schema (2020-12) of a profile file (``profile``) or of one graph file
    (``graph``), as text, from the declarations that validate them.

    Raises
    ------
    OptionError
        For anything else.
    """
    if which not in SCHEMAS:
        raise OptionError(f"unknown schema '{which}'; use {' or '.join(SCHEMAS)}", option="WHICH")
    return json_schema_text(which)


def starter(
    *,
    graph: CareerGraph | None = None,
    graph_option: str = "",
    now: dt.datetime | None = None,
    answers: Answers | None = None,
) -> str:
    """A commented starter profile whose ids are valid in ``graph``, starting today
    (``now`` in the profile's zone): the person's ``answers``, or a template aiming at
    ML Engineer and knowing Python where the graph has those (else at its lowest stage,
    knowing nothing). ``graph_option`` (`` --graph DIR``) goes into the commands its
    comments suggest.

    Raises
    ------
    ProfileError
        When the answers make a profile that does not load (a target below the stage
        held, say), with the message ``planner roadmap`` would give.
    """
    graph = graph_or_shipped(graph)
    now = given(now)
    stage_ids = [stage.id for stage in graph.stages]
    target, known, examples = "ml-engineer", ["python"], ["nlp", "pandas"]
    if not (
        all(n in graph.nodes for n in [*known, *examples])
        and target in graph.nodes
        and graph.kind(target) == "stage"
    ):
        work = sorted(n for n in graph.nodes if graph.kind(n) in ("skill", "project"))
        target, known, examples = stage_ids[0], [], work[:2]
    if answers is None:
        answers = Answers(target=target, start=now.astimezone(dt.UTC).date(), known=tuple(known))
    else:
        answers = answers._replace(start=now.astimezone(ZoneInfo(answers.timezone)).date())
    names = {n: graph.nodes[n].name for n in answers.known}
    text = starter_profile(
        stages=stage_ids,
        answers=answers,
        examples=examples,
        names=names,
        graph_option=graph_option,
        schema=shipped_schema("profile").as_uri(),
    )
    data, _, _ = parse_profile(text.encode("utf-8"), file="the new profile", suffix=".toml")
    check_profile(data, graph, file="the new profile", text=text)  # never a profile that fails to load
    return text
