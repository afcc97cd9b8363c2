"""Re-planning end to end: plan, export, record progress, re-plan, re-export.

The re-exported calendar must update the earlier import cleanly: stable UIDs, a higher
SEQUENCE for changed sessions, CANCELLED for the ones that disappeared.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from planner.cli import cli
from tests.paths import ROOT

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
