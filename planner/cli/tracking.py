"""Commands that follow a plan: init, done, status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from planner.cli import InputError, PlannerCommand
from planner.cli.options import (
    colour,
    date_option,
    day,
    emit,
    graph_options,
    load_graph,
    load_profile,
    now,
    profile_argument,
)


@click.command(cls=PlannerCommand)
@profile_argument
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@click.option("--partial", type=click.FloatRange(0, 1, min_open=True), default=None,
              metavar="FRACTION", help="Record the ids as this fraction done (0 < FRACTION <= 1).")
@graph_options
def done(*, profile: Path, ids: tuple[str, ...], partial: float | None, graph_dir: Path | None,
         no_cache: bool) -> None:
    """Record the given ids as done (or partly done) in PROFILE, keeping its comments."""
    from planner.editing import describe_update
    from planner.usecases import record_done

    graph = load_graph(graph_dir, no_cache)
    update = record_done(profile, graph, ids, fraction=partial)
    emit(describe_update(update, profile, graph), None)


@click.command(cls=PlannerCommand)
@profile_argument
@date_option("Take this day (YYYY-MM-DD) as today.")
@click.option("-n", "--next", "count", type=click.IntRange(1, 100), default=5, show_default=True,
              metavar="N",
              help="How many upcoming sessions to show.")
@graph_options
def status(*, profile: Path, from_date: dt.datetime | None, count: int, graph_dir: Path | None,
           no_cache: bool) -> None:
    """Progress per stage, the next sessions, and planned sessions now overdue."""
    from planner.usecases import status_for
    from planner.views.status import render_status

    graph = load_graph(graph_dir, no_cache)
    result = status_for(graph, load_profile(profile, graph), now=now(), today=day(from_date),
                        count=count)
    emit(render_status(result, color=colour()), None)


@click.command(cls=PlannerCommand)
@click.argument("path", type=click.Path(path_type=Path), default=Path("profile.toml"))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@graph_options
def init(*, path: Path, force: bool, graph_dir: Path | None, no_cache: bool) -> None:
    """Write a commented starter profile to PATH (default: profile.toml), with ids of
    the graph it is for."""
    import shlex

    from planner.usecases import starter_for

    graph_option = f" --graph {shlex.quote(str(graph_dir))}" if graph_dir is not None else ""
    text = starter_for(load_graph(graph_dir, no_cache), graph_option=graph_option)
    if str(path) == "-":
        emit(text, None)
        return
    if path.is_file() and not force:  # a device or FIFO is written into, not overwritten
        raise InputError(f"{path} already exists; use --force to overwrite it")
    emit(text, str(path))
    click.echo(f"Wrote {path}. Edit it, then run: planner roadmap {path}{graph_option}", err=True)


COMMANDS = (init, done, status)
