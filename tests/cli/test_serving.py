"""``planner serve``: parse, call ``planner.serve`` once, print the address, open the browser."""

from __future__ import annotations

import datetime as dt
import threading
import webbrowser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import planner
from planner.cli import cli, serving
from planner.web import Address, Ready
from tests.paths import EXAMPLES

MARCO = str(EXAMPLES / "profiles" / "marco.toml")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What ``planner.serve`` was called with; it reports ready, then Ctrl-C stops it."""
    seen: list[dict[str, Any]] = []

    def serve(profile: Path, **kwargs: Any) -> None:
        seen.append({"profile": profile, **kwargs})
        kwargs["on_ready"](
            Ready("http://127.0.0.1:8765/?token=abc", Address("127.0.0.1", 8765), ("look out",))
        )
        raise KeyboardInterrupt

    monkeypatch.setattr(planner, "serve", serve)
    return seen


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, **_: urls.append(url))
    return urls


def test_serve_prints_the_address_and_stops_on_ctrl_c(calls: list[dict[str, Any]], opened: list[str]) -> None:
    result = CliRunner().invoke(cli, ["serve", MARCO, "--no-browser"], prog_name="planner")
    assert result.exit_code == 130
    assert result.stdout == f"Serving {MARCO} at http://127.0.0.1:8765/?token=abc\n"
    assert result.stderr == "warning: look out\nPress Ctrl-C to stop.\nStopped.\n"
    [call] = calls
    assert (call["host"], call["port"], str(call["profile"])) == ("127.0.0.1", 8765, MARCO)
    assert call["clock"]() == dt.datetime(2026, 11, 27, tzinfo=dt.UTC)  # SOURCE_DATE_EPOCH, read per call
    assert opened == []


def test_serve_opens_the_browser_unless_told_not_to(
    calls: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    urls: list[str] = []
    monkeypatch.setattr(serving, "open_browser", urls.append)
    CliRunner().invoke(cli, ["serve", MARCO, "--port", "9000", "--host", "::1"], prog_name="planner")
    assert (calls[0]["port"], calls[0]["host"]) == (9000, "::1")
    assert urls == ["http://127.0.0.1:8765/?token=abc"]


def test_the_browser_opens_without_holding_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    opened = threading.Event()
    calls: list[tuple[str, int]] = []

    def slow_open(url: str, new: int = 0) -> None:
        calls.append((url, new))
        opened.set()

    monkeypatch.setattr(webbrowser, "open", slow_open)
    serving.open_browser("http://127.0.0.1:1/")
    assert opened.wait(10)
    assert calls == [("http://127.0.0.1:1/", 2)]


def test_serve_refuses_a_port_out_of_range() -> None:
    result = CliRunner().invoke(cli, ["serve", MARCO, "--port", "70000"], prog_name="planner")
    assert result.exit_code == 2
    assert "Invalid value for '--port': 70000 is not in the range 0<=x<=65535." in result.stderr


def test_serve_help_names_its_options() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"], prog_name="planner")
    assert result.exit_code == 0
    for option in ("--port N", "--host ADDR", "--no-browser", "--graph DIR"):
        assert option in result.stdout
