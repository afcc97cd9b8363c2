"""Manual fuzzing of the installed ``planner`` in real subprocesses (not collected by pytest).

Usage::

    python tests/fuzz/run_fuzz.py [-n 300] [--seed 1] [--timeout 30] [--memory-mib 1024]

Each run draws one mutation (of a profile, a graph folder or an earlier .ics export),
runs one command on it in a fresh ``planner`` process with a wall-clock timeout and an
address-space limit (RLIMIT_AS), and checks the contract: exit status 0, 1 or 2, no
traceback, no "internal error", a message on standard error when it fails. It prints
a table of exit statuses per command and every failure, and keeps the failing inputs
(with a ``command.txt`` to replay them) in a temporary folder whose path it prints.
Exit status: 0 when every run kept the contract, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mutators

EPOCH = "1798761600"


def planner_command() -> list[str]:
    found = shutil.which("planner")
    return [found] if found else [sys.executable, "-m", "planner"]


def limit_memory(mib: int) -> None:
    limit = mib * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def profile_case(rng: random.Random, work: Path, ics: bytes) -> tuple[str, list[str]]:
    kind = rng.choice(mutators.PROFILE_MUTATIONS)
    raw, suffix = mutators.mutate_profile(rng, kind)
    profile = work / f"profile{suffix}"
    profile.write_bytes(raw)
    (work / "old.ics").write_bytes(ics)
    p, out, old = str(profile), str(work / "out.ics"), str(work / "old.ics")
    commands = [
        ["roadmap", p, "--format", rng.choice(["text", "markdown", "json"])],
        ["calendar", p, "-o", out],
        ["calendar", p, "-o", out, "--previous", old],
        ["gaps", p],
        ["explain", rng.choice(["pandas", "python", "ml-engineer"]), "--profile", p],
        ["status", p, "--from", "2027-06-01"],
        ["done", p, rng.choice(["pandas", "docker", "nlp"])],
        ["graph", "--profile", p, "--format", rng.choice(["json", "dot", "mermaid"])],
    ]
    return f"profile:{kind}", rng.choice(commands)


def graph_case(rng: random.Random, work: Path, ics: bytes) -> tuple[str, list[str]]:
    kind = rng.choice(mutators.GRAPH_MUTATIONS)
    graph = work / "graph"
    mutators.mutate_graph(rng, kind, graph)
    profile = work / "profile.toml"
    profile.write_bytes(rng.choice(mutators.EXAMPLE_PROFILES[:3]).read_bytes())
    g, p = ["--graph", str(graph)], str(profile)
    commands = [
        ["validate", *g],
        ["roadmap", p, "--format", "json", *g],
        ["calendar", p, "-o", str(work / "out.ics"), *g],
        ["gaps", p, *g],
        ["explain", "python", "--profile", p, *g],
        ["status", p, "--from", "2027-06-01", *g],
        ["graph", "--format", rng.choice(["json", "dot", "mermaid"]), *g],
        ["graph", "--profile", p, "--format", rng.choice(["json", "dot", "mermaid"]), *g],
        ["stages", *g],
        ["skills", *g],
    ]
    return f"graph:{kind}", rng.choice(commands)


def ics_case(rng: random.Random, work: Path, ics: bytes) -> tuple[str, list[str]]:
    kind = rng.choice(mutators.ICS_MUTATIONS)
    old = work / "old.ics"
    old.write_bytes(mutators.mutate_ics(rng, kind, ics))
    profile = str(mutators.ROOT / "examples" / "profiles" / "priya.toml")
    extra = rng.choice([[], ["--from", "2027-03-01"], ["--from", "2031-01-01"]])
    return f"ics:{kind}", ["calendar", profile, "-o", str(work / "out.ics"), "--previous", str(old), *extra]


def base_ics(env: dict[str, str]) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "old.ics"
        subprocess.run(
            [
                *planner_command(),
                "calendar",
                str(mutators.ROOT / "examples/profiles/priya.toml"),
                "-o",
                str(out),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        return mutators.shrink_ics(out.read_bytes())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=300, help="number of mutated runs (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the whole run (default 1)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per run (default 30)")
    parser.add_argument("--memory-mib", type=int, default=1024, help="RLIMIT_AS per run (default 1024)")
    args = parser.parse_args()

    keep = Path(tempfile.mkdtemp(prefix="planner-fuzz-"))
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_COLOR": "1",
        "XDG_CACHE_HOME": str(keep / "cache"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    ics = base_ics(env)
    master = random.Random(args.seed)
    table: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    failures: list[tuple[int, str, list[str], str]] = []
    started = time.monotonic()
    slowest = (0.0, "")
    for number in range(args.n):
        seed = master.getrandbits(32)
        rng = random.Random(seed)
        make = rng.choice([profile_case, profile_case, graph_case, ics_case])
        with tempfile.TemporaryDirectory(prefix="case-") as folder:
            work = Path(folder)
            kind, command = make(rng, work, ics)
            t0 = time.monotonic()
            try:
                done = subprocess.run(
                    [*planner_command(), *command],
                    env=env,
                    capture_output=True,
                    cwd=work,
                    timeout=args.timeout,
                    preexec_fn=lambda: limit_memory(args.memory_mib),
                    check=False,
                )
                code, out, err = str(done.returncode), done.stdout, done.stderr
            except subprocess.TimeoutExpired as exc:
                code, out, err = "timeout", exc.stdout or b"", exc.stderr or b""
            took = time.monotonic() - t0
            slowest = max(slowest, (took, f"{kind} {command[0]}"))
            text = (out + err).decode("utf-8", "replace")
            problem = ""
            if code not in ("0", "1", "2"):
                problem = f"exit {code}"
            elif "Traceback" in text:
                problem = "traceback"
            elif "internal error" in text:
                problem = "internal error"
            elif code != "0" and not err.strip():
                problem = "failed without a message"
            elif "MemoryError" in text or "out of memory" in text:
                problem = "memory limit"
            table[command[0]][code] += 1
            if problem:
                saved = keep / f"fail-{number:04d}-{kind.replace(':', '-')}"
                shutil.copytree(work, saved)
                replay = " ".join(c.replace(folder, str(saved)) for c in command)
                (saved / "command.txt").write_text(f"planner {replay}\n", encoding="utf-8")
                last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
                failures.append((number, kind, command, f"{problem}: {last[0][:200]}"))
                table[command[0]]["FAIL"] += 1

    elapsed = time.monotonic() - started
    codes = ["0", "1", "2", "timeout", "FAIL"]  # FAIL: runs (counted under their exit status too)
    # that broke the contract
    print(
        f"planner fuzz: {args.n} runs, seed {args.seed}, {elapsed:.1f} s, "
        f"timeout {args.timeout:g} s, memory limit {args.memory_mib} MiB"
    )
    print(f"{'command':<10}" + "".join(f"{c:>9}" for c in codes) + f"{'total':>9}")
    total: collections.Counter[str] = collections.Counter()
    for name in sorted(table):
        row = table[name]
        total.update(row)
        other = sum(v for k, v in row.items() if k not in codes)
        print(
            f"{name:<10}"
            + "".join(f"{row[c]:>9}" for c in codes)
            + f"{sum(row.values()) - row['FAIL']:>9}"
            + (f"  (other exit codes: {other})" if other else "")
        )
    runs = sum(total.values()) - total["FAIL"]
    print(f"{'all':<10}" + "".join(f"{total[c]:>9}" for c in codes) + f"{runs:>9}")
    print(f"slowest run: {slowest[0]:.1f} s ({slowest[1]})")
    if failures:
        print(f"\n{len(failures)} failures (inputs kept in {keep}):")
        groups: dict[str, list[int]] = collections.defaultdict(list)
        for number, kind, command, problem in failures:
            groups[f"{command[0]} [{kind}] {problem}"].append(number)
        for line, numbers in sorted(groups.items()):
            print(f"  {len(numbers):>3} x {line}  (runs {', '.join(map(str, numbers[:6]))})")
        return 1
    shutil.rmtree(keep, ignore_errors=True)
    print("no failures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
