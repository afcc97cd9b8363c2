"""Commands that follow a plan: done, status, week."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

import planner
from planner.cli.base import PlannerCommand
from planner.cli.completion import complete_ids
from planner.cli.environment import stdin_is_terminal
from planner.cli.options import (
    date_option,
    day,
    day_option,
    emit,
    graph_of,
    graph_options,
    inputs,
    now,
    output_option,
    profile_argument,
    profile_of,
    terminal,
    warn,
)
from planner.profile.editing import ProgressUpdate
from planner.renderers.progress import render_done


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
@click.option(
    "-y",
    "--yes",
    is_flag=True,
    help="Record without asking, also on a terminal (for scripts; without a terminal done never asks).",
)
@graph_options
def done(
    *,
    profile: Path,
    ids: tuple[str, ...],
    partial: float | None,
    on: dt.datetime | None,
    yes: bool,
    graph_dir: Path | None,
    no_cache: bool,
) -> None:
    """Record the given ids as done (or partly done) in PROFILE, keeping its comments.

    An id may also be an alias or a node's exact name, in any case. Items done in full
    are recorded with the day in the profile's [completed] table, which `planner status`
    measures your pace on. Knowing an item implies knowing its prerequisites: done says
    which it counts, and on a terminal asks before it writes (--yes does not ask).
    """

    graph = graph_of(graph_dir, no_cache)
    shown = terminal()
    answered: list[bool] = []

    def confirm(update: ProgressUpdate) -> bool:
        if yes or not update.implied or not stdin_is_terminal():
            return True
        emit(render_done(update, str(profile), graph, terminal=shown, ahead=True), None)
        answered.append(click.confirm("Record it?", default=True))
        return answered[-1]

    update = planner.done(profile, ids, graph=graph, now=now(), fraction=partial, on=day(on), confirm=confirm)
    if answered:
        emit(f"Recorded in {profile}.\n" if answered[-1] else "Nothing written.\n", None)
        return
    emit(render_done(update, str(profile), graph, terminal=shown), None)


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
@output_option
@graph_options
def status(
    *,
    profile: Path,
    from_date: dt.datetime | None,
    count: int,
    output: str | None,
    graph_dir: Path | None,
    no_cache: bool,
) -> None:
    """Progress per stage, pace against the plan, the next sessions, and what is overdue."""

    graph = graph_of(graph_dir, no_cache)
    result = planner.status(
        profile_of(profile, graph), graph=graph, now=now(), today=day(from_date), count=count
    )
    warn(result.warnings)
    emit(result.render("text", terminal=terminal(output)), output, inputs=inputs(profile, graph_dir))


@click.command(cls=PlannerCommand)
@profile_argument
@date_option("Start on this day (YYYY-MM-DD) instead of today, re-planning from it.")
@click.option(
    "--days",
    type=click.IntRange(1, 31),
    default=None,
    metavar="N",
    help="Show N days (1 to 31; default: to the end of the Monday-Sunday week, or of the next "
    "one on a Sunday).",
)
@output_option
@graph_options
def week(
    *,
    profile: Path,
    from_date: dt.datetime | None,
    days: int | None,
    output: str | None,
    graph_dir: Path | None,
    no_cache: bool,
) -> None:
    """What to do in the next days (default: the rest of this Monday-Sunday week),
    session by session, with ids.

    From now on: a session already over is never shown as ahead (--from DATE takes that
    day whole). On a Sunday the days run to the end of the next week. Each session says
    what it is for (first, continue, finish, whole or review) and the hours of the item
    left after it; then what is overdue and the next milestone.
    """

    graph = graph_of(graph_dir, no_cache)
    result = planner.week(profile_of(profile, graph), graph=graph, now=now(), start=day(from_date), days=days)
    warn(result.warnings)
    emit(result.render("text", terminal=terminal(output)), output, inputs=inputs(profile, graph_dir))


COMMANDS = (done, status, week)
