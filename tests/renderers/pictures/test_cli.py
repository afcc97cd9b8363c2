"""``planner graph``: formats, options and exit codes through click's test runner."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.renderers.pictures import GRAPH_FORMATS

from .support import needs_dot


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "json"])
def test_text_formats_for_a_user_graph(runner: CliRunner, tiny_graph_dir: Path, fmt: str) -> None:
    result = runner.invoke(cli, ["graph", "--graph", str(tiny_graph_dir), "--format", fmt, "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.output


def test_default_format_is_dot(runner: CliRunner, tiny_graph_dir: Path) -> None:
    result = runner.invoke(cli, ["graph", "--graph", str(tiny_graph_dir)])
    assert result.exit_code == 0
    assert result.output.startswith('digraph "career" {')
    assert list(GRAPH_FORMATS) == ["dot", "mermaid", "svg", "png", "html", "json"]


@needs_dot
@pytest.mark.parametrize("fmt", ["svg", "png", "html"])
def test_graphviz_formats_with_a_profile(
    runner: CliRunner, tiny_graph_dir: Path, profile_toml: str, tmp_path: Path, fmt: str
) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(profile_toml, encoding="utf-8")
    out = tmp_path / f"graph.{fmt}"
    result = runner.invoke(
        cli,
        [
            "graph",
            "--graph",
            str(tiny_graph_dir),
            "--profile",
            str(profile),
            "--format",
            fmt,
            "-o",
            str(out),
            "--focus",
            "pandas",
        ],
    )
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


def test_json_with_profile_and_stage(
    runner: CliRunner, tiny_graph_dir: Path, write_profile: Callable[[str], Path], profile_toml: str
) -> None:
    profile = write_profile(profile_toml)
    result = runner.invoke(
        cli,
        [
            "graph",
            "--graph",
            str(tiny_graph_dir),
            "--profile",
            str(profile),
            "--format",
            "json",
            "--stage",
            "junior-ml-engineer",
        ],
    )
    assert result.exit_code == 0, result.output
    nodes = {n["id"]: n for n in json.loads(result.output)["nodes"]}
    assert "ml-engineer" not in nodes
    assert nodes["python"]["status"] == "known"
    assert nodes["pandas"]["status"] == "planned"


def test_unknown_focus_is_a_usage_error(runner: CliRunner, tiny_graph_dir: Path) -> None:
    result = runner.invoke(cli, ["graph", "--graph", str(tiny_graph_dir), "--focus", "pandsa"])
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: Invalid value for '--focus': unknown node id 'pandsa' (did you mean 'pandas'?)\n"
    )


def test_unknown_stage_is_a_usage_error(runner: CliRunner, tiny_graph_dir: Path) -> None:
    result = runner.invoke(cli, ["graph", "--graph", str(tiny_graph_dir), "--stage", "ml-enginer"])
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: Invalid value for '--stage': unknown stage id 'ml-enginer' (did you mean 'ml-engineer'?)\n"
    )


@pytest.mark.parametrize("fmt", ["svg", "png", "html"])
def test_missing_dot_exits_1_and_says_how_to_install(
    runner: CliRunner, tiny_graph_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    out = tmp_path / f"graph.{fmt}"
    result = runner.invoke(cli, ["graph", "--graph", str(tiny_graph_dir), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: Graphviz's 'dot' program is needed")
    assert "install Graphviz" in result.output and "apt-get install graphviz" in result.output
    assert not out.exists()


def test_png_to_a_terminal_asks_for_a_file(
    runner: CliRunner, tiny_graph_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("planner.cli.catalogue.stdout_is_terminal", lambda: True)
    result = runner.invoke(cli, ["graph", "--graph", str(tiny_graph_dir), "--format", "png"])
    assert result.exit_code == 2
    assert "-o FILE.png" in result.output


OVERVIEW_STARTS = {
    "dot": 'digraph "career" {\n  graph [id="career_overview"',
    "mermaid": 'flowchart TB\n  n_junior_ml_engineer["1. Junior ML Engineer<br>',
    "json": '{\n  "directed": true',
}


@pytest.mark.parametrize("fmt", sorted(OVERVIEW_STARTS))
def test_overview(
    runner: CliRunner, tiny_graph_dir: Path, write_profile: Callable[[str], Path], profile_toml: str, fmt: str
) -> None:
    profile = write_profile(profile_toml)
    expected = OVERVIEW_STARTS[fmt]
    for extra in ([], ["--profile", str(profile)]):
        result = runner.invoke(
            cli, ["graph", "--graph", str(tiny_graph_dir), "--overview", "--format", fmt, *extra]
        )
        assert result.exit_code == 0, result.output
        assert result.output.startswith(expected)
        assert ("done " in result.output) == bool(extra) or fmt == "json"


def test_overview_json_has_the_numbers_of_each_band(
    runner: CliRunner, tiny_graph_dir: Path, write_profile: Callable[[str], Path], profile_toml: str
) -> None:
    profile = write_profile(profile_toml)
    result = runner.invoke(
        cli,
        [
            "graph",
            "--graph",
            str(tiny_graph_dir),
            "--overview",
            "--format",
            "json",
            "--profile",
            str(profile),
        ],
    )
    bands = {n["id"]: n for n in json.loads(result.output)["nodes"]}
    junior = bands["junior-ml-engineer"]
    assert junior["kind"] == "band" and junior["name"] == "1. Junior ML Engineer"
    assert set(junior) >= {"work", "hours", "status", "done_hours", "left_hours", "reached"}
    assert junior["done_hours"] + junior["left_hours"] <= junior["hours"]


@needs_dot
@pytest.mark.parametrize("fmt", ["svg", "png", "html"])
def test_overview_pictures(runner: CliRunner, tiny_graph_dir: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"overview.{fmt}"
    result = runner.invoke(
        cli, ["graph", "--graph", str(tiny_graph_dir), "--overview", "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    if fmt == "html":  # the ladder alone: no graph (so no Graphviz), unlike the plain page
        page = out.read_text()
        assert 'class="card-head"' in page and '<g id="pandas" class="node' not in page
        assert 'id="show-graph"' not in page
