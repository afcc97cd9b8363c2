"""The committed example outputs under examples/ match what planner produces now.

Regenerate them on purpose with ``PLANNER_REGEN_GOLDEN=1 python -m pytest tests/test_examples.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PROFILES = sorted((EXAMPLES / "profiles").glob("*.*"))
EPOCH = "1798761600"  # 2027-01-01T00:00:00Z: fixes DTSTAMP in the example calendars
REGEN = os.environ.get("PLANNER_REGEN_GOLDEN") == "1"

FORMATS = {"txt": ["roadmap", "--format", "text"], "md": ["roadmap", "--format", "markdown"],
           "json": ["roadmap", "--format", "json"]}


def _run(args: list[str]) -> bytes:
    runner = CliRunner()
    result = runner.invoke(cli, args, env={"SOURCE_DATE_EPOCH": EPOCH}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _compare(path: Path, produced: bytes) -> None:
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(produced)
    assert path.exists(), f"{path} is missing; regenerate with PLANNER_REGEN_GOLDEN=1"
    assert produced == path.read_bytes(), f"{path} is out of date; regenerate with PLANNER_REGEN_GOLDEN=1"


def test_there_are_at_least_four_personas() -> None:
    assert len(PROFILES) >= 4


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_example_roadmap_is_current(profile: Path, suffix: str) -> None:
    produced = _run([*FORMATS[suffix], str(profile)])
    _compare(EXAMPLES / "roadmaps" / f"{profile.stem}.{suffix}", produced)


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_example_calendar_is_current(profile: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    _run(["calendar", str(profile), "-o", str(out)])
    _compare(EXAMPLES / "calendars" / f"{profile.stem}.ics", out.read_bytes())
