"""Following a plan day by day: what is next is never in the past, the week on a Sunday,
hours the windows cannot hold, and a pace that needs a plan's own history; recording
what is done; and ``edit_profile``, the profile use case behind the web app's form.

The tiny graph: python 10 h, numpy 4, pandas 6, git 2, eda-report 8 (30 h for Junior
ML Engineer). Lena studies on Tuesday evenings and Saturday and Sunday mornings in
Berlin; her plan began on Monday 2027-03-01.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import planner
from planner import ProfileError, edit_profile, load_profile
from planner.cli import cli
from planner.graph import CareerGraph
from planner.profile.editing import ProgressUpdate
from planner.records import Profile
from planner.scheduling import Session
from planner.usecases import progress
from tests.conftest import TINY_GRAPH, graph_of, profile_of
from tests.paths import EXAMPLES

BERLIN = ZoneInfo("Europe/Berlin")
WINDOWS = {"tue": ["19:00-21:00"], "sat": ["08:00-12:00"], "sun": ["10:00-12:00"]}


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def lena(make_profile: Callable[..., Profile], graph: CareerGraph, **values: object) -> Profile:
    fields = {
        "name": "Lena",
        "start": dt.date(2027, 3, 1),
        "timezone": "Europe/Berlin",
        "hours_per_week": 8,
        "availability": WINDOWS,
        **values,
    }
    return make_profile(graph, **fields)


SATURDAY_NIGHT = berlin(2027, 3, 6, 22, 9)


def test_at_22_09_on_a_saturday_the_mornings_session_is_not_next(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    """A regression: the roadmap, status and week named that morning's 08:00 session as
    what to do next."""
    profile = lena(make_profile, tiny_graph)
    roadmap = planner.roadmap(profile, graph=tiny_graph, now=SATURDAY_NIGHT)
    assert roadmap.schedule.sessions[0].start == berlin(2027, 3, 7, 10, 0)
    assert "Next: Sun 2027-03-07 10:00–12:00, Python" in roadmap.render("text")
    status = planner.status(profile, graph=tiny_graph, now=SATURDAY_NIGHT)
    assert status.upcoming[0].start == berlin(2027, 3, 7, 10, 0)
    week = planner.week(profile, graph=tiny_graph, now=SATURDAY_NIGHT)
    assert [p.session.start for p in week.sessions] == [berlin(2027, 3, 7, 10, 0)]
    # the morning's session of the plan as made is overdue tonight (with Tuesday's), not lost
    assert [(o.item, o.sessions, o.hours) for o in status.overdue] == [("python", 2, 6.0)]
    assert "Overdue: 1 item, 6 h planned before now, not done" in week.render("text")


def test_nothing_is_overdue_on_the_plans_first_day(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    """`planner init` at 22:09 writes today as the start: the morning's window, before
    the plan existed, is not overdue that night; from the next day on, it would be."""
    profile = lena(make_profile, tiny_graph, start=dt.date(2027, 3, 6))
    assert planner.status(profile, graph=tiny_graph, now=SATURDAY_NIGHT).overdue == ()
    assert planner.week(profile, graph=tiny_graph, now=SATURDAY_NIGHT).overdue == ()
    sunday = planner.status(profile, graph=tiny_graph, now=berlin(2027, 3, 7, 20, 0))
    assert [(o.item, o.since) for o in sunday.overdue] == [("python", dt.date(2027, 3, 6))]


def test_a_day_given_is_taken_whole(tiny_graph: CareerGraph, make_profile: Callable[..., Profile]) -> None:
    profile = lena(make_profile, tiny_graph, start=dt.date(2027, 3, 6))
    week = planner.week(profile, graph=tiny_graph, now=SATURDAY_NIGHT, start=dt.date(2027, 3, 6))
    assert week.sessions[0].session.start == berlin(2027, 3, 6, 8, 0)
    roadmap = planner.roadmap(profile, graph=tiny_graph, now=SATURDAY_NIGHT, start=dt.date(2027, 3, 6))
    assert roadmap.schedule.sessions[0].start == berlin(2027, 3, 6, 8, 0)


@settings(max_examples=25)
@given(st.integers(min_value=0, max_value=14 * 24 * 60 - 1))
def test_nothing_shown_as_ahead_has_ended(minutes: int) -> None:
    """Whatever the moment, the roadmap, status and week list no session over by then."""
    graph = graph_of(("tiny.toml", TINY_GRAPH))
    profile = profile_of(graph, start=dt.date(2027, 3, 1), timezone="Europe/Berlin", availability=WINDOWS)
    now = berlin(2027, 3, 1) + dt.timedelta(minutes=minutes)
    ahead: list[Session] = [
        *planner.roadmap(profile, graph=graph, now=now).schedule.sessions,
        *planner.status(profile, graph=graph, now=now).upcoming,
        *(p.session for p in planner.week(profile, graph=graph, now=now).sessions),
    ]
    assert ahead and all(s.end > now for s in ahead)


def test_on_a_sunday_the_week_runs_to_the_end_of_the_next(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    """A regression: on a Sunday, `planner week` showed that Sunday alone."""
    profile = lena(make_profile, tiny_graph)
    sunday = planner.week(profile, graph=tiny_graph, now=berlin(2027, 3, 7, 9, 0))
    assert (sunday.first, sunday.last) == (dt.date(2027, 3, 7), dt.date(2027, 3, 14))
    assert sunday.render("text").startswith("Sun 2027-03-07 – Sun 2027-03-14: 4 sessions")
    monday = planner.week(profile, graph=tiny_graph, now=berlin(2027, 3, 8, 9, 0))
    assert (monday.first, monday.last) == (dt.date(2027, 3, 8), dt.date(2027, 3, 14))
    saturday = planner.week(profile, graph=tiny_graph, now=berlin(2027, 3, 13, 7, 0))
    assert (saturday.first, saturday.last) == (dt.date(2027, 3, 13), dt.date(2027, 3, 14))
    two = planner.week(profile, graph=tiny_graph, now=berlin(2027, 3, 7, 9, 0), days=2)
    assert (two.first, two.last) == (dt.date(2027, 3, 7), dt.date(2027, 3, 8))


HOURS_WARNING = (
    "hours_per_week = 20, but the availability windows hold only 8 h a week, so the plan uses "
    "8 h/week: add windows, or set hours_per_week = 8."
)


def test_hours_the_windows_cannot_hold_are_warned_about_and_the_real_hours_shown(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    """A regression: 20 h a week with 8 h of windows was accepted silently, and the
    roadmap's header said "20 h/week"."""
    profile = lena(make_profile, tiny_graph, hours_per_week=20)
    now = berlin(2027, 2, 1, 12, 0)
    roadmap = planner.roadmap(profile, graph=tiny_graph, now=now)
    assert roadmap.warnings == (HOURS_WARNING,)
    assert "Start 2027-03-01 · 8 h/week · Europe/Berlin" in roadmap.render("text")
    assert "8 h/week · Europe/Berlin" in roadmap.render("markdown")
    assert planner.status(profile, graph=tiny_graph, now=now).warnings == (HOURS_WARNING,)
    assert planner.week(profile, graph=tiny_graph, now=now).to_dict()["warnings"] == [HOURS_WARNING]
    fits = lena(make_profile, tiny_graph, hours_per_week=6)
    assert planner.roadmap(fits, graph=tiny_graph, now=now).warnings == ()
    assert "Start 2027-03-01 · 6 h/week" in planner.roadmap(fits, graph=tiny_graph, now=now).render("text")


