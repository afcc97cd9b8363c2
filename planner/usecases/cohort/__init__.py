"""Cohorts: plan a whole class or team in one run (``planner batch``).

The package sits at the use-case layer and does one job per module:

- :mod:`~planner.usecases.cohort.inputs` reads the people of a cohort, one at a time;
- :mod:`~planner.usecases.cohort.work` plans one person: their result line and what the
  summary counts;
- :mod:`~planner.reports.cohort` adds those up into the cohort's picture, and reads
  it back for the heat map of ``planner graph --cohort``;
- :mod:`~planner.usecases.cohort.engines` runs the work in order, in this process or on the
  machine's cores (:mod:`~planner.usecases.cohort.processes`) or a Dask cluster
  (:mod:`~planner.usecases.cohort.cluster`);
- :mod:`~planner.usecases.cohort.batch` is the use case that ties them together.
"""

from __future__ import annotations

from planner.usecases.cohort.batch import BatchReport, batch
from planner.usecases.cohort.engines import ENGINES

__all__ = ["ENGINES", "BatchReport", "batch"]
