"""The committed example outputs under examples/ match what planner produces now.

Regenerate them on purpose with ``PLANNER_REGEN_GOLDEN=1 python -m pytest tests/test_examples.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from tests.golden import REGEN, check_golden
from tests.paths import EXAMPLES

PROFILES = sorted((EXAMPLES / "profiles").glob("*.*"))
EPOCH = "1798761600"  # 2027-01-01T00:00:00Z: fixes DTSTAMP in the example calendars

FORMATS = {
    "txt": ["roadmap", "--format", "text"],
    "md": ["roadmap", "--format", "markdown"],
    "json": ["roadmap", "--format", "json"],
}


def _run(args: list[str]) -> bytes:
    runner = CliRunner()
    result = runner.invoke(cli, args, env={"SOURCE_DATE_EPOCH": EPOCH}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_there_are_at_least_four_personas() -> None:
    assert len(PROFILES) >= 4


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_example_roadmap_is_current(profile: Path, suffix: str) -> None:
    produced = _run([*FORMATS[suffix], str(profile)])
    check_golden(EXAMPLES / "roadmaps" / f"{profile.stem}.{suffix}", produced)


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_example_calendar_is_current(profile: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    _run(["calendar", str(profile), "-o", str(out)])
    check_golden(EXAMPLES / "calendars" / f"{profile.stem}.ics", out.read_bytes())


COHORT = EXAMPLES / "cohort"
COHORT_SIZE = 300
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.slow  # plans a class of 300
def test_example_cohort_its_summary_and_heat_map_are_current(tmp_path: Path) -> None:
    """examples/cohort/: a generated class, its summary, and its heat map (redrawn with
    Graphviz on regeneration; checked here by the colour class of every node)."""
    import re
    import shutil
    import xml.etree.ElementTree as ET

    from planner.usecases import open_graph
    from tests.usecases.cohort.profiles import cohort_lines

    lines = "".join(f"{line}\n" for line in cohort_lines(open_graph().graph, COHORT_SIZE, seed=2026))
    check_golden(COHORT / "cohort.jsonl", lines.encode("utf-8"))
    summary = tmp_path / "summary.json"
    _run(
        [
            "batch",
            str(COHORT / "cohort.jsonl"),
            "-o",
            str(tmp_path / "results.jsonl"),
            "--summary",
            str(summary),
        ]
    )
    check_golden(COHORT / "summary.json", summary.read_bytes())

    picture = COHORT / "heat-map.svg"
    if REGEN and shutil.which("dot"):
        picture.write_bytes(_run(["graph", "--cohort", str(COHORT / "summary.json"), "--format", "svg"]))
    dot = _run(["graph", "--cohort", str(COHORT / "summary.json")]).decode("utf-8")
    drawn = dict(re.findall(r'^ +"([^"]+)" \[label=.*? class="([^"]+)"', dot, flags=re.M))
    assert picture.exists(), f"{picture} is missing; regenerate with PLANNER_REGEN_GOLDEN=1"
    groups = {
        g.get("id"): g.get("class")
        for g in ET.parse(picture).getroot().iter(f"{SVG}g")
        if "node" in (g.get("class") or "").split()
    }
    assert groups == {node: f"node {classes}" for node, classes in drawn.items()}, (
        f"{picture} is out of date; regenerate with PLANNER_REGEN_GOLDEN=1"
    )
