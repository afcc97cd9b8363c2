"""The command that plans a whole cohort: batch."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from typing import Any, Final

import click

import planner
from planner.cli.base import DataError, PlannerCommand
from planner.cli.environment import cache_dir, usable_cpus
from planner.cli.options import graph_options, now
from planner.errors import OutputError
from planner.limits import CONNECT_SECONDS, MAX_CONNECT_SECONDS, MAX_WORKERS
from planner.usecases.cohort import ENGINES
from planner.words import count

BAR_AFTER_SECONDS: Final = 1.0
"""On a terminal, a batch that runs longer than this shows a progress bar."""
LINE_EVERY_SECONDS: Final = 10.0
"""Elsewhere (a log, a pipe), a long batch says how far it is this often."""


class Progress:
    """Progress on standard error for long runs: a bar on a terminal, otherwise (or for
    a pipe, whose size is not known) a line every :data:`LINE_EVERY_SECONDS`. Short runs
    show nothing."""

    def __init__(self, stack: contextlib.ExitStack) -> None:
        self.stack = stack
        self.terminal = sys.stderr.isatty()
        self.started = self.last = time.monotonic()
        self.bar: Any = None

    def __call__(self, done: int, total: int | None) -> None:
        moment = time.monotonic()
        if self.terminal and total is not None:
            if self.bar is None and moment - self.started >= BAR_AFTER_SECONDS:
                self.bar = self.stack.enter_context(
                    click.progressbar(length=total, label="Planning", show_pos=True, file=sys.stderr)
                )
            if self.bar is not None:
                self.bar.update(done - self.bar.pos)
        elif moment - self.last >= LINE_EVERY_SECONDS and done > 0 and (total is None or done < total):
            self.last = moment
            rate = done / (moment - self.started)
            if total is None:  # a pipe: how many are still to come is not known
                click.echo(f"planner batch: {done:,} profiles so far, {rate:,.0f}/s", err=True)
                return
            left = f", about {_duration((total - done) / rate)} left" if rate else ""
            click.echo(
                f"planner batch: {done:,} of {total:,} profiles ({100 * done // total}%), "
                f"{rate:,.0f}/s{left}",
                err=True,
            )


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


@click.command(cls=PlannerCommand)
@click.argument("source", metavar="INPUT", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT.jsonl",
    help="The results, one JSON line per input in input order (written atomically); '-' is standard output.",
)
@click.option(
    "--summary",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE.json",
    help="Also write the cohort's summary: counts, finish-date "
    "quantiles, readiness per stage, the nodes with the most learner-hours missing.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, MAX_WORKERS),
    default=None,
    metavar="N",
    help="Worker processes, or workers of a local Dask cluster (default: one per core).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: this machine's cores; dask: a Dask cluster (needs the dask extra).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="With --engine dask: join the scheduler at tcp://HOST:PORT instead of starting a local cluster.",
)
@click.option(
    "--scheduler-timeout",
    type=click.FloatRange(0, MAX_CONNECT_SECONDS, min_open=True),
    default=CONNECT_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="With --scheduler: give up when no Dask scheduler answers within SECONDS.",
)
@graph_options
def batch(
    *,
    source: Path,
    output: str,
    summary: Path | None,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    scheduler_timeout: float,
    graph_dir: Path | None,
    no_cache: bool,
) -> None:
    """Plan a whole cohort: one result line per profile of INPUT.

    INPUT is a JSON Lines file (one profile object a line) or a folder of profile
    files (TOML or JSON, taken in name order). A profile that cannot be planned gets
    "ok": false and the error `planner roadmap` would give; the batch goes on, and
    exits with status 1 when any failed.
    """

    to_stdout = output == "-"
    stream = getattr(sys.stdout, "buffer", None) if to_stdout else None
    if to_stdout and stream is None:
        raise OutputError("cannot write to standard output: it is closed")
    with contextlib.ExitStack() as stack:
        report = planner.batch(
            source,
            stream if stream is not None else Path(output),
            now=now(),
            graph_dir=graph_dir,
            cache_dir=None if no_cache else cache_dir(),
            summary=summary,
            workers=workers or usable_cpus(),
            engine=engine,
            scheduler=scheduler,
            scheduler_timeout=scheduler_timeout,
            progress=Progress(stack),
        )
    for message in report.errors:
        click.echo(message, err=True)
    if report.failed > len(report.errors):
        click.echo(f"... and {report.failed - len(report.errors):,} more", err=True)
    where = "standard output" if to_stdout else output
    profiles = count(report.profiles, "profile", grouped=True)
    click.echo(
        f"Wrote {where}: {profiles}, {report.planned:,} planned, "
        f"{report.failed:,} failed" + (f"; summary in {summary}." if summary else "."),
        err=True,
    )
    if report.failed:
        raise DataError(
            f"{report.failed:,} of {profiles} could not be planned; "
            f'each has "ok": false and its error in {where}'
        )


COMMANDS = (batch,)
