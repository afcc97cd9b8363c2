"""The installed ``planner serve`` in a real process: the printed address, the page's own
forms writing the TOML file, fifty requests at once, Ctrl-C, and what it refuses."""

from __future__ import annotations

import concurrent.futures
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.paths import installed_planner

from .support import EPOCH, forms

SERVING = re.compile(r"^Serving (?P<file>.+) at (?P<url>http://127\.0\.0\.1:(?P<port>\d+)/\?token=[\w-]+)$")
PLANNER = installed_planner()
pytestmark = pytest.mark.skipif(PLANNER is None, reason="planner is not installed")


class Server:
    def __init__(self, process: subprocess.Popen[str], url: str, port: int) -> None:
        self.process, self.url, self.port = process, url, port
        self.origin = f"http://127.0.0.1:{port}"
        self.browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, str]:
        with self.browser.open(self.origin + path, timeout=60) as answer:
            return answer.status, answer.read().decode()

    def post(self, path: str, pairs: list[tuple[str, str]]) -> tuple[int, str, str]:
        request = urllib.request.Request(
            self.origin + path, data=urlencode(pairs).encode(), headers={"Origin": self.origin}
        )
        with self.browser.open(request, timeout=60) as answer:
            return answer.status, answer.url, answer.read().decode()

    def stop(self) -> tuple[int, str, float]:
        """Ctrl-C: the exit status, standard error, and the seconds it took."""
        began = time.monotonic()
        self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=30)
        return self.process.returncode, err, time.monotonic() - began


def start(profile: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """Start ``planner serve``; the process and the first line it prints."""
    assert PLANNER is not None
    process = subprocess.Popen(
        [PLANNER, "serve", str(profile), "--no-browser", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert process.stdout is not None
    return process, process.stdout.readline().rstrip("\n")


@pytest.fixture
def server(marco: Path) -> Iterator[Server]:
    process, line = start(marco, "--port", "0")
    found = SERVING.match(line)
    assert found is not None, (line, process.stderr.read() if process.stderr else "")
    assert found.group("file") == str(marco)
    running = Server(process, found.group("url"), int(found.group("port")))
    yield running
    if process.poll() is None:
        process.kill()
        process.communicate()


def test_a_page_s_own_form_marks_an_item_done_in_the_toml_with_its_comments(
    server: Server, marco: Path
) -> None:
    before = marco.read_text()
    with server.browser.open(server.url, timeout=60) as first:  # the printed address, token and all
        assert first.status == 200 and first.url == server.origin + "/"
        page = first.read().decode()
    form = forms(page, "/done")[0]
    name, item = form.buttons()[0]
    status, url, answer = server.post(form.attrs["action"], form.submit((name, item)))
    assert status == 200 and "Recorded in" in answer
    assert url.startswith(server.origin + "/?note=")
    after = marco.read_text()
    assert tomllib.loads(after)["known"][-1] == item
    assert tomllib.loads(after)["completed"] == {item: tomllib.loads("d = 2027-02-02")["d"]}
    comments = [line for line in before.splitlines() if line.startswith("#")]
    assert comments and comments == [line for line in after.splitlines() if line.startswith("#")]
    assert after.startswith(before.split("known")[0])
    code, err, _ = server.stop()
    assert code == 130
    assert err.endswith("Stopped.\n") and "Traceback" not in err
    assert sorted(p.name for p in marco.parent.iterdir()) == ["marco.toml"]  # nothing else written


def test_fifty_requests_at_once_are_served(server: Server) -> None:
    server.get(server.url.removeprefix(server.origin))
    paths = ["/", "/roadmap", "/profile", "/api/status", "/calendar.ics"] * 10
    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        codes = list(pool.map(lambda p: server.get(p)[0], paths))
    assert codes == [200] * 50


def test_ctrl_c_stops_it_with_a_request_in_flight(server: Server) -> None:
    """A browser keeps its connection open; Ctrl-C must not wait for it."""
    idle = socket.create_connection(("127.0.0.1", server.port))
    try:
        code, err, _ = server.stop()
    finally:
        idle.close()
    assert code == 130 and err.endswith("Stopped.\n")


def test_every_request_needs_the_token_and_the_served_host(server: Server) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(server.origin + "/", timeout=60)
    refused.value.close()
    assert refused.value.code == 403
    request = urllib.request.Request(server.url, headers={"Host": f"evil.example:{server.port}"})
    with pytest.raises(urllib.error.HTTPError) as misdirected:
        urllib.request.urlopen(request, timeout=60)
    misdirected.value.close()
    assert misdirected.value.code == 421


def test_a_port_in_use_is_a_clear_error(server: Server, marco: Path) -> None:
    process, _ = start(marco, "--port", str(server.port))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert f"Invalid value for '--port': port {server.port} is in use on 127.0.0.1" in err


def test_a_missing_profile_is_refused_before_serving(tmp_path: Path) -> None:
    process, line = start(tmp_path / "nope.toml", "--port", "0")
    _, err = process.communicate(timeout=60)
    assert (process.returncode, line) == (2, "")
    assert (
        err
        == f"Error: {tmp_path / 'nope.toml'}: no such file (run `planner init` to write a starter profile)\n"
    )


def test_a_broken_profile_is_served_with_a_warning(marco: Path) -> None:
    marco.write_text(marco.read_text().replace("hours_per_week = 15", "hours_per_week = 0"))
    process, line = start(marco, "--port", "0")
    try:
        assert SERVING.match(line)
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert f"warning: {marco}:7: key 'hours_per_week': 0 is out of range" in err
    assert "(the pages show this until the file is fixed)" in err


def test_another_host_than_this_machine_is_warned_about(marco: Path) -> None:
    process, line = start(marco, "--port", "0", "--host", "0.0.0.0")
    try:
        assert SERVING.match(line), line
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert "warning: serving on 0.0.0.0, which other machines may reach" in " ".join(err.split())


@pytest.mark.parametrize("args", [["--help"], ["roadmap", "{profile}"], ["serve", "--help"]])
def test_other_commands_never_import_the_web_stack(marco: Path, args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "planner", *(a.format(profile=marco) for a in args)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        check=True,
    )
    imported: set[Any] = {
        line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines()
    }
    assert not imported & {"fastapi", "starlette", "uvicorn", "jinja2", "anyio"}
    assert "planner" in imported  # the measure works
