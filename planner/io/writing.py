"""Safe file output: write to a temporary file in the same folder, then rename.

What is at the path decides how it is written: a regular file (or a new one) is
replaced atomically; a symbolic link is followed, and the file it names is replaced,
so the link stays; a device or FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is
written directly, since there is nothing to replace.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from planner.errors import OptionError, OutputError


def write_atomic(path: Path, data: bytes, *, keep_links: bool = False) -> None:
    """Replace what ``path`` names with ``data`` in one step.

    The data goes to a temporary file beside the real file that is renamed over it,
    so readers see the old file or the new one, never half of one, and an error
    leaves an existing file exactly as it was. The new file keeps the old one's
    permissions (and its owner, where the user may set it).

    Parameters
    ----------
    keep_links:
        Rewrite a file with several hard links in place, so every link sees the
        new content (a rename would split the links).

    Raises
    ------
    OutputError
        When the folder does not exist, or the file cannot be written.
    """
    info = _target(path)
    real = Path(os.path.realpath(path))
    if keep_links and info is not None and stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
        _rewrite_in_place(real, data, shown=path)
        return
    with atomic_writer(path) as handle:
        try:
            handle.write(data)
        except OSError as exc:
            raise _cannot(path, exc) from None


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Write what ``path`` names in pieces, and replace it in one step at the end.

    The ``with`` block writes to a temporary file beside the real file (a symbolic
    link is followed); when the block ends normally, the file is flushed to disk and
    renamed over the real one, keeping its permissions and owner, so readers see the
    old file or the new one, never half of one. When the block raises (an error,
    Ctrl-C), the temporary file is removed and an existing file stays exactly as it
    was. A device or FIFO (``/dev/null``, a named pipe) has nothing to replace: the
    block writes into it directly. The path is checked before the block starts, so a
    bad path fails before any work is done.

    Raises
    ------
    OutputError
        When the folder does not exist, or the file cannot be created or completed.
    """
    info = _target(path)
    real = Path(os.path.realpath(path))
    if info is not None and (not stat.S_ISREG(info.st_mode) or not same_file(real, info)):
        # A device or FIFO, or a file reached only through /proc (/dev/stdout to a
        # deleted file): there is no file to replace, so write into it.
        try:
            with open(path, "wb") as handle:
                yield handle
        except OSError as exc:
            raise _cannot(path, exc) from None
        return
    folder = real.parent
    if not folder.is_dir():
        missing = real.parent if os.path.islink(path) else path.parent
        raise OutputError(f"cannot write {path}: folder {missing} does not exist")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _cannot(path, exc) from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            try:
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:
                raise _cannot(path, exc) from None
        try:
            _copy_mode(tmp, info)
            os.replace(tmp, real)
        except OSError as exc:
            raise _cannot(path, exc) from None
    finally:
        tmp.unlink(missing_ok=True)


def _target(path: Path) -> os.stat_result | None:
    """What ``path`` names now (None: nothing yet); refuses a folder."""
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None  # a new file, or a link to one
    except OSError as exc:
        raise _cannot(path, exc) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write {path}: it is a folder")
    return info


def _copy_mode(tmp: Path, info: os.stat_result | None) -> None:
    """Give the new file the old one's permissions and owner (or the umask's defaults)."""
    if info is not None:
        os.chmod(tmp, info.st_mode & 0o777)
        if sys.platform != "win32" and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            with contextlib.suppress(PermissionError):  # only root may give a file away
                os.chown(tmp, info.st_uid, info.st_gid)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)


def same_file(path: Path, info: os.stat_result) -> bool:
    """Whether ``path`` names the file ``info`` describes (after following links)."""
    try:
        return os.path.samestat(os.stat(path), info)
    except OSError:
        return False


def _rewrite_in_place(path: Path, data: bytes, *, shown: Path) -> None:
    """Write ``data`` into the file at ``path`` itself, keeping its inode (and so every
    hard link to it), so that a failed write leaves the old bytes exactly as they were.

    The space the new text needs beyond the old is taken first (reserved, and written
    past the old end), while the old bytes are untouched: a full disk, a quota or a
    file-size limit fails there, and the file is cut back to its old length. Only then
    are the old bytes overwritten, which needs no new space; should even that fail, the
    old bytes are written back.
    """
    try:
        with open(path, "r+b") as handle:
            fd = handle.fileno()
            old = _read_all(fd)
            try:
                _grow(fd, len(old), data)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, len(old))
                raise _cannot(shown, exc) from None
            try:
                _write_at(fd, data[: len(old)], 0)
                if len(data) < len(old):
                    os.ftruncate(fd, len(data))
                os.fsync(fd)
            except OSError as exc:
                with contextlib.suppress(OSError):  # the space is there: put the old bytes back
                    _write_at(fd, old, 0)
                    os.ftruncate(fd, len(old))
                    os.fsync(fd)
                raise _cannot(shown, exc) from None
    except OSError as exc:
        raise _cannot(shown, exc) from None


def _read_all(fd: int) -> bytes:
    """The whole content of the open file ``fd``."""
    pieces, at = [], 0
    while piece := os.pread(fd, 1 << 20, at):
        pieces.append(piece)
        at += len(piece)
    return b"".join(pieces)


def _grow(fd: int, size: int, data: bytes) -> None:
    """Make the file ``size`` bytes long hold room for ``data``: reserve the blocks and
    write the part of ``data`` past ``size`` there, flushed to disk."""
    if len(data) <= size:
        return
    if hasattr(os, "posix_fallocate"):
        try:
            os.posix_fallocate(fd, size, len(data) - size)
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.EOPNOTSUPP, errno.ENOSYS):
                raise  # no space, a quota or a size limit: the old text stays
            # a file system that cannot reserve: writing the tail below still finds out
    _write_at(fd, data[size:], size)
    os.fsync(fd)


def _write_at(fd: int, data: bytes, offset: int) -> None:
    """Write all of ``data`` at ``offset`` (a short write goes on, an error raises)."""
    view = memoryview(data)
    while view:
        written = os.pwrite(fd, view, offset)
        if written <= 0:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        view, offset = view[written:], offset + written


def _cannot(path: Path, exc: OSError) -> OutputError:
    """The error for a write to ``path`` that the system refused with ``exc``."""
    reason = str(exc.strerror or exc)
    return OutputError(f"cannot write {path}: {reason}", detail=f"cannot write it: {reason}")


def refuse_inputs(output: Path, inputs: Iterable[tuple[Path, str]], *, option: str) -> None:
    """Refuse to write ``output`` when it is the same file as one of ``inputs``
    (``(path, what it is)`` pairs): the write would destroy the input.

    Raises
    ------
    OptionError
        Naming ``option``, the output and the input it would overwrite.
    """
    try:
        info = os.stat(output)
    except OSError:
        return
    if not stat.S_ISREG(info.st_mode):
        return
    for path, what in inputs:
        if same_file(path, info):
            raise OptionError(
                f"{output} is {what} {path}; writing there would destroy it, so choose another file",
                option=option,
            )
