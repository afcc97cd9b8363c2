"""``edit_profile``: the profile use case behind the web app's form."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from planner import ProfileError, edit_profile, load_profile
from planner.usecases import progress
from tests.paths import EXAMPLES


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