def test_the_command_line_warns_on_standard_error(tmp_path: Path, tiny_graph_dir: Path) -> None:
    profile = tmp_path / "lena.toml"
    profile.write_text(
        'target = "junior-ml-engineer"\nstart = 2027-03-01\ntimezone = "Europe/Berlin"\n'
        'hours_per_week = 20\n\n[availability]\ntue = ["19:00-21:00"]\nsat = ["08:00-12:00"]\n'
        'sun = ["10:00-12:00"]\n',
        encoding="utf-8",
    )
    for command in ("roadmap", "status", "week", "calendar"):
        extra = ["-o", str(tmp_path / "plan.ics")] if command == "calendar" else []
        result = CliRunner().invoke(cli, [command, str(profile), *extra, "--graph", str(tiny_graph_dir)])
        assert result.exit_code == 0, result.output
        assert f"warning: {HOURS_WARNING}" in " ".join(result.stderr.split()), command


def test_done_shows_the_change_to_confirm_before_it_writes(tmp_path: Path, tiny_graph: CareerGraph) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text(
        'target = "junior-ml-engineer"\ntimezone = "UTC"\nhours_per_week = 6\n\n'
        '[availability]\nmon = ["19:00-21:00"]\n',
        encoding="utf-8",
    )
    before = profile.read_bytes()
    seen: list[tuple[tuple[str, ...], tuple[str, ...], bytes]] = []

    def refuse(update: ProgressUpdate) -> bool:
        seen.append((update.marked, update.implied, profile.read_bytes()))
        return False

    now = berlin(2027, 3, 1, 12, 0)
    update = planner.done(profile, ["pandas"], graph=tiny_graph, now=now, confirm=refuse)
    assert seen == [(("pandas",), ("numpy", "python"), before)]  # asked before anything was written
    assert update.implied == ("numpy", "python") and profile.read_bytes() == before
    planner.done(profile, ["pandas"], graph=tiny_graph, now=now, confirm=lambda _: True)
    assert b"pandas = 2027-03-01" in profile.read_bytes()


