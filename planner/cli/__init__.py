"""The ``planner`` command line: a thin layer over the use cases of the ``planner`` package.

Each command parses its input, calls one use case, and writes the result
(:mod:`~planner.cli.plan`, :mod:`~planner.cli.tracking`, :mod:`~planner.cli.catalogue`,
:mod:`~planner.cli.cohort`, :mod:`~planner.cli.serving`). Library errors become exit codes
in one place (:mod:`~planner.cli.base`). The clock and the environment are read in
:mod:`~planner.cli.environment` only; shared options and writing output are in
:mod:`~planner.cli.options`. The run ends here, in :func:`main`.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import NoReturn

import click

from planner.cli import catalogue, cohort, plan, serving, setup, tracking
from planner.cli.base import PlannerGroup
from planner.version import __version__


@click.group(cls=PlannerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="planner")
def cli() -> None:
    """Plan what to learn and build next on the way from Junior ML Engineer to Head of ML.

    Start with `planner init`, edit the profile, then run `planner roadmap profile.toml`.
    """


for _module in (catalogue, cohort, plan, serving, setup, tracking):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def all_commands() -> dict[str, click.Command]:
    """Every command by name."""
    return dict(sorted(cli.commands.items()))


def main() -> NoReturn:
    """Entry point of the ``planner`` script.

    Once the command is done (its output written and the cache stored) the process
    flushes its streams and leaves without the interpreter's teardown, as mypy does:
    freeing every object one by one and unloading a hundred modules is about a fortieth
    of a short run (the TaskJuggler comparison, a warm roadmap; docs/performance.md).

    The cycle collector looks at the young objects after 200,000 new ones instead of
    700 (as mypy does; the older generations keep their settings): a run builds its plan
    from many small objects and leaves few cycles, and a collection every 700 of them
    was a fiftieth of the TaskJuggler comparison on Python 3.11.

    planner uses no pydantic plugin, and looking for them scans the entry points of
    every installed distribution on the first model built (tens of milliseconds in a
    full environment), so the script turns that search off unless the user has set it.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.set_threshold(200_000, *gc.get_threshold()[1:])
    try:
        cli.main(prog_name="planner")
        code = 0  # pragma: no cover - click exits itself
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):  # closed or missing
            stream.flush()
    os._exit(code)
