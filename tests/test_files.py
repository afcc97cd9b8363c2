"""Writes that respect the file system: what is at the path decides how it is written.

Devices are reached through symbolic links in the test folder, never by their own
names: were the fix to break, the link would be replaced, not the machine's device.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from planner.errors import OptionError, OutputError
from planner.files import edit_lock, edit_problem, refuse_inputs, write_atomic


def test_a_character_device_is_written_into(tmp_path: Path) -> None:
    """Regression: `-o /dev/null` (as root) replaced the device with a regular file."""
    null = tmp_path / "null"
    null.symlink_to("/dev/null")
    write_atomic(null, b"data")
    assert null.is_symlink() and stat.S_ISCHR(os.stat(null).st_mode)
    assert list(tmp_path.iterdir()) == [null]


def test_a_full_device_is_a_clean_error(tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.symlink_to("/dev/full")
    with pytest.raises(OutputError) as info:
        write_atomic(full, b"data")
    assert str(info.value) == f"cannot write {full}: No space left on device"
    assert full.is_symlink()


def test_a_fifo_is_written_into_for_its_reader(tmp_path: Path) -> None:
    """Regression: a FIFO was replaced by a file, so its reader got nothing."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"through the pipe")
    reader.join()
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symbolic_link_is_followed_and_the_real_file_replaced(tmp_path: Path) -> None:
    """Regression: the link was replaced by a copy and the real file never written."""
    real = tmp_path / "real" / "plan.txt"
    real.parent.mkdir()
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new"
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["plan.txt"]


def test_a_dangling_link_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("target.txt")
    write_atomic(link, b"new")
    assert link.is_symlink() and (tmp_path / "target.txt").read_bytes() == b"new"


def test_a_link_into_a_missing_folder_names_that_folder(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone" / "target.txt")
    with pytest.raises(OutputError) as info:
        write_atomic(link, b"new")
    assert str(info.value) == f"cannot write {link}: folder {tmp_path / 'gone'} does not exist"


def test_hard_links_are_kept_when_asked(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_bytes(b"a longer old content")
    os.link(first, second)
    write_atomic(first, b"new", keep_links=True)
    assert second.read_bytes() == b"new" and os.path.samefile(first, second)
    write_atomic(first, b"split")
    assert (first.read_bytes(), second.read_bytes()) == (b"split", b"new")


def test_standard_output_through_proc_is_written_into(tmp_path: Path) -> None:
    """``/dev/stdout`` is a link to ``/proc/self/fd/1``; here fd 1 is a pipe."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("no /proc")
    read, write = os.pipe()
    link = tmp_path / "stdout"
    link.symlink_to(f"/proc/self/fd/{write}")
    write_atomic(link, b"piped")
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        assert pipe.read() == b"piped"
    assert link.is_symlink()


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    """Regression: `roadmap same.toml -o same.toml` overwrote the profile."""
    profile = tmp_path / "me.toml"
    profile.write_text("target = 1\n")
    link = tmp_path / "other-name.toml"
    link.symlink_to(profile)
    for output in (profile, link, tmp_path / "." / "me.toml"):
        with pytest.raises(OptionError) as info:
            refuse_inputs(output, [(tmp_path / "x.toml", "the graph file"), (profile, "the profile")],
                          option="--output")
        assert info.value.option == "--output"
        assert info.value.detail == (f"{output} is the profile {profile}; writing there would "
                                     "destroy it, so choose another file")
    refuse_inputs(tmp_path / "new.txt", [(profile, "the profile")], option="--output")


def test_a_read_only_file_cannot_be_edited(tmp_path: Path) -> None:
    """Mode 444 stops even root, who may write anything."""
    profile = tmp_path / "me.toml"
    profile.write_text("x")
    assert edit_problem(profile) is None
    profile.chmod(0o444)
    assert edit_problem(profile) == "is read-only; make it writable (chmod u+w) to record progress in it"
    assert edit_problem(tmp_path / "missing.toml") is None
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert edit_problem(fifo) == "is not a regular file, so it cannot be edited in place"


def test_the_edit_lock_is_a_side_file_beside_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text("x")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    with edit_lock(link):
        assert (tmp_path / ".real.toml.lock").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.toml", "real.toml"]
    with edit_lock(tmp_path / "no" / "folder.toml"):  # nothing to protect
        pass


def test_the_edit_lock_makes_a_second_editor_wait(tmp_path: Path) -> None:
    """The waiter gets the lock only after the holder released it (no sleeps: the holder
    writes its mark before releasing, and the waiter must see it)."""
    profile = tmp_path / "me.toml"
    profile.write_text("")
    seen: list[str] = []
    started = threading.Event()

    def waiter() -> None:
        started.set()
        with edit_lock(profile):
            seen.append(profile.read_text())

    with edit_lock(profile):
        thread = threading.Thread(target=waiter)
        thread.start()
        started.wait()
        profile.write_text("written while locked")
    thread.join()
    assert seen == ["written while locked"]
