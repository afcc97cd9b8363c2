"""Pace: what was done against what the plan expected, and where that pace leads.

The history is built by hand on the tiny graph (python 10 h, numpy 4, pandas 6, git 2,
eda-report 8: 30 h for Junior ML Engineer), two 2-hour windows a week, 4 h a week.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli
from planner.errors import PlanError
from planner.graph import CareerGraph
from planner.records import Profile
from planner.renderers.pace import pace_sentences
from planner.reports.pace import Forecast, Pace, as_planned, measure_pace, pace_hours

HISTORY = """\
target = "junior-ml-engineer"
start = 2027-01-04
timezone = "UTC"
hours_per_week = 4
known = ["python", "numpy", "git"]

[availability]
mon = ["19:00-21:00"]
thu = ["19:00-21:00"]

[completed]
python = 2027-01-14
numpy = 2027-01-28
git = 2027-02-04
"""
MARCH_1 = "1804204800"  # 2027-03-01T00:00:00Z


@pytest.fixture
def run(tmp_path: Path, tiny_graph_dir: Path) -> Callable[..., Result]:
    profile = tmp_path / "me.toml"
    profile.write_text(HISTORY, encoding="utf-8")

    def invoke(*args: str, epoch: str = MARCH_1) -> Result:
        return CliRunner().invoke(
            cli,
            [args[0], str(profile), *args[1:], "--graph", str(tiny_graph_dir)],
            env={"SOURCE_DATE_EPOCH": epoch},
        )

    return invoke


def test_the_pace_of_a_constructed_history(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    profile = make_profile(
        tiny_graph,
        hours_per_week=4,
        known=["python", "numpy", "git"],
        completed={
            "python": "2027-01-14",
            "numpy": "2027-01-28",
            "git": "2027-02-04",
            "pandas": "2026-12-01",
        },
    )
    pace = measure_pace(tiny_graph, profile, dt.date(2027, 3, 1))
    # the last 8 weeks: 2027-01-05 to 2027-03-01; pandas was done before them
    assert pace == Pace(
        dt.date(2027, 1, 5),
        dt.date(2027, 3, 1),
        16.0,
        ("git", "numpy", "python"),
        start=dt.date(2027, 1, 4),
        done_to_date=16.0,
    )
    assert (pace.days, pace.rate, pace.window) == (56, 2.0, "the last 8 weeks")
    early = measure_pace(tiny_graph, profile, dt.date(2027, 1, 20))
    assert (early.since, early.days, early.enough, early.window) == (
        dt.date(2027, 1, 4),
        17,
        True,
        "the 17 days since 2027-01-04",
    )


def test_the_plan_as_first_made_still_holds_what_was_done_since_its_start(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    profile = make_profile(
        tiny_graph, known=["python", "git"], completed={"python": "2026-12-01", "git": "2027-01-10"}
    )
    assert as_planned(profile).known == ("python",)
    assert as_planned(make_profile(tiny_graph, known=["python"])).known == ("python",)


def test_status_compares_with_the_plan_and_forecasts_the_milestone(run: Callable[..., Result]) -> None:
    result = run("status", "--from", "2027-03-01")
    assert result.exit_code == 0, result.output
    # the plan as made on 2027-01-04: 30 h in 15 two-hour sessions to 2027-02-22, 14 of
    # them in the window. Re-made at 2 h/week from 2027-03-01: pandas and eda-report
    # (14 h) take the Mondays to 2027-04-12, 7 weeks after 2027-02-22.
    assert result.stdout.split("\n\n")[1] == (
        "Pace\n"
        "  since the plan began on 2027-01-04: 16.0 h done, 30.0 h planned by today: 14.0 h behind.\n"
        "  your pace: 2.0 h/week over the last 8 weeks; the plan's: 3.5 h/week over the same days.\n"
        "  at your pace (2.0 h/week over the last 8 weeks) you reach Junior ML Engineer on "
        "2027-04-12, 7 weeks after the plan."
    )


def test_too_little_history_gives_no_forecast(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("status", "--from", "2027-01-10")
    assert (
        "Pace\n  too little history to measure a pace: 7 days since the plan began on 2027-01-04, "
        f"and 14 are needed. Record what you finish with `planner done {tmp_path / 'me.toml'} ID...`.\n"
    ) in result.stdout


def test_nothing_done_in_the_window_gives_no_forecast(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    profile = make_profile(tiny_graph, completed={"git": "2026-01-01"})
    pace = measure_pace(tiny_graph, profile, dt.date(2027, 3, 1))
    assert pace_sentences(pace, ()) == [
        "your pace: 0.0 h/week over the last 8 weeks.",
        "nothing was recorded done in the last 8 weeks, so there is no forecast; record finished "
        "items with `planner done PROFILE ID... --on DATE`.",
    ]


def test_roadmap_pace_plans_at_the_measured_rate(run: Callable[..., Result]) -> None:
    result = run("roadmap", "--pace", "--from", "2027-03-01", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == "planning at your pace: 2.0 h/week over the last 8 weeks (hours_per_week is 4)\n"
    assert '"hours_per_week": 2.0,' in result.stdout
    assert '"date": "2027-04-12",' in result.stdout


def test_roadmap_pace_without_enough_history_is_a_plan_error(run: Callable[..., Result]) -> None:
    result = run("roadmap", "--pace", epoch="1799539200")  # 2027-01-10
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: cannot plan at your pace yet: it is measured over at least 14 days of the plan, and 7 "
        "have passed since 2027-01-04\n"
    )


def test_a_pace_too_slow_to_plan_with_says_so(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    profile = make_profile(tiny_graph, completed={"git": "2027-02-20"})
    pace = measure_pace(tiny_graph, profile, dt.date(2027, 3, 1))
    assert round(pace.rate * 60) == 15  # 2 h over 8 weeks: 15 minutes a week
    forecasts = (Forecast("junior-ml-engineer", "Junior ML Engineer", None, dt.date(2027, 2, 1)),)
    assert pace_sentences(pace, forecasts)[-1] == (
        "at your pace (0.2 h/week over the last 8 weeks) the plan cannot be made: it needs at least "
        "30 minutes a week, and at most 50 years."
    )


def test_roadmap_pace_before_the_plan_starts(run: Callable[..., Result]) -> None:
    result = run("roadmap", "--pace", epoch="1798761600")  # 2027-01-01
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: cannot plan at your pace yet: the plan starts on 2027-01-04, and pace is measured from then\n"
    )


def test_day_one_has_too_little_history_whatever_was_recorded(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """A regression: on the plan's first day, after one `done`, status claimed "your
    pace: 10.0 h/week over the last 8 weeks" and forecast a milestone years away."""
    profile = tmp_path / "me.toml"
    today = dt.datetime.fromtimestamp(int(MARCH_1), dt.UTC).date()  # what the clock says
    profile.write_text(HISTORY.replace("start = 2027-01-04", f"start = {today}"), encoding="utf-8")
    assert run("done", "pandas").exit_code == 0
    pace = run("status").stdout.split("\n\n")[1]
    assert pace == (
        f"Pace\n  too little history to measure a pace: 1 day since the plan began on {today}, "
        f"and 14 are needed. Record what you finish with `planner done {profile} ID...`."
    )
    assert "8 weeks" not in run("status").stdout


def test_without_a_start_there_is_no_history_and_status_says_so(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    """A regression: a profile without ``start`` (the plan begins again every day) was
    measured over the last 8 weeks of [completed], before its plan ever began."""
    profile = dataclasses.replace(
        make_profile(tiny_graph, completed={"python": "2027-02-20", "numpy": "2027-02-27"}), start=None
    )
    pace = measure_pace(tiny_graph, profile, dt.date(2027, 3, 1))
    assert (pace.since, pace.enough) == (dt.date(2027, 3, 1), False)
    assert pace_sentences(pace, (), profile_file="me.toml") == [
        "no pace yet: the profile has no start, so its plan begins again every day and has no history; "
        "add `start = YYYY-MM-DD` (the day you began) to measure your pace from then."
    ]
    with pytest.raises(PlanError, match=r"^cannot plan at your pace: the profile has no start"):
        pace_hours(pace)


def test_the_suggested_command_names_the_profile_quoted_for_the_shell(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    pace = measure_pace(tiny_graph, make_profile(tiny_graph), dt.date(2027, 1, 10))
    (sentence,) = pace_sentences(pace, (), profile_file="my plans/me.toml")
    assert sentence.endswith("Record what you finish with `planner done 'my plans/me.toml' ID...`.")
