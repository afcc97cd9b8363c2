"""``planner status``: progress per stage, the next sessions, and what is overdue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from planner.cli import cli
from planner.graph import load_graph
from planner.planning import make_plan
from planner.profile import load_profile
from planner.renderers.status import render_status
from planner.renderers.terminal import Terminal
from planner.reports.status import make_status
from planner.scheduling import Availability, schedule_plan

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
    result = CliRunner().invoke(cli, ["status", str(profile), "--graph", str(graph), *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_status_shows_hours_per_stage_next_sessions_and_nothing_overdue_at_the_start(
    tmp_path: Path,
    tiny_graph_dir: Path,
) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    out = status(profile, tiny_graph_dir, "--from", "2027-01-04", "-n", "2")
    # both stages need python 10, git 2, numpy 4, pandas 6, eda-report 8 = 30 h;
    # done: python 10 and half of numpy 2
    assert out == (
        "Progress by stage\n"
        "  Junior ML Engineer  ████████░░░░░░░░░░░░  40.0%  12.0 / 30.0 h\n"
        "  ML Engineer         ████████░░░░░░░░░░░░  40.0%  12.0 / 30.0 h\n"
        "\n"
        "Pace\n"
        "  too little history to measure a pace: 1 day since the plan began on 2027-01-04, and 14 are "
        f"needed. Record what you finish with `planner done {profile} ID...`.\n"
        "\n"
        "Next sessions\n"
        "  Mon 2027-01-04 19:00–21:00  NumPy   1/1\n"
        "  Thu 2027-01-07 19:00–21:00  pandas  1/3\n"
        "\n"
        "Overdue\n"
        "  nothing overdue\n"
    )


def test_sessions_planned_in_the_past_for_unfinished_items_are_overdue(
    tmp_path: Path,
    tiny_graph_dir: Path,
) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    out = status(profile, tiny_graph_dir, "--from", "2027-02-01")
    overdue = out.split("Overdue\n", 1)[1]
    assert overdue == (
        "  NumPy: 1 session, 2 h planned since 2027-01-04, not done\n"
        "  pandas: 3 sessions, 6 h planned since 2027-01-07, not done\n"
        "  EDA report [eda-report]: 4 sessions, 8 h planned since 2027-01-18, not done\n"
        f"  Record what you finished: planner done {profile} ID... --on DATE\n"
    )
    # once recorded as done, the item is no longer overdue
    result = CliRunner().invoke(cli, ["done", str(profile), "git", "numpy", "--graph", str(tiny_graph_dir)])
    assert result.exit_code == 0
    after = status(profile, tiny_graph_dir, "--from", "2027-02-01").split("Overdue\n", 1)[1]
    assert "Git" not in after and "NumPy" not in after


def test_reviews_are_among_the_next_sessions(tmp_path: Path, tiny_graph_dir: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE.replace('known = ["python"]', 'known = ["python"]\nreview_days = [3]'))
    out = status(profile, tiny_graph_dir, "--from", "2027-01-04", "-n", "13")
    # study fills every window up to hours_per_week until it ends on 2027-02-01, so the
    # reviews (due 3 days after each item) take the first time it leaves free
    assert out.split("Next sessions\n", 1)[1].split("\n\n")[0].splitlines()[-5:] == [
        "  Mon 2027-02-01 19:00–21:00  Git                      1/1",
        "  Thu 2027-02-04 19:00–19:30  NumPy                    review 1/1",
        "  Thu 2027-02-04 19:30–20:00  pandas                   review 1/1",
        "  Thu 2027-02-04 20:00–20:30  EDA report [eda-report]  review 1/1",
        "  Thu 2027-02-04 20:30–21:00  Git                      review 1/1",
    ]


def test_one_bar_style_unicode_in_a_pipe_ascii_under_no_color_or_a_dumb_terminal(
    tmp_path: Path, tiny_graph_dir: Path
) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    piped = status(profile, tiny_graph_dir, "--from", "2027-01-04")
    assert "████████░░░░░░░░░░░░" in piped and "\x1b[" not in piped
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        out = status(profile, tiny_graph_dir, "--from", "2027-01-04", env=env)
        assert "  Junior ML Engineer  ########............  40.0%  12.0 / 30.0 h\n" in out
        assert "Mon 2027-01-04 19:00-21:00" in out
        assert out.isascii()


def test_bars_are_coloured_on_a_terminal(tmp_path: Path, tiny_graph_dir: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    graph = load_graph(tiny_graph_dir)
    person = load_profile(profile, graph=graph)
    sched = schedule_plan(
        make_plan(graph, person), Availability.from_profile(person), start=dt.date(2027, 1, 4)
    )
    result = make_status(graph, person, original=sched, replanned=sched, today=dt.date(2027, 1, 4))
    coloured = render_status(result, terminal=Terminal(tty=True))
    assert "\x1b[32m████████\x1b[0m\x1b[2m░░░░░░░░░░░░\x1b[0m" in coloured
    assert "\x1b[" not in render_status(result, terminal=Terminal(tty=True, no_color=True))
    assert "\x1b[" not in render_status(result)
