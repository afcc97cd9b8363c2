"""``planner done`` says what it counts as known before it writes, asks on a terminal,
and takes ``--yes`` for scripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli, tracking

PROFILE = """\
target = "junior-ml-engineer"
start = 2026-11-23
timezone = "UTC"
hours_per_week = 6
known = ["python"]

[availability]
mon = ["19:00-21:00"]
"""
PREVIEW = (
    "This records in {path}: pandas as known, completed on 2026-11-27.\n"
    "It also counts 1 prerequisite as known, without writing them (what you know implies them): NumPy.\n"
)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def done(profile: Path, graph: Path, *args: str, answer: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["done", str(profile), *args, "--graph", str(graph)], input=answer)


def test_on_a_terminal_done_says_what_it_credits_and_asks_first(
    profile: Path, tiny_graph_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regression: `done torch` credited five prerequisites without a word before."""
    monkeypatch.setattr(tracking, "stdin_is_terminal", lambda: True)
    before = profile.read_text(encoding="utf-8")
    declined = done(profile, tiny_graph_dir, "pandas", answer="n\n")
    assert declined.exit_code == 0, declined.output
    assert declined.stdout == PREVIEW.format(path=profile) + "Record it? [Y/n]: n\nNothing written.\n"
    assert profile.read_text(encoding="utf-8") == before
    accepted = done(profile, tiny_graph_dir, "pandas", answer="\n")
    assert accepted.stdout == PREVIEW.format(path=profile) + f"Record it? [Y/n]: \nRecorded in {profile}.\n"
    assert 'known = ["python", "pandas"]' in profile.read_text(encoding="utf-8")


def test_yes_records_without_asking_and_says_what_it_credited(
    profile: Path, tiny_graph_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tracking, "stdin_is_terminal", lambda: True)
    result = done(profile, tiny_graph_dir, "pandas", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Recorded in {profile}: pandas as known, completed on 2026-11-27.\n"
        "This also counts 1 prerequisite as known, without writing them (what you know implies "
        "them): NumPy.\n"
    )


def test_without_a_terminal_done_never_asks(profile: Path, tiny_graph_dir: Path) -> None:
    result = done(profile, tiny_graph_dir, "pandas")
    assert result.exit_code == 0, result.output
    assert "Record it?" not in result.stdout and result.stdout.startswith(f"Recorded in {profile}: pandas")


def test_nothing_is_asked_when_nothing_more_is_credited(
    profile: Path, tiny_graph_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tracking, "stdin_is_terminal", lambda: True)
    result = done(profile, tiny_graph_dir, "git")
    assert result.stdout == f"Recorded in {profile}: Git as known, completed on 2026-11-27.\n"
