"""Manual fuzzing of the installed ``planner`` in real subprocesses (not collected by pytest).

Usage::

    python tests/fuzz/run_fuzz.py [-n 300] [--seed 1] [--timeout 30] [--memory-mib 1024]

Each run draws one case and runs one command on it in a fresh ``planner`` process, with
a wall-clock timeout and an address-space limit (RLIMIT_AS). The cases cover every
command, ``batch`` and shell completion included:

- a mutated profile (long numbers, far-future dates, dozens of windows a day, ...), a
  mutated graph folder (odd entries among its files, time in role past the plan's end,
  ...) or a mutated earlier .ics export, for every command that reads one;
- a profile, a cohort or an earlier export read from a pipe, some of them never ending;
- a cohort as a JSON Lines file or a folder, with odd entries (dangling links, FIFOs,
  devices, folders), and summaries for ``graph --cohort``;
- ``batch --engine dask --scheduler`` at servers that are not Dask schedulers (silent,
  web, huge lengths, garbage) and at addresses planner cannot join;
- shell completion (``_PLANNER_COMPLETE=bash_complete``) on mutated graph folders;
- outputs aimed at one of the command's inputs, through links too.

Every run must keep the contract: exit status 0, 1 or 2 (0 for completion), no
traceback, no "internal error", no memory error, a message on standard error when it
fails, no timeout, and no input file changed (only the command's outputs, and the
profile of a ``done`` that succeeds, may change). It prints a table of exit statuses per
command and every failure, and keeps the failing inputs (with a ``command.txt`` to replay
them) in a temporary folder whose path it prints. Exit status: 0 when every run kept the
contract, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import random
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[2]))  # the checkout, for tests.paths

import hostile
import mutators

from tests.paths import installed_planner

EPOCH = "1798761600"
ROOT = mutators.ROOT
SHIPPED = (ROOT / "graph_data", ROOT / "examples")


@dataclass
class Case:
    """One run: what it is, the command line, its standard input and what may change."""

    kind: str
    argv: list[str]
    stdin: bytes | str | None = None
    """Bytes to send, ``"endless"`` for a pipe that never ends, or None."""
    env: dict[str, str] = field(default_factory=dict)
    outputs: set[Path] = field(default_factory=set)
    """Files the command may write (and so change)."""
    edits: set[Path] = field(default_factory=set)
    """Files it may change only when it succeeds (the profile of ``done``)."""
    completion: bool = False

    @property
    def command(self) -> str:
        return "complete" if self.completion else self.argv[0]


@dataclass
class Context:
    ics: bytes
    summary: bytes
    servers: hostile.Servers


def planner_command() -> list[str]:
    found = installed_planner()
    return [found] if found else [sys.executable, "-m", "planner"]


def limit_memory(mib: int) -> None:
    limit = mib * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def aimed_at(rng: random.Random, work: Path, inputs: list[Path], fresh: str) -> Path:
    """Mostly a fresh output path; sometimes one of ``inputs``, or a link to one."""
    if not inputs or rng.random() < 0.8:
        return work / fresh
    target = rng.choice(inputs)
    how = rng.choice(["same", "symlink", "hardlink"])
    if how == "same" or not target.is_file():
        return target
    link = work / f"link-{how}{target.suffix}"
    if not link.exists():
        if how == "symlink":
            link.symlink_to(target)
        else:
            os.link(target, link)
    return link


# --- cases -------------------------------------------------------------------------------------


def profile_case(rng: random.Random, work: Path, ctx: Context) -> Case:
    kind = rng.choice(mutators.PROFILE_MUTATIONS)
    raw, suffix = mutators.mutate_profile(rng, kind)
    profile = work / f"profile{suffix}"
    profile.write_bytes(raw)
    old = work / "old.ics"
    old.write_bytes(ctx.ics)
    p = str(profile)
    out = aimed_at(rng, work, [profile], "out.ics")
    fmt = rng.choice(["text", "markdown", "json"])
    commands = [
        ["roadmap", p, "--format", fmt],
        ["roadmap", p, "-o", str(aimed_at(rng, work, [profile], "out.txt")), "--pace"],
        ["calendar", p, "-o", str(out)],
        ["calendar", p, "-o", str(out), "--previous", str(old), "--reminder", "15"],
        ["gaps", p, "--format", rng.choice(["text", "json"])],
        ["explain", rng.choice(["pandas", "python", "ml-engineer", "Python programming"]), "--profile", p],
        ["status", p, *rng.choice([[], ["--from", "2027-06-01"], ["--from", "2999-12-31"]])],
        ["week", p, *rng.choice([[], ["--days", "31"], ["--from", "2999-12-25"]])],
        ["done", p, rng.choice(["pandas", "docker", "nlp", "Version control"]), *partial(rng)],
        ["graph", "--profile", p, "--format", rng.choice(["json", "dot", "mermaid"])],
    ]
    argv = rng.choice(commands)
    outputs = {Path(a) for a in argv if a.endswith((".ics", ".txt")) and Path(a) not in (profile, old)}
    edits = {profile} | {p for p in work.iterdir() if p.name.startswith("link-hardlink")}
    return Case(f"profile:{kind}", argv, outputs=outputs, edits=edits if argv[0] == "done" else set())


def partial(rng: random.Random) -> list[str]:
    if rng.random() < 0.7:
        return []
    return ["--partial", rng.choice(["0.5", "0.9999999", "1e-320", "0.0004", "1", "nan", "0"])]


def graph_case(rng: random.Random, work: Path, ctx: Context) -> Case:
    kind = rng.choice(mutators.GRAPH_MUTATIONS)
    graph = work / "graph"
    mutators.mutate_graph(rng, kind, graph)
    profile = work / "profile.toml"
    profile.write_bytes(rng.choice(mutators.EXAMPLE_PROFILES[:3]).read_bytes())
    g, p = ["--graph", str(graph)], str(profile)
    files = sorted(f for f in graph.glob("*.toml") if f.is_file() and not f.is_symlink())
    out = str(aimed_at(rng, work, [*files[:3], profile], "out.ics"))
    commands = [
        ["validate", *g],
        ["roadmap", p, "--format", "json", *g],
        ["calendar", p, "-o", out, *g],
        ["gaps", p, "-o", out, *g],
        ["explain", rng.choice(["python", "pandas"]), "--profile", p, *g],
        ["status", p, "--from", "2027-06-01", *g],
        ["week", p, *g],
        ["done", p, rng.choice(["python", "pandas", "git"]), *g],
        ["graph", "--format", rng.choice(["json", "dot", "mermaid"]), *g],
        ["graph", "--profile", p, "--format", rng.choice(["json", "dot", "mermaid"]), "-o", out, *g],
        ["stages", *g],
        ["skills", *g],
        ["init", str(aimed_at(rng, work, files[:3], "init.toml")), "--force", *g],
    ]
    argv = rng.choice(commands)
    outputs = {Path(out)} if out in argv else set()
    if argv[0] == "init":
        outputs = {Path(argv[1])}
    return Case(f"graph:{kind}", argv, outputs=outputs, edits={profile} if argv[0] == "done" else set())


def ics_case(rng: random.Random, work: Path, ctx: Context) -> Case:
    kind = rng.choice(mutators.ICS_MUTATIONS)
    old = work / "old.ics"
    old.write_bytes(mutators.mutate_ics(rng, kind, ctx.ics))
    profile = str(ROOT / "examples" / "profiles" / "priya.toml")
    extra = rng.choice([[], ["--from", "2027-03-01"], ["--from", "2031-01-01"], ["--force"]])
    out = work / "out.ics"
    return Case(
        f"ics:{kind}", ["calendar", profile, "-o", str(out), "--previous", str(old), *extra], outputs={out}
    )


def pipe_case(rng: random.Random, work: Path, ctx: Context) -> Case:
    """A profile, a cohort, an earlier export or a summary from a pipe; some never end."""
    endless = rng.random() < 0.3
    out = work / "out.ics"
    what = rng.choice(["profile", "profile", "cohort", "previous", "summary"])
    if what == "profile":
        kind = rng.choice(mutators.PROFILE_MUTATIONS)
        raw, _ = mutators.mutate_profile(rng, kind)
        argv = rng.choice(
            [
                ["roadmap", "/dev/stdin"],
                ["gaps", "/dev/stdin"],
                ["status", "/dev/stdin"],
                ["week", "/dev/stdin"],
            ]
        )
        return Case(f"pipe:profile:{kind}", argv, stdin="endless" if endless else raw)
    if what == "cohort":  # never endless: an endless stream of people is an endless batch
        lines = cohort_lines(rng)
        out = work / "out.jsonl"
        argv = ["batch", "/dev/stdin", "-o", str(out), "--workers", rng.choice(["1", "2"])]
        return Case("pipe:cohort", argv, stdin=lines, outputs={out})
    if what == "previous":
        argv = [
            "calendar",
            str(ROOT / "examples/profiles/priya.toml"),
            "-o",
            str(out),
            "--previous",
            "/dev/stdin",
        ]
        return Case("pipe:previous", argv, stdin="endless" if endless else ctx.ics, outputs={out})
    return Case(
        "pipe:summary",
        ["graph", "--cohort", "/dev/stdin", "--format", "json"],
        stdin="endless" if endless else mutate_summary(rng, ctx.summary),
    )


def cohort_lines(rng: random.Random) -> bytes:
    """JSON Lines of mutated and good profiles (as JSON, one a line)."""
    lines = []
    for _ in range(rng.randint(1, 40)):
        data, _ = mutators.base_profile(rng)
        if rng.random() < 0.5:
            kind = rng.choice(["long_number", "far_future", "many_windows", "wrong_type", "huge_number"])
            raw, _ = mutators.mutate_profile(rng, kind)
            text = raw.decode("utf-8", "replace")
            lines.append(
                " ".join(text.split()) if raw.lstrip().startswith(b"{") else json.dumps(data, default=str)
            )
        else:
            lines.append(json.dumps(data, default=str))
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def cohort_case(rng: random.Random, work: Path, ctx: Context) -> Case:
    """batch on a JSON Lines file or on a folder with odd entries; or graph --cohort."""
    if rng.random() < 0.25:
        summary = work / "summary.json"
        raw = mutate_summary(rng, ctx.summary)
        if raw == b"@zero":
            summary.symlink_to("/dev/zero")
        else:
            summary.write_bytes(raw)
        out = aimed_at(rng, work, [summary], "heat.dot")
        return Case(
            "cohort:summary", ["graph", "--cohort", str(summary), "-o", str(out)], outputs={out} - {summary}
        )
    if rng.random() < 0.5:
        source = work / "cohort.jsonl"
        source.write_bytes(cohort_lines(rng))
        inputs = [source]
        kind = "cohort:jsonl"
    else:
        source = work / "people"
        source.mkdir()
        for n in range(rng.randint(0, 6)):
            kind_n = rng.choice(mutators.PROFILE_MUTATIONS)
            raw, suffix = mutators.mutate_profile(rng, kind_n)
            (source / f"p{n}{suffix if suffix in ('.toml', '.json') else '.toml'}").write_bytes(raw)
        mutators.odd_entries(rng, source, rng.choice([".toml", ".json"]))
        inputs = sorted(  # what the batch reads: the profile files, hidden ones aside
            p
            for p in source.iterdir()
            if p.is_file()
            and not p.is_symlink()
            and not p.name.startswith(".")
            and p.suffix.lower() in (".toml", ".json")
        )
        kind = "cohort:folder"
    out = aimed_at(rng, work, inputs, "out.jsonl")
    argv = [
        "batch",
        str(source),
        "-o",
        "-" if rng.random() < 0.1 else str(out),
        "--workers",
        rng.choice(["1", "2"]),
    ]
    outputs = {out} - set(inputs)
    if rng.random() < 0.5:
        summary = aimed_at(rng, work, inputs, "summary.json")
        argv += ["--summary", str(summary)]
        outputs |= {summary} - set(inputs)
    return Case(kind, argv, outputs=outputs)


def mutate_summary(rng: random.Random, summary: bytes) -> bytes:
    choice = rng.randrange(8)
    if choice == 0:
        return summary.replace(b'"planned": ', b'"planned": ' + b"9" * rng.choice(mutators.LONG_DIGITS), 1)
    if choice == 1:
        return b"[" * 100_000
    if choice == 2:
        return b'{"note": "' + b"x" * 1_000_000 + b'", "planned": ' + b"9" * 5000 + b"}"
    if choice == 3:
        return mutators.flip_bytes(rng, summary, rng.randint(1, 20))
    if choice == 4:
        return b"@zero"
    if choice == 5:
        return summary.replace(b'"people": ', b'"people": -', 3)
    return summary


def scheduler_case(rng: random.Random, work: Path, ctx: Context) -> Case:
    source = work / "cohort.jsonl"
    source.write_bytes(cohort_lines(rng))
    out = work / "out.jsonl"
    address = hostile.scheduler_address(rng, ctx.servers)
    argv = ["batch", str(source), "-o", str(out), "--engine", "dask", "--scheduler", address]
    if rng.random() < 0.5:
        argv += ["--scheduler-timeout", rng.choice(["0.5", "2", "5"])]
    return Case("scheduler", argv, outputs={out})


def completion_case(rng: random.Random, work: Path, ctx: Context) -> Case:
    graph = work / "graph"
    kind = rng.choice(mutators.GRAPH_MUTATIONS)
    mutators.mutate_graph(rng, kind, graph)
    if rng.random() < 0.5:
        mutators.odd_entries(rng, graph, ".toml")
    typed = rng.choice(["", "p", "py", "ML", "head", "x" * 300, "é"])
    words = rng.choice(
        [
            ["done", "--graph", str(graph), "me.toml"],
            ["explain", "--graph", str(graph)],
            ["roadmap", "--graph", str(graph), "me.toml", "--target"],
            ["graph", "--graph", str(graph), "--focus"],
            ["graph", "--graph", str(graph), "--stage"],
            ["done", "me.toml"],
        ]
    )
    env = {
        "_PLANNER_COMPLETE": "bash_complete",
        "COMP_WORDS": " ".join(["planner", *words, typed]),
        "COMP_CWORD": str(len(words) + 1),
    }
    return Case(f"complete:{kind}", [], env=env, completion=True)


MAKERS: list[tuple[Callable[[random.Random, Path, Context], Case], int]] = [
    (profile_case, 6),
    (graph_case, 3),
    (ics_case, 1),
    (pipe_case, 2),
    (cohort_case, 2),
    (scheduler_case, 1),
    (completion_case, 2),
]


# --- running and checking ----------------------------------------------------------------------


def snapshot(folder: Path) -> dict[Path, str]:
    """The sha256 of every regular file under ``folder`` (links and special files aside)."""
    found = {}
    for base, _, names in os.walk(folder):
        for name in names:
            path = Path(base) / name
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode):
                found[path] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def changed_inputs(before: dict[Path, str], after: dict[Path, str], case: Case, code: str) -> list[str]:
    allowed = case.outputs | (case.edits if code == "0" else set())
    allowed = {p.resolve() for p in allowed} | allowed
    return sorted(
        str(path.name)
        for path, digest in before.items()
        if after.get(path) != digest and path not in allowed and path.resolve() not in allowed
    )


def run_case(
    case: Case, work: Path, env: dict[str, str], args: argparse.Namespace
) -> tuple[str, bytes, bytes]:
    full = {**env, **case.env}
    stdin = subprocess.PIPE if case.stdin is not None else subprocess.DEVNULL
    proc = subprocess.Popen(
        [*planner_command(), *case.argv],
        env=full,
        cwd=work,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: limit_memory(args.memory_mib),  # noqa: PLW1509 -- no thread runs yet
    )
    feeder = None
    data: bytes | None = None
    if case.stdin == "endless":
        feeder = hostile.feed_forever(proc)
    elif isinstance(case.stdin, bytes):
        data = case.stdin
    try:
        out, err = (
            proc.communicate(data, timeout=args.timeout) if feeder is None else _wait(proc, args.timeout)
        )
        code = str(proc.returncode)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        code = "timeout"
    if feeder is not None:
        feeder.join(5)
    return code, out or b"", err or b""


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[bytes, bytes]:
    """Output of a process whose standard input another thread feeds."""
    assert proc.stdout is not None and proc.stderr is not None
    deadline = time.monotonic() + timeout
    while proc.poll() is None:
        if time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(proc.args, timeout)
        time.sleep(0.05)
    return proc.stdout.read(), proc.stderr.read()


def problem_of(case: Case, code: str, out: bytes, err: bytes, changed: list[str]) -> str:
    text = (out + err).decode("utf-8", "replace")
    if code == "timeout":
        return "timeout"
    if code not in (("0",) if case.completion else ("0", "1", "2")):
        return f"exit {code}"
    if "Traceback" in text:
        return "traceback"
    if "internal error" in text:
        return "internal error"
    if code != "0" and not err.strip():
        return "failed without a message"
    if "MemoryError" in text or "out of memory" in text:
        return "memory limit"
    if changed:
        return f"input changed: {', '.join(changed)}"
    return ""


def base_ics(env: dict[str, str]) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "old.ics"
        subprocess.run(
            [*planner_command(), "calendar", str(ROOT / "examples/profiles/priya.toml"), "-o", str(out)],
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
    shipped = {folder: snapshot(folder) for folder in SHIPPED}
    ctx = Context(base_ics(env), (ROOT / "examples/cohort/summary.json").read_bytes(), hostile.Servers())
    master = random.Random(args.seed)
    makers = [maker for maker, weight in MAKERS for _ in range(weight)]
    table: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    failures: list[tuple[int, str, str, str]] = []
    started = time.monotonic()
    slowest = (0.0, "")
    for number in range(args.n):
        seed = master.getrandbits(32)
        rng = random.Random(seed)
        make = rng.choice(makers)
        with tempfile.TemporaryDirectory(prefix="case-") as folder:
            work = Path(folder)
            try:
                case = make(rng, work, ctx)
            except Exception as exc:  # noqa: BLE001 -- a mutator's bug: say so, and go on
                failures.append((number, make.__name__, "fuzzer", f"the case could not be made: {exc!r}"))
                continue
            before = snapshot(work)
            t0 = time.monotonic()
            code, out, err = run_case(case, work, env, args)
            took = time.monotonic() - t0
            slowest = max(slowest, (took, f"{case.kind} {case.command}"))
            changed = changed_inputs(before, snapshot(work), case, code)
            problem = problem_of(case, code, out, err, changed)
            table[case.command][code] += 1
            if problem:
                saved = keep / f"fail-{number:04d}-{case.kind.replace(':', '-')}"
                shutil.copytree(
                    work,
                    saved,
                    symlinks=True,
                    ignore=lambda d, names: [
                        n
                        for n in names
                        if not (Path(d) / n).is_symlink()
                        and not (Path(d) / n).is_file()
                        and not (Path(d) / n).is_dir()
                    ],
                )
                replay = " ".join(c.replace(folder, str(saved)) for c in case.argv)
                extra = " ".join(f"{k}={v!r}" for k, v in case.env.items()).replace(folder, str(saved))
                stdin = (
                    f" < (stdin: {case.stdin if isinstance(case.stdin, str) else 'bytes'})"
                    if case.stdin
                    else ""
                )
                (saved / "command.txt").write_text(f"{extra} planner {replay}{stdin}\n", encoding="utf-8")
                last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
                failures.append((number, case.kind, case.command, f"{problem}: {last[0][:200]}"))
                table[case.command]["FAIL"] += 1
    for folder, digests in shipped.items():
        if snapshot(folder) != digests:
            failures.append((-1, "shipped", folder.name, "input changed: the checkout's own files"))
    ctx.servers.close()

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
            groups[f"{command} [{kind}] {problem}"].append(number)
        for line, numbers in sorted(groups.items()):
            print(f"  {len(numbers):>3} x {line}  (runs {', '.join(map(str, numbers[:6]))})")
        return 1
    shutil.rmtree(keep, ignore_errors=True)
    print("no failures, no timeout, no input changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
