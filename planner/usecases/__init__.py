"""Use cases: one function for each thing a person asks planner for.

Each function owns the decisions of its use case (which day a plan starts, when a
calendar update re-plans, which warnings apply) and returns plain results: text or
bytes to write, and warnings to show. The CLI parses its arguments, calls one of
these and writes what it returns; the Python API re-exports them, so a script and the
command line can never disagree.

Nothing here reads the clock or the environment: the caller passes ``now`` (an aware
datetime) and the cache folder. The use cases live in modules by job and are all
re-exported here: :mod:`~planner.usecases.plans` (roadmap, calendar),
:mod:`~planner.usecases.progress` (status, week, gaps, explain, done, init),
:mod:`~planner.usecases.catalogue` (stages, skills, validation, pictures) and
:mod:`~planner.usecases.common` (opening the graph and the profile).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from planner.usecases.catalogue import (
        Validation as Validation,
    )
    from planner.usecases.catalogue import (
        graph_picture as graph_picture,
    )
    from planner.usecases.catalogue import (
        skills_in as skills_in,
    )
    from planner.usecases.catalogue import (
        stage_table as stage_table,
    )
    from planner.usecases.catalogue import (
        validate_folder as validate_folder,
    )
    from planner.usecases.common import (
        check_day as check_day,
    )
    from planner.usecases.common import (
        open_graph as open_graph,
    )
    from planner.usecases.common import (
        open_profile as open_profile,
    )
    from planner.usecases.common import (
        today_for as today_for,
    )
    from planner.usecases.plans import (
        CalendarExport as CalendarExport,
    )
    from planner.usecases.plans import (
        Roadmap as Roadmap,
    )
    from planner.usecases.plans import (
        calendar_for as calendar_for,
    )
    from planner.usecases.plans import (
        deadline_warnings as deadline_warnings,
    )
    from planner.usecases.plans import (
        read_previous_calendar as read_previous_calendar,
    )
    from planner.usecases.plans import (
        roadmap_for as roadmap_for,
    )
    from planner.usecases.plans import (
        schedule_for as schedule_for,
    )
    from planner.usecases.progress import (
        explain_for as explain_for,
    )
    from planner.usecases.progress import (
        gaps_for as gaps_for,
    )
    from planner.usecases.progress import (
        record_done as record_done,
    )
    from planner.usecases.progress import (
        starter_for as starter_for,
    )
    from planner.usecases.progress import (
        status_for as status_for,
    )
    from planner.usecases.progress import (
        week_for as week_for,
    )

_MODULES: Final = {
    "CalendarExport": "plans",
    "Roadmap": "plans",
    "Validation": "catalogue",
    "calendar_for": "plans",
    "check_day": "common",
    "deadline_warnings": "plans",
    "explain_for": "progress",
    "gaps_for": "progress",
    "graph_picture": "catalogue",
    "open_graph": "common",
    "open_profile": "common",
    "read_previous_calendar": "plans",
    "record_done": "progress",
    "roadmap_for": "plans",
    "schedule_for": "plans",
    "skills_in": "catalogue",
    "stage_table": "catalogue",
    "starter_for": "progress",
    "status_for": "progress",
    "today_for": "common",
    "validate_folder": "catalogue",
    "week_for": "progress",
}
"""Where each use case lives: imported when first used, so a command loads only its own."""


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"planner.usecases.{module}"), name)
    globals()[name] = value
    return value
