"""Re-planning end to end: plan, export, record progress, re-plan, re-export.

The re-exported calendar must update the earlier import cleanly. Our own checks run
everywhere; where the team's iCalendar checker is available beside the checkout
(``../shared/tools/ics_check.py`` with its parsers installed), the sequence is also
imported into a real calendar client (khal) through it.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from planner.cli import cli
from tests.paths import ROOT

CHECKER = ROOT.parent / "shared" / "tools" / "ics_check.py"
EPOCH = {"SOURCE_DATE_EPOCH": "1798761600"}


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args), env=EPOCH)
    assert result.exit_code == 0, result.output


def events(path: Path) -> dict[str, dict[str, str]]:
    cal = Calendar.from_ical(path.read_bytes())
    return {
        str(ev["UID"]): {
            "start": ev["DTSTART"].to_ical().decode(),
            "sequence": str(ev.get("SEQUENCE", 0)),
            "status": str(ev.get("STATUS", "")),
            "item": str(ev.get("X-PLANNER-ITEM", "")),
        }
        for ev in cal.walk("VEVENT")
    }


@pytest.fixture(scope="module")
def sequence(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("replan")
    profile = work / "me.toml"
    shutil.copy(ROOT / "examples" / "profiles" / "marco.toml", profile)
    first, second = work / "plan.ics", work / "plan-2.ics"
    run("calendar", str(profile), "-o", str(first))
    run("done", str(profile), "python", "pytorch")
    run("calendar", str(profile), "-o", str(second), "--previous", str(first), "--from", "2027-06-01")
    return first, second


def test_the_update_keeps_every_uid_and_the_past(sequence: tuple[Path, Path]) -> None:
    first, second = (events(p) for p in sequence)
    assert set(first) <= set(second)
    cutoff = "20270601"
    for uid, old in first.items():
        new = second[uid]
        if old["start"][:8] < cutoff:  # ended before the re-plan: kept as it was
            assert new == old
        else:
            assert int(new["sequence"]) >= int(old["sequence"])
            if new["start"] != old["start"] or new["status"] != old["status"]:
                assert int(new["sequence"]) > int(old["sequence"])


def test_finished_items_are_cancelled_from_the_replan_on(sequence: tuple[Path, Path]) -> None:
    second = events(sequence[1])
    future = [e for e in second.values() if e["item"] == "pytorch" and e["start"][:8] >= "20270601"]
    assert future and all(e["status"] == "CANCELLED" for e in future)
    live = [e for e in second.values() if e["status"] == "CONFIRMED" and e["start"][:8] >= "20270601"]
    assert not {e["item"] for e in live} & {"python", "pytorch"}


def _checker_ready() -> str | None:
    if not CHECKER.exists():
        return "the team's ics_check.py is not beside this checkout"
    venv = Path.home() / ".cache" / "ics-check-venv" / "bin" / "python"
    if not venv.exists() and not all(importlib.util.find_spec(m) for m in ("vobject", "ics", "khal")):
        return "ics_check.py's parsers and khal are not installed (run ics_check_setup.sh)"
    return None


@pytest.mark.slow  # a real calendar client imports both files
@pytest.mark.skipif(_checker_ready() is not None, reason=str(_checker_ready()))
def test_the_update_imports_cleanly_into_khal(sequence: tuple[Path, Path]) -> None:
    first, second = sequence
    proc = subprocess.run(
        [sys.executable, str(CHECKER), str(second), "--previous", str(first), "--no-radicale"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    summary = proc.stdout.strip().splitlines()[-1]
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert re.fullmatch(r"ics_check: \d+ passed, 0 failed .*", summary), summary
    assert "PASS khal.import" in proc.stdout and "PASS reimport.sequence" in proc.stdout
