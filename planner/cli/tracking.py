"""Commands that follow a plan: init, done, status, week."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

import click

import planner
from planner.cli.base import InputError, PlannerCommand
from planner.cli.completion import complete_ids
from planner.cli.options import (
    date_option,
    day,
    day_option,
    emit,
    graph_of,
    graph_options,
    inputs,
    now,
    profile_argument,
    profile_of,
    terminal,
)
from planner.profile.editing import describe_update


@click.command(cls=PlannerCommand)
@profile_argument
@click.argument(
    "ids", nargs=-1, required=True, metavar="ID...", shell_complete=complete_ids("skill", "project", "stage")
)
@click.option(
    "--partial",
    type=click.FloatRange(0, 1, min_open=True),
    default=None,
    metavar="FRACTION",
    help="Record the ids as this fraction done (0 < FRACTION <= 1, to the thousandth).",
)
@day_option("--on", help_text="The day they were finished (YYYY-MM-DD; default: today).")
@graph_options
def done(
    *,
    profile: Path,
    ids: tuple[str, ...],
    partial: float | None,
    on: dt.datetime | None,
    graph_dir: Path | None,
    no_cache: bool,
) -> None:
    """Record the given ids as done (or partly done) in PROFILE, keeping its comments.

    An id may also be an alias or a node's exact name, in any case. Items done in full
    are recorded with the day in the profile's [completed] table, which `planner status`
    measures your pace on.
    """

    graph = graph_of(graph_dir, no_cache)
    update = planner.done(profile, ids, graph=graph, now=now(), fraction=partial, on=day(on))
    emit(describe_update(update, profile, graph), None)


@click.command(cls=PlannerCommand)
@profile_argument
@date_option("Take this day (YYYY-MM-DD) as today.")
@click.option(
    "-n",
    "--next",
    "count",
    type=click.IntRange(1, 100),
    default=5,
    show_default=True,
    metavar="N",
    help="How many upcoming sessions to show.",
)
@graph_options
def status(
    *, profile: Path, from_date: dt.datetime | None, count: int, graph_dir: Path | None, no_cache: bool
) -> None:
    """Progress per stage, pace against the plan, the next sessions, and what is overdue."""

    graph = graph_of(graph_dir, no_cache)
    result = planner.status(
        profile_of(profile, graph), graph=graph, now=now(), today=day(from_date), count=count
    )
    emit(result.render("text", terminal=terminal()), None)


@click.command(cls=PlannerCommand)
@profile_argument
@date_option("Start on this day (YYYY-MM-DD) instead of today, re-planning from it.")
@click.option(
    "--days",
    type=click.IntRange(1, 31),
    default=None,
    metavar="N",
    help="Show N days (1 to 31; default: to the end of the Monday-Sunday week).",
)
@graph_options
def week(
    *, profile: Path, from_date: dt.datetime | None, days: int | None, graph_dir: Path | None, no_cache: bool
) -> None:
    """What to do in the next days (default: the rest of this Monday-Sunday week),
    session by session, with ids.

    Each session says what it is for (first, continue, finish, whole or review) and
    the hours of the item left after it; then what is overdue and the next milestone.
    """

    graph = graph_of(graph_dir, no_cache)
    result = planner.week(profile_of(profile, graph), graph=graph, now=now(), start=day(from_date), days=days)
    emit(result.render("text", terminal=terminal()), None)


@click.command(cls=PlannerCommand)
@click.argument("path", type=click.Path(path_type=Path), default=Path("profile.toml"))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@graph_options
def init(*, path: Path, force: bool, graph_dir: Path | None, no_cache: bool) -> None:
    """Write a commented starter profile to PATH (default: profile.toml), with ids of
    the graph it is for."""
    graph_option = f" --graph {shlex.quote(str(graph_dir))}" if graph_dir is not None else ""
    text = planner.starter(graph=graph_of(graph_dir, no_cache), graph_option=graph_option)
    if str(path) == "-":
        emit(text, None)
        return
    if path.is_file() and not force:  # a device or FIFO is written into, not overwritten
        raise InputError(f"{path} already exists; use --force to overwrite it")
    emit(
        text,
        str(path),
        wrote=f"Wrote {path}. Edit it, then run: planner roadmap {path}{graph_option}",
        inputs=inputs(None, graph_dir),
        option="PATH",
    )


COMMANDS = (init, done, status, week)
