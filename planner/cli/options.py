"""What every command shares: its options, the clock, and writing its output."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.models import Profile

F = TypeVar("F", bound=Callable[..., Any])


def graph_option(func: F) -> F:
    return click.option(
        "--graph",
        "graph_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None,
        metavar="DIR",
        help="Graph data folder (default: the graph shipped with planner).",
    )(func)


def cache_option(func: F) -> F:
    return click.option(
        "--no-cache", is_flag=True, help="Do not read or write the compiled-graph cache."
    )(func)


def graph_options(func: F) -> F:
    """``--graph DIR`` and ``--no-cache``: every command that reads the graph."""
    return graph_option(cache_option(func))


def output_option(func: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=str,
        default=None,
        metavar="FILE",
        help="Write to FILE (atomically) instead of standard output; '-' is standard output.",
    )(func)


def profile_argument(func: F) -> F:
    return click.argument("profile", type=click.Path(path_type=Path, dir_okay=True))(func)


def date_option(help_text: str) -> Callable[[F], F]:
    """``--from DATE`` with ``help_text``."""

    def decorate(func: F) -> F:
        return click.option("--from", "from_date", type=click.DateTime(formats=["%Y-%m-%d"]),
                            default=None, metavar="DATE", help=help_text)(func)

    return decorate


def target_option(func: F) -> F:
    return click.option("--target", default=None, metavar="STAGE",
                        help="A stage id to aim at instead of the profile's target.")(func)


def day(value: dt.datetime | None) -> dt.date | None:
    """The date of a ``--from`` value."""
    return value.date() if value is not None else None


# --- the clock and the environment: read here (and in planner.api) only ----------------------


def now() -> dt.datetime:
    """The current moment, or ``SOURCE_DATE_EPOCH`` when set."""
    from planner.clock import now as clock_now

    return clock_now()


def load_graph(graph_dir: Path | None, no_cache: bool = False) -> CareerGraph:
    """The graph of ``--graph`` (or the shipped one), through the user's cache.

    A graph parsed from its files is stored in the cache when the command's context
    closes: after the command has written its output, so the user never waits for it.
    """
    from planner.clock import cache_dir
    from planner.usecases import open_graph

    loaded = open_graph(graph_dir, cache_dir=None if no_cache else cache_dir())
    warn(loaded.warnings)
    click.get_current_context().call_on_close(loaded.save)
    return loaded.graph


def load_profile(path: Path, graph: CareerGraph) -> Profile:
    from planner.usecases import open_profile

    return open_profile(path, graph)


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (where binary output would garble it)."""
    return sys.stdout.isatty()


# --- output --------------------------------------------------------------------------------


def emit(text: str | bytes, output: str | None) -> None:
    """Write ``text`` to ``output`` atomically, or to standard output."""
    from planner.files import write_atomic

    data = text.encode("utf-8") if isinstance(text, str) else text
    if output is None or output == "-":
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a text-only stream (some test harnesses): decode and write text
            sys.stdout.write(data.decode("utf-8", "replace"))
            sys.stdout.flush()
            return
        stream.write(data)
        stream.flush()
        return
    write_atomic(Path(output), data)


def warn(messages: tuple[str, ...] | list[str]) -> None:
    """Show warnings on standard error."""
    for message in messages:
        click.echo(f"warning: {message}", err=True)
