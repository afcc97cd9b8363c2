"""The commented starter profile that ``planner init`` writes, from a person's answers.

``planner init`` asks its questions on a terminal (the command line owns the asking);
what it needs from the graph and the profile rules is here: the checklist of what a
person may already know, by category, basics first (:class:`Checklist`), which of
their ticks the others imply, an answer checked by the profile's own rules
(:func:`check_answer`), and the profile written with every comment
(:func:`starter_profile`).
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Final, NamedTuple

from planner.errors import ProfileError
from planner.graph import CareerGraph
from planner.profile import check_profile
from planner.words import name_head

DEFAULT_WINDOWS: Final[Mapping[str, tuple[str, ...]]] = {
    "mon": ("19:00-21:00",),
    "wed": ("19:00-21:00",),
    "sat": ("09:00-13:00",),
}
"""The windows of the template: two evenings and a Saturday morning, 8 hours."""


class Answers(NamedTuple):
    """What a person told ``planner init`` (or the template's values)."""

    target: str
    start: dt.date | None = None
    """The plan's first day: the day the profile is written (``planner.starter`` fills
    it in), so the plan does not begin again every day and the pace has a history."""
    name: str = "Your Name"
    current_stage: str | None = None
    current_stage_since: dt.date | None = None
    timezone: str = "UTC"
    hours_per_week: float = 8
    availability: Mapping[str, tuple[str, ...]] = DEFAULT_WINDOWS
    known: tuple[str, ...] = ()


class Checklist(NamedTuple):
    """What a person may tick as known: the skills and projects of each category,
    the categories and their items in the order they are learnt (prerequisites first)."""

    graph: CareerGraph
    categories: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def from_graph(cls, graph: CareerGraph) -> Checklist:
        """Each item sits by the lowest stage that needs it, then by how deep its chain
        of prerequisites is; a category by its items' middle stage, then their mean depth:
        foundations first, leadership last."""
        stages = [stage.id for stage in graph.stages]
        rung: dict[str, int] = {}
        for index, stage in enumerate(stages):
            for node_id in graph.closure([stage]):
                rung.setdefault(node_id, index)
        depth: dict[str, int] = {}
        for node_id in graph.topological_order():
            depth[node_id] = 1 + max((depth[p] for p in graph.pred[node_id]), default=-1)
        groups: dict[str, list[str]] = {}
        for node_id in sorted(n for n in graph.nodes if graph.kind(n) in ("skill", "project")):
            groups.setdefault(str(graph.attr(node_id, "category", "uncategorized")), []).append(node_id)

        def item_key(node_id: str) -> tuple[int, int, str]:
            return rung.get(node_id, len(stages)), depth[node_id], graph.nodes[node_id].name.casefold()

        def category_key(category: str) -> tuple[float, float, str]:
            items = groups[category]
            rungs = sorted(rung.get(n, len(stages)) for n in items)
            return rungs[len(rungs) // 2], sum(depth[n] for n in items) / len(items), category

        return cls(
            graph,
            tuple((c, tuple(sorted(groups[c], key=item_key))) for c in sorted(groups, key=category_key)),
        )

    def known(self, ticked: Collection[str], current_stage: str | None = None) -> frozenset[str]:
        """Everything that ``ticked`` and the stage held now imply is known: each with
        its prerequisites (a choice's members are not implied by the choice)."""
        roots = [*ticked, *([current_stage] if current_stage else [])]
        return frozenset(self.graph.closure(roots, through_choices=False))

    def essential(self, ticked: Collection[str], current_stage: str | None = None) -> tuple[str, ...]:
        """The ticks the other ticks (and the stage held now) do not imply: what the
        profile's ``known`` lists, in checklist order."""
        implied: set[str] = set()
        for root in [*ticked, *([current_stage] if current_stage else [])]:
            implied |= self.graph.closure([root], through_choices=False) - {root}
        order = [n for _, items in self.categories for n in items]
        return tuple(n for n in order if n in ticked and n not in implied)


def check_answer(graph: CareerGraph, key: str, value: Any, *, target: str) -> str | None:
    """What is wrong with ``value`` as the profile's ``key`` by the profile's own rules
    (the message ``planner roadmap`` would give), or None when it is valid."""
    data: dict[str, Any] = {
        "target": target,
        "timezone": "UTC",
        "hours_per_week": 1,
        "availability": {"mon": ["19:00-21:00"]},
    }
    data[key] = value
    try:
        check_profile(data, graph, file="your answer")
    except ProfileError as exc:
        return exc.detail
    return None


def window_hours(availability: Mapping[str, Sequence[str]]) -> float:
    """Hours a week that windows such as ``{"mon": ["19:00-21:00"]}`` hold (each
    window already checked with :func:`check_answer`)."""

    def minutes(clock: str) -> int:
        hours, mins = clock.split(":")
        return int(hours) * 60 + int(mins)

    spans = [w.split("-") for windows in availability.values() for w in windows]
    return sum(minutes(end) - minutes(begin) for begin, end in spans) / 60


def _toml(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _known(ids: Sequence[str], names: Mapping[str, str]) -> str:
    """``known = [...]``: one id a line with its name (its head) as a comment, or ``[]``."""
    if not ids:
        return "known = []"
    width = max(len(_toml(i)) for i in ids) + 1
    lines = [f"    {f'{_toml(i)},':<{width}}  # {name_head(names.get(i, i))}" for i in ids]
    return "\n".join(["known = [", *lines, "]"])


def _windows(availability: Mapping[str, tuple[str, ...]]) -> str:
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return "\n".join(
        f"{day} = [{', '.join(_toml(w) for w in availability[day])}]" for day in days if availability.get(day)
    )


def starter_profile(
    *,
    stages: Sequence[str],
    answers: Answers,
    examples: Sequence[str],
    names: Mapping[str, str] | None = None,
    graph_option: str = "",
    schema: str = "",
) -> str:
    """A commented starter profile holding ``answers``.

    Parameters
    ----------
    stages:
        The graph's stage ids, lowest rung first (listed in a comment).
    answers:
        The values to write: the template's or a person's.
    examples:
        Two skill or project ids for the commented ``focus`` and ``progress`` examples.
    names:
        Node names, written as a comment beside each id of ``known``.
    graph_option:
        `` --graph DIR`` when the profile is for another graph than the shipped one,
        added to the commands the comments suggest.
    schema:
        Where the profile's JSON Schema is, for the ``#:schema`` line that editors with
        TOML schema support read (none when empty).
    """
    names = names or {}
    ladder = ", ".join(stages[:-1]) + (" or " if len(stages) > 1 else "") + stages[-1]
    reach = textwrap.fill(
        f"The stage to reach: {ladder}.",
        width=78,
        initial_indent="# ",
        subsequent_indent="# ",
        break_long_words=False,
        break_on_hyphens=False,
    )
    since = (
        f"current_stage_since = {answers.current_stage_since.isoformat()}"
        if answers.current_stage and answers.current_stage_since
        else "# current_stage_since = 2026-03-01"
    )
    held = (
        f"current_stage = {_toml(answers.current_stage)}"
        if answers.current_stage
        else f"# current_stage = {_toml(stages[0])}"
    )
    directive = f"#:schema {schema}\n" if schema else ""
    return (
        directive
        + f"""\
# planner profile: who you are, where you aim, and when you can study.
# Edit it, then run:  planner roadmap profile.toml{graph_option}
# Ids: `planner stages{graph_option}` and `planner skills{graph_option}` list them.

name = {_toml(answers.name)}

{reach}
target = {_toml(answers.target)}

# Optional: the stage you already hold; everything it requires counts as known.
{held}
# Optional: since when you hold it (stages above may ask for months in this role).
{since}

# First day of the plan: status measures your pace and what is overdue from it.
# (Without it, the plan would begin again every day.)
{f"start = {answers.start.isoformat()}" if answers.start else "# start = 2027-01-04"}

# IANA time zone of your availability windows and of the calendar.
timezone = {_toml(answers.timezone)}

# The most study time in any calendar week (Monday to Sunday).
hours_per_week = {answers.hours_per_week:g}

# What you have already mastered; their prerequisites count as known too.
{_known(answers.known, names)}

# Optional: reach the target by this day; planner warns if it cannot.
# deadline = 2027-12-31

# Optional: extra ids to learn as early as their prerequisites allow.
# focus = ["{examples[0]}"]

# Optional: plan what the graph recommends too, not only what it requires.
# recommended = true

# Optional: a 30-minute review of each item this many days after it ends.
# review_days = [7, 30, 90]

# Optional: plan every stage's study as early as possible, not while you hold the
# stage below it (the default: study for ML Engineer while a Junior, and so on).
# study_ahead = true

# Optional: how much of a skill or project is already done (0 to 1).
[progress]
# {examples[-1]} = 0.5

# Optional: your pick where the graph says "one of these" (planner explain ID lists them).
[choices]
# dl-framework = "pytorch"

# Weekly windows in local 24-hour time, "HH:MM-HH:MM", each at least 30 minutes.
[availability]
{_windows(answers.availability)}

# Optional: days without study (inclusive). Repeat the table for more.
# [[blackouts]]
# from = 2027-04-10
# to = 2027-04-20
# reason = "vacation"

# Optional: roles you held, before or beside the plan: a stage, or work done at a job
# (planner skills lists the roles). Months in them count toward time in role.
# [[experience]]
# role = "software-developer-role"
# from = 2019-06-01
# to = 2024-05-31
"""
    )
