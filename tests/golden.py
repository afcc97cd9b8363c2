"""Golden files: the one helper every test of an output uses.

A golden file holds the exact output a renderer, a command or the docs must produce.
``check_golden`` compares; run the tests with ``PLANNER_REGEN_GOLDEN=1`` to rewrite the
files from the current output on purpose, then read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

REGEN = os.environ.get("PLANNER_REGEN_GOLDEN") == "1"
"""Rewrite golden files instead of comparing (``PLANNER_REGEN_GOLDEN=1``)."""


def check_golden(path: Path, produced: str | bytes) -> None:
    """Compare ``produced`` with the golden file at ``path`` byte for byte; with
    ``PLANNER_REGEN_GOLDEN=1`` write it there first."""
    data = produced.encode("utf-8") if isinstance(produced, str) else produced
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    assert path.exists(), f"{path} is missing; write it with PLANNER_REGEN_GOLDEN=1"
    assert path.read_bytes() == data, (
        f"{path} is out of date; if the change is intended, rerun with PLANNER_REGEN_GOLDEN=1 "
        "and read the diff"
    )
