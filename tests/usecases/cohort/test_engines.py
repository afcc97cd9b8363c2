"""The engines give the same bytes, stop at once on Ctrl-C and leave no partial OUT.

Every test here starts worker processes or a Dask cluster, so all are slow. The Dask
ones skip, with the reason, where dask.distributed is not installed; CI installs it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.usecases import open_graph

from .profiles import cohort_lines

pytestmark = pytest.mark.slow

try:
    import distributed  # noqa: F401 -- only to know whether the dask extra is installed

    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False
needs_dask = pytest.mark.skipif(
    not HAVE_DASK, reason="dask.distributed is not installed (pip install '.[dask]')"
)
on_linux = pytest.mark.skipif(
    not Path("/proc/self/task").exists(), reason="finds the worker processes through /proc (Linux)"
)
WAIT = 120.0
"""The longest a test waits for a batch to get going or to end, so it never hangs."""


def write_cohort(path: Path, graph_dir: Path | None, count: int, *, invalid: float = 0.05) -> Path:
    graph = open_graph(graph_dir).graph
    path.write_text(
        "".join(f"{line}\n" for line in cohort_lines(graph, count, seed=3, invalid=invalid)), encoding="utf-8"
    )
    return path


def planner_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "planner", *args]


def in_process(source: Path, out: Path, graph_dir: Path) -> tuple[bytes, bytes]:
    summary = out.with_suffix(".summary.json")
    result = CliRunner().invoke(
        cli,
        [
            "batch",
            str(source),
            "-o",
            str(out),
            "--summary",
            str(summary),
            "--workers",
            "1",
            "--graph",
            str(graph_dir),
        ],
    )
    assert result.exit_code == 1, result.output  # the cohort holds a few bad lines
    return out.read_bytes(), summary.read_bytes()


def test_worker_processes_give_the_bytes_of_one_process_whatever_the_hash_seed(
    tiny_graph_dir: Path, tmp_path: Path
) -> None:
    source = write_cohort(tmp_path / "cohort.jsonl", tiny_graph_dir, 150)
    expected = in_process(source, tmp_path / "one.jsonl", tiny_graph_dir)
    out, summary = tmp_path / "two.jsonl", tmp_path / "two.json"
    done = subprocess.run(
        planner_command(
            "batch",
            str(source),
            "-o",
            str(out),
            "--summary",
            str(summary),
            "--workers",
            "2",
            "--graph",
            str(tiny_graph_dir),
        ),
        env={**os.environ, "PYTHONHASHSEED": "123"},
        capture_output=True,
        timeout=WAIT,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert (out.read_bytes(), summary.read_bytes()) == expected
    assert len(out.read_bytes().splitlines()) == 150


@needs_dask
def test_dask_on_a_local_cluster_gives_the_bytes_of_local(tiny_graph_dir: Path, tmp_path: Path) -> None:
    source = write_cohort(tmp_path / "cohort.jsonl", tiny_graph_dir, 150)
    expected = in_process(source, tmp_path / "local.jsonl", tiny_graph_dir)
    out, summary = tmp_path / "dask.jsonl", tmp_path / "dask.json"
    result = CliRunner().invoke(
        cli,
        [
            "batch",
            str(source),
            "-o",
            str(out),
            "--summary",
            str(summary),
            "--engine",
            "dask",
            "--workers",
            "2",
            "--graph",
            str(tiny_graph_dir),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr
    assert (out.read_bytes(), summary.read_bytes()) == expected


@pytest.fixture
def dask_cluster(tmp_path: Path) -> Iterator[str]:
    """A scheduler and a worker started the way the README says, on 127.0.0.1: its address."""
    if not HAVE_DASK:
        pytest.skip("dask.distributed is not installed (pip install '.[dask]')")
    address_file = tmp_path / "scheduler.json"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(address_file),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        deadline = time.monotonic() + WAIT
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(address_file.read_text(encoding="utf-8"))["address"]
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "distributed.cli.dask_worker",
                    address,
                    "--nworkers",
                    "2",
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=WAIT)


def test_dask_joins_a_running_scheduler(dask_cluster: str, tiny_graph_dir: Path, tmp_path: Path) -> None:
    source = write_cohort(tmp_path / "cohort.jsonl", tiny_graph_dir, 100)
    expected = in_process(source, tmp_path / "local.jsonl", tiny_graph_dir)
    out, summary = tmp_path / "dask.jsonl", tmp_path / "dask.json"
    result = CliRunner().invoke(
        cli,
        [
            "batch",
            str(source),
            "-o",
            str(out),
            "--summary",
            str(summary),
            "--engine",
            "dask",
            "--scheduler",
            dask_cluster,
            "--graph",
            str(tiny_graph_dir),
        ],
    )
    assert result.exit_code == 1, result.output
    assert (out.read_bytes(), summary.read_bytes()) == expected


# --- stopping ----------------------------------------------------------------------------------


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (Linux)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found |= {int(child)} | descendants(int(child))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def started(tmp_path: Path, engine: str, workers: int = 2) -> tuple[subprocess.Popen[bytes], set[int]]:
    """A batch of the shipped graph in its own session, once its workers plan: it, and
    its processes."""
    source = write_cohort(tmp_path / "cohort.jsonl", None, 800, invalid=0.0)
    proc = subprocess.Popen(
        planner_command(
            "batch",
            str(source),
            "-o",
            str(tmp_path / "out.jsonl"),
            "--engine",
            engine,
            "--workers",
            str(workers),
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:  # until the first results are in the temporary file
        if any(p.stat().st_size for p in tmp_path.glob(".out.jsonl.*.tmp")):
            return proc, descendants(proc.pid)
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("the batch did not start within the time allowed")


def assert_stopped_cleanly(proc: subprocess.Popen[bytes], workers: set[int], tmp_path: Path) -> None:
    _, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 130  # 128 + SIGINT, as a shell reports Ctrl-C
    assert err.decode().endswith("Aborted!\n"), err.decode()
    assert "Traceback" not in err.decode()
    assert [p.name for p in tmp_path.iterdir() if p.name != "cohort.jsonl"] == []
    time.sleep(0.5)  # the kernel reaps what the parent did not
    assert [pid for pid in workers if alive(pid)] == []


@on_linux
@pytest.mark.parametrize("engine", ["local", pytest.param("dask", marks=needs_dask)])
def test_ctrl_c_stops_the_workers_and_leaves_no_partial_out(engine: str, tmp_path: Path) -> None:
    proc, workers = started(tmp_path, engine)
    assert len(workers) >= 2
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends the whole foreground group
    assert_stopped_cleanly(proc, workers, tmp_path)


@on_linux
def test_a_killed_worker_stops_the_batch_with_a_message(tmp_path: Path) -> None:
    proc, processes = started(tmp_path, "local")
    workers = sorted(p for p in processes if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes())
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 1
    assert err.decode().startswith("Error: batch worker planner-batch-"), err.decode()
    assert err.decode().endswith(
        f"(process {workers[0]}) stopped unexpectedly (exit code -9); was it killed or out of memory?\n"
    )
    assert [p.name for p in tmp_path.iterdir() if p.name != "cohort.jsonl"] == []
    time.sleep(0.5)
    assert [pid for pid in processes if alive(pid)] == []
