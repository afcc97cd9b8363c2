"""The web app's door: who may ask it anything, and the headers every answer carries.

A local server that writes files is a target for the web pages a person visits and
for the other users of the machine. :class:`Guard` is an ASGI middleware that lets a
request in only when

- its ``Host`` header is the address the app is served at (a DNS rebinding attack
  reaches the server under the attacker's host name: 421 Misdirected Request);
- it carries the token printed at start, in the address (``?token=...``) or in the
  cookie the first visit sets (HttpOnly, SameSite=Strict, named for the port, since
  cookies do not tell ports apart): else 403;
- it reads, or it writes from a page of this app: a write's ``Origin`` must be the
  app's own, else 403. (Each form's CSRF token is checked by the route that reads the
  form: :func:`csrf_token`.)

Every answer gets a strict Content-Security-Policy (scripts, styles and images from
the app itself only; no framing, no plugins; forms post to the app only) unless the
route set its own, and headers that keep it out of other sites' reach and out of caches.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import socket
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""The policy of every page: nothing inline, nothing from elsewhere."""
HEADERS: Final = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
WILDCARDS: Final = frozenset({"0.0.0.0", "::"})


def new_token() -> str:
    """A fresh random token for one run of the server (192 bits)."""
    return secrets.token_urlsafe(24)


def _address(name: str) -> bytes | None:
    """The bytes of an IPv4 or IPv6 address written as ``name``, or None for a host name."""
    name = name.strip("[]")
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            return socket.inet_pton(family, name)
        except (OSError, ValueError):
            continue
    return None


LOOPBACK6: Final = bytes(15) + b"\x01"
MAPPED4: Final = bytes(10) + b"\xff\xff"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (``localhost`` or an address) is this machine only: 127.0.0.0/8,
    ``::1``, or a loopback IPv4 address mapped into IPv6."""
    if host.lower() == "localhost":
        return True
    packed = _address(host)
    if packed is None:
        return False
    if len(packed) == 16:
        return packed == LOOPBACK6 or (packed[:12] == MAPPED4 and packed[12] == 127)
    return packed[0] == 127


def _ip_literal(name: str) -> bool:
    return _address(name) is not None


def split_host(header: str) -> tuple[str, int | None]:
    """The name and port of a ``Host`` header (``[::1]:8765`` → ``::1``, 8765)."""
    header = header.strip().lower()
    if header.startswith("["):
        name, _, rest = header[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    else:
        name, _, port = header.rpartition(":") if header.count(":") == 1 else (header, "", "")
    return name, int(port) if port.isdigit() else None


class Address(NamedTuple):
    """Where the app is served: the host it was bound to and its port."""

    host: str
    port: int

    @property
    def shown(self) -> str:
        """``host:port`` as an address shows it (an IPv6 host in brackets; a wildcard
        bind as 127.0.0.1, the way to reach it from this machine)."""
        host = "127.0.0.1" if self.host in WILDCARDS else self.host
        host = f"[{host}]" if ":" in host else host
        return f"{host}:{self.port}"

    @property
    def origin(self) -> str:
        return f"http://{self.shown}"

    def allows(self, header: str) -> bool:
        """Whether a request with this ``Host`` header asked for this server.

        Its port must be ours, and its name the host we were bound to; on a loopback
        bind, any loopback name; on a wildcard bind (``0.0.0.0``), any IP address. A
        host name other than the one we were given is refused: that is how DNS
        rebinding arrives, and an IP address cannot be rebound."""
        name, port = split_host(header)
        if port != self.port or not name:
            return False
        if name == self.host.lower().strip("[]"):
            return True
        if is_loopback(self.host):
            return is_loopback(name)
        return self.host in WILDCARDS and _ip_literal(name)


@dataclass
class Guard:
    """The ASGI middleware of the module docstring, around ``app``."""

    app: ASGIApp
    address: Address
    token: str
    pages: Collection[str] = field(default_factory=frozenset)
    """Paths that, visited with ``?token=``, redirect to their address without it
    (once the cookie is set), so the token stays out of the address bar and history."""

    @property
    def cookie(self) -> str:
        return f"planner-{self.address.port}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if not self.address.allows(headers.get("host", "")):
            await _answer(send, 421, f"This planner answers at {self.address.origin} only.\n")
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = next((v for k, v in query if k == "token"), None)
        by_address = given is not None and hmac.compare_digest(given.encode(), self.token.encode())
        if not by_address and not self._cookie_ok(headers.get("cookie", "")):
            await _answer(send, 403, FORBIDDEN, html=True)
            return
        method = scope["method"]
        if method not in ("GET", "HEAD", "OPTIONS") and headers.get("origin") != self.address.origin:
            await _answer(send, 403, "A change needs a form of this planner's own pages.\n")
            return
        set_cookie = (
            f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict".encode() if by_address else None
        )
        if by_address and method == "GET" and scope["path"] in self.pages:
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            location = scope["path"] + (f"?{rest}" if rest else "")
            await _answer(
                send, 303, "", extra=((b"location", location.encode()), (b"set-cookie", set_cookie))
            )
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = secure_headers(list(message.get("headers", [])), set_cookie)
            await send(message)

        await self.app(scope, receive, with_headers)

    def _cookie_ok(self, header: str) -> bool:
        for part in header.split(";"):
            name, _, value = part.strip().partition("=")
            if name == self.cookie and hmac.compare_digest(value.encode(), self.token.encode()):
                return True
        return False


def secure_headers(
    headers: list[tuple[bytes, bytes]], set_cookie: bytes | None = None
) -> list[tuple[bytes, bytes]]:
    """``headers`` with the headers every answer carries (a route's own CSP and caching kept)."""
    names = {k.lower() for k, _ in headers}
    added = [h for h in HEADERS if h[0] not in names]
    if b"content-security-policy" not in names:
        added.append((b"content-security-policy", CSP.encode()))
    if b"cache-control" not in names:
        added.append((b"cache-control", b"no-store"))
    if b"x-frame-options" not in names:
        added.append((b"x-frame-options", b"DENY"))
    if set_cookie is not None:
        added.append((b"set-cookie", set_cookie))
    return headers + added


async def _answer(
    send: Send,
    status: int,
    text: str,
    *,
    html: bool = False,
    extra: tuple[tuple[bytes, bytes | None], ...] = (),
) -> None:
    body = text.encode("utf-8")
    kind = b"text/html; charset=utf-8" if html else b"text/plain; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    headers += [(k, v) for k, v in extra if v is not None]
    await send({"type": "http.response.start", "status": status, "headers": secure_headers(headers)})
    await send({"type": "http.response.body", "body": body})


def csrf_token(token: str, form: str) -> str:
    """The CSRF token of the form named ``form``: a keyed hash of the server's token, so
    each form has its own and a page of another site can know none."""
    return hmac.new(token.encode(), f"form:{form}".encode(), hashlib.sha256).hexdigest()[:40]


def csrf_ok(token: str, form: str, given: str | None) -> bool:
    """Whether ``given`` is the CSRF token of ``form``."""
    return given is not None and hmac.compare_digest(given.encode(), csrf_token(token, form).encode())


FORBIDDEN: Final = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Token needed · planner</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>This planner needs its token</h1>
<p>Open the address that <code>planner serve</code> printed when it started: it ends in
<code>?token=</code> and a code that is new each time the server starts.</p></main></body></html>
"""
