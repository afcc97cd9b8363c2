"""The command line: exact messages and exit codes, output files, help and the README."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planner import __version__
from planner.cli import all_commands, cli, environment
from tests.paths import ROOT, installed_planner

README = ROOT / "README.md"
OFFSET_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
DATE = re.compile(r"^\d{4}-\d\d-\d\d$")


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def assert_clean_failure(result: Result, code: int) -> None:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert result.stderr.startswith(("Error: ", "Usage: "))


@pytest.fixture
def profile_path(tmp_path: Path, profile_toml: str) -> Path:
    path = tmp_path / "tess.toml"
    path.write_text(profile_toml)
    return path


@pytest.fixture
def run(runner: CliRunner, tiny_graph_dir: Path) -> Callable[..., Result]:
    """``run(*args)``: invoke the CLI with ``--graph`` pointing at the tiny graph."""

    def invoke(*args: str, graph: bool = True) -> Result:
        extra = ["--graph", str(tiny_graph_dir)] if graph else []
        return runner.invoke(cli, [*args, *extra])

    return invoke


# --- version, help, README -------------------------------------------------------------


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"planner, version {__version__}\n"


@pytest.mark.parametrize("command", sorted(all_commands()))
def test_help_on_every_command(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: planner {command} ")
    assert (all_commands()[command].help or "").strip(), f"{command} has no help text"
    assert all_commands()[command].get_short_help_str().strip()


def test_group_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in all_commands():
        assert re.search(rf"^  {re.escape(command)}\s", result.stdout, re.MULTILINE), command


# --- validate ----------------------------------------------------------------------------


def test_validate_ok_line(run: Callable[..., Result], tiny_graph_dir: Path) -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == (
        f"OK: {tiny_graph_dir}: 7 nodes (4 skills, 1 project, 2 stages), 7 prerequisite edges\n"
    )
    assert result.stderr == ""


def test_validate_shipped_graph(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"OK: .+: (\d+) nodes \((\d+) skills, (\d+) projects, 6 stages, \d+ choices\), "
        r"\d+ prerequisite edges\n",
        result.stdout,
    )


@pytest.fixture
def broken_graph(
    tmp_path: Path, tiny_toml: dict[str, str], graph_dir_of: Callable[..., Path]
) -> Callable[..., Path]:
    """``broken_graph(file, old, new)``: a copy of the tiny graph with one text replaced."""

    def make(file: str, old: str, new: str) -> Path:
        files = dict(tiny_toml)
        assert old in files[file]
        files[file] = files[file].replace(old, new, 1)
        return graph_dir_of(tmp_path / "broken", files)

    return make


def test_validate_injected_cycle(runner: CliRunner, broken_graph: Callable[..., Path]) -> None:
    folder = broken_graph("skills.toml", "hours = 10\n", 'hours = 10\nrequires = ["pandas"]\n')
    skills, stages = folder / "skills.toml", folder / "stages.toml"
    result = runner.invoke(cli, ["validate", "--graph", str(folder)])
    assert_clean_failure(result, 1)
    numpy_line = line_of(skills.read_text(), 'id = "numpy"')
    culprit = "'numpy' is in the cycle numpy → pandas → python → numpy"
    assert result.stderr == (
        "Error: graph data has 3 problems:\n"
        f"  {skills}:{numpy_line}: prerequisite cycle: numpy → pandas → python → numpy "
        f"(numpy in {skills}, pandas in {skills}, python in {skills})\n"
        f"  {stages}:2: stage 'junior-ml-engineer' is unreachable: its prerequisite {culprit}\n"
        f"  {stages}:7: stage 'ml-engineer' is unreachable: its prerequisite {culprit}\n"
    )


def test_validate_injected_duplicate(runner: CliRunner, broken_graph: Callable[..., Path]) -> None:
    second_git = '[[skills]]\nid = "git"\nname = "Git"\nhours = 1\n\n[[projects]]'
    folder = broken_graph("projects.toml", "[[projects]]", second_git)
    projects, skills = folder / "projects.toml", folder / "skills.toml"
    result = runner.invoke(cli, ["validate", "--graph", str(folder)])
    assert_clean_failure(result, 1)
    # files load in name order: projects.toml defines git first
    git_line = line_of(skills.read_text(), 'id = "git"')
    assert result.stderr == (
        f"Error: {skills}:{git_line}: duplicate id 'git': also defined in {projects} line 2\n"
    )


def test_validate_injected_dangling_id(runner: CliRunner, broken_graph: Callable[..., Path]) -> None:
    folder = broken_graph("skills.toml", 'requires = ["numpy"]', 'requires = ["numpi"]')
    skills, stages = folder / "skills.toml", folder / "stages.toml"
    result = runner.invoke(cli, ["validate", "--graph", str(folder)])
    assert_clean_failure(result, 1)
    pandas_line = line_of(skills.read_text(), 'id = "pandas"')
    assert result.stderr == (
        "Error: graph data has 3 problems:\n"
        f"  {skills}:{pandas_line}: skill 'pandas' requires 'numpi', which no file defines "
        "(did you mean 'numpy'?)\n"
        f"  {stages}:2: stage 'junior-ml-engineer' is unreachable: its prerequisite 'pandas' requires "
        "'numpi', which no file defines\n"
        f"  {stages}:7: stage 'ml-engineer' is unreachable: its prerequisite 'pandas' requires "
        "'numpi', which no file defines\n"
    )


def test_validate_injected_negative_hours(runner: CliRunner, broken_graph: Callable[..., Path]) -> None:
    folder = broken_graph("skills.toml", "hours = 4\n", "hours = -4\n")
    skills = folder / "skills.toml"
    result = runner.invoke(cli, ["validate", "--graph", str(folder)])
    assert_clean_failure(result, 1)
    line = line_of(skills.read_text(), "hours = -4")
    expected = (
        f"{skills}:{line}: skill 'numpy': key 'hours': -4 is out of range: it must be more than 0 and at "
        "most 100,000 hours\n"
    )
    assert expected in result.stderr


def test_validate_injected_broken_toml(runner: CliRunner, broken_graph: Callable[..., Path]) -> None:
    folder = broken_graph("stages.toml", 'name = "ML Engineer"', 'name = = "ML Engineer"')
    stages = folder / "stages.toml"
    result = runner.invoke(cli, ["validate", "--graph", str(folder)])
    assert_clean_failure(result, 1)
    line = line_of(stages.read_text(), "name = =")
    assert f"{stages}:{line}: TOML syntax error: " in result.stderr
    assert f"line {line}" in result.stderr


def test_validate_empty_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["validate", "--graph", str(tmp_path)])
    assert_clean_failure(result, 1)
    assert result.stderr == f"Error: {tmp_path}: graph folder holds no *.toml files\n"


def test_validate_missing_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["validate", "--graph", str(tmp_path / "nowhere")])
    assert_clean_failure(result, 2)
    missing = tmp_path / "nowhere"
    assert f"Error: Invalid value for '--graph': Directory '{missing}' does not exist." in result.stderr


# --- catalogue: stages, skills, explain --------------------------------------------------


def test_stages(run: Callable[..., Result]) -> None:
    result = run("stages")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "id                  name                needs  hours  years  salary",
        "junior-ml-engineer  Junior ML Engineer      5   30.0",
        "ml-engineer         ML Engineer             5   30.0",
    ]


def test_skills_by_category(run: Callable[..., Result]) -> None:
    result = run("skills", "--category", "data")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "id      kind   category  hours  name",
        "numpy   skill  data        4.0  NumPy",
        "pandas  skill  data        6.0  pandas",
    ]


def test_skills_lists_everything_by_category_then_id(run: Callable[..., Result]) -> None:
    result = run("skills")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()[1:]] == [
        "numpy",
        "pandas",
        "git",
        "python",
        "eda-report",
    ]


def test_skills_unknown_category(run: Callable[..., Result]) -> None:
    result = run("skills", "--category", "dat")
    assert_clean_failure(result, 2)
    assert result.stderr == (
        "Usage: planner skills [OPTIONS]\nTry 'planner skills --help' for help.\n\n"
        "Error: Invalid value for '--category': unknown category 'dat' (did you mean 'data'?)\n"
    )


def test_skills_unknown_category_without_a_close_match_lists_them(run: Callable[..., Result]) -> None:
    result = run("skills", "--category", "zzz")
    assert_clean_failure(result, 2)
    assert result.stderr.endswith(
        "Error: Invalid value for '--category': unknown category 'zzz' (valid: data, engineering, "
        "foundations, project)\n"
    )


def test_explain(run: Callable[..., Result]) -> None:
    result = run("explain", "python")
    assert result.exit_code == 0
    assert result.stdout == (
        "Python [python] — skill\n"
        "  category: foundations · 10 h from scratch\n"
        "  The language of ML.\n"
        "  needs: nothing\n"
        "  prerequisites in all: 0\n"
        "  unlocks: NumPy\n"
        "  stages that need it: junior-ml-engineer, ml-engineer\n"
        "  resources:\n"
        "    - The Python Tutorial (docs): https://docs.python.org/3/tutorial/\n"
    )


def test_explain_with_a_profile(run: Callable[..., Result], profile_path: Path) -> None:
    result = run("explain", "pandas", "--profile", str(profile_path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "  in your plan: planned — the target junior-ml-engineer needs it" in lines
    assert "  chain to the goal: pandas → eda-report → junior-ml-engineer" in lines
    known = run("explain", "python", "--profile", str(profile_path))
    assert "  in your plan: known — it is listed in known" in known.stdout.splitlines()


def test_explain_unknown_id(run: Callable[..., Result]) -> None:
    result = run("explain", "pyton")
    assert_clean_failure(result, 2)
    assert result.stderr == (
        "Usage: planner explain [OPTIONS] ID\nTry 'planner explain --help' for help.\n\n"
        "Error: Invalid value for 'ID': unknown node id 'pyton' (did you mean 'python'?)\n"
    )


# --- init ----------------------------------------------------------------------------------


def test_init_writes_a_valid_starter_profile(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    result = runner.invoke(cli, ["init", str(path)])
    assert result.exit_code == 0
    assert result.stderr == f"Wrote {path}. Edit it, then run: planner roadmap {path}\n"
    assert path.read_text().startswith("#:schema file://")  # editors check the keys
    roadmap = runner.invoke(cli, ["roadmap", str(path), "--from", "2027-01-04"])
    assert roadmap.exit_code == 0, roadmap.output
    assert roadmap.stdout.startswith("Roadmap: Your Name → ")
    gaps = runner.invoke(cli, ["gaps", str(path)])
    assert gaps.exit_code == 0, gaps.output


def test_init_to_standard_output(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    runner.invoke(cli, ["init", str(path)])
    result = runner.invoke(cli, ["init", "-"])
    assert result.exit_code == 0
    assert result.stdout == path.read_text()


def test_init_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    path.write_text("mine")
    result = runner.invoke(cli, ["init", str(path)])
    assert result.exit_code != 0
    assert result.stderr == f"Error: {path} already exists; use --force to overwrite it\n"
    assert path.read_text() == "mine"
    forced = runner.invoke(cli, ["init", str(path), "--force"])
    assert forced.exit_code == 0
    assert path.read_text() != "mine"


def test_init_refusal_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    path.write_text("mine")
    assert runner.invoke(cli, ["init", str(path)]).exit_code == 2


# --- roadmap ---------------------------------------------------------------------------------


def test_roadmap_text(run: Callable[..., Result], profile_path: Path) -> None:
    result = run("roadmap", str(profile_path))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Roadmap: Tess → Junior ML Engineer"
    assert lines[2].startswith("Start 2027-01-04 · 6 h/week · Europe/Berlin · 4 items · 20.0 h · finish ")
    assert lines[3:5] == [
        "Next: Mon 2027-01-04 19:00–21:00, NumPy",
        "First milestone: Junior ML Engineer, reached 2027-01-25",
    ]
    assert "  2027-01-16  2027-01-23  project  EDA report [eda-report]    8.0" in lines
    assert lines[-1].startswith("Total: 4 items, 20.0 h in ")
    assert result.stderr == ""


def test_roadmap_markdown(run: Callable[..., Result], profile_path: Path) -> None:
    result = run("roadmap", str(profile_path), "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Roadmap: Tess → Junior ML Engineer\n")
    checklist = [line for line in result.stdout.splitlines() if line.startswith("- [ ] ")]
    assert len(checklist) == 4
    assert "## Before Junior ML Engineer: 2027-01-04 → 2027-01-25\n" in result.stdout
    assert "**Then Junior ML Engineer**: reached 2027-01-25\n" in result.stdout


def test_roadmap_json_has_the_spec_keys(run: Callable[..., Result], profile_path: Path) -> None:
    result = run("roadmap", str(profile_path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["target"] == "junior-ml-engineer"
    assert [item["id"] for item in data["items"]][:1] == ["numpy"]
    assert {item["id"] for item in data["items"]} == {"numpy", "pandas", "eda-report", "git"}
    for item in data["items"]:
        assert {"id", "kind", "name", "hours", "start", "end", "requires"} <= set(item)
        assert item["kind"] in ("skill", "project")
        assert isinstance(item["hours"], float)
        assert DATE.match(item["start"]) and DATE.match(item["end"])
        assert isinstance(item["requires"], list)
    assert next(i for i in data["items"] if i["id"] == "pandas")["requires"] == ["numpy"]
    assert sum(i["hours"] for i in data["items"]) == 20.0
    assert data["sessions"]
    for session in data["sessions"]:
        assert {"item", "start", "end"} <= set(session)
        assert OFFSET_TIME.match(session["start"]) and OFFSET_TIME.match(session["end"])
        assert session["start"].endswith("+01:00")  # Berlin in January
    assert [m["stage"] for m in data["milestones"]] == ["junior-ml-engineer"]
    assert DATE.match(data["milestones"][0]["date"])


def test_roadmap_is_the_same_every_time(run: Callable[..., Result], profile_path: Path) -> None:
    first = run("roadmap", str(profile_path), "--format", "json")
    second = run("roadmap", str(profile_path), "--format", "json")
    assert first.stdout == second.stdout


def test_roadmap_output_file(run: Callable[..., Result], profile_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "plan.json"
    out.parent.mkdir()
    expected = run("roadmap", str(profile_path), "--format", "json").stdout
    result = run("roadmap", str(profile_path), "--format", "json", "-o", str(out))
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("", f"Wrote {out}\n")
    assert out.read_text(encoding="utf-8") == expected
    assert [p.name for p in out.parent.iterdir()] == ["plan.json"]  # no temporary file left


def test_roadmap_output_file_is_kept_on_error(
    run: Callable[..., Result], profile_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "plan.txt"
    out.write_text("previous plan")
    result = run("roadmap", str(profile_path), "--target", "astronaut", "-o", str(out))
    assert_clean_failure(result, 2)
    assert out.read_text() == "previous plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph", "plan.txt", "tess.toml"]


def test_roadmap_output_into_a_missing_folder(
    run: Callable[..., Result], profile_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "nowhere" / "plan.txt"
    result = run("roadmap", str(profile_path), "-o", str(out))
    assert_clean_failure(result, 1)
    assert result.stderr == f"Error: cannot write {out}: folder {out.parent} does not exist\n"


def test_roadmap_unknown_target(run: Callable[..., Result], profile_path: Path) -> None:
    result = run("roadmap", str(profile_path), "--target", "ml-enginer")
    assert_clean_failure(result, 2)
    assert result.stderr == (
        "Usage: planner roadmap [OPTIONS] PROFILE\nTry 'planner roadmap --help' for help.\n\n"
        "Error: Invalid value for '--target': unknown stage id 'ml-enginer' (did you mean 'ml-engineer'?)\n"
    )


def test_roadmap_target_that_is_a_skill(run: Callable[..., Result], profile_path: Path) -> None:
    result = run("roadmap", str(profile_path), "--target", "python")
    assert_clean_failure(result, 2)
    assert result.stderr.endswith(
        "Error: Invalid value for '--target': 'python' is a skill, but a stage id is needed "
        "(valid stages: junior-ml-engineer, ml-engineer)\n"
    )


def test_roadmap_target_override(run: Callable[..., Result], profile_path: Path) -> None:
    result = run("roadmap", str(profile_path), "--target", "ml-engineer", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["target"] == "ml-engineer"
    assert [m["stage"] for m in data["milestones"]] == ["junior-ml-engineer", "ml-engineer"]


def test_roadmap_unknown_format(run: Callable[..., Result], profile_path: Path) -> None:
    result = run("roadmap", str(profile_path), "--format", "pdf")
    assert_clean_failure(result, 2)
    assert result.stderr.endswith(
        "Error: Invalid value for '--format': 'pdf' is not one of 'text', 'markdown', 'json'.\n"
    )


def test_roadmap_plan_error_exits_1(run: Callable[..., Result], profile_path: Path) -> None:
    profile_path.write_text(profile_path.read_text().replace("hours_per_week = 6", "hours_per_week = 0.25"))
    result = run("roadmap", str(profile_path))
    assert_clean_failure(result, 1)
    assert result.stderr == (
        "Error: availability gives only 15 minutes a week (hours_per_week = 0.25, windows 6 h); at "
        "least 30 minutes a week are needed to schedule anything\n"
    )


def test_roadmap_deadline_warning_gives_hours_that_meet_it(
    run: Callable[..., Result], profile_path: Path
) -> None:
    text = profile_path.read_text().replace("hours_per_week = 6", "hours_per_week = 2\ndeadline = 2027-02-10")
    profile_path.write_text(text)
    result = run("roadmap", str(profile_path), "--format", "json")
    assert result.exit_code == 0, result.output
    match = re.fullmatch(
        r"warning: the deadline 2027-02-10 cannot be met at 2 h/week: junior-ml-engineer will be reached "
        r"on (\S+)\. (\S+) h/week would meet it \(checked by scheduling again: reached on (\S+)\)\.\n",
        result.stderr,
    )
    assert match, result.stderr
    reached, hours, reached_then = match.groups()
    assert json.loads(result.stdout)["milestones"][-1]["date"] == reached
    assert json.loads(result.stdout)["warnings"] == [result.stderr.removeprefix("warning: ").rstrip("\n")]
    closing = run("roadmap", str(profile_path))  # the text roadmap closes with the warning too
    assert closing.stdout.endswith(f"\n{closing.stderr}")
    assert reached > "2027-02-10" >= reached_then
    profile_path.write_text(text.replace("hours_per_week = 2\n", f"hours_per_week = {hours}\n"))
    again = run("roadmap", str(profile_path), "--format", "json")
    assert again.stderr == ""
    assert json.loads(again.stdout)["milestones"][-1]["date"] == reached_then


def test_roadmap_for_a_target_already_reached(run: Callable[..., Result], profile_path: Path) -> None:
    profile_path.write_text(
        profile_path.read_text().replace(
            'known = ["python"]', 'known = ["python"]\ncurrent_stage = "junior-ml-engineer"'
        )
    )
    result = run("roadmap", str(profile_path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["items"], data["sessions"], data["milestones"]) == ([], [], [])
    text = run("roadmap", str(profile_path))
    assert text.exit_code == 0
    assert "Nothing left to learn: every requirement of the target is known." in text.stdout


@pytest.mark.parametrize(
    ("fmt", "title"),
    [
        ("text", "Roadmap: Tess → Junior ML Engineer\n"),
        ("markdown", "# Roadmap: Tess → Junior ML Engineer\n"),
    ],
    ids=["text", "markdown"],
)
def test_roadmap_title_names_a_reached_target(
    run: Callable[..., Result], profile_path: Path, fmt: str, title: str
) -> None:
    profile_path.write_text(
        profile_path.read_text().replace(
            'known = ["python"]', 'known = ["python"]\ncurrent_stage = "junior-ml-engineer"'
        )
    )
    result = run("roadmap", str(profile_path), "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout.startswith(title)


def test_roadmap_to_standard_output_with_a_dash(run: Callable[..., Result], profile_path: Path) -> None:
    assert run("roadmap", str(profile_path), "-o", "-").stdout == run("roadmap", str(profile_path)).stdout


def test_roadmap_deadline_beyond_every_window(run: Callable[..., Result], profile_path: Path) -> None:
    text = profile_path.read_text().replace("hours_per_week = 6", "hours_per_week = 2\ndeadline = 2027-01-12")
    profile_path.write_text(text)
    result = run("roadmap", str(profile_path))
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"warning: the deadline 2027-01-12 cannot be met at 2 h/week: junior-ml-engineer will be reached "
        r"on \S+\. Even all 6 h of your weekly windows would reach it only on \S+; meeting it needs "
        r"about \S+ h/week, so add availability windows or move the deadline\.\n",
        result.stderr,
    ), result.stderr
    assert result.stdout.startswith("Roadmap: ")


def test_roadmap_deadline_no_budget_can_meet(runner: CliRunner, tmp_path: Path) -> None:
    """Regression: the advice said "about 13748 h/week"; a week has 168."""
    example = ROOT / "examples" / "profiles" / "priya.toml"
    profile = tmp_path / "priya.toml"
    profile.write_text(example.read_text().replace("deadline = 2030-03-31", "deadline = 2027-02-02"))
    result = runner.invoke(cli, ["roadmap", str(profile)])
    assert result.exit_code == 0
    assert re.fullmatch(
        r"warning: the deadline 2027-02-02 cannot be met at 10 h/week: ml-engineer will be reached "
        r"on \S+\. No weekly budget can meet it: the [0-9,]+ h of work left do not fit in the time until "
        r"2027-02-02, even around the clock; move the deadline\.\n",
        result.stderr,
    ), result.stderr


def test_roadmap_deadline_before_the_start(run: Callable[..., Result], profile_path: Path) -> None:
    text = profile_path.read_text().replace("hours_per_week = 6", "hours_per_week = 2\ndeadline = 2027-01-05")
    profile_path.write_text(text)
    result = run("roadmap", str(profile_path), "--from", "2027-02-01")
    assert result.exit_code == 0
    assert result.stderr.endswith(" The deadline is before the plan starts (2027-02-01); move it.\n")


def test_gaps(run: Callable[..., Result], profile_path: Path) -> None:
    result = run("gaps", str(profile_path))
    assert result.exit_code == 0
    # A stage that needs no more than the stage below says so instead of a copy of its row.
    assert result.stdout.splitlines() == [
        "stage                                   known missing h missing ready",
        "Junior ML Engineer [junior-ml-engineer]     1       4      20.0 33.3% ███████░░░░░░░░░░░░░",
        "ML Engineer [ml-engineer]               the same as Junior ML Engineer",
    ]


# --- -o FILE on every command that prints -------------------------------------------------------

PRINTING = {
    "status": ["status", "PROFILE", "--from", "2027-03-01"],
    "week": ["week", "PROFILE", "--from", "2027-03-01"],
    "explain": ["explain", "numpy", "--profile", "PROFILE"],
    "stages": ["stages"],
    "skills": ["skills"],
    "validate": ["validate"],
    "gaps": ["gaps", "PROFILE"],
    "roadmap": ["roadmap", "PROFILE"],
}
WRITING_ELSEWHERE = {"done": "writes the profile", "init": "writes PATH", "serve": "serves pages"}


def test_every_command_that_prints_takes_dash_o() -> None:
    for name, command in all_commands().items():
        options = {opt for param in command.params for opt in getattr(param, "opts", ())}
        assert "-o" in options or name in WRITING_ELSEWHERE, f"planner {name} has no -o FILE"


@pytest.mark.parametrize("command", sorted(PRINTING))
def test_dash_o_writes_what_would_be_printed(
    command: str, run: Callable[..., Result], profile_path: Path, tmp_path: Path
) -> None:
    args = [str(profile_path) if arg == "PROFILE" else arg for arg in PRINTING[command]]
    printed = run(*args)
    assert printed.exit_code == 0, printed.output
    out = tmp_path / "out.txt"
    written = run(*args, "-o", str(out))
    assert written.exit_code == 0, written.output
    assert (written.stdout, out.read_text(encoding="utf-8")) == ("", printed.stdout)
    assert written.stderr.endswith(f"Wrote {out}\n")


def test_dash_o_refuses_to_overwrite_the_profile_it_reads(
    run: Callable[..., Result], profile_path: Path
) -> None:
    before = profile_path.read_bytes()
    result = run("status", str(profile_path), "-o", str(profile_path))
    assert_clean_failure(result, 2)
    assert profile_path.read_bytes() == before


# --- the compiled-graph cache ----------------------------------------------------------------


def test_the_cache_is_written_after_the_output_by_the_second_run(
    run: Callable[..., Result], profile_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.cli.plan as plan_commands
    from planner.graph.cache import LoadedGraph

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    events: list[str] = []
    emit, save = plan_commands.emit, LoadedGraph.save

    def emitting(*args: Any, **kwargs: Any) -> None:
        events.append("output")
        emit(*args, **kwargs)

    def saving(self: LoadedGraph) -> None:
        events.append("from the cache" if self.entry is None else "store" if self.seen else "mark")
        save(self)

    monkeypatch.setattr(plan_commands, "emit", emitting)
    monkeypatch.setattr(LoadedGraph, "save", saving)
    outputs = {run("roadmap", str(profile_path)).stdout for _ in range(3)}
    assert len(outputs) == 1
    assert events == ["output", "mark", "output", "store", "output", "from the cache"]
    assert len(list((tmp_path / "xdg" / "planner").glob("graph-*.json"))) == 1


@pytest.mark.parametrize("command", [["roadmap", "PROFILE"], ["validate"], ["stages"]])
def test_a_cache_folder_others_can_write_to_is_refused_with_a_warning(
    run: Callable[..., Result],
    profile_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    shared = tmp_path / "xdg" / "planner"
    shared.mkdir(parents=True)
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared.parent))
    result = run(*(str(profile_path) if arg == "PROFILE" else arg for arg in command))
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"warning: not using the cache folder {shared}: others can write to it "
        "(mode 777) (use a folder of your own, or --no-cache)\n"
    )
    assert list(shared.iterdir()) == []


# --- the installed entry point ---------------------------------------------------------------


@pytest.mark.slow
def test_installed_entry_point_in_a_subprocess(tmp_path: Path) -> None:
    script = installed_planner()
    command = [script] if script else [sys.executable, "-m", "planner"]
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    version = subprocess.run(
        [*command, "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout == f"planner, version {__version__}\n"
    validate = subprocess.run(
        [*command, "validate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert validate.returncode == 0, validate.stderr
    assert validate.stdout.startswith("OK: ")
    assert "6 stages" in validate.stdout
    module = subprocess.run(
        [sys.executable, "-m", "planner", "stages"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert module.returncode == 0, module.stderr
    assert module.stdout.splitlines()[1].startswith("junior-ml-engineer ")


def test_every_output_file_is_announced(
    run: Callable[..., Result], profile_path: Path, tmp_path: Path
) -> None:
    picture = tmp_path / "graph.dot"
    result = run("graph", "--profile", str(profile_path), "-o", str(picture))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"Wrote {picture}\n")
    assert run("graph", "-o", "-").stderr == ""


# --- output that respects the file system, and what reaches the terminal ----------------------


def test_output_over_the_profile_is_refused(run: Callable[..., Result], profile_path: Path) -> None:
    """Regression: `roadmap same.toml -o same.toml` overwrote the profile with its roadmap."""
    before = profile_path.read_bytes()
    for command in (["roadmap"], ["calendar"], ["graph", "--profile"]):
        result = run(*command, str(profile_path), "-o", str(profile_path))
        assert_clean_failure(result, 2)
        assert result.stderr.endswith(
            f"Error: Invalid value for '--output': {profile_path} is the profile {profile_path}; writing "
            "there would destroy it, so choose another file\n"
        )
    assert profile_path.read_bytes() == before


def test_output_over_a_graph_file_is_refused(
    run: Callable[..., Result], profile_path: Path, tiny_graph_dir: Path
) -> None:
    skills = tiny_graph_dir / "skills.toml"
    result = run("roadmap", str(profile_path), "-o", str(skills))
    assert_clean_failure(result, 2)
    assert f"is the graph file {skills}; writing there would destroy it" in result.stderr


@pytest.mark.parametrize(
    ("command", "victim", "option"),
    [
        (["roadmap", "P", "-o", "OUT"], "profile", "--output"),
        (["gaps", "P", "-o", "OUT"], "profile", "--output"),
        (["gaps", "P", "-o", "OUT"], "graph", "--output"),
        (["calendar", "P", "-o", "OUT"], "graph", "--output"),
        (["graph", "--profile", "P", "-o", "OUT"], "graph", "--output"),
        (["graph", "--cohort", "S", "-o", "OUT"], "summary", "--output"),
        (["init", "OUT", "--force"], "graph", "PATH"),
    ],
)
def test_every_output_refuses_the_command_s_inputs_through_links(
    command: list[str],
    victim: str,
    option: str,
    *,
    run: Callable[..., Result],
    profile_path: Path,
    tiny_graph_dir: Path,
    tmp_path: Path,
) -> None:
    """Regression: `init GRAPH-FILE --force` replaced a graph file; every other output
    refuses its inputs too, reached through a symbolic or a hard link."""
    summary = tmp_path / "summary.json"
    summary.write_text(json.dumps({"planned": 1, "nodes": {"pandas": {"people": 1}}}), encoding="utf-8")
    target = {"profile": profile_path, "graph": tiny_graph_dir / "skills.toml", "summary": summary}[victim]
    for link in ("symbolic", "hard"):
        out = tmp_path / f"{link}.out"
        out.unlink(missing_ok=True)
        if link == "symbolic":
            out.symlink_to(target)
        else:
            os.link(target, out)
        before = target.read_bytes()
        args = [{"P": str(profile_path), "S": str(summary), "OUT": str(out)}.get(a, a) for a in command]
        result = run(*args)
        assert_clean_failure(result, 2)
        what = {"profile": "the profile", "graph": "the graph file", "summary": "the cohort summary"}[victim]
        assert result.stderr.endswith(
            f"Error: Invalid value for '{option}': {out} is {what} {target}; writing there would destroy "
            "it, so choose another file\n"
        )
        assert target.read_bytes() == before


def test_a_calendar_may_update_its_previous_export_in_place(
    run: Callable[..., Result], profile_path: Path, tmp_path: Path
) -> None:
    """The one input an output may replace: `--previous` is read whole first, and the new
    export carries its events on (that is its job), so `-o plan.ics --previous plan.ics`
    updates the file."""
    plan = tmp_path / "plan.ics"
    assert run("calendar", str(profile_path), "-o", str(plan)).exit_code == 0
    first = plan.read_bytes()
    result = run("calendar", str(profile_path), "-o", str(plan), "--previous", str(plan))
    assert result.exit_code == 0, result.stderr
    assert plan.read_bytes() == first


def test_output_to_a_device(run: Callable[..., Result], profile_path: Path, tmp_path: Path) -> None:
    """Regression: `-o /dev/null` and `init /dev/full --force` replaced the device (as root)."""
    null, full = tmp_path / "null", tmp_path / "full"
    null.symlink_to("/dev/null")
    full.symlink_to("/dev/full")
    assert run("roadmap", str(profile_path), "-o", str(null)).exit_code == 0
    result = CliRunner().invoke(cli, ["init", str(full), "--force"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {full}: No space left on device\n"
    assert null.is_symlink() and full.is_symlink()


def test_init_for_another_graph_uses_its_ids(runner: CliRunner, tmp_path: Path, tiny_graph_dir: Path) -> None:
    """Regression: `planner init` had no --graph, so its starter failed at once on another graph."""
    path = tmp_path / "me.toml"
    result = runner.invoke(cli, ["init", str(path), "--graph", str(tiny_graph_dir)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"Wrote {path}. Edit it, then run: planner roadmap {path} --graph {tiny_graph_dir}\n"
    )
    text = path.read_text()
    assert 'target = "junior-ml-engineer"\n' in text and "known = []\n" in text
    assert "# The stage to reach: junior-ml-engineer or ml-engineer.\n" in text
    assert f"planner stages --graph {tiny_graph_dir}" in text
    roadmap = runner.invoke(cli, ["roadmap", str(path), "--graph", str(tiny_graph_dir)])
    assert roadmap.exit_code == 0, roadmap.output


def test_a_case_typo_gets_did_you_mean(run: Callable[..., Result]) -> None:
    """Regression: `PYTHON` got no suggestion. Ids are read in any case now, so a case
    difference alone is no typo; one with a misspelling gets the suggestion."""
    assert run("explain", "PYTHON").stdout.startswith("Python [python] — skill\n")
    result = run("explain", "PYTHN")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for 'ID': unknown node id 'PYTHN' (did you mean 'python'?)\n"
    )


def test_the_start_of_an_id_gets_did_you_mean(run: Callable[..., Result]) -> None:
    """Regression: `planner done me.toml prob` got no suggestion (too short for a typo).
    The ids a word begins are suggested, shortest first, ids before names."""
    result = run("explain", "pan")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for 'ID': unknown node id 'pan' (did you mean 'pandas'?)\n"
    )
    assert run("explain", "ML-").stderr.endswith("unknown node id 'ML-' (did you mean 'ml-engineer'?)\n")
    assert run("explain", "pyt").stderr.endswith("unknown node id 'pyt' (did you mean 'python'?)\n")
    assert "did you mean" not in run("explain", "zq").stderr


def test_control_characters_in_a_message_are_escaped(run: Callable[..., Result]) -> None:
    result = run("explain", "py\x1b[2Jthon\x07")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for 'ID': unknown node id 'py\\x1b[2Jthon\\x07' (did you mean 'python'?)\n"
    )


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"TERM": "xterm-256color"}, True),
        ({"TERM": "dumb"}, False),
        ({"TERM": "xterm", "NO_COLOR": "1"}, False),
        ({"TERM": "xterm", "NO_COLOR": ""}, True),
    ],
)
def test_colour_only_where_the_terminal_shows_it(environ: dict[str, str], expected: bool) -> None:
    """Regression: TERM=dumb still got colours. The terminal's facts decide, as every
    renderer reads them."""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert environment.terminal(Tty(), environ).color is expected
    assert environment.terminal(io.StringIO(), environ).color is False


def test_validate_names_toml_files_in_subfolders(runner: CliRunner, tiny_graph_dir: Path) -> None:
    """Regression: files in subfolders were skipped silently."""
    (tiny_graph_dir / "extra").mkdir()
    (tiny_graph_dir / "extra" / "more.toml").write_text("")
    (tiny_graph_dir / ".git").mkdir()
    (tiny_graph_dir / ".git" / "config.toml").write_text("")
    result = runner.invoke(cli, ["validate", "--graph", str(tiny_graph_dir)])
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: 1 TOML file in a subfolder is not read (a graph is the *.toml files at the top of its "
        f"folder): {tiny_graph_dir / 'extra' / 'more.toml'}\n"
    )


def test_every_command_module_is_wired_into_the_group() -> None:
    import importlib
    import pkgutil

    import planner.cli

    defined = {}
    for module_info in pkgutil.iter_modules(planner.cli.__path__):
        module = importlib.import_module(f"planner.cli.{module_info.name}")
        for command in getattr(module, "COMMANDS", ()):
            defined[command.name] = command
    assert defined == all_commands()
