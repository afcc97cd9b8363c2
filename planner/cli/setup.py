"""``planner init``: the questions on a terminal, or the commented template for scripts.

On a terminal (standard input is one, and ``--no-input`` is not given) init asks, on
standard error so that ``init -`` keeps standard output for the profile:

1. a name, for the roadmap and the calendar;
2. the stage held now (and since when) and the target, from a menu of the ladder;
3. the time zone (detected from the system), the weekly hours and the usual windows,
   each answer checked by the profile's own rules and asked again when it is wrong;
4. what the person already knows: a checklist by category, with names, where ticking
   an item ticks its prerequisites too.

Then it writes the commented profile, starting today. Elsewhere, or with
``--no-input``, it writes the template as before: scripts never wait for an answer.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

import click

import planner
from planner.cli.base import InputError, PlannerCommand
from planner.cli.environment import stdin_is_terminal, system_timezone
from planner.cli.environment import terminal as stream_terminal
from planner.cli.options import PATH, emit, graph_of, graph_options, inputs, now
from planner.errors import UnknownIdError
from planner.graph import CareerGraph
from planner.io.writing import refuse_inputs
from planner.profile.starter import DEFAULT_WINDOWS, Answers, Checklist, check_answer, window_hours
from planner.records import WEEKDAYS
from planner.renderers.terminal import Cell, Column, Label, label, layout, wrap
from planner.words import count

NONE: Final = "none"
"""What a person types (or the default shows) for an empty answer."""


def say(text: str = "", *, indent: str = "") -> None:
    """A line of the conversation, on standard error, wrapped to its terminal."""
    width = stream_terminal(sys.stderr).width
    click.echo("\n".join(wrap(text, width, indent=indent)) if text else "", err=True)


def ask(question: str, default: str, check: Callable[[str], str | None] = lambda _: None) -> str:
    """Ask until ``check`` finds nothing wrong with the answer (it returns the problem)."""
    while True:
        answer = click.prompt(question, default=default, err=True).strip()
        problem = check(answer)
        if problem is None:
            return answer
        say(problem, indent="  ")


def picks(answer: str, count_: int) -> list[int]:
    """The 1-based numbers an answer such as ``1 3 5-7`` or ``all`` names.

    Raises
    ------
    ValueError
        Saying what is wrong with the answer.
    """
    if answer.casefold() in ("", NONE):
        return []
    if answer.casefold() == "all":
        return list(range(1, count_ + 1))
    chosen: list[int] = []
    for token in re.split(r"[\s,]+", answer.strip()):
        found = re.fullmatch(r"(\d+)(?:-(\d+))?", token)
        if not found:
            raise ValueError(f"'{token}' is not a number; type numbers such as 1 3 5-7, all, or {NONE}")
        low, high = int(found[1]), int(found[2] or found[1])
        if not 1 <= low <= high <= count_:
            raise ValueError(f"'{token}' is not among 1 to {count_}")
        chosen.extend(range(low, high + 1))
    return sorted(set(chosen))


def ask_picks(question: str, count_: int) -> list[int]:
    """Numbers from 1 to ``count_``, asked until the answer names only such numbers."""

    def problem(answer: str) -> str | None:
        try:
            picks(answer, count_)
        except ValueError as exc:
            return str(exc)
        return None

    return picks(ask(f"{question} (numbers such as 1 3 5-7, all, or {NONE})", NONE, problem), count_)


def menu(rows: Sequence[Label], *, ticked: Sequence[bool] | None = None) -> None:
    """Numbered names, fitted to the terminal; with ``ticked``, a box before each."""
    terminal = stream_terminal(sys.stderr)
    boxes = ["[x]" if t else "[ ]" for t in ticked] if ticked is not None else None
    cells: list[list[Cell]] = [
        [str(number), *([boxes[number - 1]] if boxes else []), row]
        for number, row in enumerate(rows, start=1)
    ]
    columns = (Column(right=True), *([Column()] if boxes else []), Column(shrink=True, minimum=12))
    table = layout(columns, cells, terminal, indent=2)
    for cell in cells:
        click.echo(table.row(cell), err=True)


def choose_stage(
    graph: CareerGraph, question: str, default: int, *, held: str | None = None, allow_none: bool = False
) -> str | None:
    """A stage from the menu, by its number or its id (0 or none: no stage, when
    ``allow_none``); never one the stage ``held`` already includes."""
    stages = [s.id for s in graph.stages]
    below = graph.closure([held]) if held else set()

    def chosen(answer: str) -> str | None:
        if answer.isdigit():
            return stages[int(answer) - 1] if 1 <= int(answer) <= len(stages) else None
        try:
            return graph.resolve(answer, kinds=("stage",), what="stage", names=True)
        except UnknownIdError:
            return None

    def problem(answer: str) -> str | None:
        if allow_none and answer.casefold() in ("0", NONE):
            return None
        stage = chosen(answer)
        if stage is None and not answer.isdigit():
            try:
                graph.resolve(answer, kinds=("stage",), what="stage", names=True)
            except UnknownIdError as exc:
                return f"{exc.detail}; or type its number (1 to {len(stages)})"
        if stage is None:
            return f"'{answer}' is not a stage of the menu; type its number (1 to {len(stages)}), id or name"
        if held and stage in below:
            return f"you hold {graph.nodes[held].name} already, which includes it; pick a stage above"
        return None

    answer = ask(question, str(default), problem)
    return None if allow_none and answer.casefold() in ("0", NONE) else chosen(answer)


def ask_since(graph: CareerGraph, held: str) -> dt.date | None:
    """Since when the person holds ``held``: stages above may ask for months in it."""

    def problem(answer: str) -> str | None:
        if answer.casefold() == NONE:
            return None
        try:
            day = dt.date.fromisoformat(answer)
        except ValueError:
            return f"'{answer}' is not a day; type it as YYYY-MM-DD, or {NONE}"
        return None if day <= now().date() else f"{day} is in the future; type the day you took the role"

    name = graph.nodes[held].name
    answer = ask(f"Since when have you been {name}? (YYYY-MM-DD, or {NONE})", NONE, problem)
    return None if answer.casefold() == NONE else dt.date.fromisoformat(answer)


def ask_windows(graph: CareerGraph, target: str) -> dict[str, tuple[str, ...]]:
    """The usual study windows: which days, then each day's times (the default is the
    day before's, so a week of equal evenings takes a few Enters)."""

    def days_problem(answer: str) -> str | None:
        wrong = [d for d in answer.casefold().replace(",", " ").split() if d not in WEEKDAYS]
        return f"{', '.join(wrong)}: use mon tue wed thu fri sat sun" if wrong else None

    usual = " ".join(DEFAULT_WINDOWS)
    days = ask("Days you can study (mon tue wed thu fri sat sun)", usual, days_problem)
    chosen = [d for d in WEEKDAYS if d in days.casefold().replace(",", " ").split()]
    windows: dict[str, tuple[str, ...]] = {}
    previous = {"weekday": "19:00-21:00", "weekend": "09:00-13:00"}
    for day in chosen:
        kind = "weekend" if day in ("sat", "sun") else "weekday"

        def problem(answer: str, day: str = day) -> str | None:
            spans = [w.strip() for w in answer.split(",") if w.strip()]
            return (
                check_answer(graph, "availability", {day: spans}, target=target) if spans else "give a time"
            )

        answer = ask(f"  {day}: times, HH:MM-HH:MM (several: comma-separated)", previous[kind], problem)
        previous[kind] = answer
        windows[day] = tuple(w.strip() for w in answer.split(",") if w.strip())
    return windows


