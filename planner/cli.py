"""The ``planner`` command line: a thin layer over the library.

Each command parses its input, calls the library, and writes the result. Library
errors become click errors with SPEC's exit codes in exactly one place,
:meth:`PlannerGroup.invoke`. Only this module reads the clock and the environment.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from planner import __version__
from planner.errors import PlannerError

if TYPE_CHECKING:
    from planner.graph import CareerGraph
    from planner.models import Profile
    from planner.scheduling import Schedule

F = TypeVar("F", bound=Callable[..., Any])


class PlannerClickError(click.ClickException):
    """A library error shown as ``Error: ...`` with the error's own exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _message(exc: PlannerError) -> str:
    from planner.errors import GraphError

    if isinstance(exc, GraphError) and len(exc.problems) > 1:
        lines = "\n".join(f"  {p}" for p in exc.problems)
        return f"graph data has {len(exc.problems)} problems:\n{lines}"
    return str(exc)


class PlannerGroup(click.Group):
    """Turns every :class:`PlannerError` (and any stray failure) into a clean message."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlannerError as exc:
            raise PlannerClickError(_message(exc), exc.exit_code) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            sys.stderr.close()
            raise click.exceptions.Exit(1) from None
        except MemoryError:
            raise PlannerClickError("out of memory: the input is too large", 1) from None
        except RecursionError:
            raise PlannerClickError("the input is nested too deeply", 1) from None
        except OSError as exc:
            raise PlannerClickError(f"{exc.filename or ''}: {exc.strerror or exc}".strip(": "), 1) from None
        except Exception as exc:  # noqa: BLE001 -- the contract is "never a traceback"
            raise PlannerClickError(
                f"internal error: {type(exc).__name__}: {exc} (please report this with the input)",
                1,
            ) from None


# --- environment and clock: read here only -------------------------------------------


def now() -> dt.datetime:
    """The current moment in UTC, or ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            return dt.datetime.fromtimestamp(int(epoch.strip()), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise click.UsageError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since 1970"
            ) from None
    return dt.datetime.fromtimestamp(time.time(), tz=dt.UTC)


def today_in(zone: str) -> dt.date:
    from zoneinfo import ZoneInfo

    return now().astimezone(ZoneInfo(zone)).date()


# --- shared options -----------------------------------------------------------------


def graph_option(func: F) -> F:
    return click.option(
        "--graph",
        "graph_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None,
        help="Graph data folder (default: the graph shipped with planner).",
    )(func)


def cache_option(func: F) -> F:
    return click.option(
        "--no-cache", is_flag=True, help="Do not read or write the compiled-graph cache."
    )(func)


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


def load(graph_dir: Path | None, no_cache: bool = False) -> CareerGraph:
    from planner.cache import load_graph_cached, user_cache_dir
    from planner.graph import shipped_graph_dir

    folder = graph_dir or shipped_graph_dir()
    cache = None if no_cache else user_cache_dir(os.environ)
    return load_graph_cached(folder, cache)


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


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def check_stage(graph: CareerGraph, stage: str, option: str = "--target") -> str:
    node = graph.nodes.get(stage)
    if node is None or node.kind != "stage":
        from planner.errors import did_you_mean

        valid = [s.id for s in graph.stages]
        hint = did_you_mean(stage, valid) or f" (valid: {', '.join(valid)})"
        raise click.BadParameter(f"'{stage}' is not a stage id{hint}", param_hint=f"'{option}'")
    return stage


def make_schedule(
    graph: CareerGraph,
    profile: Profile,
    *,
    target: str | None = None,
    start: dt.date | None = None,
    hours_per_week: float | None = None,
) -> Schedule:
    from planner.planning import make_plan
    from planner.scheduling import Availability, schedule_plan

    plan = make_plan(graph, profile, target=target)
    first_day = start or profile.start or today_in(profile.timezone)
    avail = Availability.from_profile(profile, hours_per_week=hours_per_week)
    return schedule_plan(plan, avail, start=first_day)


def deadline_warning(schedule: Schedule, profile: Profile) -> None:
    from planner.scheduling import advise_deadline

    if profile.deadline is None:
        return
    advice = advise_deadline(schedule, profile.deadline)
    if advice is None:
        return
    hours = schedule.availability.hours_per_week
    head = (
        f"the deadline {advice.deadline} cannot be met at {hours:g} h/week: "
        f"{schedule.plan.target} will be reached on {advice.reached}."
    )
    if advice.hours_per_week is not None:
        warn(
            f"{head} {advice.hours_per_week:g} h/week would meet it (checked by scheduling "
            f"again: reached on {advice.reached_at_advice})."
        )
    else:
        warn(
            f"{head} Even all {advice.max_hours:g} h of your weekly windows would reach it only "
            f"on {advice.reached_at_advice}; meeting it needs about {advice.estimate:g} h/week, "
            "so add availability windows or move the deadline."
        )


