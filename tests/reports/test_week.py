"""``planner week``: the next days session by session, with the ids to type."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli

STARTING = """\
name = "Tess"
target = "junior-ml-engineer"
start = 2027-01-04
timezone = "Europe/Berlin"
hours_per_week = 4
known = ["python", "numpy"]
review_days = [3, 10]

[progress]
pandas = 0.5

[availability]
mon = ["19:00-21:00"]
thu = ["19:00-21:00"]
"""

FINISHING = """\
target = "junior-ml-engineer"
start = 2027-01-04
timezone = "Europe/Berlin"
hours_per_week = 4
known = ["pandas", "eda-report"]
review_days = [3, 10]

[availability]
mon = ["19:00-21:00"]
thu = ["19:00-21:00"]

[completed]
eda-report = 2027-01-28
"""


@pytest.fixture
def week(tmp_path: Path, tiny_graph_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """``week(profile_text, *args)``: run ``planner week me.toml`` on the tiny graph."""
    monkeypatch.chdir(tmp_path)

    def run(text: str, *args: str) -> Result:
        Path("me.toml").write_text(text, encoding="utf-8")
        return CliRunner().invoke(cli, ["week", "me.toml", *args, "--graph", str(tiny_graph_dir)])

    return run


def test_the_first_week_session_by_session(week: Callable[..., Result]) -> None:
    result = week(STARTING, "--from", "2027-01-04")
    assert result.exit_code == 0, result.output
    # pandas is half done, so its first session continues it
    assert result.stdout == (
        "Mon 2027-01-04 – Sun 2027-01-10: 3 sessions, 4.0 h of study\n"
        "\n"
        "Mon 2027-01-04\n"
        "  19:00–21:00  continue  pandas                   1.0 h left\n"
        "\n"
        "Thu 2027-01-07\n"
        "  19:00–20:00  finish    pandas                         done\n"
        "  20:00–21:00  first     EDA report [eda-report]  7.0 h left\n"
        "\n"
        "Next milestone: Junior ML Engineer, reached 2027-01-25\n"
        "\n"
        "Record what you finish: planner done me.toml ID...\n"
    )


def test_reviews_and_what_is_overdue(week: Callable[..., Result]) -> None:
    result = week(FINISHING, "--from", "2027-02-01")
    assert result.exit_code == 0, result.output
    # eda-report's first review fell due on 2027-01-31, before these days: it is past
    assert result.stdout == (
        "Mon 2027-02-01 – Sun 2027-02-07: 2 sessions, 2.0 h of study and 0.5 h of review\n"
        "\n"
        "Mon 2027-02-01\n"
        "  19:00–21:00  whole       Git  done\n"
        "\n"
        "Thu 2027-02-04\n"
        "  19:00–19:30  review 1/2  Git\n"
        "\n"
        "Overdue: 1 item, 2 h planned before 2027-02-01, not done\n"
        "  Git: 2 h since 2027-01-18\n"
        "\n"
        "Next milestone: Junior ML Engineer, reached 2027-02-01\n"
        "\n"
        "Record what you finish: planner done me.toml ID...\n"
    )
    assert week(FINISHING, "--from", "2027-02-01", "--days", "3").stdout.startswith(
        "Mon 2027-02-01 – Wed 2027-02-03: 1 session, 2.0 h of study\n\n"
        "Mon 2027-02-01\n  19:00–21:00  whole  Git  done\n\n"
    )


def test_days_before_the_plan_say_when_it_starts(week: Callable[..., Result]) -> None:
    result = week(STARTING, "--from", "2026-12-01", "--days", "2")
    assert result.stdout == (
        "Tue 2026-12-01 – Wed 2026-12-02: no sessions\n"
        "\n"
        "Nothing planned these days. Next: Mon 2027-01-04 19:00–21:00, pandas\n"
        "\n"
        "Next milestone: Junior ML Engineer, reached 2027-01-25\n"
    )


def test_after_the_last_session_the_next_review_is_shown(week: Callable[..., Result]) -> None:
    known = FINISHING.replace('known = ["pandas", "eda-report"]', 'known = ["eda-report", "git"]')
    assert week(known, "--from", "2027-02-01").stdout == (
        "Mon 2027-02-01 – Sun 2027-02-07: no sessions\n"
        "\n"
        "Nothing planned these days. Next: Mon 2027-02-08 19:00–19:30, review 2/2 of EDA report "
        "[eda-report]\n"
        "\n"
        "Next milestone: Junior ML Engineer, reached 2027-02-01\n"
    )


def test_nothing_left(week: Callable[..., Result]) -> None:
    reached = (
        'target = "junior-ml-engineer"\ncurrent_stage = "junior-ml-engineer"\nhours_per_week = 4\n'
        '[availability]\nmon = ["19:00-21:00"]\n'
    )
    assert week(reached, "--from", "2027-02-01").stdout == (
        "Mon 2027-02-01 – Sun 2027-02-07: no sessions\n"
        "\n"
        "Nothing planned: every requirement of the target is known.\n"
    )


def test_days_out_of_range_is_a_usage_error(week: Callable[..., Result]) -> None:
    result = week(STARTING, "--days", "0")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Invalid value for '--days': 0 is not in the range 1<=x<=31.\n")
