"""What every use case needs: the graph and the profile opened, and "today"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import OptionError
from planner.graph import shipped_graph_dir
from planner.graph.cache import load_graph_cached
from planner.limits import MAX_DATE, MIN_DATE
from planner.profile import load_profile

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.graph.cache import LoadedGraph
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


def open_profile(path: Path, graph: CareerGraph) -> Profile:
    """Read the profile at ``path`` and check it against ``graph``."""

    return load_profile(path, graph)


def today_for(profile: Profile, now: dt.datetime) -> dt.date:
    """The day ``now`` falls on in the profile's time zone."""
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(profile.timezone)).date()


def check_day(day: dt.date | None, option: str = "--from") -> None:
    """Refuse a day given for ``option`` outside the dates a profile may use.

    Raises
    ------
    OptionError
        Naming the day and the valid range.
    """

    if day is not None and not MIN_DATE <= day <= MAX_DATE:
        raise OptionError(f"{day} is out of range; dates run from {MIN_DATE} to {MAX_DATE}", option=option)
