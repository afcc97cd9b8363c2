"""Reading the user's files: TOML error lines, the lines of keys and ids.

Both graph files and profiles are TOML, and both report problems with a line; the
helpers here are the one place that finds those lines.
"""

from __future__ import annotations

import re
import tomllib
from typing import Final

_TOML_LINE: Final = re.compile(r"at line (\d+)")


def toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    """The 1-based line a TOML syntax error points at, when the message names one."""
    line = getattr(exc, "lineno", None)
    if isinstance(line, int) and line > 0:
        return line
    match = _TOML_LINE.search(str(exc))
    return int(match.group(1)) if match else None
