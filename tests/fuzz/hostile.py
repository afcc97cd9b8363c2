"""Hostile surroundings for fuzzing planner: servers that are not Dask schedulers,
scheduler addresses planner cannot join, and pipes that never end.

Used by ``tests/fuzz/run_fuzz.py``. The servers run in threads of the fuzzing
process, on 127.0.0.1, for the whole run; each treats every connection in its own way.
"""

from __future__ import annotations

import contextlib
import json
import random
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO

Treat = Callable[[socket.socket], None]


def _silent(conn: socket.socket) -> None:
    """Accepts, and never says a word."""
    conn.recv(1)  # until the client gives up


def _web(conn: socket.socket) -> None:
    """A web server: waits for a request, then answers it."""
    conn.recv(4096)
    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


def _huge(conn: socket.socket) -> None:
    """Announces a 700 MB message, then waits."""
    conn.sendall(struct.pack("Q", 700 * 2**20))
    conn.recv(1)


def _huger(conn: socket.socket) -> None:
    """Announces 2**63 bytes."""
    conn.sendall(struct.pack("Q", 2**63 - 1))
    conn.recv(1)


def _garbage(conn: socket.socket) -> None:
    """A small frame that is no Dask greeting."""
    body = b"\x81\xa1a\x01"
    conn.sendall(struct.pack("Q", 16 + len(body)) + struct.pack("QQ", 1, len(body)) + body)
    conn.recv(1)


def _drip(conn: socket.socket) -> None:
    """Sends its greeting one byte at a time, slowly."""
    for byte in struct.pack("Q", 58):
        conn.sendall(bytes([byte]))
        threading.Event().wait(0.5)
    conn.recv(1)


def _closes(conn: socket.socket) -> None:
    """Hangs up at once."""


TREATS: dict[str, Treat] = {
    "silent": _silent,
    "web": _web,
    "huge": _huge,
    "huger": _huger,
    "garbage": _garbage,
    "drip": _drip,
    "closes": _closes,
}


def _handle(conn: socket.socket, treat: Treat) -> None:
    with conn, contextlib.suppress(OSError):
        treat(conn)


def _serve(listener: socket.socket, treat: Treat) -> None:
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=_handle, args=(conn, treat), daemon=True).start()


def serve_forever() -> None:
    """Start one server per kind of :data:`TREATS`, print their addresses (and one of a
    port nothing listens on) as a JSON line, and serve until killed."""
    addresses = {}
    for name, treat in TREATS.items():
        listener = socket.create_server(("127.0.0.1", 0))
        addresses[name] = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
        threading.Thread(target=_serve, args=(listener, treat), daemon=True).start()
    with socket.create_server(("127.0.0.1", 0)) as probe:
        addresses["closed"] = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    print(json.dumps(addresses), flush=True)
    threading.Event().wait()


class Servers:
    """The servers of :func:`serve_forever`, in a process of their own (so the fuzzer
    itself has no threads when it starts a run with a memory limit): their addresses."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, __file__, "serve"], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL
        )
        assert self._proc.stdout is not None
        self.addresses: dict[str, str] = json.loads(self._proc.stdout.readline())

    def close(self) -> None:
        self._proc.kill()
        self._proc.wait()


ODD_ADDRESSES = (
    "tls://127.0.0.1:8786",
    "ucx://127.0.0.1:8786",
    "inproc://x",
    "tcp://",
    "tcp://:8786",
    "tcp://127.0.0.1:0",
    "tcp://127.0.0.1:99999",
    "tcp://127.0.0.1:http",
    "tcp://[::1]:1",
    "tcp://256.1.1.1:1",
    "tcp://" + "a" * 300 + ":1",
    "127.0.0.1",
    "not an address",
    "",
)
"""Addresses planner cannot join, or that are not addresses at all."""


def scheduler_address(rng: random.Random, servers: Servers) -> str:
    """A server that is not a scheduler, or an address planner cannot join."""
    if rng.random() < 0.6:
        return servers.addresses[rng.choice(sorted(servers.addresses))]
    return rng.choice(ODD_ADDRESSES)


def feed_forever(proc: subprocess.Popen[bytes], chunk: bytes = b"y\n" * 32_768) -> threading.Thread:
    """Write ``chunk`` into the standard input of ``proc`` until it stops reading (as
    ``yes |`` does): a pipe that never ends."""
    stdin: IO[bytes] | None = proc.stdin

    def feed() -> None:
        if stdin is None:
            return
        try:
            while proc.poll() is None:
                stdin.write(chunk)
        except (BrokenPipeError, OSError, ValueError):
            pass
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    return thread


if __name__ == "__main__" and sys.argv[1:] == ["serve"]:
    serve_forever()
