"""Reading the user's files: bounded reads, text decoding, TOML error lines, and the
lines of keys and values.

Graph files, profiles and earlier calendars are all read here first, so every input
is read the same way: at most its limit plus one byte (whatever the file system says
its size is), decoded as UTF-8 with a clear word for anything else. Both graph files
and profiles are TOML and report problems with a line; the helpers here are the one
place that finds those lines, skipping text inside strings.
"""

from __future__ import annotations

import bisect
import codecs
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

import tomli

from planner.errors import SourceError

_TOML_LINE: Final = re.compile(r"at line (\d+)")
_WIDE: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def read_limited(path: Path, limit: int, *, shown: str) -> bytes:
    """The bytes of the file at ``path``, read up to ``limit`` + 1 bytes only, so a
    device or pipe that never ends (``/dev/zero``, ``yes |``) cannot fill memory.

    Raises
    ------
    SourceError
        When the file holds more than ``limit`` bytes (``shown`` words the limit).
    OSError
        When the file cannot be read.
    """
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise SourceError(f"is larger than {shown}")
    return data


def read_regular(path: Path, limit: int, *, shown: str) -> bytes:
    """The bytes of the regular file at ``path``, as :func:`read_limited` reads them;
    anything else (a FIFO, a device, a socket, also behind a link) is refused without
    waiting on it: the file is opened without blocking and checked before any read.

    Raises
    ------
    SourceError
        When ``path`` is not a regular file, or holds more than ``limit`` bytes.
    OSError
        When the file cannot be opened or read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SourceError(f"is {file_kind(mode)}, not a regular file")
    except BaseException:
        os.close(fd)
        raise
    with open(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise SourceError(f"is larger than {shown}")
    return data


def file_kind(mode: int) -> str:
    """What a file of ``mode`` is, in words ("a named pipe (FIFO)")."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISREG, "a regular file"),
    )
    return next((word for test, word in kinds if test(mode)), "not a regular file")


def decode_text(raw: bytes, *, what: str) -> str:
    """``raw`` as UTF-8 text, without a byte-order mark.

    Raises
    ------
    SourceError
        For UTF-16 or UTF-32 text (say: save it as UTF-8), binary data (not ``what``)
        and bytes that are not UTF-8.
    """
    for bom, name in _WIDE:
        if raw.startswith(bom):
            raise SourceError(f"is {name} text; save it as UTF-8")
    if len(raw) >= 4 and max(raw[0::2].count(0), raw[1::2].count(0)) * 5 >= len(raw) * 2:
        raise SourceError("is UTF-16 text; save it as UTF-8")  # mostly ASCII, every other byte NUL
    if b"\x00" in raw:
        raise SourceError(f"is a binary file, not {what}")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise SourceError(f"is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8") from None


def number_too_long(text: str) -> SourceError:
    """The error for the number in ``text`` that has more digits than Python reads
    (the ``ValueError`` of tomli and json), with its line and key.

    Digits inside strings and comments are text, not numbers, and are passed over.
    Every step is linear in the text, whatever its lines hold.
    """
    limit = sys.get_int_max_str_digits() or 4300
    spans = _text_spans(text)
    first: re.Match[str] | None = None
    at = 0
    for match in re.finditer(r"\d[\d_]*", text):
        if len(match.group().replace("_", "")) <= limit:
            continue
        first = first or match
        while at < len(spans) and spans[at][1] <= match.start():
            at += 1
        if at == len(spans) or match.start() < spans[at][0]:
            return _too_long(text, match, limit)
    return _too_long(text, first, limit) if first else SourceError("holds a number too long to read")


def _too_long(text: str, match: re.Match[str], limit: int) -> SourceError:
    digits = len(match.group().replace("_", ""))
    start = text.rfind("\n", 0, match.start()) + 1
    return SourceError(
        f"a number with {digits:,} digits is far too long; numbers may have at most {limit:,} digits",
        line=text.count("\n", 0, start) + 1,
        key=_key_before(text, start, match.start()),
    )


