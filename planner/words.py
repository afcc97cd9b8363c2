"""Words for messages: counted nouns ("1 milestone", "2 milestones", never "1
milestones"), the head of a long name, and the commands a message asks a person to
type, ready to copy."""

from __future__ import annotations

import re
import shlex
from typing import Final

_HEAD: Final = re.compile(r"\s+\(|:\s|\s[—–]\s")
"""Where a name's head ends and its details begin: ``Deep learning fundamentals (neural
networks, ...)``, ``Model deployment: a first model ...``, ``Head — details``."""


def count(number: int, noun: str, plural: str | None = None, *, grouped: bool = False) -> str:
    """``number`` and ``noun``, the noun in the plural (``noun + "s"`` unless given)
    for any number but 1; ``grouped`` writes thousands as ``1,000``."""
    shown = f"{number:,}" if grouped else str(number)
    return f"{shown} {noun if number == 1 else plural or noun + 's'}"


def done_command(profile_file: str, *, on: bool = False) -> str:
    """The command that records finished items in a profile, to copy and complete:
    ``planner done me.toml ID...`` (with ``--on DATE`` when ``on``), the path quoted
    for the shell; ``PROFILE`` stands for a profile that is not a file."""
    path = shlex.quote(profile_file) if profile_file and not profile_file.startswith("<") else "PROFILE"
    return f"planner done {path} ID..." + (" --on DATE" if on else "")


def name_head(name: str) -> str:
    """The part of ``name`` before its details: a parenthesis, a colon or a dash."""
    name = " ".join(name.split())
    found = _HEAD.search(name)
    return name[: found.start()].rstrip(" ,;") if found and found.start() > 0 else name
