"""The people of a cohort, read one at a time from a JSON Lines file or a folder.

A cohort is read as a stream, a JSON Lines file line by line and a folder file by
file, so memory stays flat however many people it holds. Each person becomes an
:class:`Entry`: their profile's raw bytes and where they came from. Parsing and
checking happen where the planning happens, in the workers.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Final, NamedTuple

from planner.errors import OptionError, ProfileError
from planner.limits import MAX_PROFILE_BYTES
from planner.profile import read_profile_bytes

PROFILE_SUFFIXES: Final = (".toml", ".json")
"""The files of a cohort folder that are profiles (any case); others are skipped."""


class Entry(NamedTuple):
    """One person of the cohort, as read: not yet parsed or checked."""

    label: str
    """The ``input`` of their result line: the line number, or the file name."""
    file: str
    """The file that messages name."""
    line: int | None
    """The line of ``file`` that holds the profile (JSON Lines), for messages."""
    raw: bytes
    suffix: str
    """``.json`` or ``.toml``: how ``raw`` is parsed."""
    error: str | None = None
    """A problem found while reading, worded as ``planner roadmap`` words it."""


class Cohort:
    """The people of ``source``, read once, in input order: the non-blank lines of a
    JSON Lines file, or the profile files of a folder sorted by name.

    ``total`` is how many there are when that is known before reading them: for a
    folder, and for a regular file (counted in a quick first pass over the same open
    file, which is then read again from its start). A pipe (``cat c.jsonl | planner
    batch /dev/stdin``, ``<(...)``, a named pipe) can be read only once: its ``total``
    is None, and its people are counted as they come.

    Raises
    ------
    OptionError
        When ``source`` cannot be read, or is a folder without profile files.
    """

    def __init__(self, source: Path) -> None:
        self.source = source
        self.total: int | None
        self._handle: BinaryIO | None = None
        if source.is_dir():
            self._files = profile_files(source)
            self.total = len(self._files)
            return
        self._handle = _open(source)
        self.total = None
        if stat.S_ISREG(os.fstat(self._handle.fileno()).st_mode):
            self.total = sum(1 for _ in _lines(self._handle))
            self._handle.seek(0)

    def entries(self) -> Iterator[Entry]:
        """The people, each as an :class:`Entry` (only once for a pipe)."""
        if self._handle is None:
            for path in self._files:
                yield _folder_entry(path)
            return
        with self._handle:
            for number, line in _lines(self._handle):
                error = None
                if line is None:
                    error = str(
                        ProfileError(str(self.source), "is longer than a profile may be (1 MiB)", line=number)
                    )
                yield Entry(str(number), str(self.source), number, line or b"", ".json", error)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()

    def __enter__(self) -> Cohort:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_entries(source: Path) -> Iterator[Entry]:
    """The people of ``source``, in input order (see :class:`Cohort`).

    Raises
    ------
    OptionError
        When ``source`` cannot be read, or is a folder without profile files.
    """
    with Cohort(source) as cohort:
        yield from cohort.entries()


def _folder_entry(path: Path) -> Entry:
    """The person of one profile file of a folder: its bytes, or why it cannot be read.
    Only a regular file is read, so a FIFO or a device never blocks the batch."""
    try:
        raw, error = read_profile_bytes(path, regular=True), None
    except ProfileError as exc:
        raw, error = b"", str(exc)
    return Entry(path.name, str(path), None, raw, path.suffix.lower(), error)


def cohort_inputs(source: Path) -> list[tuple[Path, str]]:
    """The files a batch reads from ``source``, as inputs its outputs must never
    replace: the JSON Lines file, or each profile file of the folder.

    Raises
    ------
    OptionError
        When ``source`` is a folder that cannot be listed or holds no profile file.
    """
    if source.is_dir():
        return [(path, "the cohort's profile") for path in profile_files(source)]
    return [(source, "the cohort file")]


def profile_files(folder: Path) -> list[Path]:
    """The profile entries of a cohort folder, sorted by name: every entry named
    ``*.toml`` or ``*.json`` (any case) that is not hidden, whatever it is (a broken
    link, a FIFO or a folder each gets a result line saying so).

    Raises
    ------
    OptionError
        When the folder cannot be listed or holds no profile file.
    """
    try:
        names = (p for p in folder.iterdir() if not p.name.startswith("."))
        paths = sorted((p for p in names if p.suffix.lower() in PROFILE_SUFFIXES), key=lambda p: p.name)
    except OSError as exc:
        raise OptionError(f"cannot read {folder}: {exc.strerror or exc}", option="INPUT") from None
    if not paths:
        raise OptionError(f"{folder} holds no profile files (*.toml or *.json)", option="INPUT")
    return paths


def _open(source: Path) -> BinaryIO:
    try:
        return source.open("rb")
    except OSError as exc:
        raise OptionError(f"cannot read {source}: {exc.strerror or exc}", option="INPUT") from None


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` of each non-blank line, without its line break; the
    bytes are None for a line longer than a profile may be, which is skipped in
    pieces, so even a file without line breaks never fills memory."""
    limit = MAX_PROFILE_BYTES + 2  # the longest profile and its "\r\n"
    number = 0
    while raw := handle.readline(limit):
        number += 1
        if len(raw) == limit and not raw.endswith(b"\n"):
            while (piece := handle.readline(limit)) and not piece.endswith(b"\n"):
                pass
            yield number, None
            continue
        raw = raw.rstrip(b"\r\n")
        if len(raw) > MAX_PROFILE_BYTES:
            yield number, None
        elif raw.strip():
            yield number, raw
