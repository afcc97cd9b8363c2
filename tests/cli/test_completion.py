"""Tab completion: commands, options, and the ids, aliases and stage ids of the graph in use."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete
from click.testing import CliRunner

from planner.cli import cli
from tests.paths import CURRICULUM as CURRICULUM_DIR

CURRICULUM = str(CURRICULUM_DIR)


def complete(args: list[str], incomplete: str) -> list[tuple[str, str | None]]:
    completer = ShellComplete(cli, {}, "planner", "_PLANNER_COMPLETE")
    return [(item.value, item.help) for item in completer.get_completions(args, incomplete)]


def values(args: list[str], incomplete: str) -> list[str]:
    return [value for value, _ in complete(args, incomplete)]


def test_done_completes_ids_of_the_shipped_graph() -> None:
    found = values(["done", "me.toml"], "py")
    assert {"python", "pytorch"} <= set(found)
    assert all(v.startswith("py") for v in found) and found == sorted(found)


def test_a_graph_already_typed_is_the_one_completed_from_with_aliases_and_names() -> None:
    assert complete(["done", "--graph", CURRICULUM, "me.toml"], "Py") == [
        ("py", "Python programming (python)"),
        ("python", "Python programming"),
        ("pytorch", "PyTorch"),
    ]
    # done takes skills, projects and stages; explain any node, choices and their aliases too
    assert values(["done", "--graph", CURRICULUM, "me.toml"], "spec") == []
    assert values(["explain", "--graph", CURRICULUM], "spec") == ["specialization"]
    assert values(["explain", "--graph", CURRICULUM], "dl") == ["dl-framework"]


def test_stage_options_complete_stage_ids_only() -> None:
    stages = ["junior-ml-engineer", "ml-engineer", "senior-ml-engineer"]
    assert values(["roadmap", "--graph", CURRICULUM, "me.toml", "--target"], "") == stages
    assert values(["graph", "--graph", CURRICULUM, "--stage"], "ml") == ["ml-engineer"]
    assert values(["graph", "--graph", CURRICULUM, "--focus"], "ml") == ["ml-engineer", "ml-specialization"]
    assert values(["calendar", "me.toml", "--target"], "head") == ["head-of-machine-learning", "head-of-ml"]


def test_commands_and_options_complete(tmp_path: Path) -> None:
    assert values([], "we") == ["week"]
    assert values(["week", "me.toml"], "--d") == ["--days"]
    (tmp_path / "broken.toml").write_text("[[skills]\nid = ", encoding="utf-8")
    assert values(["done", "--graph", str(tmp_path), "me.toml"], "py") == []


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash_source", "_planner_completion()"),
        ("zsh_source", "#compdef planner"),
        ("fish_source", "complete --no-files --command planner"),
    ],
)
def test_every_shell_gets_its_script(shell: str, marker: str) -> None:
    result = CliRunner().invoke(cli, [], prog_name="planner", env={"_PLANNER_COMPLETE": shell})
    assert result.exit_code == 0
    assert marker in result.stdout


def test_completion_imports_no_heavy_library(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from planner.cli import cli\n"
        "try:\n"
        "    cli.main(prog_name='planner')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('networkx', 'pydantic', 'icalendar', 'fastapi', 'jinja2', 'uvicorn')\n"
        "print('heavy:', sorted(m for m in heavy if m in sys.modules))\n"
    )
    env = dict(
        os.environ,
        _PLANNER_COMPLETE="bash_complete",
        COMP_WORDS="planner done me.toml py",
        COMP_CWORD="3",
        XDG_CACHE_HOME=str(tmp_path),
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "plain,python" in lines and "plain,pytorch" in lines
    assert lines[-1] == "heavy: []"


def test_completion_reads_graph_files_as_the_loader_does(tmp_path: Path) -> None:
    """Regression: on <TAB>, a 5,000-digit number gave a Python traceback, a *.toml link
    to /dev/zero read until a MemoryError, and a *.toml FIFO blocked forever. Now such
    files complete nothing, and the others still complete."""
    graph = tmp_path / "graph"
    graph.mkdir()
    (graph / "good.toml").write_text('[[skills]]\nid = "pyro"\nname = "Pyro"\nhours = 1\n', encoding="utf-8")
    (graph / "long.toml").write_text(f'[[skills]]\nid = "pylong"\nhours = {"9" * 5000}\n', encoding="utf-8")
    (graph / "zero.toml").symlink_to("/dev/zero")
    os.mkfifo(graph / "pipe.toml")
    (graph / "dangling.toml").symlink_to(tmp_path / "nowhere.toml")
    env = dict(
        os.environ,
        _PLANNER_COMPLETE="bash_complete",
        COMP_WORDS=f"planner done --graph {graph} me.toml py",
        COMP_CWORD="5",
        XDG_CACHE_HOME=str(tmp_path),
    )
    run = subprocess.run(
        [sys.executable, "-m", "planner"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,  # a guard: the FIFO once blocked here forever
        preexec_fn=lambda: resource.setrlimit(
            resource.RLIMIT_AS, (2**30, 2**30)
        ),  # /dev/zero: no MemoryError
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.splitlines() == ["plain,pyro"]
