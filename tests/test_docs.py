"""The README's snippets work: its Python example runs, and its quick-start commands
name files that exist."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_python_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert blocks, "the README has a Python API example"
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert "Milestone(stage=" in capsys.readouterr().out


def test_quick_start_commands_come_first_and_use_real_files() -> None:
    consoles = re.findall(r"```console\n(.*?)```", README, flags=re.S)
    main_job, tests = consoles[0].strip(), consoles[1].strip()
    assert main_job.startswith("python3 -m pip install") and "planner roadmap" in main_job
    assert tests.endswith("python3 -m pytest")
    for path in re.findall(r"examples/\S+\.(?:toml|json)", main_job):
        assert (ROOT / path).is_file(), path
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci, ".ci/run runs the README's test command verbatim"
    assert os.access(ROOT / ".ci" / "run", os.X_OK) or ci.startswith("#!")
