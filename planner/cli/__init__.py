"""The ``planner`` command line: a thin layer over :mod:`planner.usecases`.

Each command parses its input, calls one use case, and writes the result. Library
errors become click errors with SPEC's exit codes in exactly one place,
:meth:`PlannerCommand.invoke`; anything unexpected becomes a one-line message in
:meth:`PlannerGroup.invoke`. Only the CLI (and :mod:`planner.api`) read the clock and
the environment, through :mod:`planner.cli.environment`.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
from typing import Any, Final, NoReturn

import click

from planner.cli.options import terminal_safe
from planner.errors import EXIT_DATA, EXIT_INTERRUPTED, EXIT_USAGE, GraphError, OptionError, PlannerError
from planner.version import __version__


class DataError(click.ClickException):
    """Invalid graph data, or a plan that cannot be made: ``Error: ...``, exit 1."""

    exit_code = EXIT_DATA


class InputError(click.ClickException):
    """An invalid profile or input file: ``Error: ...``, exit 2."""

    exit_code = EXIT_USAGE


def _message(exc: PlannerError) -> str:

    if isinstance(exc, GraphError) and len(exc.problems) > 1:
        lines = "\n".join(f"  {p}" for p in exc.problems)
        return f"graph data has {len(exc.problems)} problems:\n{lines}"
    return str(exc)


def to_click_error(exc: PlannerError, ctx: click.Context | None) -> click.ClickException:
    """The click error that shows ``exc`` with SPEC's exit code: the one place where
    library errors meet the command line. Control characters from the input are shown
    escaped, never sent to the terminal."""

    if isinstance(exc, OptionError) and exc.option is not None:
        return click.BadParameter(terminal_safe(exc.detail), ctx=ctx, param_hint=f"'{exc.option}'")
    if isinstance(exc, OptionError):
        return click.UsageError(terminal_safe(exc.detail), ctx=ctx)
    if exc.exit_code == EXIT_USAGE:
        return InputError(terminal_safe(_message(exc)))
    return DataError(terminal_safe(_message(exc)))


class PlannerCommand(click.Command):
    """A command whose library errors become click errors in its own context, so a
    bad option value is shown with the command's usage line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlannerError as exc:
            raise to_click_error(exc, ctx) from None


COMMAND_MODULES: Final = {
    "validate": "catalogue",
    "stages": "catalogue",
    "skills": "catalogue",
    "explain": "catalogue",
    "gaps": "catalogue",
    "graph": "catalogue",
    "roadmap": "plan",
    "calendar": "plan",
    "init": "tracking",
    "done": "tracking",
    "status": "tracking",
    "week": "tracking",
    "batch": "cohort",
}
"""Each command and the module of :mod:`planner.cli` that defines it (in its
``COMMANDS``): a run imports only the module of its own command."""


class PlannerGroup(click.Group):
    """Loads a command's module when the command is asked for, and turns any stray
    failure into a clean message: never a traceback."""

    command_class = PlannerCommand

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(f"planner.cli.{COMMAND_MODULES[cmd_name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlannerError as exc:  # raised outside a command (none today): still clean
            raise to_click_error(exc, None) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:  # Ctrl-C: stop at once, as a shell expects (128 + SIGINT)
            click.echo("\nAborted!", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise click.exceptions.Exit(1) from None
        except MemoryError:
            raise DataError("out of memory: the input is too large") from None
        except RecursionError:
            raise DataError("the input is nested too deeply") from None
        except OSError as exc:
            raise DataError(f"{exc.filename or ''}: {exc.strerror or exc}".strip(": ")) from None
        except Exception as exc:  # noqa: BLE001 -- the contract is "never a traceback"
            raise DataError(
                f"internal error: {type(exc).__name__}: {exc} (please report this with the input)"
            ) from None


@click.group(cls=PlannerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="planner")
def cli() -> None:
    """Plan what to learn and build next on the way from Junior ML Engineer to Head of ML.

    Start with `planner init`, edit the profile, then run `planner roadmap profile.toml`.
    """


def all_commands() -> dict[str, click.Command]:
    """Every command by name, each module loaded."""
    ctx = click.Context(cli)
    found = {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}
    return {name: command for name, command in found.items() if command is not None}


def main() -> NoReturn:
    """Entry point of the ``planner`` script.

    A run builds a big graph that lives to its end and leaves almost no cyclic
    garbage. Python's cycle collector walked every object of it again and again (a
    fifth of a big run), and freeing it object by object at exit took a tenth more.
    The process is the script's own, so it collects young objects less often and
    never walks the whole heap, and once the command is done (its output written and
    the cache stored) it flushes its streams and leaves without the teardown, as mypy
    does.

    planner uses no pydantic plugin, and looking for them scans the entry points of
    every installed distribution on the first model built (tens of milliseconds in a
    full environment), so the script turns that search off unless the user has set it.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.set_threshold(50_000, 20, 1_000_000)
    try:
        cli.main(prog_name="planner")
        code = 0  # pragma: no cover - click exits itself
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):  # closed or missing
            stream.flush()
    os._exit(code)
