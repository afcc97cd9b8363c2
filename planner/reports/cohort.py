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
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeGuard

from planner.errors import OptionError, SourceError, did_you_mean
from planner.io import jsontext
from planner.io.reading import read_limited
from planner.limits import MAX_SUMMARY_BYTES

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
        self.studying = [0] * len(self.stages)
        """Per stage, the people whose plan still leads through it."""
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
        for index, studying in enumerate(outcome.studying):
            self.studying[index] += studying

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
                    "studying": self.studying[index],
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


class StageShare(NamedTuple):
    """One stage of a cohort's summary: who is ready for it, who is still on the way."""

    stage: str
    name: str
    ready: int
    """People for whom everything the stage requires is known."""
    studying: int | None = None
    """People whose plan still leads through the stage (None: a summary made before
    planner counted them)."""


class MissingNode(NamedTuple):
    """One of the nodes with the most learner-hours missing across a cohort."""

    id: str
    name: str
    people: int
    hours: float


class CohortHeat(NamedTuple):
    """A cohort's summary as the pictures need it: how many of its planned people still
    need each node, and the numbers the cohort page opens with."""

    people: int
    """How many people were planned."""
    need: Mapping[str, int]
    """Node → people who still need it."""
    hours: Mapping[str, float] = MappingProxyType({})
    """Node → learner-hours missing across the cohort."""
    profiles: int = 0
    failed: int = 0
    finish: Mapping[str, dt.date | None] = MappingProxyType({})
    """``p10``, ``p50``, ``p90`` → the day that share of the people finish by."""
    stages: tuple[StageShare, ...] = ()
    top_missing: tuple[MissingNode, ...] = ()
    targets: Mapping[str, int] = MappingProxyType({})

    def stage_share(self, stage: str) -> StageShare | None:
        return next((s for s in self.stages if s.stage == stage), None)

    def on_the_way(self, stage: str) -> int:
        """How many people still have ``stage`` ahead of them: those studying for it, or
        (for an older summary) everyone not ready for it."""
        found = self.stage_share(stage)
        if found is None:
            return self.people
        if found.studying is not None:
            return found.studying
        return max(0, self.people - found.ready)


def read_heat(path: Path, graph: CareerGraph) -> CohortHeat:
    """Read a ``planner batch --summary`` file, checked against ``graph``.

    ``planned`` and ``nodes`` are required; the finish quantiles, the stages and the
    top-missing list are read when present (an older summary may lack some).

    Raises
    ------
    OptionError
        When the file cannot be read, is not such a summary, or names a node the
        graph does not have (a summary made with another graph).
    """

    def bad(message: str) -> OptionError:
        return OptionError(f"{path}: {message}", option="--cohort")

    try:
        raw = read_limited(
            path,
            MAX_SUMMARY_BYTES,
            shown=f"{MAX_SUMMARY_BYTES // 2**20} MiB, the most a cohort summary may hold",
        )
        data = json.loads(raw)
    except OSError as exc:
        raise bad(f"cannot read: {exc.strerror or exc}") from None
    except SourceError as exc:
        raise bad(exc.detail) from None
    except RecursionError:
        raise bad("nests objects or arrays too deeply to be a summary of planner batch") from None
    except ValueError as exc:  # JSON syntax, not UTF-8, or a number too long to read
        raise bad(f"is not JSON ({exc}); give the --summary file of planner batch") from None
    people, nodes = (data.get("planned"), data.get("nodes")) if isinstance(data, dict) else (None, None)
    if not _is_count(people) or not isinstance(nodes, dict):
        raise bad(
            "is not a summary of planner batch: it needs 'planned' (a count) and 'nodes' "
            '(id → {"people": count})'
        )
    need: dict[str, int] = {}
    hours: dict[str, float] = {}
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
        hours[node_id] = _hours(entry.get("hours"))
    return CohortHeat(
        people,
        need,
        hours,
        profiles=data["profiles"] if _is_count(data.get("profiles")) else people,
        failed=data["failed"] if _is_count(data.get("failed")) else 0,
        finish=_finish(data.get("finish"), bad),
        stages=_stages(data.get("stages"), graph, bad),
        top_missing=_top_missing(data.get("top_missing"), graph, bad),
        targets={
            stage: n
            for stage, n in sorted((data.get("targets") or {}).items())
            if stage in graph.nodes and _is_count(n)
        }
        if isinstance(data.get("targets"), dict)
        else {},
    )


def _hours(value: Any) -> float:
    return (
        float(value) if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0 else 0.0
    )


def _finish(value: Any, bad: Callable[[str], OptionError]) -> dict[str, dt.date | None]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise bad(f"key 'finish': {json.dumps(value)} is not an object of quantiles (p10, p50, p90)")
    result: dict[str, dt.date | None] = {}
    for key in (f"p{p}" for p in QUANTILES):
        day = value.get(key)
        try:
            result[key] = None if day is None else dt.date.fromisoformat(day)
        except (TypeError, ValueError):
            raise bad(f"key 'finish.{key}': {json.dumps(day)} is not a date (YYYY-MM-DD)") from None
    return result


def _stages(value: Any, graph: CareerGraph, bad: Callable[[str], OptionError]) -> tuple[StageShare, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise bad(f"key 'stages': {json.dumps(value)[:60]} is not a list of stages")
    result = []
    for index, entry in enumerate(value):
        stage = entry.get("stage") if isinstance(entry, dict) else None
        if not isinstance(stage, str) or stage not in graph.nodes or not _is_count(entry.get("ready")):
            raise bad(
                f"key 'stages[{index}]': {json.dumps(entry)[:80]} is not a stage of the graph with "
                "'stage' and 'ready' (a count)"
            )
        studying = entry.get("studying")
        result.append(
            StageShare(
                stage, graph.nodes[stage].name, entry["ready"], studying if _is_count(studying) else None
            )
        )
    return tuple(result)


def _top_missing(
    value: Any, graph: CareerGraph, bad: Callable[[str], OptionError]
) -> tuple[MissingNode, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise bad(f"key 'top_missing': {json.dumps(value)[:60]} is not a list of nodes")
    result = []
    for index, entry in enumerate(value):
        node_id = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(node_id, str) or node_id not in graph.nodes or not _is_count(entry.get("people")):
            raise bad(
                f"key 'top_missing[{index}]': {json.dumps(entry)[:80]} is not a node of the graph "
                "with 'id' and 'people' (a count)"
            )
        result.append(
            MissingNode(node_id, graph.nodes[node_id].name, entry["people"], _hours(entry.get("hours")))
        )
    return tuple(result)


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
    studying: tuple[bool, ...] = ()
    """For each stage of the graph, lowest first: does the plan still lead through it?"""
