"""Use cases: one function for each thing a person asks planner for.

Each function owns the decisions of its use case (which day a plan starts, when a
calendar update re-plans, which warnings apply) and returns a result that explains
itself (:mod:`~planner.usecases.results`: ``to_dict()``, ``render(fmt)``, a one-line
repr). The command line, the web app and the Python API (the ``planner`` package) call
exactly these, so a script, the terminal and the browser can never disagree.

Nothing here reads the clock or the environment: the front doors pass ``now`` (an
aware datetime) and the cache folder.

- :mod:`~planner.usecases.plans`: the roadmap and the calendar;
- :mod:`~planner.usecases.progress`: the week ahead, status, recording what is done, and
  editing the profile's values;
- :mod:`~planner.usecases.catalogue`: gaps, explain, the stages, the skills, validation,
  pictures and the starter profile;
- :mod:`~planner.usecases.cohort`: a whole cohort in one run;
- :mod:`~planner.usecases.common`: opening the graph, and "today".
"""

from __future__ import annotations

from planner.usecases.catalogue import explain, gaps, picture, schema, skills, stages, starter, validate
from planner.usecases.cohort import BatchReport, batch
from planner.usecases.common import open_graph
from planner.usecases.plans import calendar, roadmap
from planner.usecases.progress import ProfileChange, done, edit_profile, status, week
from planner.usecases.results import (
    Calendar,
    Explanation,
    Gaps,
    Picture,
    Roadmap,
    Skills,
    Stages,
    Status,
    Validation,
    Week,
)

__all__ = [
    "BatchReport",
    "Calendar",
    "Explanation",
    "Gaps",
    "Picture",
    "ProfileChange",
    "Roadmap",
    "Skills",
    "Stages",
    "Status",
    "Validation",
    "Week",
    "batch",
    "calendar",
    "done",
    "edit_profile",
    "explain",
    "gaps",
    "open_graph",
    "picture",
    "roadmap",
    "schema",
    "skills",
    "stages",
    "starter",
    "status",
    "validate",
    "week",
]
