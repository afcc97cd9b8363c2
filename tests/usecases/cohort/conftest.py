"""Fixtures of the cohort tests: profiles for the tiny graph, cohort files, the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli


def ada(**values: Any) -> dict[str, Any]:
    """A valid profile for the tiny graph (tests/conftest.py TINY_TOML), changed by ``values``."""
    profile: dict[str, Any] = {
        "name": "Ada",
        "target": "junior-ml-engineer",
        "start": "2027-01-04",
        "timezone": "Europe/Berlin",
        "hours_per_week": 6,
        "known": ["python"],
        "availability": {"mon": ["19:00-21:00"], "sat": ["09:00-13:00"]},
    }
    profile.update(values)
    return {k: v for k, v in profile.items() if v is not None}


@pytest.fixture
def write_cohort(tmp_path: Path) -> Callable[..., Path]:
    """``write_cohort(lines, name="cohort.jsonl")``: a JSON Lines file; dicts become JSON."""

    def write(lines: Sequence[dict[str, Any] | str], name: str = "cohort.jsonl") -> Path:
        path = tmp_path / name
        text = "".join((json.dumps(x) if isinstance(x, dict) else x) + "\n" for x in lines)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def batch(runner: CliRunner, tiny_graph_dir: Path) -> Callable[..., Result]:
    """``batch(*args)``: ``planner batch`` on the tiny graph."""

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["batch", *args, "--graph", str(tiny_graph_dir)])

    return invoke


@pytest.fixture
def roadmap(runner: CliRunner, tiny_graph_dir: Path) -> Callable[..., Result]:
    """``roadmap(*args)``: ``planner roadmap`` on the tiny graph, to compare with."""

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["roadmap", *args, "--graph", str(tiny_graph_dir)])

    return invoke


def results(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