def _text_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every string and comment of a TOML (or JSON) text, in order."""
    spans: list[tuple[int, int]] = []
    at = 0
    while (match := _STRINGS.search(text, at)) is not None:
        token, start = match.group(), match.start()
        if token == "#":
            end = text.find("\n", start)
            at = len(text) if end < 0 else end
        else:
            at = max(_string_end(text, start, token), start + 1)
        spans.append((start, at))
    return spans


_NOT_IN_KEY: Final = frozenset("\"'=:{},[]")


def _key_before(text: str, start: int, end: int) -> str | None:
    """The key whose value begins at ``end``: ``key = ``, ``"key": `` (a sign allowed)
    between ``start`` and ``end``, or None. One pass back from ``end``, so a line
    of any length costs its length, never its square."""
    at = end
    if at > start and text[at - 1] in "+-":
        at -= 1
    while at > start and text[at - 1].isspace():
        at -= 1
    if at == start or text[at - 1] not in "=:":
        return None
    at -= 1
    while at > start and text[at - 1].isspace():
        at -= 1
    if at > start and text[at - 1] in "\"'":
        at -= 1
    last = at
    while at > start and text[at - 1] not in _NOT_IN_KEY and not text[at - 1].isspace():
        at -= 1
    return text[at:last] or None


def toml_error_line(exc: tomli.TOMLDecodeError) -> int | None:
    """The 1-based line a TOML syntax error points at, when the message names one."""
    line = getattr(exc, "lineno", None)
    if isinstance(line, int) and line > 0:
        return line
    match = _TOML_LINE.search(str(exc))
    return int(match.group(1)) if match else None


# --- where things are in a TOML text -----------------------------------------------------

_TOKENS: Final = re.compile(r"\"\"\"|'''|[\"'#\[\]{},=\n]")


def _string_end(text: str, start: int, quote: str) -> int:
    """The index just past the string that opens with ``quote`` at ``start``."""
    at = start + len(quote)
    while True:
        close = text.find(quote, at)
        if close < 0:
            return len(text)
        if len(quote) == 1 and (newline := text.find("\n", at, close)) >= 0:
            return newline  # unterminated: the parser reports it
        if quote[0] == '"':
            escapes = 0
            while close - escapes > at and text[close - escapes - 1] == "\\":
                escapes += 1
            if escapes % 2:
                at = close + 1
                continue
        end = close + len(quote)
        while len(quote) == 3 and end < len(text) and text[end] == quote[0] and end - close < 5:
            end += 1  # """a"""" ends with a quote inside the string
        return end


def _code(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """``(index, character)`` of the brackets, braces, commas, equals signs and line
    breaks of ``text[start:end]`` that are TOML code: outside strings and comments."""
    stop = len(text) if end is None else end
    at = start
    while (match := _TOKENS.search(text, at, stop)) is not None:
        token, at = match.group(), match.start()
        if token == "#":
            at = text.find("\n", at, stop)
            if at < 0:
                return
        elif token[0] in "\"'":
            at = _string_end(text, at, token)
        else:
            yield at, token
            at += 1


_STRINGS: Final = re.compile(r"\"\"\"|'''|[\"'#]")
_HEADER: Final = re.compile(r"[ \t]*\[")


def continued_lines(text: str) -> set[int]:
    """The 1-based numbers of the lines that begin inside a multi-line string: what
    looks like a key or a header there is text, not TOML."""
    inside: set[int] = set()
    line, counted, at = 1, 0, 0
    while (match := _STRINGS.search(text, at)) is not None:
        token, start = match.group(), match.start()
        if token == "#":
            at = text.find("\n", start)
            if at < 0:
                break
            continue
        at = _string_end(text, start, token)
        if len(token) == 3:
            line += text.count("\n", counted, start)
            breaks = text.count("\n", start, at)
            inside.update(range(line + 1, line + breaks + 1))
            line, counted = line + breaks, at
    return inside


class TomlText:
    """A TOML text with what finding lines in it needs, computed once: where each line
    starts, and which lines begin inside a multi-line string."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.inside = continued_lines(text)
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def _is_header(self, line: int) -> bool:
        return line not in self.inside and _HEADER.match(self.text, self.starts[line - 1]) is not None

    def value_line(self, line: int, path: Sequence[str | int]) -> int:
        """The line of the value at ``path`` (keys and 0-based indexes of inline
        arrays) in the table that holds line ``line``; the deepest part found, else
        ``line``."""
        count = len(self.starts)
        first = next((n for n in range(line, 0, -1) if self._is_header(n)), 1)
        last = next((n for n in range(line + 1, count + 1) if self._is_header(n)), count + 1)
        begin = self.starts[first - 1]
        end = self.starts[last - 1] if last <= count else len(self.text)
        found = line
        for depth, part in enumerate(path):
            at = (
                _element(self.text, begin, end, part)
                if isinstance(part, int)
                else _key(self.text, begin, end, part, at_line_start=depth == 0)
            )
            if at is None:
                break
            begin, end = at
            found = bisect.bisect_right(self.starts, begin)
        return found


def _key(text: str, begin: int, end: int, key: str, *, at_line_start: bool) -> tuple[int, int] | None:
    """Where the value of ``key`` starts in ``text[begin:end]``, and the span's end."""
    lead = r"(?m)^[ \t]*" if at_line_start else r"(?<![\w-])"
    pattern = re.compile(lead + rf"""["']?{re.escape(key)}["']?[ \t]*=""")
    code = {at for at, token in _code(text, begin, end) if token == "="}
    for match in pattern.finditer(text, begin, end):
        if match.end() - 1 in code:
            return match.end(), end
    return None


def _element(text: str, begin: int, end: int, index: int) -> tuple[int, int] | None:
    """Where element ``index`` of the inline array that opens at ``begin`` starts, and
    where it ends."""
    opening = _next_value(text, begin, end)
    if text[opening : opening + 1] != "[":
        return None
    depth, count, start = 0, 0, begin
    for at, token in _code(text, begin, end):
        if token in "[{":
            depth += 1
            if depth == 1:
                start = _next_value(text, at + 1, end)
        elif token in "]}":
            depth -= 1
            if depth == 0:
                return (start, at) if count == index and start < at else None
        elif token == "," and depth == 1:
            if count == index:
                return start, at
            count += 1
            start = _next_value(text, at + 1, end)
    return None


def _next_value(text: str, at: int, end: int) -> int:
    """The index of the first character of a value at or after ``at``: past blanks,
    line breaks and comments."""
    while at < end:
        if text[at] in " \t\r\n":
            at += 1
        elif text[at] == "#":
            newline = text.find("\n", at, end)
            at = end if newline < 0 else newline
        else:
            break
    return at