def ask_known(graph: CareerGraph, held: str | None) -> tuple[str, ...]:
    """What the person knows: categories first, then a checklist of each one chosen;
    prerequisites of a tick (and of the stage held) are ticked for them."""
    checklist = Checklist.from_graph(graph)
    ticked: set[str] = set()
    say()
    say(
        "What do you already know? Pick categories, then tick what you have mastered in each; "
        "what a ticked item needs is ticked for you."
    )
    names = {n: graph.nodes[n].name for _, items in checklist.categories for n in items}
    if held:
        needs = count(
            len(checklist.known((), held) & names.keys()), "skill and project", "skills and projects"
        )
        say(f"Holding {graph.nodes[held].name}, you know the {needs} it needs already.")
    menu([Label(f"{name} ({count(len(items), 'item')})") for name, items in checklist.categories])
    categories = checklist.categories

    for number in ask_picks("Categories to go through", len(categories)):
        name, items = categories[number - 1]
        known = checklist.known(ticked, held)
        say()
        say(f"{name}:")
        menu([label(names[i], i, graph.short_name(i)) for i in items], ticked=[i in known for i in items])
        ticked |= {items[n - 1] for n in ask_picks("Tick what you know", len(items))}
        more = sorted(checklist.known(ticked, held) - known - ticked, key=lambda n: names[n].casefold())
        if more:
            shown = ", ".join(str(label(names[n], n)) for n in more[:8])
            rest = f" and {len(more) - 8} more" if len(more) > 8 else ""
            say(f"Ticked for you (what those need): {shown}{rest}.", indent="  ")
    return checklist.essential(ticked, held)


