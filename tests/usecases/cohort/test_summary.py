"""The cohort's summary: its numbers against ``planner roadmap`` and ``planner gaps`` run
one profile at a time, nearest-rank quantiles, and reading it back for the heat map."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from planner.cli import cli
from planner.errors import OptionError
from planner.graph import CareerGraph
from planner.reports.cohort import TOP_MISSING, MissingNode, StageShare, nearest_rank, read_heat
from planner.usecases import open_graph

from .profiles import cohort_lines


@given(st.lists(st.integers(-1000, 1000), min_size=1, max_size=60), st.integers(1, 100))
def test_nearest_rank_is_the_value_at_the_rank(values: list[int], percent: int) -> None:
    ordered = sorted(values)
    assert nearest_rank(Counter(values), percent) == ordered[math.ceil(percent * len(values) / 100) - 1]


def test_nearest_rank_of_nobody_is_none() -> None:
    assert nearest_rank(Counter(), 50) is None


def _one_by_one(runner: CliRunner, line: str, tmp_path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    alone = tmp_path / "alone.json"
    alone.write_text(line, encoding="utf-8")
    roadmap = runner.invoke(cli, ["roadmap", str(alone), "--format", "json"])
    gaps = runner.invoke(cli, ["gaps", str(alone), "--format", "json"])
    assert roadmap.exit_code == gaps.exit_code == 0, roadmap.output + gaps.output
    return json.loads(roadmap.stdout), json.loads(gaps.stdout)["stages"]


@pytest.mark.slow  # 12 people on the shipped graph, then roadmap and gaps for each
def test_the_summary_adds_up_what_roadmap_and_gaps_say_one_by_one(runner: CliRunner, tmp_path: Path) -> None:
    graph = open_graph().graph
    good = list(cohort_lines(graph, 12, seed=5))
    source = tmp_path / "cohort.jsonl"
    source.write_text("\n".join([*good[:6], "{}", *good[6:]]) + "\n", encoding="utf-8")
    out, summary_path = tmp_path / "out.jsonl", tmp_path / "summary.json"
    result = runner.invoke(cli, ["batch", str(source), "-o", str(out), "--summary", str(summary_path)])
    assert result.exit_code == 1, result.output
    summary = json.loads(summary_path.read_text(encoding="utf-8"))

    plans, readiness = zip(*(_one_by_one(runner, line, tmp_path) for line in good), strict=True)
    finish = sorted((p["finish"] or p["start"])[:10] for p in plans)
    hours = sorted(p["total_hours"] for p in plans)
    people: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    for plan in plans:
        for item in plan["items"]:
            people[item["id"]] += 1
            missing[item["id"]] += Fraction(str(item["hours"]))

    def rank(values: list[Any], percent: int) -> Any:
        return values[math.ceil(percent * len(values) / 100) - 1]

    assert (summary["profiles"], summary["planned"], summary["failed"]) == (13, 12, 1)
    assert summary["targets"] == {
        s.id: n for s in graph.stages if (n := sum(p["target"] == s.id for p in plans))
    }
    assert summary["finish"] == {f"p{p}": rank(finish, p) for p in (10, 50, 90)}
    assert summary["hours"] == {
        "total": round(sum(hours), 2),
        **{f"p{p}": rank(hours, p) for p in (10, 50, 90)},
    }
    for index, stage in enumerate(graph.stages):
        rows = [rows[index] for rows in readiness]
        assert {r["stage"] for r in rows} == {stage.id}
        ready = sum(not r["missing"] for r in rows)
        mean = sum(Fraction(str(r["percent"])) for r in rows) / len(rows)
        entry = summary["stages"][index]
        assert (entry["stage"], entry["ready"]) == (stage.id, ready)
        assert entry["share_ready"] == round(ready / 12, 4)
        # On the way: the people whose plan still reaches the stage (a milestone of theirs).
        assert entry["studying"] == sum(any(m["stage"] == stage.id for m in p["milestones"]) for p in plans)
        assert abs(Fraction(str(entry["mean_percent"])) - mean) <= Fraction(1, 20)
    assert summary["nodes"] == {
        n: {"people": people[n], "hours": float(round(missing[n], 2))} for n in sorted(people)
    }
    top = sorted(missing, key=lambda n: (-missing[n], n))[:TOP_MISSING]
    assert [(t["id"], t["people"], t["hours"]) for t in summary["top_missing"]] == [
        (n, people[n], float(round(missing[n], 2))) for n in top
    ]
    assert len(summary["top_missing"]) == TOP_MISSING
    assert [t["name"] for t in summary["top_missing"]] == [graph.nodes[n].name for n in top]


def test_an_empty_cohort_has_an_empty_summary(
    runner: CliRunner, tiny_graph_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "cohort.jsonl"
    source.write_text("", encoding="utf-8")
    summary = tmp_path / "summary.json"
    result = runner.invoke(
        cli,
        [
            "batch",
            str(source),
            "-o",
            str(tmp_path / "out.jsonl"),
            "--summary",
            str(summary),
            "--graph",
            str(tiny_graph_dir),
        ],
    )
    assert result.exit_code == 0
    assert (tmp_path / "out.jsonl").read_bytes() == b""
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["finish"] == {"p10": None, "p50": None, "p90": None}
    assert data["stages"][0] == {
        "stage": "junior-ml-engineer",
        "name": "Junior ML Engineer",
        "ready": 0,
        "share_ready": None,
        "mean_percent": None,
        "studying": 0,
    }
    assert (data["profiles"], data["top_missing"], data["nodes"]) == (0, [], {})


# --- reading it back for the heat map -------------------------------------------------------


def _summary(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "summary.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_read_heat(tiny_graph: CareerGraph, tmp_path: Path) -> None:
    path = _summary(
        tmp_path, {"planned": 4, "nodes": {"git": {"people": 4, "hours": 8}, "pandas": {"people": 1}}}
    )
    heat = read_heat(path, tiny_graph)
    assert (heat.people, dict(heat.need)) == (4, {"git": 4, "pandas": 1})
    assert (heat.stages, heat.top_missing, dict(heat.finish)) == ((), (), {})  # an older summary


def test_read_heat_reads_what_the_cohort_page_opens_with(tiny_graph: CareerGraph, tmp_path: Path) -> None:
    path = _summary(
        tmp_path,
        {
            "profiles": 5,
            "planned": 4,
            "failed": 1,
            "finish": {"p10": "2027-03-01", "p50": "2027-06-01", "p90": None},
            "stages": [{"stage": "junior-ml-engineer", "ready": 1, "studying": 3}],
            "top_missing": [{"id": "pandas", "people": 3, "hours": 36.5}],
            "nodes": {"pandas": {"people": 3, "hours": 36.5}},
        },
    )
    heat = read_heat(path, tiny_graph)
    assert (heat.profiles, heat.failed) == (5, 1)
    assert heat.finish == {"p10": dt.date(2027, 3, 1), "p50": dt.date(2027, 6, 1), "p90": None}
    assert heat.stages == (StageShare("junior-ml-engineer", "Junior ML Engineer", 1, 3),)
    assert heat.on_the_way("junior-ml-engineer") == 3
    assert heat.top_missing == (MissingNode("pandas", tiny_graph.nodes["pandas"].name, 3, 36.5),)
    assert heat.hours == {"pandas": 36.5}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "{",
            "is not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1)); "
            "give the --summary file of planner batch",
        ),
        (
            [1],
            "is not a summary of planner batch: it needs 'planned' (a count) and 'nodes' "
            '(id → {"people": count})',
        ),
        (
            {"planned": -1, "nodes": {}},
            "is not a summary of planner batch: it needs 'planned' (a count) and "
            "'nodes' (id → {\"people\": count})",
        ),
        (
            {"planned": 3, "nodes": {"pandsa": {"people": 1}}},
            "node 'pandsa' is not in the graph (did you mean 'pandas'?); "
            "was the summary made with another graph?",
        ),
        (
            {"planned": 3, "nodes": {"git": {"people": 4}}},
            "key 'nodes.git.people': 4 is not a count of people from 0 to planned = 3",
        ),
        (
            {"planned": 3, "nodes": {"git": {"people": True}}},
            "key 'nodes.git.people': true is not a count of people from 0 to planned = 3",
        ),
        (
            {"planned": 3, "nodes": {}, "finish": {"p50": "June"}},
            "key 'finish.p50': \"June\" is not a date (YYYY-MM-DD)",
        ),
        (
            {"planned": 3, "nodes": {}, "stages": [{"stage": "ml-enginer", "ready": 1}]},
            'key \'stages[0]\': {"stage": "ml-enginer", "ready": 1} is not a stage of the graph with '
            "'stage' and 'ready' (a count)",
        ),
        (
            {"planned": 3, "nodes": {}, "top_missing": [{"id": "pandas"}]},
            "key 'top_missing[0]': {\"id\": \"pandas\"} is not a node of the graph with 'id' and 'people' "
            "(a count)",
        ),
    ],
)
def test_read_heat_refuses_what_is_not_a_summary_of_this_graph(
    data: Any, message: str, tiny_graph: CareerGraph, tmp_path: Path
) -> None:
    path = _summary(tmp_path, data)
    with pytest.raises(OptionError) as caught:
        read_heat(path, tiny_graph)
    assert (caught.value.option, caught.value.detail) == ("--cohort", f"{path}: {message}")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("/dev/zero", "is larger than 64 MiB, the most a cohort summary may hold"),
        ("[" * 100_000, "nests objects or arrays too deeply to be a summary of planner batch"),
    ],
)
def test_read_heat_reads_a_bounded_amount(
    content: str, message: str, tiny_graph: CareerGraph, tmp_path: Path
) -> None:
    """Regression: `graph --cohort /dev/zero` (or a never-ending pipe, or a huge file) read
    until memory ran out. The device is reached through a link, never by its own name."""
    path = tmp_path / "summary.json"
    if content.startswith("/dev/"):
        path.symlink_to(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(OptionError) as caught:
        read_heat(path, tiny_graph)
    assert (caught.value.option, caught.value.detail) == ("--cohort", f"{path}: {message}")
