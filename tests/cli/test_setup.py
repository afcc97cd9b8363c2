"""``planner init``: the questions on a terminal, the template for scripts, a start always.

The questions are driven with CliRunner's input (standard input is made to look like a
terminal), and once through a real pseudo-terminal with the installed module.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli, setup
from planner.graph import load_graph
from planner.profile import load_profile
from tests.conftest import FIXED_EPOCH
from tests.paths import ROOT


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is a terminal, and the system's zone is Berlin."""
    monkeypatch.setattr(setup, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(setup, "system_timezone", lambda: "Europe/Berlin")


def init(*args: str, answers: list[str] | None = None, graph: Path | None = None) -> Result:
    extra = ["--graph", str(graph)] if graph is not None else []
    text = "".join(f"{line}\n" for line in answers) if answers is not None else None
    return CliRunner().invoke(cli, ["init", *args, *extra], input=text)


# name, stage held, target, zone, hours, days, mon, sat, categories, ticks in "data"
TESS = ["Tess", "", "", "", "6", "mon sat", "", "", "3", "2"]


@pytest.mark.usefixtures("on_a_terminal")
def test_on_a_terminal_init_asks_and_writes_the_answers(tmp_path: Path, tiny_graph_dir: Path) -> None:
    path = tmp_path / "me.toml"
    result = init(str(path), answers=TESS, graph=tiny_graph_dir)
    assert result.exit_code == 0, result.output
    asked = result.stderr
    assert (
        "The career ladder:\n  1  Junior ML Engineer [junior-ml-engineer]\n  2  ML Engineer [ml-engineer]\n"
        in (asked)
    )
    assert "Your time zone (IANA name, as in Europe/Berlin) [Europe/Berlin]: " in asked  # detected
    assert (
        "  1  engineering (1 item)\n  2  foundations (1 item)\n  3  data (2 items)\n  4  project (1 item)\n"
        in (asked)
    )
    assert "data:\n  1  [ ]  NumPy\n  2  [ ]  pandas\n" in asked
    assert "  Ticked for you (what those need): NumPy, Python.\n" in asked
    assert asked.endswith(
        f"Wrote {path}. Edit it, then run: planner roadmap {path} --graph {tiny_graph_dir}\n"
    )
    assert result.stdout == ""
    text = path.read_text(encoding="utf-8")
    for line in (
        'name = "Tess"\n',
        'target = "ml-engineer"\n',
        "# current_stage = ",
        "\nstart = 2026-11-27\n",  # today by the clock (SOURCE_DATE_EPOCH), in Berlin
        'timezone = "Europe/Berlin"\n',
        "hours_per_week = 6\n",
        'known = [\n    "pandas",  # pandas\n]\n',
        '[availability]\nmon = ["19:00-21:00"]\nsat = ["09:00-13:00"]\n',
    ):
        assert line in text
    profile = load_profile(path, graph=load_graph(tiny_graph_dir))
    assert profile.known == ("pandas",)


@pytest.mark.usefixtures("on_a_terminal")
def test_a_wrong_answer_is_asked_again_with_the_profiles_own_message(
    tmp_path: Path, tiny_graph_dir: Path
) -> None:
    answers = [
        "Tess",
        "0",
        "7",
        "Junior ML Enginer",
        "junior ml engineer",
        "Europe/Berln",
        "UTC",
        "lots",
        "6",
        "mon fri",
        "21:00-19:00",
        "",
        "",
        "none",
    ]
    result = init(str(tmp_path / "me.toml"), answers=answers, graph=tiny_graph_dir)
    assert result.exit_code == 0, result.output
    assert "  '7' is not a stage of the menu; type its number (1 to 2), id or name\n" in result.stderr
    assert (
        "  unknown stage id 'Junior ML Enginer' (did you mean 'Junior ML Engineer'?); or type its number "
        "(1 to 2)\n"
    ) in result.stderr  # a stage's name works too
    assert "(did you mean 'Europe/Berlin'?)" in result.stderr
    assert '  "lots" is not a number of hours (e.g. 8)\n' in result.stderr
    assert (
        '  "21:00-19:00" ends before it starts; a window must end later the same day (use 24:00 for '
        "midnight)\n  mon: times"
    ) in result.stderr  # and asked again
    assert "fri = [" in (tmp_path / "me.toml").read_text(encoding="utf-8")


@pytest.mark.usefixtures("on_a_terminal")
def test_the_target_is_above_the_stage_held_since_a_day_in_the_past(
    tmp_path: Path, tiny_graph_dir: Path
) -> None:
    answers = ["Tess", "1", "1", "", "2027-01-01", "2026-06-01", "", "", "", "", "", "", "none"]
    result = init(str(tmp_path / "me.toml"), answers=answers, graph=tiny_graph_dir)
    assert "  you hold Junior ML Engineer already, which includes it; pick a stage above\n" in result.stderr
    assert "  2027-01-01 is in the future; type the day you took the role\n" in result.stderr
    assert result.exit_code == 0, result.output
    text = (tmp_path / "me.toml").read_text(encoding="utf-8")
    assert 'current_stage = "junior-ml-engineer"\n' in text and "current_stage_since = 2026-06-01\n" in text


@pytest.mark.usefixtures("on_a_terminal")
def test_windows_that_hold_less_than_the_hours_say_so(tmp_path: Path, tiny_graph_dir: Path) -> None:
    answers = ["Tess", "", "", "", "20", "sat", "", "none"]
    result = init(str(tmp_path / "me.toml"), answers=answers, graph=tiny_graph_dir)
    assert result.exit_code == 0, result.output
    assert "Note: your windows hold 4 h a week, less than 20: plans will use 4 h." in " ".join(
        result.stderr.split()
    )


@pytest.mark.usefixtures("on_a_terminal")
def test_no_input_writes_the_template_without_asking(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    result = init(str(path), "--no-input")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {path}. Edit it, then run: planner roadmap {path}\n"
    assert "\nstart = 2026-11-27\n" in path.read_text(encoding="utf-8")  # today, so no restart each day


def test_without_a_terminal_init_asks_nothing(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    result = init(str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {path}. Edit it, then run: planner roadmap {path}\n"
    assert 'timezone = "UTC"\n' in path.read_text(encoding="utf-8")


@pytest.mark.usefixtures("on_a_terminal")
def test_questions_go_to_standard_error_so_init_dash_prints_the_profile_alone(tiny_graph_dir: Path) -> None:
    result = init("-", answers=TESS, graph=tiny_graph_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("#:schema ") and 'name = "Tess"\n' in result.stdout
    assert "Your name" in result.stderr and "Your name" not in result.stdout


@pytest.mark.usefixtures("on_a_terminal")
def test_an_existing_file_is_refused_before_any_question(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    path.write_text("mine", encoding="utf-8")
    result = init(str(path), answers=TESS)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path} already exists; use --force to overwrite it\n"


# --- a real terminal ----------------------------------------------------------------------


def _converse(argv: list[str], answers: list[str], env: dict[str, str], cwd: Path) -> tuple[str, int]:
    """Run ``argv`` in a pseudo-terminal, typing each answer once a question waits."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, with the pseudo-terminal as its terminal
        os.chdir(cwd)
        os.execve(argv[0], argv, env)
    seen = b""

    def wait_for_question() -> bool:
        nonlocal seen
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                if seen.endswith(b": "):
                    return True
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                return False
            if not chunk:
                return False
            seen += chunk
        return False

    for answer in answers:
        if not wait_for_question():
            break
        os.write(fd, answer.encode("utf-8") if answer == "\x03" else answer.encode("utf-8") + b"\r")
    while wait_for_question():  # read to the end
        pass
    deadline = time.monotonic() + 30
    while (done := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    if done[0] == 0:  # still running: stop it, and say so instead of waiting for ever
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
        pytest.fail(f"{argv[1:]} did not end; it showed: {seen.decode('utf-8', 'replace')}")
    os.close(fd)
    return seen.decode("utf-8", "replace").replace("\r\n", "\n"), os.waitstatus_to_exitcode(done[1])


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_in_a_real_terminal_init_asks_then_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "SOURCE_DATE_EPOCH": FIXED_EPOCH,
        "TZ": "Asia/Tokyo",
        "COLUMNS": "80",
        "PYTHONPATH": str(ROOT),
    }
    argv = [sys.executable, "-m", "planner", "init", "me.toml"]
    answers = ["Aiko", "", "", "", "10", "sat sun", "", "", "1", "1"]
    shown, code = _converse(argv, answers, env, tmp_path)
    assert code == 0, shown
    assert "Your time zone (IANA name, as in Europe/Berlin) [Asia/Tokyo]: " in shown  # detected from TZ
    text = (tmp_path / "me.toml").read_text(encoding="utf-8")
    assert 'name = "Aiko"\n' in text and 'timezone = "Asia/Tokyo"\n' in text
    assert "\nstart = 2026-11-27\n" in text  # 09:00 on the 27th in Tokyo

    stopped, code = _converse([*argv[:-1], "other.toml"], ["Aiko", "\x03"], env, tmp_path)
    assert code == 130, stopped
    assert stopped.endswith("Stopped: no profile written.\n")
    assert not (tmp_path / "other.toml").exists()
