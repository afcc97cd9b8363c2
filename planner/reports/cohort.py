"""The cohort's picture: who finishes when, who is ready for what, and which skills
and projects hold the most people back.

:class:`CohortSummary` adds up the outcomes one person at a time, in memory that does
not grow with the cohort (counts per day, per hour total and per node), and gives the
JSON of ``planner batch --summary``. :func:`read_heat` reads that file back for the
heat map of ``planner graph --cohort``.

Quantiles are nearest-rank: the p-th percentile is the smallest value that at least
p percent of the planned people have, so it is always a real person's value.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeGuard

from planner.errors import OptionError, did_you_mean
from planner.io import jsontext

if TYPE_CHECKING:
    from planner.graph import CareerGraph

QUANTILES: Final = (10, 50, 90)
TOP_MISSING: Final = 20
"""How many nodes ``top_missing`` lists."""
SHOWN_ERRORS: Final = 10
"""How many failures' messages a batch keeps to show."""


def nearest_rank(counts: Mapping[int, int], percent: int) -> int | None:
    """The ``percent``-th nearest-rank percentile of values given as value → count."""
    total = sum(counts.values())
    if total == 0:
        return None
    rank = max(1, -(-percent * total // 100))
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable: the counts add up to total")


class CohortSummary:
    """The running totals of a batch, fed one :class:`Outcome` at a time, in input order."""

    def __init__(self, graph: CareerGraph) -> None:
        self.graph = graph
        self.stages = [stage.id for stage in graph.stages]
        self.profiles = 0
        self.failed = 0
        self.errors: list[str] = []
        """The first :data:`SHOWN_ERRORS` failures' messages."""
        self.targets: Counter[str] = Counter()
        self.finish: Counter[int] = Counter()
        """Finish day (ordinal) → people."""
        self.minutes: Counter[int] = Counter()
        """Remaining minutes of a plan → people."""
        self.people: Counter[str] = Counter()
        """Node → people who still need it."""
        self.node_minutes: Counter[str] = Counter()
        """Node → learner-minutes missing across the cohort."""
        self.ready = [0] * len(self.stages)
        self.tenths = [0] * len(self.stages)
        """Per stage, the readiness percents added up, in tenths of a percent."""

    @property
    def planned(self) -> int:
        return self.profiles - self.failed

    def add(self, outcome: Outcome) -> None:
        """Count one person."""
        self.profiles += 1
        if outcome.error is not None:
            self.failed += 1
            if len(self.errors) < SHOWN_ERRORS:
                self.errors.append(outcome.error)
            return
        assert outcome.target is not None and outcome.finish is not None
        self.targets[outcome.target] += 1
        self.finish[outcome.finish.toordinal()] += 1
        self.minutes[outcome.minutes] += 1
        for node_id, minutes in outcome.missing:
            self.people[node_id] += 1
            self.node_minutes[node_id] += minutes
        for index, (ready, percent) in enumerate(zip(outcome.ready, outcome.percent, strict=True)):
            self.ready[index] += ready
            self.tenths[index] += round(percent * 10)

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain data (the JSON of ``planner batch --summary``)."""
        planned = self.planned
        nodes = self.graph.nodes

        def day(ordinal: int | None) -> str | None:
            return None if ordinal is None else dt.date.fromordinal(ordinal).isoformat()

        def hours(minutes: int | None) -> float | None:
            return None if minutes is None else round(minutes / 60, 2)

        top = sorted(self.node_minutes, key=lambda n: (-self.node_minutes[n], n))[:TOP_MISSING]
        return {
            "profiles": self.profiles,
            "planned": planned,
            "failed": self.failed,
            "targets": {s: self.targets[s] for s in self.stages if self.targets[s]},
            "finish": {f"p{p}": day(nearest_rank(self.finish, p)) for p in QUANTILES},
            "hours": {
                "total": hours(sum(m * n for m, n in self.minutes.items())),
                **{f"p{p}": hours(nearest_rank(self.minutes, p)) for p in QUANTILES},
            },
            "stages": [
                {
                    "stage": stage,
                    "name": nodes[stage].name,
                    "ready": self.ready[index],
                    "share_ready": round(self.ready[index] / planned, 4) if planned else None,
                    "mean_percent": round(self.tenths[index] / planned / 10, 1) if planned else None,
                }
                for index, stage in enumerate(self.stages)
            ],
            "top_missing": [
                {
                    "id": n,
                    "name": nodes[n].name,
                    "kind": nodes[n].kind,
                    "people": self.people[n],
                    "hours": hours(self.node_minutes[n]),
                }
                for n in top
            ],
            "nodes": {
                n: {"people": self.people[n], "hours": hours(self.node_minutes[n])}
                for n in sorted(self.people)
            },
        }

    def render(self) -> str:
        """The summary as indented JSON text ending in a newline."""
        return jsontext.dumps(self.to_dict()) + "\n"


class CohortHeat(NamedTuple):
    """How many of a cohort's planned people still need each node."""

    people: int
    need: Mapping[str, int]


def read_heat(path: Path, graph: CareerGraph) -> CohortHeat:
    """Read the ``nodes`` of a ``planner batch --summary`` file, checked against ``graph``.

    Raises
    ------
    OptionError
        When the file cannot be read, is not such a summary, or names a node the
        graph does not have (a summary made with another graph).
    """

    def bad(message: str) -> OptionError:
        return OptionError(f"{path}: {message}", option="--cohort")

    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise bad(f"cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # JSON syntax, or not UTF-8
        raise bad(f"is not JSON ({exc}); give the --summary file of planner batch") from None
    people, nodes = (data.get("planned"), data.get("nodes")) if isinstance(data, dict) else (None, None)
    if not _is_count(people) or not isinstance(nodes, dict):
        raise bad(
            "is not a summary of planner batch: it needs 'planned' (a count) and 'nodes' "
            '(id → {"people": count})'
        )
    need: dict[str, int] = {}
    for node_id, entry in sorted(nodes.items()):
        if node_id not in graph.nodes:
            raise bad(
                f"node '{node_id}' is not in the graph{did_you_mean(node_id, graph.nodes)}; "
                "was the summary made with another graph?"
            )
        count = entry.get("people") if isinstance(entry, dict) else None
        if not _is_count(count) or count > people:
            raise bad(
                f"key 'nodes.{node_id}.people': {json.dumps(count)} is not a count of people "
                f"from 0 to planned = {people}"
            )
        need[node_id] = count
    return CohortHeat(people, need)


def _is_count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class Outcome(NamedTuple):
    """One person's result: the line written to OUT, and the numbers for the summary."""

    line: str
    """The result line, JSON without its line break."""
    error: str | None = None
    """Why the person could not be planned; None when they were."""
    target: str | None = None
    finish: dt.date | None = None
    """The day the last session ends (the plan's first day when nothing is left)."""
    minutes: int = 0
    """Remaining effort of the plan, in minutes."""
    missing: tuple[tuple[str, int], ...] = ()
    """Each planned skill or project with its remaining minutes."""
    ready: tuple[bool, ...] = ()
    """For each stage of the graph, lowest first: is everything it requires known?"""
    percent: tuple[float, ...] = ()
    """For each stage of the graph, lowest first: readiness in percent (``planner gaps``)."""
