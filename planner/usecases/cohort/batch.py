"""The use case of ``planner batch``: plan a whole cohort in one run.

It owns the decisions of a batch: which engine runs the work and with how many
workers, that results stream to OUT in input order, that a person who cannot be
planned never stops the others, and that OUT and the summary appear whole or not at
all (written through temporary files renamed at the end, so Ctrl-C leaves neither).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, NamedTuple

from planner.errors import OptionError, OutputError
from planner.io.writing import atomic_writer, refuse_inputs, same_file
from planner.limits import CONNECT_SECONDS
from planner.reports.cohort import CohortSummary
from planner.usecases.cohort.cluster import run_dask
from planner.usecases.cohort.engines import ENGINES, Results, chunk_count, chunked, run_in_process
from planner.usecases.cohort.inputs import Cohort, cohort_inputs
from planner.usecases.cohort.processes import run_processes
from planner.usecases.common import given, graph_inputs, open_graph

Progress = Callable[[int, int | None], None]
"""Called with (people done, people in all) as a batch goes on; people in all is None
while a pipe is read (they are counted as they come)."""


class BatchReport(NamedTuple):
    """What a batch did."""

    profiles: int
    planned: int
    failed: int
    errors: tuple[str, ...]
    """The first failures' messages (at most :data:`~planner.reports.cohort.SHOWN_ERRORS`)."""


def batch(
    source: Path,
    output: Path | BinaryIO,
    *,
    now: dt.datetime | None = None,
    graph_dir: Path | None = None,
    cache_dir: Path | None = None,
    summary: Path | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    scheduler_timeout: float = CONNECT_SECONDS,
    progress: Progress | None = None,
) -> BatchReport:
    """Plan every person of ``source`` and write one result line each to ``output``.

    Parameters
    ----------
    source:
        A JSON Lines file (one profile object a line; blank lines are skipped) or a
        folder of profile files (``*.toml``, ``*.json``, sorted by name).
    output:
        The JSON Lines file of results (written atomically), or an open binary stream.
    now:
        The current moment: every person is planned with the same "today".
    summary:
        Where to write the cohort's summary (JSON), atomically.
    workers:
        Processes (``local``) or Dask workers of a local cluster (``dask`` without
        ``scheduler``). A cohort of one chunk, or one worker, is planned in this
        process.
    engine:
        ``local`` or ``dask`` (:data:`~planner.usecases.cohort.ENGINES`).
    scheduler:
        The address of a running Dask scheduler to join (``dask`` only).
    scheduler_timeout:
        Seconds joining ``scheduler`` may take; an address where no Dask scheduler
        answers in that time is refused.
    progress:
        Told how far the batch has come after every chunk.

    Raises
    ------
    OptionError
        For an unknown engine, ``scheduler`` without ``dask``, ``summary`` equal to
        ``output``, an ``output`` or ``summary`` that is one of the files the batch
        reads (the cohort, a profile of its folder, a graph file; links followed), an
        unreadable or empty ``source``, or a missing dask extra.
    GraphError
        When the graph is invalid: nothing is written.
    WorkerError
        When a worker process or the cluster fails: nothing is written.
    """
    now = given(now)
    if engine not in ENGINES:
        raise OptionError(f"unknown engine '{engine}' (valid: {', '.join(ENGINES)})", option="--engine")
    if scheduler is not None and engine != "dask":
        raise OptionError("a scheduler is joined only with --engine dask", option="--scheduler")
    _refuse_inputs(source, output, summary, graph_dir)
    loaded = open_graph(graph_dir, cache_dir=cache_dir)  # invalid data fails here, before any work
    loaded.save(always=True)  # every worker loads the graph: from the cache, not its files
    graph = loaded.graph
    tally = CohortSummary(graph)
    with contextlib.ExitStack() as stack:
        cohort = stack.enter_context(Cohort(source))
        out = stack.enter_context(atomic_writer(output)) if isinstance(output, Path) else output
        summary_out = stack.enter_context(atomic_writer(summary)) if summary is not None else None
        chunks = chunked(cohort.entries())
        total = cohort.total
        if total is None:  # a pipe: a cohort of one chunk is still planned in this process
            ahead = list(itertools.islice(chunks, 2))
            total = sum(map(len, ahead)) if len(ahead) < 2 else None
            chunks = itertools.chain(ahead, chunks)
        workers = max(1, min(workers, chunk_count(total))) if total is not None else workers
        results: Results
        if engine == "dask":
            results = run_dask(
                chunks, graph=graph, now=now, workers=workers, scheduler=scheduler, timeout=scheduler_timeout
            )
        elif workers == 1:
            results = run_in_process(chunks, graph=graph, now=now)
        else:
            results = run_processes(
                chunks, workers=workers, graph_dir=graph_dir, cache_dir=cache_dir, now=now
            )
        stack.enter_context(contextlib.closing(results))  # stops the workers first
        if progress is not None:
            progress(0, total)
        for outcomes in results:
            _write(out, "".join(f"{o.line}\n" for o in outcomes).encode("utf-8"), output)
            for outcome in outcomes:
                tally.add(outcome)
            if progress is not None:
                progress(tally.profiles, total)
        _write(out, b"", output)
        if summary_out is not None:
            summary_out.write(tally.render().encode("utf-8"))
    return BatchReport(tally.profiles, tally.planned, tally.failed, tuple(tally.errors))


def _write(out: BinaryIO, data: bytes, output: Path | BinaryIO) -> None:
    """Write ``data`` (and flush): a stream that fails (a closed standard output) is an
    :class:`OutputError` that says so; a broken pipe is left to the caller."""
    try:
        out.write(data)
        out.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a closed file
        where = "standard output" if not isinstance(output, Path) else str(output)
        raise OutputError(f"cannot write to {where}: {getattr(exc, 'strerror', None) or exc}") from None


def _refuse_inputs(
    source: Path, output: Path | BinaryIO, summary: Path | None, graph_dir: Path | None
) -> None:
    """Refuse an output or a summary that is one of the files the batch reads (the
    cohort, a profile of its folder, a graph file), or that is the other output."""
    read = [*cohort_inputs(source), *graph_inputs(graph_dir)]
    if isinstance(output, Path):
        refuse_inputs(output, read, option="--output")
    if summary is None:
        return
    refuse_inputs(summary, read, option="--summary")
    if isinstance(output, Path) and (
        summary.resolve() == output.resolve() or (summary.exists() and same_file(summary, output.stat()))
    ):
        raise OptionError(
            f"{summary} is also the output file; give the summary its own file", option="--summary"
        )
