"""Running the web app: bind the address, make the token, serve until Ctrl-C.

:func:`serve` binds the socket itself before it starts uvicorn, so a port in use is a
clear error, port 0 picks a free port, and the address printed is the one that
answers. It serves on 127.0.0.1 unless another host is asked for; any host that is
not this machine alone comes with a warning, since anyone who can reach the address
and learns the token can change the profile.

Ctrl-C stops the server at once: requests in flight get half a second to finish, and the
``KeyboardInterrupt`` goes on to the caller (the command line's exit status 130).
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Final, NamedTuple

import uvicorn

from planner.errors import OptionError, PlannerError
from planner.graph import CareerGraph
from planner.profile import load_profile, read_profile_bytes
from planner.web.app import create_app
from planner.web.guard import Address, is_loopback, new_token
from planner.web.site import Clock

GRACE_SECONDS: Final = 0.5
"""How long requests in flight may take to finish after Ctrl-C."""


class Ready(NamedTuple):
    """A server ready for requests: its address with the token, and what to warn about."""

    url: str
    address: Address
    warnings: tuple[str, ...] = ()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: a free port).

    Raises
    ------
    OptionError
        When the port is in use or not ours to take (``--port``), or the host is not
        an address of this machine (``--host``).
    """
    if not 0 <= port <= 65535:
        raise OptionError(f"{port} is not a port; use 1 to 65535, or 0 for any free port", option="--port")
    try:
        family, kind, proto, _, where = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise OptionError(
            f"cannot serve on '{host}': {getattr(exc, 'strerror', None) or exc}", option="--host"
        ) from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(where)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise OptionError(
                f"port {port} is in use on {host}: choose another with --port (0 picks a free one)",
                option="--port",
            ) from None
        if exc.errno == errno.EACCES:
            raise OptionError(
                f"port {port} needs privileges on this system: choose one above 1023", option="--port"
            ) from None
        raise OptionError(f"cannot serve on {host}: {exc.strerror or exc}", option="--host") from None
    return sock


def exposure(host: str) -> tuple[str, ...]:
    """The warning for serving on ``host`` when it reaches beyond this machine."""
    if is_loopback(host):
        return ()
    return (
        f"serving on {host}, which other machines may reach: anyone who can reach it and learns "
        "the token can read your plan and change your profile. Use the default (127.0.0.1) "
        "unless you mean it.",
    )


def check_profile_file(profile: Path, graph: CareerGraph) -> tuple[str, ...]:
    """Refuse a profile that is not a readable file; a file with problems is served (its
    pages show them until it is fixed), with a warning.

    Raises
    ------
    ProfileError
        When the file is missing, a folder, too big or unreadable.
    """
    read_profile_bytes(profile)
    try:
        load_profile(profile, graph=graph)
    except PlannerError as exc:
        return (f"{exc} (the pages show this until the file is fixed)",)
    return ()


def serve(
    profile: str | Path,
    *,
    graph: CareerGraph,
    clock: Clock,
    host: str,
    port: int,
    on_ready: Callable[[Ready], None] | None = None,
) -> None:
    """Serve the web app for the profile file at ``profile`` until Ctrl-C.

    ``on_ready`` is called once the address is bound, with the address to open (it
    holds the run's token) and any warnings; requests wait until it returns.

    Raises
    ------
    ProfileError
        When ``profile`` is not a readable file.
    OptionError
        When the host or port cannot be served on.
    KeyboardInterrupt
        When Ctrl-C stops the server.
    """
    path = Path(profile)
    warnings = check_profile_file(path, graph) + exposure(host)
    sock = bind(host, port)
    try:
        address = Address(host, sock.getsockname()[1])
        token = new_token()
        app = create_app(path, graph=graph, clock=clock, token=token, address=address)
        config = uvicorn.Config(
            app,
            log_config=None,
            log_level="critical",  # the terminal shows planner's own lines only; a page shows a failure
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=GRACE_SECONDS,  # type: ignore[arg-type]  # asyncio.timeout takes a float
            server_header=False,
        )
        if on_ready is not None:
            on_ready(Ready(f"{address.origin}/?token={token}", address, warnings))
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
