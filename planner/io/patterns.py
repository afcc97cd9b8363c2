"""Regular expressions compiled the first time they are used.

Every module but the web app and the calendar's writer is imported when the CLI starts,
and compiling a pattern costs 0.05 to 0.5 ms; the modules a command may not use
(pictures, reading an earlier calendar, the Markdown roadmap) keep their patterns as
:func:`later` patterns, so a run compiles only the ones it uses.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable


def later(text: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function returning ``re.compile(text, flags)``, compiled on its first call."""
    return functools.cache(functools.partial(re.compile, text, flags))
