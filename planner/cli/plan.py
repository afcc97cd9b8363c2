"""Commands that plan: roadmap and calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

import planner
from planner.cli.base import PlannerCommand
from planner.cli.options import (
    date_option,
    day,
    emit,
    graph_of,
    graph_options,
    inputs,
    now,
    output_option,
    profile_argument,
    profile_of,
    target_option,
    terminal,
    warn,
)
from planner.limits import MAX_REMINDER_MINUTES
from planner.renderers.roadmap import ROADMAP_FORMATS
from planner.words import count


@click.command(cls=PlannerCommand)
@profile_argument
@target_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(ROADMAP_FORMATS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@date_option("Plan from this day (YYYY-MM-DD) instead of the profile's start or today.")
@click.option(
    "--pace",
    is_flag=True,
    help="Plan at the pace measured from the profile's [completed] history (the last "
    "8 weeks) instead of hours_per_week.",
)
@output_option
@graph_options
def roadmap(
    *,
    profile: Path,
    target: str | None,
    fmt: str,
    from_date: dt.datetime | None,
    pace: bool,
    output: str | None,
    graph_dir: Path | None,
    no_cache: bool,
) -> None:
    """The ordered, dated study-and-project roadmap for PROFILE.

    It opens with the next session and the first milestone; deadline warnings go to
    standard error and close the text roadmap too.
    """

    graph = graph_of(graph_dir, no_cache)
    result = planner.roadmap(
        profile_of(profile, graph), graph=graph, now=now(), target=target, start=day(from_date), pace=pace
    )
    warn(result.notes, prefix="")
    warn(result.warnings)
    emit(result.render(fmt, terminal=terminal(output)), output, inputs=inputs(profile, graph_dir))


@click.command(cls=PlannerCommand)
@profile_argument
@click.option(
    "-o",
    "--output",
    type=str,
    required=True,
    metavar="FILE.ics",
    help="The .ics file to write (atomically); '-' is standard output.",
)
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    metavar="OLD.ics",
    help="An earlier export: keep its UIDs, raise SEQUENCE on changes, cancel sessions that disappeared.",
)
@click.option(
    "--reminder",
    type=click.IntRange(0, MAX_REMINDER_MINUTES),
    default=None,
    metavar="MINUTES",
    help="Add a reminder this many minutes before each session.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Cancel the events of a --previous that shares no "
    "event with this plan (another person's calendar?).",
)
@target_option
@date_option("Re-plan from this day (YYYY-MM-DD); earlier sessions of --previous stay as they were.")
@graph_options
def calendar(
    *,
    profile: Path,
    output: str,
    previous: Path | None,
    reminder: int | None,
    force: bool,
    target: str | None,
    from_date: dt.datetime | None,
    graph_dir: Path | None,
    no_cache: bool,
) -> None:
    """The schedule of PROFILE as an iCalendar file for Google, Apple or Outlook."""

    graph = graph_of(graph_dir, no_cache)
    export = planner.calendar(
        profile_of(profile, graph),
        graph=graph,
        now=now(),
        previous=previous,
        target=target,
        start=day(from_date),
        reminder=reminder,
        force=force,
    )
    warn(export.warnings)
    reviews = f", {count(export.reviews, 'review')}" if export.reviews else ""
    at_work = f", {count(export.at_work, 'span')} at work" if export.at_work else ""
    emit(
        export.data,
        output,
        inputs=inputs(profile, graph_dir),
        wrote=f"Wrote {output}: {count(export.sessions, 'session')}{reviews}{at_work}, "
        f"{count(export.milestones, 'milestone')}.",
    )


COMMANDS = (roadmap, calendar)
