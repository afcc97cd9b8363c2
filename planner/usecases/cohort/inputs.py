"""The people of a cohort, read one at a time from a JSON Lines file or a folder.

A cohort is read as a stream, a JSON Lines file line by line and a folder file by
file, so memory stays flat however many people it holds. Each person becomes an
:class:`Entry`: their profile's raw bytes and where they came from. Parsing and
checking happen where the planning happens, in the workers.
"""

from __future__ import annotations

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


def read_entries(source: Path) -> Iterator[Entry]:
    """The people of ``source``, in input order: the non-blank lines of a JSON Lines
    file, or the profile files of a folder sorted by name.

    Raises
    ------
    OptionError
        When ``source`` cannot be read, or is a folder without profile files.
    """
    if source.is_dir():
        for path in profile_files(source):
            try:
                raw, error = read_profile_bytes(path), None
            except ProfileError as exc:
                raw, error = b"", str(exc)
            yield Entry(path.name, str(path), None, raw, path.suffix.lower(), error)
        return
    with _open(source) as handle:
        for number, line in _lines(handle):
            error = None
            if line is None:
                error = str(ProfileError(str(source), "is longer than a profile may be (1 MiB)", line=number))
            yield Entry(str(number), str(source), number, line or b"", ".json", error)


def count_entries(source: Path) -> int:
    """How many people :func:`read_entries` will yield (one quick pass, flat memory).

    Raises
    ------
    OptionError
        When ``source`` cannot be read, or is a folder without profile files.
    """
    if source.is_dir():
        return len(profile_files(source))
    with _open(source) as handle:
        return sum(1 for _ in _lines(handle))


def profile_files(folder: Path) -> list[Path]:
    """The profile files of a cohort folder, sorted by name (hidden files skipped).

    Raises
    ------
    OptionError
        When the folder cannot be listed or holds no profile file.
    """
    try:
        paths = sorted(
            (
                p
                for p in folder.iterdir()
                if p.suffix.lower() in PROFILE_SUFFIXES and not p.name.startswith(".") and p.is_file()
            ),
            key=lambda p: p.name,
        )
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