# --- commands -----------------------------------------------------------------------


@click.group(cls=PlannerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="planner")
def cli() -> None:
    """Plan what to learn and build next on the way from Junior ML Engineer to Head of ML.

    Start with `planner init`, edit the profile, then run `planner roadmap profile.toml`.
    """


@cli.command()
@graph_option
@cache_option
def validate(*, graph_dir: Path | None, no_cache: bool) -> None:
    """Check graph data: schema, duplicate and dangling ids, cycles, stages.

    Exits 1 with one located message per problem when the data is invalid.
    """
    from planner.graph import shipped_graph_dir

    graph = load(graph_dir, no_cache=True)
    counts = {kind: 0 for kind in ("skill", "project", "stage")}
    for node in graph.nodes.values():
        counts[node.kind] += 1
    folder = graph_dir or shipped_graph_dir()
    def count(n: int, noun: str) -> str:
        return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

    click.echo(
        f"OK: {folder}: {count(len(graph.nodes), 'node')} ({count(counts['skill'], 'skill')}, "
        f"{count(counts['project'], 'project')}, {count(counts['stage'], 'stage')}), "
        f"{count(graph.digraph.number_of_edges(), 'prerequisite edge')}"
    )


@cli.command()
@graph_option
@cache_option
def stages(*, graph_dir: Path | None, no_cache: bool) -> None:
    """List the career stages, lowest rung first."""
    graph = load(graph_dir, no_cache)
    click.echo(f"{'id':<26} {'name':<30} {'needs':>5} {'hours':>8}  {'years':<6} salary")
    for stage in graph.stages:
        work = [n for n in graph.closure([stage.id]) if graph.nodes[n].kind != "stage"]
        hours = sum(graph.hours(n) for n in work)
        salary = ""
        if stage.salary:
            salary = f"{stage.salary.currency} {stage.salary.low:,}-{stage.salary.high:,}"
        years = stage.experience_years or ""
        click.echo(
            f"{stage.id:<26} {stage.name:<30} {len(work):>5} {hours:>8.1f}  {years:<6} {salary}".rstrip()
        )


@cli.command()
@graph_option
@cache_option
@click.option("--category", default=None, help="Only skills and projects of this category.")
def skills(*, graph_dir: Path | None, no_cache: bool, category: str | None) -> None:
    """List the skills and projects, by category then id."""
    graph = load(graph_dir, no_cache)
    work = [n for n in graph.nodes.values() if n.kind != "stage"]
    categories = sorted({n.category for n in work})
    if category is not None and category not in categories:
        from planner.errors import did_you_mean

        hint = did_you_mean(category, categories) or f" (valid: {', '.join(categories)})"
        raise click.BadParameter(f"unknown category '{category}'{hint}", param_hint="'--category'")
    chosen = sorted(
        (n for n in work if category is None or n.category == category),
        key=lambda n: (n.category, n.id),
    )
    click.echo(f"{'id':<32} {'kind':<8} {'category':<20} {'hours':>7}  name")
    for node in chosen:
        click.echo(
            f"{node.id:<32} {node.kind:<8} {node.category:<20} {node.hours:>7.1f}  {node.name}"
        )


@cli.command()
@click.argument("node_id", metavar="ID")
@click.option("--profile", "profile_path", type=click.Path(path_type=Path), default=None,
              help="Say why ID is (or is not) in this profile's plan, and when.")
@graph_option
@cache_option
def explain(*, node_id: str, profile_path: Path | None, graph_dir: Path | None, no_cache: bool) -> None:
    """What ID needs, what it unlocks, which stages need it, and its resources."""
    from planner.errors import UnknownIdError
    from planner.explain import explain_node, render_explanation

    graph = load(graph_dir, no_cache)
    if node_id not in graph.nodes:
        raise UnknownIdError(node_id, graph.nodes)
    schedule = None
    profile = None
    if profile_path is not None:
        from planner.profile import load_profile

        profile = load_profile(profile_path, graph)
        schedule = make_schedule(graph, profile)
    click.echo(render_explanation(explain_node(graph, node_id, profile=profile, schedule=schedule)),
               nl=False)


