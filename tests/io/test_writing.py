"""Writes that respect the file system: what is at the path decides how it is written.

Devices are reached through symbolic links in the test folder, never by their own
names: were the fix to break, the link would be replaced, not the machine's device.
"""

from __future__ import annotations

import contextlib
import errno
import os
import resource
from collections.abc import Callable, Iterator
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


# --- a file with several hard links is rewritten in place: a failed write changes nothing -----


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    path, other = tmp_path / "me.toml", tmp_path / "other.toml"
    path.write_bytes(b"x = 1\n" * 1000)
    os.link(path, other)
    return path, other


@contextlib.contextmanager
def file_size_limit(size: int) -> Iterator[None]:
    """RLIMIT_FSIZE at ``size`` bytes (Python ignores SIGXFSZ: a write past it fails with EFBIG)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


@pytest.mark.parametrize("growth", [1, 4096, 100_000])
def test_a_file_size_limit_leaves_a_linked_file_as_it_was(linked: tuple[Path, Path], growth: int) -> None:
    """Regression: the reservation's error was swallowed, the write went ahead, and the
    profile was cut at the limit."""
    path, other = linked
    before = path.read_bytes()
    with pytest.raises(OutputError, match=r"cannot write .*: File too large"), file_size_limit(len(before)):
        write_atomic(path, b"# new\n" + before + b"#" * growth, keep_links=True)
    assert path.read_bytes() == before
    assert os.path.samefile(path, other)


@pytest.mark.parametrize("failing", ["posix_fallocate", "pwrite"])
def test_a_full_disk_leaves_a_linked_file_as_it_was(
    linked: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A full disk, found by the reservation or (where a file system cannot reserve) by
    writing the new tail, fails before the old bytes are touched."""
    path, other = linked
    before = path.read_bytes()

    def fails(code: int) -> Callable[..., None]:
        def call(*args: object) -> None:
            raise OSError(code, os.strerror(code))

        return call

    if failing == "pwrite":  # a file system that cannot reserve space
        monkeypatch.setattr(os, "posix_fallocate", fails(errno.EOPNOTSUPP))
    monkeypatch.setattr(os, failing, fails(errno.ENOSPC))
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(path, b"# new\n" + before, keep_links=True)
    assert path.read_bytes() == before == other.read_bytes()


def test_a_failure_while_overwriting_puts_the_old_bytes_back(
    linked: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, other = linked
    before = path.read_bytes()
    real = os.pwrite
    calls = []

    def failing_once(fd: int, data: bytes, offset: int) -> int:
        calls.append(offset)
        if len(calls) == 1:  # the first overwrite of the old bytes: half of it, then an error
            real(fd, bytes(data)[:10], offset)
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(fd, data, offset)

    monkeypatch.setattr(os, "pwrite", failing_once)
    with pytest.raises(OutputError, match="Input/output error"):
        write_atomic(path, b"y" * 100, keep_links=True)
    assert path.read_bytes() == before == other.read_bytes()


@pytest.mark.parametrize("size", [0, 10, 6000, 6001, 50_000])
def test_a_linked_file_is_rewritten_in_place_whatever_the_new_size(
    linked: tuple[Path, Path], size: int
) -> None:
    path, other = linked
    inode = path.stat().st_ino
    write_atomic(path, b"z" * size, keep_links=True)
    assert path.read_bytes() == other.read_bytes() == b"z" * size
    assert path.stat().st_ino == inode
