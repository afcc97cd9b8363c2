"""Editing a file in place safely: may it be edited, and a lock held from reading it to writing it back."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from planner.errors import OutputError
from planner.io.writing import same_file


def edit_problem(path: Path) -> str | None:
    """Why the file at ``path`` cannot be edited in place (None when it can, or when
    it does not exist and its reader should say so)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file, so it cannot be edited in place"
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        return "is read-only; make it writable (chmod u+w) to record progress in it"
    return None


@contextlib.contextmanager
def edit_lock(path: Path) -> Iterator[None]:
    """Hold an advisory lock for editing ``path``, across its read-modify-write.

    The lock is a side file ``.NAME.lock`` beside the real file (a symbolic link is
    followed), so two runs that edit one file wait for each other instead of losing
    an update. The side file is removed on release; a run that locked a removed side
    file notices and locks the new one. Without the folder there is no file to
    protect, so nothing is locked. POSIX only: elsewhere the edit runs unlocked.

    Raises
    ------
    OutputError
        When the side file cannot be created.
    """
    if sys.platform == "win32":
        yield
        return
    real = Path(os.path.realpath(path))
    lock = real.with_name(f".{real.name}.lock")
    fd = _acquire(lock, shown=path)
    try:
        yield
    finally:
        if fd is not None:
            lock.unlink(missing_ok=True)  # still held: a waiter finds it gone and tries again
            os.close(fd)


def _acquire(lock: Path, *, shown: Path) -> int | None:
    """Lock the side file ``lock``; return its descriptor (None: no folder to lock in)."""
    import fcntl

    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
        except FileNotFoundError:
            return None
        except OSError as exc:
            reason = exc.strerror or exc
            raise OutputError(
                f"cannot lock {shown} for editing: {reason}", detail=f"cannot lock it for editing: {reason}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if same_file(lock, os.fstat(fd)):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
