"""Commands that read the graph: validate, stages, skills, explain, gaps, graph."""

from __future__ import annotations

from pathlib import Path

import click

import planner
from planner.cli.base import PlannerCommand
from planner.cli.completion import complete_ids
from planner.cli.environment import cache_dir
from planner.cli.options import (
    PATH,
    emit,
    graph_of,
    graph_options,
    inputs,
    now,
    output_option,
    profile_argument,
    profile_of,
    stdout_is_terminal,
    terminal,
    warn,
)
from planner.renderers.pictures import GRAPH_FORMATS


@click.command(cls=PlannerCommand)
@output_option
@graph_options
def validate(*, output: str | None, graph_dir: Path | None, no_cache: bool) -> None:
    """Check graph data: schema, duplicate and dangling ids, cycles, stages.

    Exits 1 with one located message per problem when the data is invalid.
    """

    result = planner.validate(graph_dir, cache_dir=None if no_cache else cache_dir())
    warn(result.warnings)
    emit(result.render("text"), output, inputs=inputs(None, graph_dir))


@click.command(cls=PlannerCommand)
@output_option
@graph_options
def stages(*, output: str | None, graph_dir: Path | None, no_cache: bool) -> None:
    """List the career stages, lowest rung first."""

    result = planner.stages(graph=graph_of(graph_dir, no_cache))
    emit(result.render("text", terminal=terminal(output)), output, inputs=inputs(None, graph_dir))


@click.command(cls=PlannerCommand)
@graph_options
@click.option(
    "--category", default=None, metavar="CATEGORY", help="Only skills and projects of this category."
)
@output_option
def skills(*, graph_dir: Path | None, no_cache: bool, category: str | None, output: str | None) -> None:
    """List the skills and projects, by category then id."""

    result = planner.skills(graph=graph_of(graph_dir, no_cache), category=category)
    emit(result.render("text", terminal=terminal(output)), output, inputs=inputs(None, graph_dir))


@click.command(cls=PlannerCommand)
@click.argument("node_id", metavar="ID", shell_complete=complete_ids())
@click.option(
    "--profile",
    "profile_path",
    type=PATH,
    default=None,
    metavar="PROFILE",
    help="Say why ID is (or is not) in this profile's plan, and when.",
)
@output_option
@graph_options
def explain(
    *, node_id: str, profile_path: Path | None, output: str | None, graph_dir: Path | None, no_cache: bool
) -> None:
    """What ID needs, what it unlocks, which stages need it, and its resources."""

    graph = graph_of(graph_dir, no_cache)
    graph.resolve(node_id, option="ID", names=True)  # fail on a typo before reading the profile
    profile = profile_of(profile_path, graph) if profile_path is not None else None
    explanation = planner.explain(node_id, profile=profile, graph=graph, now=now())
    emit(
        explanation.render("text", terminal=terminal(output)), output, inputs=inputs(profile_path, graph_dir)
    )


@click.command(cls=PlannerCommand)
@profile_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@output_option
@graph_options
def gaps(*, profile: Path, fmt: str, output: str | None, graph_dir: Path | None, no_cache: bool) -> None:
    """Readiness for every stage: known, missing, hours missing, percent."""

    graph = graph_of(graph_dir, no_cache)
    result = planner.gaps(profile_of(profile, graph), graph=graph)
    emit(result.render(fmt, terminal=terminal(output)), output, inputs=inputs(profile, graph_dir))


def _graph_formats() -> list[str]:

    return list(GRAPH_FORMATS)


SUFFIXES = {".gv": "dot", ".mmd": "mermaid", ".htm": "html"} | {f".{fmt}": fmt for fmt in GRAPH_FORMATS}
"""A file suffix of ``-o FILE`` → the format it means, when ``--format`` is not given."""
CHOOSE_A_FORMAT = """which picture? Choose a format:
  --format html -o graph.html   one interactive page: the ladder, the graph and,
                                with --profile, your timeline
  --format svg -o graph.svg     a picture (--format png too)
  --format mermaid              a flowchart for Markdown (GitHub draws it)
  --format dot, --format json   Graphviz source, NetworkX node-link data
Piped into another program, planner graph writes DOT."""


def _format(fmt: str | None, output: str | None) -> str:
    """The format asked for; else the one ``-o FILE`` names by its suffix; else DOT, unless
    standard output is a terminal, where DOT helps nobody: then say what the formats are."""
    if fmt is not None:
        return fmt
    if output not in (None, "-"):
        return SUFFIXES.get(Path(output).suffix.lower(), "dot")
    if stdout_is_terminal():
        raise click.UsageError(CHOOSE_A_FORMAT)
    return "dot"


@click.command(cls=PlannerCommand)
@click.option(
    "--profile",
    "profile_path",
    type=PATH,
    default=None,
    metavar="PROFILE",
    help="Show this profile's position: known, planned and not needed.",
)
@click.option(
    "--cohort",
    "cohort",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    metavar="SUMMARY.json",
    help="Colour the graph by how many people of "
    "a cohort still need each node (the --summary of planner batch).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_graph_formats()),
    default=None,
    help="Output format (svg, png and html need Graphviz's dot). Default: the suffix of "
    "-o FILE, else dot when piped.",
)
@output_option
@click.option(
    "--focus",
    default=None,
    metavar="ID",
    shell_complete=complete_ids(),
    help="Highlight ID and its whole prerequisite chain.",
)
@click.option(
    "--stage",
    default=None,
    metavar="ID",
    shell_complete=complete_ids("stage"),
    help="Show only what stage ID requires.",
)
@click.option(
    "--overview", is_flag=True, help="Only the ladder: one box per stage with its skills, projects and hours."
)
@click.option(
    "--recommended",
    is_flag=True,
    help="Draw what the nodes recommend too (dashed), not only what they require.",
)
@graph_options
def graph(
    *,
    profile_path: Path | None,
    cohort: Path | None,
    fmt: str | None,
    output: str | None,
    focus: str | None,
    stage: str | None,
    overview: bool,
    recommended: bool,
    graph_dir: Path | None,
    no_cache: bool,
) -> None:
    """The career graph as a ladder of stage bands, with a profile's position on it.

    Formats: dot (Graphviz source), mermaid (a flowchart of --stage or --profile),
    svg, png, html (one interactive, self-contained page that opens on the ladder; with
    --overview, the ladder alone) and json (node-link data). With --cohort, a heat map of
    a cohort: the share of its people on the way who still need each skill and project.
    """

    fmt = _format(fmt, output)
    if fmt == "png" and (output is None or output == "-") and stdout_is_terminal():
        raise click.UsageError("PNG is binary: write it to a file with -o FILE.png, or pipe it")
    career = graph_of(graph_dir, no_cache)
    profile = profile_of(profile_path, career) if profile_path is not None else None
    picture = planner.picture(
        graph=career,
        profile=profile,
        cohort=cohort,
        focus=focus,
        stage=stage,
        overview=overview,
        recommended=recommended,
        now=now(),
    )
    emit(picture.render(fmt), output, inputs=inputs(profile_path, graph_dir, cohort))


@click.command(cls=PlannerCommand)
@click.argument("which", type=click.Choice(["profile", "graph"]), metavar="profile|graph")
@output_option
def schema(*, which: str, output: str | None) -> None:
    """The JSON Schema (2020-12) of a profile or of a graph file, from the same
    declarations that validate them.

    Editors with TOML schema support (Taplo, Even Better TOML) check and complete a
    profile that starts with a `#:schema` line; `planner init` writes one.
    """
    emit(planner.schema(which), output)


COMMANDS = (validate, stages, skills, explain, gaps, graph, schema)
