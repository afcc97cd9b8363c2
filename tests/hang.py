"""A guard against hangs, for regression tests of work that must stay bounded.

Not a timing: the guarded work takes milliseconds, the limit is far above any slow
machine's time for it, and what it catches is work that grows with the square of the
input (hours) or never ends. The suite still times nothing; speed is measured by
``tests/benchmarks/``.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

import pytest

HANG_SECONDS: Final = 60.0
"""How long guarded work may run before it counts as a hang."""


class Hang(BaseException):
    """Raised by the alarm; a BaseException, so no ``except Exception`` swallows it."""


@contextmanager
def no_hang(what: str, seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail the test when the block runs longer than ``seconds`` (main thread, POSIX)."""

    def expire(signum: int, frame: object) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except Hang:
        pytest.fail(
            f"{what} took more than {seconds:g} s: a hang, or work that grows with the input's square"
        )
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
