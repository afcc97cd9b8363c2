"""What every command shares: its options, its inputs, and writing its output."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar

import click

from planner.cli.completion import complete_ids
from planner.cli.environment import cache_dir
from planner.cli.environment import now as clock_now
from planner.cli.environment import terminal as stdout_terminal
from planner.cli.environment import terminal as stream_terminal
from planner.errors import OutputError
from planner.graph import CareerGraph
from planner.io.writing import refuse_inputs, write_atomic
from planner.limits import MAX_DATE, MIN_DATE
from planner.profile import load_profile
from planner.records import Profile
from planner.renderers.terminal import PLAIN, Terminal, wrap
from planner.usecases import open_graph
from planner.usecases.common import graph_inputs

F = TypeVar("F", bound=Callable[..., Any])

FOLDER: Final = click.Path(exists=True, file_okay=False, path_type=Path)
"""An existing folder (``--graph``). The path types are shared by every command's
options: click looks up the translation of a type's name each time one is made."""
PATH: Final = click.Path(path_type=Path)
"""A file or folder, existing or not (a profile: a folder is refused with its message)."""


def graph_option(func: F) -> F:
    return click.option(
        "--graph",
        "graph_dir",
        type=FOLDER,
        default=None,
        metavar="DIR",
        help="Graph data folder (default: the graph shipped with planner).",
    )(func)


def cache_option(func: F) -> F:
    return click.option("--no-cache", is_flag=True, help="Do not read or write the compiled-graph cache.")(
        func
    )


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
    return click.argument("profile", type=PATH)(func)


def _in_range(ctx: click.Context, param: click.Parameter, value: dt.datetime | None) -> dt.datetime | None:
    """Refuse a date a profile could not hold (see :mod:`planner.limits`)."""

    if value is not None and not MIN_DATE <= value.date() <= MAX_DATE:
        raise click.BadParameter(f"{value.date()} is out of range; dates run from {MIN_DATE} to {MAX_DATE}")
    return value


class _Day(click.ParamType):  # type: ignore[type-arg]  # generic in newer click only
    """A ``YYYY-MM-DD`` date, refused in words that say what is wrong with it."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        text = str(value)
        parts = _DAY.fullmatch(text)
        if parts is None:
            self.fail(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04", param, ctx)
        try:
            year, month, date = (int(part) for part in parts.groups())
            return dt.datetime(year, month, date)
        except ValueError as exc:  # 2027-13-01, 2027-02-30, 0000-01-01
            self.fail(f"{text!r} is not a date: {exc}", param, ctx)


_DAY: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def day_option(*names: str, help_text: str) -> Callable[[F], F]:
    """A ``YYYY-MM-DD`` option (``--from DATE``, ``--on DATE``) with ``help_text``."""

    def decorate(func: F) -> F:
        return click.option(
            *names,
            type=_Day(),
            default=None,
            metavar="DATE",
            callback=_in_range,
            help=help_text,
        )(func)

    return decorate


def date_option(help_text: str) -> Callable[[F], F]:
    """``--from DATE`` with ``help_text``."""
    return day_option("--from", "from_date", help_text=help_text)


def target_option(func: F) -> F:
    return click.option(
        "--target",
        default=None,
        metavar="STAGE",
        shell_complete=complete_ids("stage"),
        help="A stage id to aim at instead of the profile's target.",
    )(func)


def day(value: dt.datetime | None) -> dt.date | None:
    """The date of a ``--from`` value."""
    return value.date() if value is not None else None


# --- the clock and the environment: read here (and in planner.api) only ----------------------


def now() -> dt.datetime:
    """The current moment, or ``SOURCE_DATE_EPOCH`` when set."""
    return clock_now()


def graph_of(graph_dir: Path | None, no_cache: bool = False) -> CareerGraph:
    """The graph of ``--graph`` (or the shipped one), through the user's cache.

    A graph parsed from its files is stored in the cache when the command's context
    closes: after the command has written its output, so the user never waits for it.
    """
    loaded = open_graph(graph_dir, cache_dir=None if no_cache else cache_dir())
    warn(loaded.warnings)
    click.get_current_context().call_on_close(loaded.save)
    return loaded.graph


def profile_of(path: Path, graph: CareerGraph) -> Profile:
    """The profile at ``path``, checked against ``graph``."""
    return load_profile(path, graph=graph)


def inputs(
    profile: Path | None, graph_dir: Path | None, summary: Path | None = None
) -> list[tuple[Path, str]]:
    """The files a command reads, as ``emit`` wants them: the profile, a cohort's
    summary and the graph's files."""
    found = [(profile, "the profile")] if profile is not None else []
    found += [(summary, "the cohort summary")] if summary is not None else []
    return found + graph_inputs(graph_dir)


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (where binary output would garble it)."""
    return sys.stdout is not None and sys.stdout.isatty()


def terminal(output: str | None = None) -> Terminal:
    """Where text for ``output`` goes: a file (no width limit), or standard output."""

    return PLAIN if output not in (None, "-") else stdout_terminal()


# --- output --------------------------------------------------------------------------------


def emit(
    text: str | bytes,
    output: str | None,
    *,
    wrote: str | None = None,
    inputs: Sequence[tuple[Path, str]] = (),
    option: str = "--output",
) -> None:
    """Write ``text`` to ``output`` atomically, saying so on standard error (``wrote``,
    default ``Wrote FILE``), or to standard output.

    ``inputs`` are the ``(path, what it is)`` of the files the command read: an
    ``output`` that is one of them (by identity: links are followed) is refused,
    naming ``option``, instead of destroying it.
    """

    data = text.encode("utf-8") if isinstance(text, str) else text
    if output is not None and output != "-":
        refuse_inputs(Path(output), inputs, option=option)
        write_atomic(Path(output), data)
        click.echo(wrote or f"Wrote {output}", err=True)
        return
    if sys.stdout is None:
        raise OutputError("cannot write to standard output: it is closed")
    try:
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a text-only stream (some test harnesses): decode and write text
            sys.stdout.write(data.decode("utf-8", "replace"))
            sys.stdout.flush()
            return
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def echo(text: str) -> None:
    """Print ``text`` and a line break on standard output (an error when it is closed)."""
    emit(text + "\n", None)


def warn(messages: tuple[str, ...] | list[str], *, prefix: str = "warning: ") -> None:
    """Show warnings (or other notes) on standard error, wrapped to its terminal."""

    width = stream_terminal(sys.stderr).width
    for message in messages:
        click.echo("\n".join(wrap(f"{prefix}{terminal_safe(message)}", width, hanging="  ")), err=True)


_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters (ESC, BEL, NUL, ...) escaped as ``\\x1b``, so
    what a message quotes from the input cannot drive the terminal; line breaks and
    tabs stay."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
