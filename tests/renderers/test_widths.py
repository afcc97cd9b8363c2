"""Every terminal output fits 60, 80 and 120 columns: names clipped with an ellipsis,
prose wrapped at word boundaries, ids whole, no line wider than the terminal.

The outputs are golden files under ``tests/golden/widths/``; regenerate them on purpose
with ``PLANNER_REGEN_GOLDEN=1 python -m pytest tests/renderers/test_widths.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.renderers.terminal import cells
from tests.golden import check_golden
from tests.paths import DATA

GRAPH = DATA / "long-names"
GOLDEN = Path(__file__).resolve().parent / "golden" / "widths"

PROFILE = """\
name = "Tess"
target = "ml-engineer"
start = 2027-01-04
timezone = "Europe/Berlin"
hours_per_week = 6
known = ["python"]
deadline = 2027-04-30
review_days = [7, 30]

[availability]
mon = ["19:00-21:00"]
thu = ["19:00-21:00"]
sat = ["09:00-12:00"]

[completed]
python = 2027-01-10
"""

COMMANDS = {
    "roadmap": ["roadmap", "me.toml"],
    "gaps": ["gaps", "me.toml"],
    "stages": ["stages"],
    "skills": ["skills"],
    "status": ["status", "me.toml", "--from", "2027-03-01"],
    "week": ["week", "me.toml", "--from", "2027-03-01"],
    "explain": ["explain", "torch", "--profile", "me.toml"],
}


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_fits_the_terminal(
    command: str, width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("me.toml").write_text(PROFILE, encoding="utf-8")
    result = CliRunner().invoke(cli, [*COMMANDS[command], "--graph", str(GRAPH)], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    widest = max([*result.stdout.splitlines(), *result.stderr.splitlines()], key=cells)
    assert cells(widest) <= width, widest  # warnings on standard error fit too
    check_golden(GOLDEN / f"{command}-{width}.txt", result.stdout)


def test_a_pipe_without_columns_gets_full_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("me.toml").write_text(PROFILE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["skills", "--graph", str(GRAPH)])
    assert (
        "Automated hyperparameter optimization (Bayesian search, Hyperband, population-based training)\n"
    ) in result.stdout
