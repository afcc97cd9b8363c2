"""Benchmark ``planner batch``. Run by hand, not by the test suite:

    python tests/benchmarks/bench_cohort.py [--count 2000] [--runs 3] [--memory 1000,4000,16000]

It generates a realistic cohort for the shipped graph (tests/usecases/cohort/profiles.py: varied
targets, known skills, weekly budgets, zones, deadlines, progress and holidays, 1% of
lines with a mistake), then times, run after run, ``planner batch`` as a user runs it:
in one process (``--workers 1``), on every core (``--engine local``), and on a Dask
LocalCluster with as many workers (``--engine dask``). Each engine also plans a
one-chunk cohort, which gives its start-up time, and the rest is the time per profile.
CPU time is that of the whole process tree (the batch and every worker), which other
load on the machine does not inflate. Peak memory is the resident memory of the
batch process and of its tree, sampled every 50 ms, for cohorts of growing size. The
machine is shared and noisy, so medians are reported with their spread (min-max).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from planner.cli.environment import usable_cpus  # noqa: E402
from planner.usecases import open_graph  # noqa: E402
from tests.usecases.cohort.profiles import cohort_lines  # noqa: E402 -- needs the path above

ONE_CHUNK = 32
"""A cohort this small is one chunk: its run is the engine's start-up and little else."""


def write_cohort(path: Path, count: int) -> Path:
    graph = open_graph().graph
    with path.open("w", encoding="utf-8") as handle:
        for line in cohort_lines(graph, count, seed=11, invalid=0.01):
            handle.write(line + "\n")
    return path


def tree_rss_kb(pid: int) -> tuple[int, int]:
    """Resident memory (kB) of ``pid`` alone and of ``pid`` with every descendant."""

    def rss(p: int) -> int:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def children(p: int) -> list[int]:
        found: list[int] = []
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                for child in (task / "children").read_text().split():
                    found += [int(child), *children(int(child))]
        except OSError:
            pass
        return found

    own = rss(pid)
    return own, own + sum(rss(c) for c in children(pid))


def run_batch(source: Path, args: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Wall time (s), CPU time of the whole process tree (s), and peak resident memory
    (MB) of the batch process and of its tree."""
    out = source.with_suffix(".out.jsonl")
    cmd = [sys.executable, "-m", "planner", "batch", str(source), "-o", str(out), *args]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    own_peak = tree_peak = 0
    while True:  # wait4 reaps the batch with the CPU time of every worker it waited for
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        own, tree = tree_rss_kb(proc.pid)
        own_peak, tree_peak = max(own_peak, own), max(tree_peak, tree)
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1) or "Wrote" not in err:  # 1: the cohort's few bad lines
        raise SystemExit(f"planner batch failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_utime + usage.ru_stime, own_peak / 1024, tree_peak / 1024


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):8.2f}  ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="profiles in the timed cohort")
    parser.add_argument("--runs", type=int, default=3, help="runs of each engine (median)")
    parser.add_argument("--workers", type=int, default=usable_cpus())
    parser.add_argument(
        "--memory",
        default="1000,4000,16000",
        help="cohort sizes for the memory curve (local engine), comma-separated",
    )
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask engine")
    options = parser.parse_args()

    engines = {
        "one process (--workers 1)": ["--workers", "1"],
        f"local, {options.workers} workers": ["--engine", "local", "--workers", str(options.workers)],
    }
    if not options.no_dask:
        engines[f"dask LocalCluster, {options.workers} workers"] = [
            "--engine",
            "dask",
            "--workers",
            str(options.workers),
        ]

    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "SOURCE_DATE_EPOCH": "1795737600"}
        subprocess.run(
            [sys.executable, "-m", "planner", "validate"], env=env, check=True, capture_output=True
        )  # a warm graph cache, as after any first run
        big = write_cohort(folder / "cohort.jsonl", options.count)
        small = write_cohort(folder / "small.jsonl", ONE_CHUNK)
        print(
            f"cohort: {options.count} generated profiles for the shipped graph "
            f"({big.stat().st_size / 1e6:.1f} MB of JSON Lines); {usable_cpus()} cores; "
            f"medians of {options.runs} runs, interleaved, (min-max)"
        )
        times: dict[str, list[float]] = {name: [] for name in engines}
        cpus: dict[str, list[float]] = {name: [] for name in engines}
        starts: dict[str, list[float]] = {name: [] for name in engines}
        for _ in range(options.runs):  # interleaved, so load from others hits every engine alike
            for name, args in engines.items():
                wall, cpu, _, _ = run_batch(big, args, env)
                times[name].append(wall)
                cpus[name].append(cpu)
                starts[name].append(run_batch(small, args, env)[0])

        print(
            f"\n{'engine':<30} {'wall s (min-max)':>24} {'profiles/s':>10} {'start-up s':>10} "
            f"{'wall ms':>8} {'CPU ms':>7}"
        )
        print(f"{'':<30} {'':>24} {'':>10} {'':>10} {'per profile, after start-up':>27}")
        per_profile: dict[str, float] = {}
        for name in engines:
            wall, start = statistics.median(times[name]), statistics.median(starts[name])
            per_profile[name] = (wall - start) / (options.count - ONE_CHUNK) * 1000
            cpu = statistics.median(cpus[name]) / options.count * 1000
            print(
                f"{name:<30} {spread(times[name]):>24} {options.count / wall:>10.1f} {start:>10.2f} "
                f"{per_profile[name]:>8.2f} {cpu:>7.1f}"
            )
        local_name = f"local, {options.workers} workers"
        local = per_profile[local_name]
        hourly = 3600 * options.count / statistics.median(times[local_name])
        print(f"\nlocal engine: {hourly:,.0f} profiles an hour")
        if not options.no_dask:
            dask = per_profile[f"dask LocalCluster, {options.workers} workers"]
            print(
                f"Dask overhead per profile, beyond its start-up: {dask - local:+.2f} ms "
                f"({(dask / local - 1) * 100:+.0f}%)"
            )

        print(f"\nmemory, local engine ({options.workers} workers):")
        print(f"{'profiles':>9} {'wall s':>8} {'batch MB':>9} {'tree MB':>8}")
        for size in (int(s) for s in options.memory.split(",")):
            cohort = write_cohort(folder / f"memory-{size}.jsonl", size)
            wall, _, own, tree = run_batch(cohort, ["--workers", str(options.workers)], env)
            print(f"{size:>9} {wall:>8.1f} {own:>9.1f} {tree:>8.1f}")


if __name__ == "__main__":
    main()
