"""Run the Graphviz ``dot`` program on our DOT text (for SVG, PNG and HTML).

Graphviz is an external program (Debian package ``graphviz``), not a Python
dependency, so a missing ``dot`` is reported as a clear :class:`ToolMissingError`
that says how to install it. Graphviz's SVG keeps each node's ``id`` and ``class``
attributes, which the HTML page relies on.
"""

from __future__ import annotations

import shutil
from typing import Final

from planner.errors import PlannerError, ToolMissingError
from planner.limits import GRAPHVIZ_TIMEOUT_SECONDS

TIMEOUT_SECONDS: Final = GRAPHVIZ_TIMEOUT_SECONDS
INSTALL_HINT: Final = (
    "Graphviz's 'dot' program is needed for --format svg, png and html but was not found "
    "on PATH; install Graphviz (Debian/Ubuntu: 'sudo apt-get install graphviz', macOS: "
    "'brew install graphviz', Windows: 'winget install graphviz'), or use --format dot "
    "or mermaid"
)


def dot_program() -> str:
    """The path of Graphviz's ``dot``.

    Raises
    ------
    ToolMissingError
        When ``dot`` is not on ``PATH``.
    """
    found = shutil.which("dot")
    if found is None:
        raise ToolMissingError(INSTALL_HINT)
    return found


def run_dot(source: str, output_format: str) -> bytes:
    """Run ``dot -T<output_format>`` on DOT ``source`` and return its output.

    Raises
    ------
    ToolMissingError
        When ``dot`` is not installed.
    PlannerError
        When ``dot`` fails or runs longer than :data:`TIMEOUT_SECONDS`.
    """
    import subprocess  # a few milliseconds, paid only when a picture needs dot

    program = dot_program()
    try:
        done = subprocess.run(  # a fixed program and arguments, no shell
            [program, f"-T{output_format}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PlannerError(
            f"Graphviz 'dot' did not finish within {TIMEOUT_SECONDS} s; narrow the graph with "
            "--stage ID or --profile"
        ) from None
    except OSError as exc:
        raise ToolMissingError(f"cannot run Graphviz 'dot' ({program}): {exc.strerror or exc}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        shown = "; ".join(detail[:3]) or f"exit status {done.returncode}"
        raise PlannerError(f"Graphviz 'dot -T{output_format}' failed: {shown}")
    return done.stdout
