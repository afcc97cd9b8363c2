"""What every use case needs: the graph and the profile opened, and "today"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from planner.errors import OptionError
from planner.graph import CareerGraph, shipped_graph
from planner.graph.cache import LoadedGraph, load_graph_cached
from planner.graph.reading import graph_files, shipped_graph_dir
from planner.limits import MAX_DATE, MIN_DATE
from planner.records import Profile


def open_graph(folder: Path | None = None, *, cache_dir: Path | None = None) -> LoadedGraph:
    """Load the graph in ``folder`` (default: the shipped graph), through the compiled
    graph cache in ``cache_dir`` when one is given.

    A graph parsed from its files is not stored yet: call ``save()`` on the result
    when it suits (the command line does once its output is written). Only a folder
    parsed before is stored; the first parse leaves a mark.

    Raises
    ------
    GraphError
        With every problem found in the folder.
    """
    return load_graph_cached(folder or shipped_graph_dir(), cache_dir)


def graph_or_shipped(graph: CareerGraph | None) -> CareerGraph:
    """``graph``, or the graph shipped with planner when None."""
    return shipped_graph() if graph is None else graph


def given(now: dt.datetime | None) -> dt.datetime:
    """``now``, which the front doors fill from the clock: the use cases never read it.

    Raises
    ------
    TypeError
        When a use case is called without ``now`` below the front doors (call
        ``planner.roadmap`` and its siblings, which read the clock, or pass ``now``).
    """
    if now is None:
        raise TypeError("now= is needed: call the functions of the planner package, which read the clock")
    if now.tzinfo is None:
        raise TypeError(f"now={now!r} needs a time zone (an aware datetime)")
    return now


def today_for(profile: Profile, now: dt.datetime) -> dt.date:
    """The day ``now`` falls on in the profile's time zone.

    Raises
    ------
    OptionError
        When that day lies outside the dates a profile may use (a clock set to the
        year 1, or ``SOURCE_DATE_EPOCH`` far in the future).
    """
    try:
        today = now.astimezone(ZoneInfo(profile.timezone)).date()
    except OverflowError:
        today = now.date()
    if not MIN_DATE <= today <= MAX_DATE:
        raise OptionError(
            f"today is {today} by the clock (or SOURCE_DATE_EPOCH), out of the range a plan may "
            f"use: {MIN_DATE} to {MAX_DATE}"
        )
    return today


def check_day(day: dt.date | None, option: str = "--from") -> None:
    """Refuse a day given for ``option`` outside the dates a profile may use.

    Raises
    ------
    OptionError
        Naming the day and the valid range.
    """
    if day is not None and not MIN_DATE <= day <= MAX_DATE:
        raise OptionError(f"{day} is out of range; dates run from {MIN_DATE} to {MAX_DATE}", option=option)


def graph_inputs(folder: Path | None) -> list[tuple[Path, str]]:
    """The files of the graph in ``folder`` (default: the shipped graph) as inputs of a
    command, which its outputs must never replace (see
    :func:`~planner.io.writing.refuse_inputs`).

    Raises
    ------
    GraphError
        When the folder is missing or holds no graph files.
    """
    return [(path, "the graph file") for path in graph_files(folder or shipped_graph_dir())]
