"""Safe output: every ``-o`` write is atomic and never destroys a file on error.

- on any error (bad profile, bad graph, bad option) an existing output file is left
  byte-for-byte as it was;
- a missing output folder, an output path under a regular file and a read-only
  folder give a clear error with exit status 1 or 2 and no traceback;
- ``-o -`` writes to standard output;
- no temporary ``.*.tmp`` file is left in the folder after success or failure.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli
from tests.paths import ROOT

PRIYA = ROOT / "examples" / "profiles" / "priya.toml"
EPOCH = "1798761600"
OLD = b"precious bytes\x00 the user had \xff\r\n"


pytestmark = pytest.mark.slow  # every command, every way a write can fail


def run(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args, env={"SOURCE_DATE_EPOCH": EPOCH})


def leftovers(folder: Path) -> list[str]:
    """Temporary (``*.tmp``) and hidden files: an atomic write leaves none."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith("."))


def assert_clean_error(result: Result, codes: tuple[int, ...] = (1, 2)) -> None:
    assert result.exit_code in codes, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.strip(), "an error must say why on standard error"
    for text in (result.stdout, result.stderr):
        assert "Traceback" not in text
        assert "internal error" not in text


# --- the commands that write with -o ----------------------------------------------------------

COMMANDS: dict[str, Callable[[str, str], list[str]]] = {
    "roadmap-text": lambda p, o: ["roadmap", p, "-o", o],
    "roadmap-json": lambda p, o: ["roadmap", p, "--format", "json", "-o", o],
    "roadmap-markdown": lambda p, o: ["roadmap", p, "--format", "markdown", "-o", o],
    "calendar": lambda p, o: ["calendar", p, "-o", o],
    "graph-dot": lambda p, o: ["graph", "--profile", p, "-o", o],
    "graph-json": lambda p, o: ["graph", "--profile", p, "--format", "json", "-o", o],
    "graph-mermaid": lambda p, o: ["graph", "--profile", p, "--format", "mermaid", "-o", o],
    "gaps": lambda p, o: ["gaps", p, "-o", o],
    "status": lambda p, o: ["status", p, "-o", o],
    "week": lambda p, o: ["week", p, "-o", o],
    "explain": lambda p, o: ["explain", "pytorch", "--profile", p, "-o", o],
}


def _bad_profile(tmp: Path) -> tuple[str, list[str]]:
    path = tmp / "bad.toml"
    path.write_text(PRIYA.read_text("utf-8").replace("hours_per_week = 10", "hours_per_week = -3"))
    return str(path), []


def _missing_profile(tmp: Path) -> tuple[str, list[str]]:
    return str(tmp / "nowhere.toml"), []


def _bad_graph(tmp: Path) -> tuple[str, list[str]]:
    graph = tmp / "graph"
    graph.mkdir()
    for source in sorted((ROOT / "graph_data").glob("*.toml")):
        (graph / source.name).write_bytes(source.read_bytes())
    (graph / "zz-cycle.toml").write_text(
        '[[skills]]\nid = "loop-a"\nname = "A"\nhours = 1\n'
        'requires = ["loop-b"]\n\n[[skills]]\nid = "loop-b"\n'
        'name = "B"\nhours = 1\nrequires = ["loop-a"]\n'
    )
    return str(PRIYA), ["--graph", str(graph)]


def _bad_option(tmp: Path) -> tuple[str, list[str]]:
    return str(PRIYA), ["--no-such-option"]


def _bad_target(tmp: Path) -> tuple[str, list[str]]:
    return str(PRIYA), ["--graph", str(tmp / "missing-graph-folder")]


ERRORS = {
    "bad-profile": _bad_profile,
    "missing-profile": _missing_profile,
    "bad-graph": _bad_graph,
    "bad-option": _bad_option,
    "missing-graph": _bad_target,
}


