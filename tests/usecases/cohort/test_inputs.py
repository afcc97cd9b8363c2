"""Reading a cohort: JSON Lines line by line, a folder file by file, in input order."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import OptionError
from planner.usecases.cohort import inputs
from planner.usecases.cohort.inputs import Cohort, profile_files, read_entries


def count_entries(source: Path) -> int | None:
    with Cohort(source) as cohort:
        return cohort.total


def test_json_lines_keep_their_line_numbers_and_skip_blank_lines(tmp_path: Path) -> None:
    source = tmp_path / "cohort.jsonl"
    source.write_bytes(b'{"a": 1}\n\n   \r\n{"b": 2}\r\n{"c": 3}')
    entries = list(read_entries(source))
    assert [(e.label, e.line, e.raw) for e in entries] == [
        ("1", 1, b'{"a": 1}'),
        ("4", 4, b'{"b": 2}'),
        ("5", 5, b'{"c": 3}'),
    ]
    assert {(e.file, e.suffix, e.error) for e in entries} == {(str(source), ".json", None)}
    assert count_entries(source) == 3


def test_an_empty_file_is_an_empty_cohort(tmp_path: Path) -> None:
    source = tmp_path / "cohort.jsonl"
    source.write_bytes(b"\n\n")
    assert list(read_entries(source)) == []
    assert count_entries(source) == 0


def test_a_line_longer_than_a_profile_is_an_error_and_the_next_lines_still_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inputs, "MAX_PROFILE_BYTES", 10)
    source = tmp_path / "cohort.jsonl"
    source.write_bytes(b'{"a": 1}\n' + b"x" * 55 + b"\n" + b"y" * 11 + b"\n" + b'{"b": 2}\n' + b"z" * 40)
    entries = list(read_entries(source))
    assert [(e.label, e.raw) for e in entries] == [
        ("1", b'{"a": 1}'),
        ("2", b""),
        ("3", b""),
        ("4", b'{"b": 2}'),
        ("5", b""),
    ]
    assert entries[1].error == f"{source}:2: is longer than a profile may be (1 MiB)"
    assert entries[2].error == f"{source}:3: is longer than a profile may be (1 MiB)"
    assert entries[4].error == f"{source}:5: is longer than a profile may be (1 MiB)"
    assert count_entries(source) == 5


def test_a_folder_is_read_in_name_order_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    for name in ("b.toml", "a.JSON", "c.json", ".hidden.toml", "notes.txt", "d.toml~"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in profile_files(tmp_path)] == ["a.JSON", "b.toml", "c.json"]
    entries = list(read_entries(tmp_path))
    assert [(e.label, e.file, e.line, e.suffix) for e in entries] == [
        ("a.JSON", str(tmp_path / "a.JSON"), None, ".json"),
        ("b.toml", str(tmp_path / "b.toml"), None, ".toml"),
        ("c.json", str(tmp_path / "c.json"), None, ".json"),
    ]
    assert count_entries(tmp_path) == 3


def test_a_file_of_a_folder_too_big_to_be_a_profile_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("planner.profile.reading.MAX_PROFILE_BYTES", 4)
    (tmp_path / "big.toml").write_text("name = 'x'", encoding="utf-8")
    [entry] = read_entries(tmp_path)
    assert (entry.raw, entry.error) == (
        b"",
        f"{tmp_path / 'big.toml'}: is larger than 1 MiB, the most a profile may hold",
    )


def test_a_folder_without_profiles_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OptionError) as caught:
        count_entries(tmp_path)
    assert (caught.value.option, caught.value.detail) == (
        "INPUT",
        f"{tmp_path} holds no profile files (*.toml or *.json)",
    )
