"""The clock and the environment, read in one place for the two front doors.

Only the command line (:mod:`planner.cli`) and the Python API (:mod:`planner.api`)
import this module; everything below them takes ``now`` and the cache folder as
arguments.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Mapping
from pathlib import Path

from planner.errors import OptionError


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


def usable_cpus() -> int:
    """The cores this process may run on (its CPU affinity, where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
