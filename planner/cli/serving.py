"""The command that serves the planner as a local web app: serve."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import click

import planner
from planner.cli.base import PlannerCommand
from planner.cli.options import graph_of, graph_options, now, profile_argument, warn
from planner.errors import EXIT_INTERRUPTED


def open_browser(url: str) -> None:
    """Open ``url`` in the person's browser, without waiting for it (a text-mode browser
    would hold the terminal)."""
    import webbrowser

    threading.Thread(target=webbrowser.open, args=(url,), kwargs={"new": 2}, daemon=True).start()


@click.command(cls=PlannerCommand)
@profile_argument
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    metavar="N",
    help="The port to serve on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ADDR",
    help="The address to serve on. Anything but this machine (127.0.0.1, ::1, localhost) "
    "lets other machines reach the planner, and is warned about.",
)
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
@graph_options
def serve(
    *, profile: Path, port: int, host: str, no_browser: bool, graph_dir: Path | None, no_cache: bool
) -> None:
    """Serve PROFILE as a local web app until Ctrl-C: this week with a done button per
    item, the roadmap, the career graph, the profile as a form, and the calendar to
    subscribe to.

    It prints the address to open, with a token that is new each time (every request
    needs it). The profile file stays the one source: the pages read it on every load,
    and the forms write it in place, keeping its comments.
    """

    graph = graph_of(graph_dir, no_cache)

    def ready(server: planner.web.Ready) -> None:
        warn(server.warnings)
        click.echo(f"Serving {profile} at {server.url}")
        click.echo("Press Ctrl-C to stop.", err=True)
        sys.stdout.flush()
        if not no_browser:
            open_browser(server.url)

    try:
        planner.serve(profile, graph=graph, host=host, port=port, clock=now, on_ready=ready)
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
        raise click.exceptions.Exit(EXIT_INTERRUPTED) from None


COMMANDS = (serve,)
