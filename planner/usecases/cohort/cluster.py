"""The Dask engine: plan a cohort on a Dask cluster (the optional extra ``dask``).

With a scheduler address the batch joins that cluster; without one it starts a
``LocalCluster`` on this machine, bound to 127.0.0.1, one single-threaded worker
process per requested worker, which leaves Ctrl-C to the batch. The graph is
scattered to every worker once; the cohort goes in chunks, one task each, with at
most :data:`~planner.usecases.cohort.engines.CHUNKS_IN_FLIGHT` chunks per worker thread in
flight, and the results are yielded in input order. Whatever ends the batch early (an error,
Ctrl-C) cancels its tasks, and a cluster it started is shut down with it.

Workers of an existing cluster need planner installed (the same version); they need
neither the graph folder nor the profiles, which travel with the tasks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final

from planner.errors import OptionError, WorkerError
from planner.usecases.cohort.engines import CHUNKS_IN_FLIGHT, Chunk, Results
from planner.usecases.cohort.work import plan_entries

if TYPE_CHECKING:
    from planner.graph import CareerGraph

INSTALL_HINT: Final = (
    "--engine dask needs dask.distributed, an optional extra: "
    "pip install 'ml-career-planner[dask]' (from a checkout: pip install '.[dask]')"
)
CONNECT_TIMEOUT: Final = "20s"
"""How long joining a scheduler may take before the batch gives up."""


def run_dask(
    chunks: Iterable[Chunk],
    *,
    graph: CareerGraph,
    now: dt.datetime,
    workers: int,
    scheduler: str | None = None,
) -> Results:
    """Plan each chunk on a Dask cluster; yield the outcomes in input order.

    Raises
    ------
    OptionError
        When dask.distributed is not installed, or the scheduler cannot be reached.
    WorkerError
        When the cluster loses the work (a worker killed again and again).
    """
    import logging  # light once distributed, which logs, is imported

    try:
        from distributed import Client, KilledWorker, LocalCluster
    except ImportError:
        raise OptionError(INSTALL_HINT, option="--engine") from None

    with contextlib.ExitStack() as stack:
        stack.enter_context(_quiet("distributed"))
        if scheduler is None:
            with _workers_ignore_ctrl_c():
                cluster: Any = stack.enter_context(
                    LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        host="127.0.0.1",
                        dashboard_address=None,
                        silence_logs=logging.CRITICAL,
                    )
                )
        else:
            cluster = scheduler
        try:
            client = stack.enter_context(Client(cluster, timeout=CONNECT_TIMEOUT, set_as_default=False))
        except (OSError, TimeoutError, ValueError) as exc:
            raise OptionError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}", option="--scheduler"
            ) from None
        shared_graph = client.scatter(graph, broadcast=True, hash=False)
        depth = CHUNKS_IN_FLIGHT * max(1, sum(client.nthreads().values()))
        pending: deque[Any] = deque()
        try:
            for chunk in chunks:
                pending.append(client.submit(plan_entries, shared_graph, chunk, now, pure=False))
                if len(pending) >= depth:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except KilledWorker as exc:
            raise WorkerError(f"the Dask cluster lost a chunk of the batch: {exc}") from None
        finally:
            if pending:
                client.cancel(list(pending))


@contextlib.contextmanager
def _quiet(name: str) -> Iterator[None]:
    """Keep a library's log records below CRITICAL off standard error while the batch
    runs. What goes wrong reaches the batch as an exception it words itself; Dask's own
    records (a worker's heartbeat failing while Ctrl-C shuts the cluster down, with its
    traceback) are noise to the user. The local cluster's workers get the same level
    through ``silence_logs``."""
    import logging

    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Ignore SIGINT while the local cluster starts its worker processes, which inherit
    that: Ctrl-C then reaches this process alone, which shuts the cluster down, instead
    of every worker dying with a traceback. (Off the main thread, signals cannot be
    changed, and are not delivered there either.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
