"""The local engine: plan a cohort on the machine's cores, in worker processes.

Each worker loads the graph once, through the compiled-graph cache, then plans the
chunks it is sent. The parent sends a chunk only to an idle worker and keeps at most
:data:`~planner.usecases.cohort.engines.CHUNKS_IN_FLIGHT` chunks per worker between the first
result not yet yielded and the last chunk sent, so memory stays flat; results are
yielded in input order.

Workers ignore Ctrl-C: the parent stops them, at once, whatever ends the batch (an
error, Ctrl-C, or a consumer that stops early), so no worker outlives it. A worker
that dies (killed, out of memory) stops the batch with :class:`WorkerError` instead
of leaving it waiting forever.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from planner.errors import WorkerError
from planner.reports.cohort import Outcome
from planner.usecases.cohort.engines import CHUNKS_IN_FLIGHT, Chunk, Results
from planner.usecases.cohort.work import plan_entries
from planner.usecases.common import open_graph

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

JOIN_SECONDS: Final = 5.0
"""How long a worker may take to exit after the last chunk before it is stopped."""


def run_processes(
    chunks: Iterable[Chunk],
    *,
    workers: int,
    graph_dir: Path | None,
    cache_dir: Path | None,
    now: dt.datetime,
) -> Results:
    """Plan each chunk in one of ``workers`` processes; yield the outcomes in order.

    Raises
    ------
    WorkerError
        When a worker dies or fails.
    """
    import multiprocessing  # heavy: only when a batch runs on processes

    context = multiprocessing.get_context("spawn")  # the same on every platform, and thread-safe
    conns: list[Connection] = []
    procs: list[Any] = []
    finished = False
    try:
        for number in range(workers):
            parent, child = context.Pipe()
            proc = context.Process(
                target=_serve,
                args=(child, graph_dir, cache_dir, now),
                name=f"planner-batch-{number + 1}",
                daemon=True,
            )
            proc.start()
            child.close()
            conns.append(parent)
            procs.append(proc)
        yield from _dispatch(iter(chunks), conns, procs)
        finished = True
    finally:
        for conn, proc in zip(conns, procs, strict=True):
            if finished:
                with contextlib.suppress(OSError):  # a worker that is gone needs no goodbye
                    conn.send(None)
                proc.join(JOIN_SECONDS)
            if proc.is_alive():
                proc.terminate()
            proc.join()
            conn.close()


def _dispatch(chunks: Iterator[Chunk], conns: list[Connection], procs: list[Any]) -> Iterator[list[Outcome]]:
    """Feed idle workers, collect results and yield them in input order."""
    from multiprocessing.connection import wait

    depth = CHUNKS_IN_FLIGHT * len(conns)
    idle = list(range(len(conns)))
    busy: dict[Connection, int] = {}
    done: dict[int, list[Outcome]] = {}
    sent = next_out = 0
    more = True
    while True:
        while more and idle and sent - next_out < depth:
            chunk = next(chunks, None)
            if chunk is None:
                more = False
                break
            worker = idle.pop()
            conns[worker].send((sent, chunk))
            busy[conns[worker]] = worker
            sent += 1
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1
        if not more and next_out == sent:
            return
        ready = wait([*busy, *(proc.sentinel for proc in procs)])
        for conn in busy.keys() & set(ready):
            worker = busy.pop(conn)
            try:
                index, result = conn.recv()
            except EOFError:
                raise _died(procs[worker]) from None
            if isinstance(result, str):
                raise WorkerError(f"a batch worker failed: {result}")
            done[index] = result
            idle.append(worker)
        for proc in procs:
            if proc.sentinel in ready:
                raise _died(proc)


def _died(proc: Any) -> WorkerError:
    proc.join(JOIN_SECONDS)
    return WorkerError(
        f"batch worker {proc.name} (process {proc.pid}) stopped unexpectedly "
        f"(exit code {proc.exitcode}); was it killed or out of memory?"
    )


def _serve(conn: Connection, graph_dir: Path | None, cache_dir: Path | None, now: dt.datetime) -> None:
    """A worker: load the graph once, then plan every chunk sent until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle

    try:
        graph = open_graph(graph_dir, cache_dir=cache_dir).graph
        while (message := conn.recv()) is not None:
            index, chunk = message
            conn.send((index, plan_entries(graph, chunk, now)))
    except (EOFError, BrokenPipeError):  # the parent is gone
        return
    except Exception as exc:  # noqa: BLE001 -- reported to the parent, which stops the batch
        with contextlib.suppress(OSError):
            conn.send((-1, f"{type(exc).__name__}: {exc}"))
