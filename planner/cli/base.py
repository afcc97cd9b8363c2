"""Where library errors meet the command line: the exit codes, in one place.

Library errors become click errors in :meth:`PlannerCommand.invoke`, in the context of
the command, so a bad option value is shown with its usage line; anything unexpected
becomes a one-line message in :meth:`PlannerGroup.invoke`. Never a traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from planner.cli.options import terminal_safe
from planner.errors import EXIT_DATA, EXIT_INTERRUPTED, EXIT_USAGE, GraphError, OptionError, PlannerError


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
    """The click error that shows ``exc`` with its exit code (docs/cli.md): the one place where
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


class PlannerGroup(click.Group):
    """Turns any stray failure into a clean message: never a traceback."""

    command_class = PlannerCommand

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
