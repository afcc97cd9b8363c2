"""The environment, read in one place: the facts of the terminal output goes to."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from planner.cli.environment import system_timezone, terminal
from planner.renderers.terminal import Terminal


class Stream(io.StringIO):
    def __init__(self, *, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self._tty, self._encoding = tty, encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def test_a_pipe_has_no_width_unless_columns_is_set() -> None:
    assert terminal(Stream(tty=False), {}) == Terminal(width=None, tty=False)
    assert terminal(Stream(tty=False), {"COLUMNS": "72"}).width == 72
    assert terminal(Stream(tty=False), {"COLUMNS": "wide"}).width is None


def test_a_terminal_has_its_width_and_colour() -> None:
    facts = terminal(Stream(tty=True), {"COLUMNS": "100", "TERM": "xterm-256color"})
    assert (facts.width, facts.color, facts.unicode) == (100, True, True)


@pytest.mark.parametrize(
    ("environ", "encoding"),
    [
        ({"NO_COLOR": "1"}, "utf-8"),
        ({"TERM": "dumb"}, "utf-8"),
        ({}, "latin-1"),
        ({}, "no-such-codec"),
    ],
)
def test_ascii_without_colour_under_no_color_a_dumb_terminal_or_another_encoding(
    environ: dict[str, str], encoding: str
) -> None:
    facts = terminal(Stream(tty=True, encoding=encoding), {"COLUMNS": "80", **environ})
    assert not facts.unicode
    assert facts.color == ("NO_COLOR" not in environ and "TERM" not in environ)


def test_an_empty_no_color_does_not_count() -> None:
    assert terminal(Stream(tty=True), {"COLUMNS": "80", "NO_COLOR": ""}).color


def test_the_system_time_zone_from_tz_the_localtime_link_or_etc_timezone(tmp_path: Path) -> None:
    nothing = {"localtime": tmp_path / "none", "timezone_file": tmp_path / "none"}
    assert system_timezone({"TZ": "Europe/Berlin"}, **nothing) == "Europe/Berlin"
    assert system_timezone({"TZ": ":America/New_York"}, **nothing) == "America/New_York"
    assert system_timezone({"TZ": "/usr/share/zoneinfo/Asia/Tokyo"}, **nothing) == "Asia/Tokyo"
    assert system_timezone({"TZ": "CET-1CEST"}, **nothing) is None  # a POSIX rule names no zone
    assert system_timezone({"TZ": "Nowhere/Land"}, **nothing) is None
    assert system_timezone({}, **nothing) is None
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Australia/Sydney")
    assert system_timezone({}, localtime=link, timezone_file=tmp_path / "none") == "Australia/Sydney"
    named = tmp_path / "timezone"
    named.write_text("Etc/UTC\n", encoding="utf-8")
    assert system_timezone({}, localtime=tmp_path / "none", timezone_file=named) == "UTC"
    assert system_timezone({"TZ": "Europe/Paris"}, localtime=link, timezone_file=named) == "Europe/Paris"
