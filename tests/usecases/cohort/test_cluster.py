"""Joining a Dask scheduler: something that is not one is refused at once, clearly.

The servers here are small sockets started by each test on 127.0.0.1; none needs
Dask, since the address is checked before Dask is given it.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.errors import OptionError
from planner.usecases.cohort.cluster import check_scheduler
from tests.hang import no_hang

from .conftest import ada

Behaviour = Callable[[socket.socket], None]
GREETING = b"\x83\xabcompression\xc0\xa6python\x93\x03\x0b\x07\xafpickle-protocol\x05"
"""What a Dask scheduler of this era says first, in msgpack."""


def framed(body: bytes) -> bytes:
    frames = struct.pack("QQ", 1, len(body)) + body
    return struct.pack("Q", len(frames)) + frames


@contextmanager
def server(behaviour: Behaviour) -> Iterator[str]:
    """A server on 127.0.0.1 that treats each connection with ``behaviour``: its address."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def treat(conn: socket.socket) -> None:
        with conn:
            behaviour(conn)
            stop.wait(30)  # keep it open, saying nothing more, until the test ends

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=treat, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()


def silent(conn: socket.socket) -> None:
    """Accepts, and never says a word."""


def web(conn: socket.socket) -> None:
    """A web server: waits for a request, then answers it."""
    conn.recv(1024)
    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")


def huge(conn: socket.socket) -> None:
    """Announces a 700 MB message (Dask would allocate it, then wait for it)."""
    conn.sendall(struct.pack("Q", 700 * 2**20))


def closes(conn: socket.socket) -> None:
    conn.close()


def garbage(conn: socket.socket) -> None:
    conn.sendall(framed(b"\x81\xa1a\x01"))  # a small frame, but no Dask greeting


def dask(conn: socket.socket) -> None:
    conn.sendall(framed(GREETING))


@pytest.mark.parametrize(
    ("behaviour", "why"),
    [
        (web, "a web server answered there, not a Dask scheduler"),
        (huge, "it answered, but not as a Dask scheduler does"),
        (garbage, "it answered, but not as a Dask scheduler does"),
        (closes, "it closed the connection without a word; is it a Dask scheduler?"),
        (silent, "nothing answered within 0.5 s (see --scheduler-timeout); is it a Dask scheduler?"),
    ],
)
def test_something_that_is_not_a_scheduler_is_refused_at_once(behaviour: Behaviour, why: str) -> None:
    """Regression: a silent or web server hung past the 20 s timeout, a web server's answer
    was "out of memory: the input is too large", and an 8-byte length made planner
    allocate 700 MB and hang."""
    with server(behaviour) as address, no_hang(address), pytest.raises(OptionError) as info:
        check_scheduler(address, timeout=0.5)
    assert info.value.option == "--scheduler"
    assert str(info.value) == f"cannot reach a Dask scheduler at {address}: {why}"


def test_a_scheduler_s_greeting_is_accepted() -> None:
    with server(dask) as address:
        check_scheduler(address, timeout=5)
        check_scheduler(address.removeprefix("tcp://"), timeout=5)  # tcp:// is the default


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("tls://127.0.0.1:8786", "planner joins a scheduler over tcp:// only, not tls://"),
        ("ucx://127.0.0.1:8786", "planner joins a scheduler over tcp:// only, not ucx://"),
        ("tcp://127.0.0.1:0", "give it as tcp://HOST:PORT, e.g. tcp://127.0.0.1:8786"),
        ("tcp://:8786", "give it as tcp://HOST:PORT, e.g. tcp://127.0.0.1:8786"),
        ("tcp://127.0.0.1:http", "give it as tcp://HOST:PORT, e.g. tcp://127.0.0.1:8786"),
        # found by the fuzzer: IDNA refused these names with "internal error: UnicodeError"
        (f"tcp://{'a' * 64}:1", f"{'a' * 64!r} is not a valid host name"),
        ("tcp://a..b:1", "'a..b' is not a valid host name"),
    ],
)
def test_addresses_planner_cannot_join_are_refused(address: str, why: str) -> None:
    """Regression: tls:// and ucx:// gave "internal error: TypeError"."""
    with pytest.raises(OptionError) as info:
        check_scheduler(address, timeout=0.5)
    assert str(info.value) == f"cannot reach a Dask scheduler at {address}: {why}"


def test_a_closed_port_is_refused_at_once() -> None:
    """Regression: a closed port took the whole 20 s timeout."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    with no_hang("a closed port", seconds=5), pytest.raises(OptionError) as info:
        check_scheduler(f"tcp://127.0.0.1:{port}", timeout=600)
    assert str(info.value).endswith(f": nothing listens on port {port} of 127.0.0.1")


def test_batch_says_it_cannot_reach_the_scheduler_with_exit_2(tmp_path: Path, tiny_graph_dir: Path) -> None:
    pytest.importorskip("distributed", reason="--engine dask needs the dask extra")
    cohort, out = tmp_path / "cohort.jsonl", tmp_path / "out.jsonl"
    cohort.write_text(json.dumps(ada()) + "\n", encoding="utf-8")
    with server(silent) as address:
        args = ["batch", str(cohort), "-o", str(out), "--engine", "dask", "--scheduler", address]
        result = CliRunner().invoke(
            cli, [*args, "--scheduler-timeout", "0.5", "--graph", str(tiny_graph_dir)]
        )
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for '--scheduler': cannot reach a Dask scheduler at {address}: nothing "
        "answered within 0.5 s (see --scheduler-timeout); is it a Dask scheduler?\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.jsonl", "graph"]
