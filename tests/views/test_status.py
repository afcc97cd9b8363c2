"""``planner status``: progress per stage, the next sessions, and what is overdue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from planner.cli import cli
from planner.graph import load_graph
from planner.planning import make_plan
from planner.profile import load_profile
from planner.scheduling import Availability, schedule_plan
from planner.views.status import make_status, render_status

PROFILE = """\
name = "Tess"
target = "ml-engineer"
start = 2027-01-04
timezone = "UTC"
hours_per_week = 4
known = ["python"]

[progress]
numpy = 0.5

[availability]
mon = ["19:00-21:00"]
thu = ["19:00-21:00"]
"""


def status(profile: Path, graph: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(cli, ["status", str(profile), "--graph", str(graph), *args],
                                env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_status_shows_hours_per_stage_next_sessions_and_nothing_overdue_at_the_start(
    tmp_path: Path, tiny_graph_dir: Path,
) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    out = status(profile, tiny_graph_dir, "--from", "2027-01-04", "-n", "2")
    # both stages need python 10, git 2, numpy 4, pandas 6, eda-report 8 = 30 h;
    # done: python 10 and half of numpy 2
    assert "  Junior ML Engineer         [##########..............]  40.0%  12.0 / 30.0 h" in out
    assert "  ML Engineer                [##########..............]  40.0%  12.0 / 30.0 h" in out
    assert "Next sessions\n  Mon 2027-01-04 19:00-21:00  " in out
    assert out.count("19:00-21:00") == 2
    assert "Overdue\n  nothing overdue" in out


def test_sessions_planned_in_the_past_for_unfinished_items_are_overdue(
    tmp_path: Path, tiny_graph_dir: Path,
) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    out = status(profile, tiny_graph_dir, "--from", "2027-02-01")
    overdue = out.split("Overdue\n", 1)[1]
    assert "nothing overdue" not in overdue
    assert "planned since 2027-01-04, not done" in overdue
    # once recorded as done, the item is no longer overdue
    result = CliRunner().invoke(cli, ["done", str(profile), "git", "numpy",
                                      "--graph", str(tiny_graph_dir)])
    assert result.exit_code == 0
    after = status(profile, tiny_graph_dir, "--from", "2027-02-01").split("Overdue\n", 1)[1]
    assert "Git:" not in after and "Numpy:" not in after


def test_bars_are_plain_without_a_terminal_and_with_no_color(tmp_path: Path, tiny_graph_dir: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    for env in (None, {"NO_COLOR": "1"}):
        out = status(profile, tiny_graph_dir, "--from", "2027-01-04", env=env)
        assert "\x1b[" not in out and "#" in out


def test_bars_are_coloured_on_a_terminal(tmp_path: Path, tiny_graph_dir: Path) -> None:

    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)


    graph = load_graph(tiny_graph_dir)
    person = load_profile(profile, graph)
    sched = schedule_plan(make_plan(graph, person), Availability.from_profile(person),
                          start=dt.date(2027, 1, 4))
    result = make_status(graph, person, original=sched, replanned=sched, today=dt.date(2027, 1, 4))
    coloured = render_status(result, color=True)
    assert "\x1b[32m" in coloured and "█" in coloured
    assert "\x1b[" not in render_status(result, color=False)
