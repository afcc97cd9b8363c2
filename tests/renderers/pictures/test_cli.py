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


def test_a_plain_graph_in_a_terminal_says_what_the_formats_are(
    runner: CliRunner, tiny_graph_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The regression: a plain ``planner graph`` in a terminal printed a screen of DOT."""
    monkeypatch.setattr("planner.cli.catalogue.stdout_is_terminal", lambda: True)
    result = runner.invoke(cli, ["graph", "--graph", str(tiny_graph_dir)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith(
        "Error: which picture? Choose a format:\n"
        "  --format html -o graph.html   one interactive page: the ladder, the graph and,\n"
        "                                with --profile, your timeline\n"
        "  --format svg -o graph.svg     a picture (--format png too)\n"
        "  --format mermaid              a flowchart for Markdown (GitHub draws it)\n"
        "  --format dot, --format json   Graphviz source, NetworkX node-link data\n"
        "Piped into another program, planner graph writes DOT.\n"
    )
    assert max(len(line) for line in result.stderr.splitlines()) <= 80


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("graph.mmd", "flowchart TB"),
        ("graph.json", "{"),
        ("graph.gv", 'digraph "career"'),
        ("graph.txt", "digraph"),
    ],
)
def test_the_format_follows_the_output_suffix(
    runner: CliRunner, tiny_graph_dir: Path, tmp_path: Path, name: str, start: str
) -> None:
    out = tmp_path / name
    result = runner.invoke(cli, ["graph", "--graph", str(tiny_graph_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(start)


def test_recommendations_are_drawn_only_with_recommended(runner: CliRunner, tmp_path: Path) -> None:
    plain = runner.invoke(cli, ["graph", "--stage", "ml-engineer", "--format", "mermaid"])
    asked = runner.invoke(cli, ["graph", "--stage", "ml-engineer", "--format", "mermaid", "--recommended"])
    assert plain.exit_code == asked.exit_code == 0, plain.output + asked.output
    assert "recommended" not in plain.stdout
    assert "-. recommended .->" in asked.stdout


def test_the_overview_page_needs_no_graphviz(
    runner: CliRunner, tiny_graph_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The regression: ``--overview --format html`` gave the same file as ``--format html``."""
    out, full = tmp_path / "overview.html", tmp_path / "full.html"
    if shutil.which("dot"):
        runner.invoke(cli, ["graph", "--graph", str(tiny_graph_dir), "--format", "html", "-o", str(full)])
    monkeypatch.setattr(shutil, "which", lambda name: None)
    args = ["graph", "--graph", str(tiny_graph_dir), "--overview", "--format", "html", "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert 'class="card-head"' in page and "<svg" not in page
    if full.exists():
        assert full.read_bytes() != out.read_bytes()
