"""Where the tests find the checkout's files, wherever a test module sits."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The checkout: README.md, examples/, graph_data/, planner/."""
EXAMPLES = ROOT / "examples"
DATA = ROOT / "tests" / "data"
"""Graph folders and profiles the tests share."""
CURRICULUM = DATA / "curriculum"
CAREER = DATA / "career"
"""A small career graph with work at a job, experience that counts, a job search and a
choice of stages."""


def installed_planner() -> str | None:
    """The installed ``planner`` script: beside this interpreter, else on PATH."""
    beside = Path(sys.executable).parent / "planner"
    return str(beside) if beside.is_file() else shutil.which("planner")