def questions(graph: CareerGraph) -> Answers:
    """Ask the person, and return their answers."""
    say(
        "planner init asks a few questions, then writes your profile. Enter takes the [default]; "
        "Ctrl-C stops and writes nothing. Every answer can be edited in the file later."
    )
    say()
    name = ask("Your name, as the roadmap and the calendar show it", "Your Name")
    stages = list(graph.stages)
    say()
    say("The career ladder:")
    menu([label(s.name, s.id) for s in stages])
    held = choose_stage(
        graph, "The stage you hold now (number, id or name; 0 for none yet)", 0, allow_none=True
    )
    ids = [s.id for s in stages]
    above = [n for n, s in enumerate(ids, start=1) if held is None or held in graph.closure([s]) - {s}]
    if held is not None and not above:
        say(f"{graph.nodes[held].name} is the top of this ladder: it is your target.")
        target = held
    else:
        usual = ids.index("ml-engineer") + 1 if held is None and "ml-engineer" in ids else above[0]
        target = (
            choose_stage(graph, "The stage you aim at (number, id or name)", usual, held=held)
            or ids[usual - 1]
        )
    since = ask_since(graph, held) if held else None
    say()
    zone = ask(
        "Your time zone (IANA name, as in Europe/Berlin)",
        system_timezone() or "UTC",
        lambda answer: check_answer(graph, "timezone", answer, target=target),
    )
    hours = ask(
        "The most hours a week you can study",
        "8",
        lambda answer: check_answer(graph, "hours_per_week", _number(answer), target=target),
    )
    windows = ask_windows(graph, target)
    held_hours = window_hours(windows)
    if held_hours < float(hours):
        say(
            f"Note: your windows hold {held_hours:g} h a week, less than {float(hours):g}: plans "
            f"will use {held_hours:g} h. Add windows in the file to study more."
        )
    known = ask_known(graph, held)
    return Answers(
        target=target,
        name=name,
        current_stage=held,
        current_stage_since=since,
        timezone=zone,
        hours_per_week=float(hours),
        availability=windows,
        known=known,
    )


def _number(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


@click.command(cls=PlannerCommand)
@click.argument("path", type=PATH, default=Path("profile.toml"))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.option(
    "--no-input",
    is_flag=True,
    help="Write the commented template without asking (what init does when standard input "
    "is not a terminal).",
)
@graph_options
def init(*, path: Path, force: bool, no_input: bool, graph_dir: Path | None, no_cache: bool) -> None:
    """Write a commented profile to PATH (default: profile.toml), starting today.

    On a terminal it asks first: your target from a menu, your time zone (detected),
    weekly hours and windows, and what you already know, by category and name.
    """
    if str(path) != "-" and path.is_file() and not force:  # a device or FIFO is written into
        raise InputError(f"{path} already exists; use --force to overwrite it")
    read = inputs(None, graph_dir)
    if str(path) != "-":  # before any question: PATH may not be one of the graph's files
        refuse_inputs(path, read, option="PATH")
    graph_option = f" --graph {shlex.quote(str(graph_dir))}" if graph_dir is not None else ""
    graph = graph_of(graph_dir, no_cache)
    answers = None
    if not no_input and stdin_is_terminal():
        try:
            answers = questions(graph)
        except click.Abort:
            click.echo("\nStopped: no profile written.", err=True)
            raise click.exceptions.Exit(130) from None
    text = planner.starter(graph=graph, graph_option=graph_option, now=now(), answers=answers)
    if str(path) == "-":
        emit(text, None)
        return
    shown = shlex.quote(str(path))
    emit(
        text,
        str(path),
        wrote=f"Wrote {path}. Edit it, then run: planner roadmap {shown}{graph_option}",
        inputs=read,
        option="PATH",
    )


COMMANDS = (init,)
