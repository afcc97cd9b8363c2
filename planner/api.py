"""The public Python API: ``planner.load_graph``, ``planner.load_profile`` and
``planner.roadmap`` (SPEC.md, "Python API").

These are the command line's own use cases (:mod:`planner.usecases`), with defaults
that suit a script: the shipped graph, and today from the clock (or
``SOURCE_DATE_EPOCH``) when a profile gives no start.
"""

from __future__ import annotations

import datetime as dt
import warnings
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.environment import cache_dir
from planner.cli.environment import now as clock_now
from planner.usecases import open_graph, open_profile, roadmap_for

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.records import Profile
    from planner.usecases import Roadmap


def load_graph(folder: str | PathLike[str] | None = None, *, cache: bool = False) -> CareerGraph:
    """Load and validate a graph folder (default: the graph shipped with planner).

    Parameters
    ----------
    folder:
        A graph folder in the format of SPEC.md ("Graph data").
    cache:
        Read and write the compiled-graph cache in the user's cache folder, as the
        command line does.

    Raises
    ------
    GraphError
        With every problem found in the folder.
    """

    loaded = open_graph(
        Path(folder) if folder is not None else None, cache_dir=cache_dir() if cache else None
    )
    for message in loaded.warnings:
        warnings.warn(message, stacklevel=2)
    loaded.save()
    return loaded.graph


def load_profile(path: str | PathLike[str], graph: CareerGraph) -> Profile:
    """Read a profile (TOML or JSON) and check it against ``graph``.

    Raises
    ------
    ProfileError
        For an unreadable file, an unknown key or id, or an impossible value.
    """

    return open_profile(Path(path), graph)


def roadmap(
    graph: CareerGraph,
    profile: Profile,
    *,
    target: str | None = None,
    start: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Roadmap:
    """The dated roadmap of ``profile``; ``roadmap.to_dict()`` is what
    ``planner roadmap --format json`` prints for the same input.

    Parameters
    ----------
    target:
        A stage id to aim at instead of the profile's target.
    start:
        The plan's first day (default: the profile's ``start``, else today).
    now:
        The current moment, for "today" (default: the clock, or
        ``SOURCE_DATE_EPOCH`` when set).
    """

    return roadmap_for(graph, profile, now=now or clock_now(), target=target, start=start)
