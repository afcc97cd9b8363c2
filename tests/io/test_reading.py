"""The shared readers: bounded reads, decoding, and where keys and values are in TOML."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from planner.errors import SourceError
from planner.io.reading import (
    TomlText,
    continued_lines,
    decode_text,
    number_too_long,
    read_limited,
    read_regular,
)
from tests.hang import no_hang

GRAPH = '''\
[[skills]]
id = "git"
description = """
id = "not-a-key" # nor a comment
"""
resources = [
  { title = "A \\" quote, [and] {braces}", url = "https://a.org" },  # one, [two]
  # a comment line
  { title = 'B', url = "https://b.org", kind = "docs" },
]
name = "It's"

[[skills]]
id = "other"
resources = [{ title = "C", url = "https://c.org" }]
'''


def test_lines_inside_multi_line_strings() -> None:
    assert continued_lines(GRAPH) == {4, 5}
    assert continued_lines("a = '''\nx\n'''\nb = \"\"\"y\"\"\"\n") == {2, 3}


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("resources",), 6),
        (("resources", 0), 7),
        (("resources", 1), 9),
        (("resources", 1, "kind"), 9),
        (("resources", 1, "url"), 9),
        (("name",), 11),
        (("resources", 2), 6),
        (("nowhere",), 2),
        (("description",), 3),
    ],
)
def test_the_line_of_a_value(path: tuple[str | int, ...], line: int) -> None:
    assert TomlText(GRAPH).value_line(2, path) == line


def test_the_line_of_a_value_stays_in_its_table() -> None:
    text = TomlText(GRAPH)
    assert text.value_line(14, ("resources", 0, "url")) == 15
    assert text.value_line(14, ("name",)) == 14


def test_reading_stops_after_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 11)
    assert read_limited(path, 11, shown="11 bytes") == b"x" * 11
    with pytest.raises(SourceError) as info:
        read_limited(path, 10, shown="10 bytes")
    assert info.value.detail == "is larger than 10 bytes"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (codecs.BOM_UTF16_LE + "a = 1".encode("utf-16-le"), "is UTF-16 text; save it as UTF-8"),
        ("a = 1\n".encode("utf-16-be"), "is UTF-16 text; save it as UTF-8"),
        ("a = 1".encode("utf-32"), "is UTF-32 text; save it as UTF-8"),
        (b"a = 1\x00\xff", "is a binary file, not a test file"),
        (b"a = \xe9", "is not UTF-8 text (bad byte at offset 4); save it as UTF-8"),
    ],
)
def test_text_that_is_not_utf8(raw: bytes, message: str) -> None:
    with pytest.raises(SourceError) as info:
        decode_text(raw, what="a test file")
    assert info.value.detail == message


def test_a_byte_order_mark_is_dropped() -> None:
    assert decode_text(codecs.BOM_UTF8 + b"a = 1", what="text") == "a = 1"


def test_a_number_too_long_names_its_line_and_key() -> None:
    error = number_too_long('a = 1\n"b-c" = -' + "1_0" * 3000 + "\n")
    assert (error.line, error.key) == (2, "b-c")
    assert error.detail == "a number with 6,000 digits is far too long; numbers may have at most 4,300 digits"
    assert number_too_long("x = [" + "9" * 4301 + "]").key is None


@pytest.mark.parametrize(
    "line",
    [
        '{"note": "' + "x" * 1_000_000 + '", "hours_per_week": ' + "9" * 5000 + "}",
        "known = [" + "x" * 1_000_000 + ", " + "9" * 5000 + "]",
        "# " + "x" * 1_000_000 + "9" * 5000,
    ],
)
def test_a_number_too_long_after_a_long_run_of_text_is_found_in_linear_time(line: str) -> None:
    """Regression: the key was searched with a backtracking regex over the line before
    the number: 1.8 s at 10 KB, 28 s at 40 KB, hours at 1 MiB (the limits allow it)."""
    with no_hang("number_too_long on a 1 MB line"):
        error = number_too_long(line)
    assert error.line == 1
    assert error.key == ("hours_per_week" if line.startswith("{") else None)


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_read_regular_refuses_what_is_not_a_file_without_waiting_on_it(tmp_path: Path, kind: str) -> None:
    """A FIFO nobody writes to would block an open() forever; /dev/zero never ends."""
    path = tmp_path / "x.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    word = {"fifo": "a named pipe (FIFO)", "device": "a device", "folder": "a folder"}[kind]
    with no_hang(f"reading a {kind}", seconds=30), pytest.raises(SourceError) as info:
        read_regular(path, 100, shown="100 bytes")
    assert str(info.value) == f"is {word}, not a regular file"


def test_read_regular_reads_a_file_within_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(b"a = 1\n")
    assert read_regular(path, 6, shown="6 bytes") == b"a = 1\n"
    with pytest.raises(SourceError, match="is larger than 5 bytes"):
        read_regular(path, 5, shown="5 bytes")
