"""planner: a personalized learning-path planner for AI/ML careers.

The Python API is the command line's own use cases (docs/python-api.md)::

    import planner

    graph = planner.load_graph()                 # the shipped graph; or load_graph("my-graph/")
    profile = planner.load_profile("me.toml")    # graph= optional
    roadmap = planner.roadmap(profile)           # graph=, target=, start=, now= optional
    roadmap.to_dict()                            # what `planner roadmap --format json` prints
    roadmap.render("markdown")                   # the text the CLI prints for that format
    planner.week(profile, days=7); planner.status(profile); planner.gaps(profile)
    planner.explain("pytorch", profile=profile); planner.calendar(profile).render("ical")
    graph.digraph                                # the career graph as a networkx.DiGraph
    planner.serve("me.toml")                     # the local web app, until Ctrl-C

Every result has ``to_dict()``, ``render(fmt)`` and a one-line repr. This module is a
front door, like the command line and the web app: it is the one place the API reads
the clock, for a call that gives no ``now``. Nothing else is read from the environment.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from planner import usecases
from planner.errors import (
    CalendarError,
    GraphError,
    OptionError,
    OutputError,
    PlanError,
    PlannerError,
    ProfileError,
    ToolMissingError,
    UnknownIdError,
    WorkerError,
)
from planner.graph import CareerGraph, load_graph, shipped_graph
from planner.profile import load_profile
from planner.records import Profile
from planner.usecases import (
    BatchReport,
    Calendar,
    Explanation,
    Gaps,
    Picture,
    ProfileChange,
    Roadmap,
    Skills,
    Stages,
    Status,
    Validation,
    Week,
    edit_profile,
    gaps,
    schema,
    skills,
    stages,
    validate,
)
from planner.version import __version__

if TYPE_CHECKING:
    from planner.web import Ready

P = ParamSpec("P")
R = TypeVar("R")


def _clock_by_default(use_case: Callable[P, R]) -> Callable[P, R]:
    """``use_case`` with ``now`` taken from the clock when the caller gives none."""

    @functools.wraps(use_case)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs.get("now") is None:
            kwargs["now"] = dt.datetime.now(dt.UTC)
        return use_case(*args, **kwargs)

    return call


roadmap = _clock_by_default(usecases.roadmap)
calendar = _clock_by_default(usecases.calendar)
week = _clock_by_default(usecases.week)
status = _clock_by_default(usecases.status)
explain = _clock_by_default(usecases.explain)
picture = _clock_by_default(usecases.picture)
done = _clock_by_default(usecases.done)
batch = _clock_by_default(usecases.batch)
starter = _clock_by_default(usecases.starter)


def _clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def serve(
    profile: str | os.PathLike[str],
    *,
    graph: CareerGraph | None = None,
    host: str = "127.0.0.1",
    port: int = 8765,
    clock: Callable[[], dt.datetime] | None = None,
    on_ready: Callable[[Ready], None] | None = None,
) -> None:
    """Serve the local web app for the profile file at ``profile`` until Ctrl-C
    (docs/web.md). ``on_ready`` gets the address to open, with the run's token, once
    the server listens; ``clock`` gives the current moment (default: the system clock)."""
    from planner import web  # the web stack (FastAPI, uvicorn, Jinja2): only a server needs it

    web.serve(
        Path(profile),
        graph=shipped_graph() if graph is None else graph,
        clock=clock or _clock,
        host=host,
        port=port,
        on_ready=on_ready,
    )


__all__ = [
    "BatchReport",
    "Calendar",
    "CalendarError",
    "CareerGraph",
    "Explanation",
    "Gaps",
    "GraphError",
    "OptionError",
    "OutputError",
    "Picture",
    "PlanError",
    "PlannerError",
    "Profile",
    "ProfileChange",
    "ProfileError",
    "Roadmap",
    "Skills",
    "Stages",
    "Status",
    "ToolMissingError",
    "UnknownIdError",
    "Validation",
    "Week",
    "WorkerError",
    "__version__",
    "batch",
    "calendar",
    "done",
    "edit_profile",
    "explain",
    "gaps",
    "load_graph",
    "load_profile",
    "picture",
    "roadmap",
    "schema",
    "serve",
    "skills",
    "stages",
    "starter",
    "status",
    "validate",
    "week",
]


def __dir__() -> list[str]:
    return sorted(__all__)