@cli.command()
@profile_argument
@click.option("--target", default=None, help="A stage id to aim at instead of the profile's target.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--from", "from_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Plan from this day (YYYY-MM-DD) instead of the profile's start or today.")
@output_option
@graph_option
@cache_option
def roadmap(*, profile: Path, target: str | None, fmt: str, from_date: dt.datetime | None,
            output: str | None, graph_dir: Path | None, no_cache: bool) -> None:
    """The ordered, dated study-and-project roadmap for PROFILE."""
    from planner.exporters import ROADMAP_FORMATS
    from planner.profile import load_profile

    graph = load(graph_dir, no_cache)
    person = load_profile(profile, graph)
    if target is not None:
        check_stage(graph, target)
    schedule = make_schedule(graph, person, target=target,
                             start=from_date.date() if from_date else None)
    if target is None or target == person.target:
        deadline_warning(schedule, person)
    emit(ROADMAP_FORMATS[fmt](schedule, person.name), output)


@cli.command()
@profile_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@graph_option
@cache_option
def gaps(*, profile: Path, fmt: str, graph_dir: Path | None, no_cache: bool) -> None:
    """Readiness for every stage: known, missing, hours missing, percent."""
    from planner.explain import readiness, render_readiness
    from planner.profile import load_profile

    graph = load(graph_dir, no_cache)
    person = load_profile(profile, graph)
    rows = readiness(graph, person)
    if fmt == "json":
        import json

        click.echo(json.dumps([r.as_dict() for r in rows], indent=2, ensure_ascii=False))
    else:
        click.echo(render_readiness(rows), nl=False)


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (where binary output would garble it)."""
    return sys.stdout.isatty()


def _graph_formats() -> list[str]:
    from planner.visualizers import GRAPH_FORMATS

    return list(GRAPH_FORMATS)


@cli.command()
@click.option("--profile", "profile_path", type=click.Path(path_type=Path), default=None,
              help="Show this profile's position: known, planned and not needed.")
@click.option("--format", "fmt", type=click.Choice(_graph_formats()), default="dot",
              show_default=True, help="Output format (svg, png and html need Graphviz's dot).")
@output_option
@click.option("--focus", default=None, metavar="ID",
              help="Highlight ID and its whole prerequisite chain.")
@click.option("--stage", default=None, metavar="ID", help="Show only what stage ID requires.")
@graph_option
@cache_option
def graph(*, profile_path: Path | None, fmt: str, output: str | None, focus: str | None,
          stage: str | None, graph_dir: Path | None, no_cache: bool) -> None:
    """The career graph as a ladder of stage bands, with a profile's position on it.

    Formats: dot (Graphviz source), mermaid (a flowchart of --stage or --profile),
    svg, png, html (one interactive, self-contained page) and json (node-link data).
    """
    from planner.errors import UnknownIdError
    from planner.visualizers import GRAPH_FORMATS
    from planner.visualizers.view import GraphView

    if fmt == "png" and (output is None or output == "-") and stdout_is_terminal():
        raise click.UsageError("PNG is binary: write it to a file with -o FILE.png, or pipe it")
    career = load(graph_dir, no_cache)
    if stage is not None:
        check_stage(career, stage, "--stage")
    if focus is not None and focus not in career.nodes:
        raise UnknownIdError(focus, career.nodes)
    schedule = None
    person = ""
    if profile_path is not None:
        from planner.profile import load_profile

        profile = load_profile(profile_path, career)
        schedule = make_schedule(career, profile)
        person = profile.name
    view = GraphView.from_graph(career, schedule=schedule, stage=stage, focus=focus, person=person)
    emit(GRAPH_FORMATS[fmt](view), output)


@cli.command()
@profile_argument
@click.option("-o", "--output", type=str, required=True, metavar="FILE.ics",
              help="The .ics file to write (atomically); '-' is standard output.")
@click.option("--previous", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              metavar="OLD.ics", help="An earlier export: keep its UIDs, raise SEQUENCE on changes, "
              "cancel sessions that disappeared.")
@click.option("--reminder", type=click.IntRange(0, 40320), default=None, metavar="MINUTES",
              help="Add a reminder this many minutes before each session.")
@click.option("--target", default=None, help="A stage id to aim at instead of the profile's target.")
@click.option("--from", "from_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Re-plan from this day (YYYY-MM-DD); earlier sessions of --previous stay as they were.")
@graph_option
@cache_option
def calendar(*, profile: Path, output: str, previous: Path | None, reminder: int | None,
             target: str | None, from_date: dt.datetime | None, graph_dir: Path | None,
             no_cache: bool) -> None:
    """The schedule of PROFILE as an iCalendar file for Google, Apple or Outlook."""
    from planner.errors import PlanError
    from planner.exporters.ical import read_previous, render_ical
    from planner.profile import load_profile

    graph = load(graph_dir, no_cache)
    person = load_profile(profile, graph)
    if target is not None:
        check_stage(graph, target)
    old = None
    if previous is not None:
        try:
            old = read_previous(previous.read_bytes(), file=str(previous))
        except OSError as exc:
            raise click.BadParameter(f"cannot read {previous}: {exc.strerror}",
                                     param_hint="'--previous'") from None
    start = from_date.date() if from_date else None
    if start is None and old is not None:
        # Updating an earlier export re-plans from today (or the profile's later start).
        today = today_in(person.timezone)
        start = max(person.start or today, today)
    schedule = make_schedule(graph, person, target=target, start=start)
    goal = graph.nodes[schedule.plan.target].name
    if not schedule.sessions and not old:
        raise PlanError(
            f"nothing to put in a calendar: {person.name or 'the profile'} already meets every "
            f"requirement of {goal} ({schedule.plan.target}); no file written"
        )
    if target is None or target == person.target:
        deadline_warning(schedule, person)
    who = person.name.strip() or "learner"
    data = render_ical(schedule, graph, person=who, stamp=now(), reminder=reminder, previous=old,
                       calendar_name=f"Learning plan: {who} → {goal}")
    emit(data, output)
    if output != "-":
        click.echo(f"Wrote {output}: {len(schedule.sessions)} sessions, "
                   f"{len(schedule.milestones)} milestones.", err=True)


@cli.command()
@profile_argument
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@click.option("--partial", type=click.FloatRange(0, 1, min_open=True), default=None,
              metavar="FRACTION", help="Record the ids as this fraction done (0 < FRACTION <= 1).")
@graph_option
@cache_option
def done(*, profile: Path, ids: tuple[str, ...], partial: float | None, graph_dir: Path | None,
         no_cache: bool) -> None:
    """Record the given ids as done (or partly done) in PROFILE, keeping its comments."""
    from planner.editing import describe_update, record_progress
    from planner.profile import check_profile, read_profile_data

    graph = load(graph_dir, no_cache)
    data, text, is_json = read_profile_data(profile)
    person = check_profile(data, graph, file=str(profile), text=text, is_json=is_json)
    update = record_progress(text, is_json=is_json, graph=graph, profile=person, ids=list(ids),
                             fraction=partial)
    if update.text != text:
        emit(update.text, str(profile))
    click.echo(describe_update(update, profile, graph), nl=False)


@cli.command()
@profile_argument
@click.option("--from", "from_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Take this day (YYYY-MM-DD) as today.")
@click.option("-n", "--next", "count", type=click.IntRange(1, 100), default=5, show_default=True,
              help="How many upcoming sessions to show.")
@graph_option
@cache_option
def status(*, profile: Path, from_date: dt.datetime | None, count: int, graph_dir: Path | None,
           no_cache: bool) -> None:
    """Progress per stage, the next sessions, and planned sessions now overdue."""
    from planner.profile import load_profile
    from planner.progress import make_status, render_status

    graph = load(graph_dir, no_cache)
    person = load_profile(profile, graph)
    today = from_date.date() if from_date else today_in(person.timezone)
    first_day = person.start or today
    original = make_schedule(graph, person, start=first_day)
    # Before the plan's first day nothing can be overdue: the original plan is the re-plan.
    replanned = original if first_day >= today else make_schedule(graph, person, start=today)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    result = make_status(graph, person, original=original, replanned=replanned, today=today,
                         count=count)
    click.echo(render_status(result, color=color), nl=False)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("profile.toml"))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def init(*, path: Path, force: bool) -> None:
    """Write a commented starter profile to PATH (default: profile.toml)."""
    from planner.starter import STARTER_PROFILE

    if str(path) == "-":
        emit(STARTER_PROFILE, None)
        return
    if path.exists() and not force:
        raise PlannerClickError(f"{path} already exists; use --force to overwrite it", 2)
    emit(STARTER_PROFILE, str(path))
    click.echo(f"Wrote {path}. Edit it, then run: planner roadmap {path}", err=True)


def main() -> NoReturn:
    """Entry point of the ``planner`` script."""
    cli.main(prog_name="planner")
    raise SystemExit(0)  # pragma: no cover - click exits itself
