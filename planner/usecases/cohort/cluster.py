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
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final

from planner.errors import OptionError, WorkerError
from planner.limits import CONNECT_SECONDS
from planner.usecases.cohort.engines import CHUNKS_IN_FLIGHT, Chunk, Results
from planner.usecases.cohort.work import plan_entries

if TYPE_CHECKING:
    import socket

    from planner.graph import CareerGraph

INSTALL_HINT: Final = (
    "--engine dask needs dask.distributed, an optional extra: "
    "pip install 'ml-career-planner[dask]' (from a checkout: pip install '.[dask]')"
)
LOCAL_CONNECT_SECONDS: Final = 20.0
"""How long joining the local cluster a batch started may take."""
HANDSHAKE_BYTES: Final = 64 * 1024
"""The most a scheduler's greeting may hold: Dask's is a few dozen bytes."""
DEFAULT_PORT: Final = 8786
"""The port of a scheduler address that names none (Dask's own default)."""


def run_dask(
    chunks: Iterable[Chunk],
    *,
    graph: CareerGraph,
    now: dt.datetime,
    workers: int,
    scheduler: str | None = None,
    timeout: float = CONNECT_SECONDS,
) -> Results:
    """Plan each chunk on a Dask cluster; yield the outcomes in input order.

    A ``scheduler`` address is checked first (:func:`check_scheduler`), so something
    that is not a Dask scheduler is refused within ``timeout`` seconds and with little
    memory, whatever it answers; joining it then has what is left of ``timeout``.

    Raises
    ------
    OptionError
        When dask.distributed is not installed, or no Dask scheduler answers at
        ``scheduler`` within ``timeout`` seconds.
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
            left = LOCAL_CONNECT_SECONDS
        else:
            started = time.monotonic()
            check_scheduler(scheduler, timeout)
            cluster, left = scheduler, max(0.5, timeout - (time.monotonic() - started))
        try:
            client = stack.enter_context(Client(cluster, timeout=f"{left}s", set_as_default=False))
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            if scheduler is None:
                raise WorkerError(f"the local Dask cluster did not start: {exc}") from None
            raise _unreachable(scheduler, str(exc)) from None
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


def check_scheduler(address: str, timeout: float = CONNECT_SECONDS) -> None:
    """Refuse ``address`` unless a Dask scheduler greets there within ``timeout``
    seconds.

    A scheduler speaks first: on a new connection it sends its greeting, a frame whose
    8-byte length is small and whose bytes name its ``pickle-protocol``. That is read
    here over a plain socket, reading at most :data:`HANDSHAKE_BYTES`, so a silent
    server, a web server or one that announces gigabytes is refused in bounded time
    and memory instead of being handed to Dask, which would wait or allocate what the
    length says. Only ``tcp://`` addresses are joined (TLS and UCX need settings
    planner does not pass).

    Raises
    ------
    OptionError
        ``cannot reach a Dask scheduler at ADDRESS: why`` (exit 2).
    """
    scheme, _, rest = address.rpartition("://")
    if scheme.lower() not in ("", "tcp"):
        raise _unreachable(address, f"planner joins a scheduler over tcp:// only, not {scheme}://")
    host, port = _host_port(address, rest)
    import socket  # only a run on a cluster joins one

    deadline = time.monotonic() + timeout
    try:
        with socket.create_connection((host, port), timeout=timeout) as conn:
            conn.sendall(_GREETING)  # so a server that waits for a request (HTTP) answers at once
            header = _receive(conn, 8, deadline)
            if len(header) < 8:
                raise _unreachable(address, _CLOSED)
            (size,) = struct.unpack("Q", header)
            if header.startswith(b"HTTP/"):
                raise _unreachable(address, "a web server answered there, not a Dask scheduler")
            if not 0 < size <= HANDSHAKE_BYTES:
                raise _unreachable(address, "it answered, but not as a Dask scheduler does")
            greeting = _receive(conn, size, deadline)
    except TimeoutError:
        raise _unreachable(
            address,
            f"nothing answered within {timeout:g} s (see --scheduler-timeout); is it a Dask scheduler?",
        ) from None
    except ConnectionRefusedError:
        raise _unreachable(address, f"nothing listens on port {port} of {host}") from None
    except (ConnectionResetError, BrokenPipeError):
        raise _unreachable(address, _CLOSED) from None
    except UnicodeError:  # the name's encoding (IDNA) refuses it: a label over 63 characters
        raise _unreachable(address, f"{host!r} is not a valid host name") from None
    except OSError as exc:
        raise _unreachable(address, str(exc.strerror or exc)) from None
    if len(greeting) < size or b"pickle-protocol" not in greeting:
        raise _unreachable(address, "it answered, but not as a Dask scheduler does")


def _greeting() -> bytes:
    """What a Dask client says first, as one frame: its compression (none), Python
    version and pickle protocol, in msgpack, behind the frame's lengths."""
    version = bytes([0x93, *sys.version_info[:3]])  # a fixarray of three small ints
    body = b"\x83\xabcompression\xc0\xa6python" + version + b"\xafpickle-protocol\x05"
    frames = struct.pack("QQ", 1, len(body)) + body
    return struct.pack("Q", len(frames)) + frames


_GREETING: Final = _greeting()
_CLOSED: Final = "it closed the connection without a word; is it a Dask scheduler?"


def _host_port(address: str, rest: str) -> tuple[str, int]:
    """The host and port of ``HOST:PORT``, ``[IPv6]:PORT`` or ``HOST`` (Dask's port)."""
    host, port = rest, str(DEFAULT_PORT)
    if rest.startswith("["):
        host, _, tail = rest[1:].partition("]")
        port = tail.removeprefix(":") or port
    elif rest.count(":") == 1:
        host, port = rest.split(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise _unreachable(address, "give it as tcp://HOST:PORT, e.g. tcp://127.0.0.1:8786")
    return host, int(port)


def _receive(conn: socket.socket, size: int, deadline: float) -> bytes:
    """Up to ``size`` bytes from ``conn`` (fewer when it closes) by ``deadline``."""
    data = bytearray()
    while len(data) < size:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        conn.settimeout(left)
        piece = conn.recv(min(size - len(data), 65536))
        if not piece:
            break
        data += piece
    return bytes(data)


def _unreachable(address: str, why: str) -> OptionError:
    return OptionError(f"cannot reach a Dask scheduler at {address}: {why}", option="--scheduler")


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
