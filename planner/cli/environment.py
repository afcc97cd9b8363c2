"""The clock and the environment, read in one place for the two front doors.

Only the command line (:mod:`planner.cli`) and the Python API (:mod:`planner.api`)
import this module; everything below them takes ``now``, the cache folder and the
:class:`~planner.renderers.terminal.Terminal` as arguments.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from planner.errors import OptionError
from planner.renderers.terminal import Terminal


def now(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The current moment in UTC, or ``SOURCE_DATE_EPOCH`` when it is set.

    Raises
    ------
    OptionError
        When ``SOURCE_DATE_EPOCH`` is not a whole number of seconds.
    """
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            return dt.datetime.fromtimestamp(int(epoch.strip()), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise OptionError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since 1970"
            ) from None
    return dt.datetime.fromtimestamp(time.time(), tz=dt.UTC)


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """planner's cache folder: ``$XDG_CACHE_HOME/planner`` or ``~/.cache/planner``."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):
        return Path(base) / "planner"
    home = environ.get("HOME", "").strip()
    return Path(home) / ".cache" / "planner" if home else None


def terminal(stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> Terminal:
    """The facts of ``stream`` (default: standard output): its width, whether it is a
    terminal, ``NO_COLOR``, ``TERM`` and its encoding.

    On a terminal the width is the terminal's (``COLUMNS`` when set); in a pipe it is
    ``COLUMNS`` when set, else unlimited, so piped output keeps full names.
    """
    stream = sys.stdout if stream is None else stream
    environ = os.environ if environ is None else environ
    tty = stream is not None and stream.isatty()
    columns = environ.get("COLUMNS", "").strip()
    width = int(columns) if columns.isdigit() else 0
    if tty and not width:
        try:
            width = os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError):
            width = 80
    try:
        utf8 = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name == "utf-8"
    except LookupError:
        utf8 = False
    return Terminal(
        width=width or None,
        tty=tty,
        no_color=bool(environ.get("NO_COLOR")),
        dumb=environ.get("TERM") == "dumb",
        utf8=utf8,
    )


def usable_cpus() -> int:
    """The cores this process may run on (its CPU affinity, where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def stdin_is_terminal() -> bool:
    """Whether standard input is a terminal, where a person can answer questions."""
    return sys.stdin is not None and sys.stdin.isatty()


def system_timezone(
    environ: Mapping[str, str] | None = None,
    *,
    localtime: Path = Path("/etc/localtime"),
    timezone_file: Path = Path("/etc/timezone"),
) -> str | None:
    """The system's IANA time zone, or None when it cannot be told.

    In order: ``TZ`` when it names an IANA zone (``Europe/Berlin``, ``:Europe/Berlin``
    or a path into a zoneinfo folder), the zone file ``/etc/localtime`` links to, and
    the name in ``/etc/timezone``. A POSIX rule such as ``CET-1CEST`` names no zone.
    """
    environ = os.environ if environ is None else environ
    found = [environ.get("TZ", "").strip().removeprefix(":")]
    with contextlib.suppress(OSError):
        found.append(os.path.realpath(localtime) if localtime.is_symlink() else "")
    with contextlib.suppress(OSError, UnicodeDecodeError):
        found.append(timezone_file.read_text(encoding="utf-8").strip())
    for candidate in found:
        name = candidate.split("zoneinfo/", 1)[1] if "zoneinfo/" in candidate else candidate
        if name and not name.startswith("/") and _is_zone(name):
            return "UTC" if name in ("Etc/UTC", "Universal", "Zulu") else name
    return None


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # not a key, a bad path, or no such zone
        return False
    return True