@pytest.mark.parametrize("error", sorted(ERRORS))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_error_leaves_existing_output_untouched(command: str, error: str, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "result.out"
    out.write_bytes(OLD)
    os.chmod(out, 0o640)
    before = out.stat()
    profile, extra = ERRORS[error](tmp_path)
    result = run([*COMMANDS[command](profile, str(out)), *extra])
    assert_clean_error(result)
    assert out.read_bytes() == OLD, "a failing run must leave the existing output as it was"
    after = out.stat()
    assert (after.st_mode, after.st_ino, after.st_mtime_ns) == (
        before.st_mode,
        before.st_ino,
        before.st_mtime_ns,
    )
    assert leftovers(out_dir) == []


def test_calendar_with_nothing_to_plan_leaves_existing_file(tmp_path: Path) -> None:
    """A plan error raised late (after the graph and profile loaded) still writes nothing."""
    profile = tmp_path / "done.toml"
    profile.write_text(
        'target = "junior-ml-engineer"\ncurrent_stage = "junior-ml-engineer"\n'
        'hours_per_week = 5\n[availability]\nmon = ["19:00-21:00"]\n'
    )
    out = tmp_path / "plan.ics"
    out.write_bytes(OLD)
    result = run(["calendar", str(profile), "-o", str(out)])
    assert_clean_error(result, (1,))
    assert out.read_bytes() == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_success_replaces_atomically_and_keeps_mode(command: str, tmp_path: Path) -> None:
    out = tmp_path / "result.out"
    out.write_bytes(OLD)
    os.chmod(out, 0o640)
    result = run(COMMANDS[command](str(PRIYA), str(out)))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data and data != OLD
    assert out.stat().st_mode & 0o777 == 0o640, "replacing a file keeps its permissions"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_write_goes_through_a_temporary_file_and_rename(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The final path is only ever created by os.replace of a sibling temporary file."""
    out = tmp_path / "result.out"
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        replaced.append((str(src), str(dst)))
        assert not Path(dst).exists() or Path(dst).read_bytes() == OLD
        real_replace(src, dst)

    out.write_bytes(OLD)
    monkeypatch.setattr(os, "replace", spy)
    result = run(COMMANDS[command](str(PRIYA), str(out)))
    assert result.exit_code == 0, result.stderr
    assert len(replaced) == 1
    src, dst = replaced[0]
    assert Path(dst) == out
    assert Path(src).parent == out.parent, "the temporary file must be in the same folder"
    assert Path(src).name.startswith(".") and src.endswith(".tmp")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_failed_rename_leaves_old_file_and_no_temporary(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "result.out"
    out.write_bytes(OLD)

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    result = run(COMMANDS[command](str(PRIYA), str(out)))
    assert_clean_error(result, (1,))
    assert str(out) in result.stderr
    assert out.read_bytes() == OLD
    assert leftovers(tmp_path) == []


# --- destinations that cannot be written ------------------------------------------------------


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_missing_output_folder(command: str, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "folder" / "result.out"
    result = run(COMMANDS[command](str(PRIYA), str(out)))
    assert_clean_error(result)
    assert "does not exist" in result.stderr
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_path_under_a_regular_file(command: str, tmp_path: Path) -> None:
    """``somefile/out.txt`` cannot be written by anyone, root included."""
    blocker = tmp_path / "somefile"
    blocker.write_bytes(OLD)
    result = run(COMMANDS[command](str(PRIYA), str(blocker / "out.txt")))
    assert_clean_error(result)
    assert blocker.read_bytes() == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_path_is_a_folder(command: str, tmp_path: Path) -> None:
    folder = tmp_path / "existing-folder"
    folder.mkdir()
    result = run(COMMANDS[command](str(PRIYA), str(folder)))
    assert_clean_error(result)
    assert folder.is_dir() and not any(folder.iterdir())
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_read_only_destination_folder(command: str, tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    out = folder / "result.out"
    out.write_bytes(OLD)
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip(
                f"running as uid {os.geteuid()}: chmod 0o500 does not stop writes "
                "(test_output_path_under_a_regular_file covers unwritable paths)"
            )
        result = run(COMMANDS[command](str(PRIYA), str(out)))
        assert_clean_error(result)
        assert out.read_bytes() == OLD
        assert leftovers(folder) == []
    finally:
        folder.chmod(0o700)


# --- standard output --------------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_dash_writes_to_standard_output(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(COMMANDS[command](str(PRIYA), "-"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.strip()
    assert not (tmp_path / "-").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    run(COMMANDS[command](str(PRIYA), str(tmp_path / "file.out")))
    assert (tmp_path / "file.out").read_bytes() == result.stdout_bytes


def test_done_rewrites_the_profile_atomically(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_bytes(PRIYA.read_bytes())
    result = run(["done", str(profile), "pandas"])
    assert result.exit_code == 0, result.stderr
    assert "pandas" in profile.read_text("utf-8")
    assert leftovers(tmp_path) == []


def test_done_with_unknown_id_leaves_profile_untouched(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_bytes(PRIYA.read_bytes())
    result = run(["done", str(profile), "pandsa"])
    assert_clean_error(result)
    assert profile.read_bytes() == PRIYA.read_bytes()
    assert leftovers(tmp_path) == []