# --- edit_profile ---------------------------------------------------------------------


@pytest.fixture
def marco(tmp_path: Path) -> Path:
    path = tmp_path / "marco.toml"
    shutil.copy(EXAMPLES / "profiles" / "marco.toml", path)
    return path


def test_an_edit_is_written_in_place_with_the_comments(marco: Path) -> None:
    before = marco.read_text(encoding="utf-8")
    result = edit_profile(marco, {"hours_per_week": 12}, learned=["numpy"])
    assert result.changed == ("hours_per_week", "known")
    after = marco.read_text(encoding="utf-8")
    assert after == result.text
    assert after.splitlines()[:2] == before.splitlines()[:2]  # the comments
    assert after.replace("hours_per_week = 12", "hours_per_week = 15").replace(', "numpy"]', "]") == before
    profile = load_profile(marco)
    assert profile.hours_per_week == 12 and "numpy" in profile.known
    assert result.profile == profile


def test_an_invalid_edit_writes_nothing_and_says_what_the_cli_says(marco: Path, tmp_path: Path) -> None:
    before = marco.read_bytes()
    with pytest.raises(ProfileError) as caught:
        edit_profile(marco, {"hours_per_week": 500})
    assert caught.value.key == "hours_per_week"
    same = tmp_path / "same.toml"
    same.write_text(before.decode().replace("hours_per_week = 15", "hours_per_week = 500"))
    with pytest.raises(ProfileError) as cli:
        load_profile(same)
    assert caught.value.detail == cli.value.detail
    assert marco.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["marco.toml", "same.toml"]  # no lock or temp left


def test_an_edit_that_changes_nothing_does_not_touch_the_file(marco: Path) -> None:
    inode = marco.stat().st_ino
    result = edit_profile(marco, {"hours_per_week": 15, "name": "Marco"})
    assert result.changed == ()
    assert marco.stat().st_ino == inode


def test_an_invalid_file_is_fixed_by_an_edit(marco: Path) -> None:
    marco.write_text(marco.read_text().replace("hours_per_week = 15", 'hours_per_week = "lots"'))
    with pytest.raises(ProfileError):
        edit_profile(marco, {"name": "Marco"})
    edit_profile(marco, {"hours_per_week": 9})
    assert load_profile(marco).hours_per_week == 9


def test_a_read_only_file_is_refused(marco: Path) -> None:
    marco.chmod(stat.S_IRUSR)
    try:
        if os.access(marco, os.W_OK):  # root writes anyway
            pytest.skip("running as root")
        with pytest.raises(ProfileError, match="read-only"):
            edit_profile(marco, {"hours_per_week": 9})
    finally:
        marco.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_the_file_is_written_under_the_lock_that_done_takes(
    marco: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression guard: two writers (the form and ``done``) must wait for each other."""
    seen: list[bool] = []
    write = progress.write_atomic

    def checking(path: Path, data: bytes, **kwargs: Any) -> None:
        seen.append((path.parent / f".{path.name}.lock").exists())
        write(path, data, **kwargs)

    monkeypatch.setattr(progress, "write_atomic", checking)
    edit_profile(marco, {"hours_per_week": 11})
    assert seen == [True]
