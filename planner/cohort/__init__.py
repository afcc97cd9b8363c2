"""Cohorts: plan a whole class or team in one run (``planner batch``).

The package sits at the use-case layer and does one job per module:

- :mod:`~planner.cohort.inputs` reads the people of a cohort, one at a time;
- :mod:`~planner.cohort.work` plans one person: their result line and what the
  summary counts;
- :mod:`~planner.cohort.summary` adds those up into the cohort's picture, and reads
  it back for the heat map of ``planner graph --cohort``;
- :mod:`~planner.cohort.engines` runs the work in order, in this process or on the
  machine's cores (:mod:`~planner.cohort.processes`) or a Dask cluster
  (:mod:`~planner.cohort.cluster`);
- :mod:`~planner.cohort.batch` is the use case that ties them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from planner.cohort.batch import BatchReport, batch

__all__ = ["ENGINES", "BatchReport", "batch"]

ENGINES: Final = ("local", "dask")
"""The values of ``planner batch --engine`` (here, so the command line can offer them
without importing the planner)."""


def __getattr__(name: str) -> Any:
    if name in {"BatchReport", "batch"}:
        from planner.cohort import batch as module

        return getattr(module, name)
    raise AttributeError(f"module 'planner.cohort' has no attribute {name!r}")
