"""Where the work of a batch runs, and in which order its results come back.

Every engine takes the cohort in chunks and yields each chunk's outcomes in input
order, keeping a bounded number of chunks in flight, so memory stays flat however
large the cohort is:

- :func:`run_in_process` plans here, chunk after chunk (one worker, or a cohort too
  small to be worth starting processes for);
- :func:`planner.usecases.cohort.processes.run_processes` plans on the machine's cores;
- :func:`planner.usecases.cohort.cluster.run_dask` plans on a Dask cluster.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Final

from planner.reports.cohort import Outcome
from planner.usecases.cohort.inputs import Entry
from planner.usecases.cohort.work import plan_entries

if TYPE_CHECKING:
    from planner.graph import CareerGraph

ENGINES: Final = ("local", "dask")
"""The values of ``planner batch --engine``."""
CHUNK_SIZE: Final = 32
"""People per task: about a second of work, so a task's overhead is small beside it."""
CHUNKS_IN_FLIGHT: Final = 4
"""Chunks in flight per worker: enough to keep every worker busy while an early, slow
chunk holds back the ones after it."""

Chunk = list[Entry]
Results = Generator[list[Outcome], None, None]
"""What an engine yields: each chunk's outcomes, in input order."""


def chunked(entries: Iterable[Entry], size: int = CHUNK_SIZE) -> Iterator[Chunk]:
    """``entries`` in lists of ``size`` (the last one shorter), read lazily."""
    iterator = iter(entries)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def chunk_count(people: int, size: int = CHUNK_SIZE) -> int:
    """How many chunks ``people`` entries make."""
    return -(-people // size)


def run_in_process(chunks: Iterable[Chunk], *, graph: CareerGraph, now: dt.datetime) -> Results:
    """Plan each chunk here, in order."""
    for chunk in chunks:
        yield plan_entries(graph, chunk, now)
