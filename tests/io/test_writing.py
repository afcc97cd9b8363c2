"""Writes that respect the file system: what is at the path decides how it is written.

Devices are reached through symbolic links in the test folder, never by their own
names: were the fix to break, the link would be replaced, not the machine's device.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import OutputError
from planner.io.writing import atomic_writer, write_atomic


def test_the_file_appears_whole_when_the_block_ends(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"old")
    with atomic_writer(path) as handle:
        handle.write(b"new ")
        assert path.read_bytes() == b"old"
        handle.write(b"lines")
    assert path.read_bytes() == b"new lines"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


@pytest.mark.parametrize("error", [KeyboardInterrupt, ValueError, OSError])
def test_an_error_in_the_block_keeps_the_old_file_and_passes_through(
    tmp_path: Path, error: type[BaseException]
) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"old")
    with pytest.raises(error), atomic_writer(path) as handle:
        handle.write(b"half")
        raise error
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_a_missing_folder_fails_before_the_block_runs(tmp_path: Path) -> None:
    ran = False
    with pytest.raises(OutputError, match=r"folder .* does not exist"), atomic_writer(tmp_path / "no" / "x"):
        ran = True
    assert not ran


def test_write_atomic(tmp_path: Path) -> None:
    write_atomic(tmp_path / "x", b"data")
    assert (tmp_path / "x").read_bytes() == b"data"
