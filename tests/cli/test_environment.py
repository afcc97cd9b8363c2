"""The environment, read in one place: the facts of the terminal output goes to."""

from __future__ import annotations

import io

import pytest

from planner.cli.environment import terminal
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
