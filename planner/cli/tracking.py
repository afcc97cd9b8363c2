"""Commands that follow a plan: init, done, status."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from planner.cli import InputError, PlannerCommand
from planner.cli.options import (
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
    click.echo(describe_update(update, profile, graph), nl=False)


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
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(render_status(result, color=color), nl=False)


@click.command(cls=PlannerCommand)
@click.argument("path", type=click.Path(path_type=Path), default=Path("profile.toml"))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def init(*, path: Path, force: bool) -> None:
    """Write a commented starter profile to PATH (default: profile.toml)."""
    from planner.starter import STARTER_PROFILE

    if str(path) == "-":
        emit(STARTER_PROFILE, None)
        return
    if path.exists() and not force:
        raise InputError(f"{path} already exists; use --force to overwrite it")
    emit(STARTER_PROFILE, str(path))
    click.echo(f"Wrote {path}. Edit it, then run: planner roadmap {path}", err=True)


COMMANDS = (init, done, status)
