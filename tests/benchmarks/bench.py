"""Benchmark planner where its users wait, each figure beside its target.

Run by hand from a checkout (the test suite never times anything):

    python3 tests/benchmarks/bench.py                      # every part, a few minutes
    python3 tests/benchmarks/bench.py --only calendar tj3  # some parts
    python3 tests/benchmarks/bench.py --runs 9             # more runs per figure

Parts (``--only``):

- ``esco``: an ESCO-sized graph folder (14k skills, 3k stages, 1k projects, about
  145k prerequisite edges, 4.7 MB of TOML). ``planner roadmap`` and ``planner
  calendar`` as a user meets them: the first run with an empty cache, the second
  (which stores the cache after its output), warm, and with ``--no-cache``; each
  against the bare work on the same folder (tomllib load, NetworkX build, closure of
  the target, topological order).
- ``calendar``: ``planner calendar`` for 10,000 and 20,000 chained items (one session
  each): linear in sessions; and again with ``--previous`` the first export (reading
  it is linear, and costs at most as much as the export itself).
- ``tj3``: a random 1,000-item curriculum DAG scheduled at 40 h a week with yearly
  leaves in strict order by TaskJuggler (``tj3``) and by planner, each run as a user
  runs it, with both finish instants (skipped when tj3 is not installed). The speed-up
  is the median of the rounds' ratios: the two run in turn, and a round's ratio holds
  when the machine's speed drifts between rounds.
- ``memory``: peak memory at 50,000 nodes.
- ``scaling``, ``startup``: the time per node from 1k to 50k nodes, and start-up
  costs (for reading, no targets).

Every figure is the median of interleaved runs (each command once per round, so a
change in the machine's load hits all alike) and is whole-process wall time, as a
user waits for it. Ratios are what to compare between machines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("esco", "calendar", "tj3", "memory", "scaling", "startup")

BARE = r"""
import sys, tomllib, pathlib
import networkx as nx
folder, target = pathlib.Path(sys.argv[1]), sys.argv[2]
g = nx.DiGraph()
for path in sorted(folder.glob("*.toml")):
    data = tomllib.loads(path.read_text("utf-8"))
    for section in ("skills", "projects", "stages"):
        for node in data.get(section, []):
            g.add_node(node["id"], kind=section, name=node["name"], hours=node.get("hours", 0))
            for req in node.get("requires", []):
                g.add_edge(req, node["id"])
closure = nx.ancestors(g, target) | {target}
order = list(nx.topological_sort(g.subgraph(closure)))
print(len(order))
"""

MEASURE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if proc.returncode != 0:
    sys.stderr.write(proc.stderr.decode(errors="replace"))
print(f"{elapsed:.6f} {peak:.1f} {proc.returncode}")
"""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
MISSES: list[str] = []


# --- running and reporting ------------------------------------------------------------------


class Bench:
    """Runs commands as a user does, in a scratch folder, each with its own cache."""

    def __init__(self, work: Path, runs: int) -> None:
        self.work = work
        self.runs = runs
        self.samples: dict[str, list[tuple[float, float]]] = {}
        """Every row's (seconds, peak MB) of each round, by name, from :meth:`rounds`."""
        script = Path(sysconfig.get_path("scripts")) / "planner"
        if script.exists():  # installed in this interpreter's environment
            self.planner = [str(script)]
            self.env = dict(os.environ)
        else:  # a fresh clone: run the checkout's code
            self.planner = [sys.executable, "-m", "planner"]
            self.env = dict(
                os.environ,
                PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
            )
        self.env["SOURCE_DATE_EPOCH"] = "1798761600"  # 2027-01-01: output independent of today
        self.env.pop("PYTHONHASHSEED", None)
        # pip compiles an installed package's bytecode; a machine that forbids writing
        # it would make every run compile planner from source, which no user pays.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import compileall, importlib.util, pathlib; "
                "compileall.compile_dir(pathlib.Path(importlib.util.find_spec('planner')"
                ".origin).parent, quiet=1)",
            ],
            env=self.env,
            check=False,
        )

    def graph(self, skills: int, stages: int, projects: int) -> tuple[Path, str]:
        """An ESCO-like folder of this size (made once) and the stage to plan for."""
        folder = self.work / f"graph-{skills + stages + projects}"
        target = generate(folder, skills=skills, stages=stages, projects=projects, again=not folder.exists())
        return folder, target

    def cache(self, name: str) -> dict[str, str]:
        """An environment whose cache folder is ``name`` under the scratch folder."""
        return dict(self.env, XDG_CACHE_HOME=str(self.work / "caches" / name))

    def empty(self, name: str) -> dict[str, str]:
        """The environment of cache ``name``, emptied first."""
        shutil.rmtree(self.work / "caches" / name, ignore_errors=True)
        return self.cache(name)

    def once(self, argv: list[str], env: dict[str, str]) -> tuple[float, float]:
        """Wall time and peak resident memory (MB) of one run of ``argv``."""
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, str(self.work), *argv],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        elapsed, peak, code = out.stdout.split()
        if code != "0":
            raise SystemExit(f"command failed ({code}): {' '.join(argv)}\n{out.stderr}")
        return float(elapsed), float(peak)

    def rounds(
        self, rows: dict[str, Callable[[], tuple[float, float]]], runs: int | None = None
    ) -> dict[str, tuple[float, float, float, float]]:
        """Run every row once per round; per row: median, min and max seconds, peak MB."""
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in rows}
        for _ in range(runs or self.runs):
            for name, run in rows.items():
                samples[name].append(run())
        self.samples.update(samples)
        return {
            name: (
                statistics.median(t for t, _ in got),
                min(t for t, _ in got),
                max(t for t, _ in got),
                max(p for _, p in got),
            )
            for name, got in samples.items()
        }


def paired(bench: Bench, slow: str, fast: str) -> tuple[float, float, float]:
    """How many times faster ``fast`` ran than ``slow``, round by round (the two ran
    in turn, so a change in the machine's speed hits both): median, min and max."""
    ratios = [a / b for (a, _), (b, _) in zip(bench.samples[slow], bench.samples[fast], strict=True)]
    return statistics.median(ratios), min(ratios), max(ratios)


def verdict(ok: bool, figure: str) -> str:
    if not ok:
        MISSES.append(figure)
    return "PASS" if ok else "MISS"


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 78 - len(text)))


def q(text: str) -> str:
    return json.dumps(text)


# --- graph folders --------------------------------------------------------------------------


def generate(folder: Path, *, skills: int, stages: int, projects: int, again: bool = True) -> str:
    """Write a clustered ESCO-like graph folder (unless ``again`` is false); return the
    stage to plan for."""
    ladder = 6
    stage_ids = [f"t{i:04d}" for i in range(stages)]
    if not again:
        return stage_ids[ladder - 1] if stages >= ladder else stage_ids[-1]
    rnd = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    cluster_size = 60
    skill_ids = [f"s{i:05d}" for i in range(skills)]
    entries: list[str] = []
    for i, sid in enumerate(skill_ids):
        base = (i // cluster_size) * cluster_size
        reqs: set[str] = set()
        if i > base:  # one or two prerequisites inside the cluster, sometimes one outside
            for _ in range(rnd.choice((1, 1, 2))):
                reqs.add(skill_ids[rnd.randrange(base, i)])
        if base and rnd.random() < 0.15:
            reqs.add(skill_ids[rnd.randrange(0, base)])
        entries.append(
            f'[[skills]]\nid = "{sid}"\nname = {q("Skill " + sid)}\nhours = {rnd.randint(2, 60)}\n'
            f'category = "c{i // cluster_size % 40}"\ndescription = "Generated skill."\n'
            f"requires = [{', '.join(q(r) for r in sorted(reqs))}]\n"
            f'resources = [{{ title = "Docs", url = "https://example.org/{sid}", kind = "docs" }}]\n'
        )
    project_ids = [f"p{i:04d}" for i in range(projects)]
    for pid in project_ids:
        cluster = rnd.randrange(max(1, skills // cluster_size))
        pool = skill_ids[cluster * cluster_size : (cluster + 1) * cluster_size] or skill_ids
        reqs = set(rnd.sample(pool, min(5, len(pool))))
        entries.append(
            f'[[projects]]\nid = "{pid}"\nname = {q("Project " + pid)}\nhours = {rnd.randint(8, 80)}\n'
            f'category = "project"\ndescription = "Generated project."\n'
            f"requires = [{', '.join(q(r) for r in sorted(reqs))}]\n"
            f'resources = [{{ title = "Guide", url = "https://example.org/{pid}", kind = "tutorial" }}]\n'
        )
    for i, tid in enumerate(stage_ids):
        rung = i % ladder
        cluster = (i // ladder) % max(1, skills // cluster_size)
        lo = cluster * cluster_size
        pool = skill_ids[max(0, lo - 600) : lo + cluster_size * 3] or skill_ids
        reqs = set(rnd.sample(pool, min(38, len(pool))))
        reqs.add(project_ids[rnd.randrange(projects)] if projects else skill_ids[0])
        if rung:
            reqs.add(stage_ids[i - 1])
        entries.append(
            f'[[stages]]\nid = "{tid}"\nname = {q("Stage " + tid)}\nlevel = {rung + 1}\n'
            f"requires = [{', '.join(q(r) for r in sorted(reqs))}]\n"
        )
    rnd.shuffle(entries)
    per_file = 400
    for n in range(0, len(entries), per_file):
        (folder / f"part{n // per_file:03d}.toml").write_text("\n".join(entries[n : n + per_file]), "utf-8")
    return stage_ids[ladder - 1] if stages >= ladder else stage_ids[-1]


def write_profile(path: Path, target: str, blackouts: list[tuple[dt.date, dt.date]] = ()) -> Path:
    """A learner at 40 h a week, Monday to Friday 08:00-16:00 in Berlin, from 2027-01-04."""
    path.write_text(
        f'name = "Bench"\ntarget = "{target}"\nstart = 2027-01-04\ntimezone = "Europe/Berlin"\n'
        "hours_per_week = 40\n[availability]\n"
        + "".join(f'{day} = ["08:00-16:00"]\n' for day in WEEKDAYS)
        + "".join(f"[[blackouts]]\nfrom = {a}\nto = {b}\n" for a, b in blackouts),
        "utf-8",
    )
    return path


def chain(folder: Path, items: int) -> None:
    """``items`` skills of 2 hours, each requiring the one before; a stage needs the last."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = [
        f'[[skills]]\nid = "c{i:05d}"\nname = "Chained skill {i}"\nhours = 2\ncategory = "chain"\n'
        f'description = "Step {i} of a long chain."\n'
        f"requires = [{q(f'c{i - 1:05d}') if i else ''}]\n"
        f'resources = [{{ title = "Notes", url = "https://example.org/c{i}", kind = "docs" }}]\n'
        for i in range(items)
    ]
    parts.append(f'[[stages]]\nid = "top"\nname = "Top"\nrequires = ["c{items - 1:05d}"]\n')
    (folder / "chain.toml").write_text("\n".join(parts), "utf-8")


# --- the parts -------------------------------------------------------------------------------


def part_esco(bench: Bench) -> None:
    heading("esco: roadmap and calendar on an ESCO-sized folder, against the bare work")
    folder, target = bench.graph(14_000, 3_000, 1_000)
    profile = write_profile(bench.work / "esco.toml", target)
    size = sum(p.stat().st_size for p in folder.glob("*.toml"))
    summary = subprocess.run(
        [*bench.planner, "validate", "--graph", str(folder)],
        capture_output=True,
        text=True,
        env=bench.cache("esco-validate"),
        check=True,
    ).stdout
    print(f"graph: {summary.strip().split(': ', 2)[-1]}; {size / 1e6:.1f} MB of TOML")
    plan = json.loads(
        subprocess.run(
            [
                *bench.planner,
                "roadmap",
                str(profile),
                "--graph",
                str(folder),
                "--format",
                "json",
                "--no-cache",
            ],
            capture_output=True,
            text=True,
            env=bench.env,
            check=True,
        ).stdout
    )
    print(f"plan: {len(plan['items'])} items, {plan['total_hours']:.0f} h, {len(plan['sessions'])} sessions")

    roadmap = [*bench.planner, "roadmap", str(profile), "--graph", str(folder)]
    calendar = [*bench.planner, "calendar", str(profile), "--graph", str(folder), "-o", "plan.ics"]
    for argv, name in ((roadmap, "warm-roadmap"), (calendar, "warm-calendar")):
        for _ in range(2):  # the second run stores the cache
            bench.once(argv, bench.cache(name))

    def second(argv: list[str], name: str) -> tuple[float, float]:
        env = bench.empty(name)
        bench.once(argv, env)
        return bench.once(argv, env)

    rows: dict[str, tuple[Callable[[], tuple[float, float]], float | None]] = {
        "bare work (tomllib + networkx + closure + order)": (
            lambda: bench.once([sys.executable, "-c", BARE, str(folder), target], bench.env),
            None,
        ),
        "roadmap, first run (empty cache)": (lambda: bench.once(roadmap, bench.empty("first")), 1.0),
        "roadmap, --no-cache": (lambda: bench.once([*roadmap, "--no-cache"], bench.env), 1.0),
        "roadmap, warm (cache)": (lambda: bench.once(roadmap, bench.cache("warm-roadmap")), 0.25),
        "roadmap, second run (stores the cache)": (lambda: second(roadmap, "second"), None),
        "calendar, first run (empty cache)": (lambda: bench.once(calendar, bench.empty("first")), 1.3),
        "calendar, --no-cache": (lambda: bench.once([*calendar, "--no-cache"], bench.env), 1.3),
        "calendar, warm (cache)": (lambda: bench.once(calendar, bench.cache("warm-calendar")), 0.5),
        "validate, --no-cache": (
            lambda: bench.once([*bench.planner, "validate", "--graph", str(folder), "--no-cache"], bench.env),
            None,
        ),
    }
    results = bench.rounds({name: run for name, (run, _) in rows.items()})
    bare = results[next(iter(rows))][0]
    print(f"\n{'command':<48} {'median s':>8} {'min-max s':>13} {'× bare':>7} {'target':>8} {'peak MB':>8}")
    for name, (seconds, low, high, peak) in results.items():
        target_ratio = rows[name][1]
        ratio = seconds / bare
        mark = (
            ""
            if target_ratio is None
            else (f"≤ {target_ratio:.2f}  {verdict(ratio <= target_ratio, f'esco: {name}')}")
        )
        print(f"{name:<48} {seconds:>8.3f} {low:>6.2f}-{high:<6.2f} {ratio:>7.2f} {mark:>14} {peak:>6.0f}")


def part_calendar(bench: Bench) -> None:
    heading("calendar: linear in sessions (chained items, one 2-hour session each)")
    times = {}
    for items in (10_000, 20_000):
        chain(bench.work / f"chain{items}", items)
        profile = write_profile(bench.work / f"chain{items}.toml", "top")
        argv = [
            *bench.planner,
            "calendar",
            str(profile),
            "--graph",
            str(bench.work / f"chain{items}"),
            "-o",
            f"chain{items}.ics",
        ]
        name = f"{items:,} chained items"
        result = bench.rounds(
            {name: lambda argv=argv: bench.once(argv, bench.empty("chain"))}, runs=max(3, bench.runs // 2)
        )
        times[items] = result[name][0]
        sessions = (bench.work / f"chain{items}.ics").read_bytes().count(b"BEGIN:VEVENT") - 1
        print(
            f"planner calendar, first run, {name} ({sessions:,} sessions): {times[items]:.2f} s "
            f"(peak {result[name][3]:.0f} MB)"
        )
    print(
        f"  10,000 items: {times[10_000]:.2f} s, target ≤ 10 s: "
        f"{verdict(times[10_000] <= 10, 'calendar: 10,000 chained items')}"
    )
    ratio = times[20_000] / times[10_000]
    print(
        f"  20,000 items / 10,000 items: {ratio:.2f}×, target about 2× (≤ 2.4; quadratic gives 4): "
        f"{verdict(ratio <= 2.4, 'calendar: linear growth')}"
    )
    updates = {}
    for items in (10_000, 20_000):
        old = bench.work / f"chain{items}.ics"
        argv = [
            *bench.planner,
            "calendar",
            str(bench.work / f"chain{items}.toml"),
            "--graph",
            str(bench.work / f"chain{items}"),
            "-o",
            f"again{items}.ics",
            "--previous",
            str(old),
        ]
        name = f"--previous, {items:,} items"
        result = bench.rounds(
            {name: lambda argv=argv: bench.once(argv, bench.empty("chain"))}, runs=max(3, bench.runs // 2)
        )
        updates[items] = result[name][0]
        print(
            f"planner calendar --previous ({old.stat().st_size / 2**20:.1f} MB earlier export), {items:,} "
            f"items: {updates[items]:.2f} s, {updates[items] / times[items]:.2f}× the export alone "
            f"(peak {result[name][3]:.0f} MB)"
        )
    ratio = updates[20_000] / updates[10_000]
    print(
        f"  --previous, 20,000 items / 10,000 items: {ratio:.2f}×, target about 2× (≤ 2.4): "
        f"{verdict(ratio <= 2.4, 'calendar --previous: linear growth')}"
    )
    print(
        f"  --previous costs ≤ 2× the export alone: "
        f"{verdict(updates[20_000] <= 2 * times[20_000], 'calendar --previous: reading the earlier export')}"
    )


def curriculum(rnd: random.Random, items: int) -> list[tuple[str, int, list[str]]]:
    """A random curriculum DAG: ids in a topological order, whole hours, 0-3 prerequisites."""
    dag = []
    for i in range(items):
        reqs = sorted({f"k{rnd.randrange(i):04d}" for _ in range(rnd.choice((0, 1, 1, 2, 3)))}) if i else []
        dag.append((f"k{i:04d}", rnd.randint(2, 24), reqs))
    return dag


def part_tj3(bench: Bench) -> None:
    heading("tj3: a 1,000-item curriculum, TaskJuggler against planner")
    tj3 = shutil.which("tj3")
    if tj3 is None:
        print("skipped: tj3 (TaskJuggler) is not installed; on Debian or Ubuntu: apt-get install tj3")
        return
    version = subprocess.run([tj3, "--version"], capture_output=True, text=True, check=False)
    dag = curriculum(random.Random(3), 1000)
    # Two weeks in August and the days around new year, every year (TaskJuggler's
    # calendar ends in 2035, so the plan, about 7 years long, starts in 2027).
    leaves = [(dt.date(y, 8, 2), dt.date(y, 8, 15)) for y in range(2027, 2035)] + [
        (dt.date(y, 12, 24), dt.date(y + 1, 1, 1)) for y in range(2027, 2035)
    ]
    folder = bench.work / "curriculum"
    folder.mkdir()
    skills = [
        f'[[skills]]\nid = "{k}"\nname = "Item {k}"\nhours = {h}\nrequires = [{", ".join(map(q, reqs))}]\n'
        for k, h, reqs in dag
    ]
    everything = ", ".join(q(k) for k, _, _ in dag)
    (folder / "curriculum.toml").write_text(
        "\n".join([*skills, f'[[stages]]\nid = "done"\nname = "Done"\nrequires = [{everything}]\n']), "utf-8"
    )
    profile = write_profile(bench.work / "curriculum-profile.toml", "done", leaves)
    project = bench.work / "tj3"
    project.mkdir()
    tasks = []
    for index, (k, h, reqs) in enumerate(dag):  # strict order: each task after the one before
        after = sorted({*reqs, *([dag[index - 1][0]] if index else [])})
        tasks.append(
            f'task {k} "Item {k}" {{\n  effort {h}h\n  allocate learner\n'
            + (f"  depends {', '.join(after)}\n" if after else "  start 2027-01-04\n")
            + "}\n"
        )
    (project / "plan.tjp").write_text(
        'project curriculum "Curriculum" 2027-01-01 - 2035-12-31 {\n  timezone "Europe/Berlin"\n'
        "  timingresolution 60min\n  dailyworkinghours 8\n  workinghours mon - fri 8:00 - 16:00\n"
        "  workinghours sat, sun off\n}\n"
        'resource learner "Learner" {\n'
        + "".join(f"  leaves annual {a} +{(b - a).days + 1}d\n" for a, b in leaves)
        + "}\n"
        + "".join(tasks)
        + 'taskreport finish "finish" {\n  formats csv\n  columns id, end\n'
        '  timeformat "%Y-%m-%d %H:%M"\n}\n',
        "utf-8",
    )

    planner = [
        *bench.planner,
        "roadmap",
        str(profile),
        "--graph",
        str(folder),
        "--format",
        "json",
        "-o",
        "roadmap.json",
    ]
    for _ in range(2):  # the second run stores the graph in the cache the later runs read
        bench.once(planner, bench.cache("tj3-again"))
    results = bench.rounds(
        {
            "tj3": lambda: bench.once([tj3, "--silent", str(project / "plan.tjp")], bench.env),
            "planner": lambda: bench.once(planner, bench.empty("tj3")),
            "planner again": lambda: bench.once(planner, bench.cache("tj3-again")),
        },
        runs=max(5, bench.runs),
    )
    zone = ZoneInfo("Europe/Berlin")
    report = (bench.work / "finish.csv").read_text("utf-8").splitlines()[1:]
    tj3_finish = max(
        dt.datetime.strptime(line.split(";")[1].strip('"'), "%Y-%m-%d %H:%M").replace(tzinfo=zone)
        for line in report
    )
    planner_finish = dt.datetime.fromisoformat(
        json.loads((bench.work / "roadmap.json").read_text("utf-8"))["finish"]
    )
    tj3_s, planner_s, again_s = results["tj3"][0], results["planner"][0], results["planner again"][0]
    ratio, low, high = paired(bench, "tj3", "planner")
    ratio_again, _, _ = paired(bench, "tj3", "planner again")
    print(
        f"{version.stdout.strip()}: {len(dag)} tasks, {sum(h for _, h, _ in dag):,} h, in strict order, "
        "40 h/week with yearly leaves"
    )
    print(
        f"  tj3 plan.tjp (CSV report):                       {tj3_s:6.3f} s  finish {tj3_finish.isoformat()}"
    )
    print(
        f"  planner roadmap --format json (empty cache):     {planner_s:6.3f} s  finish "
        f"{planner_finish.isoformat()}"
    )
    print(f"  planner roadmap again (the graph cached):        {again_s:6.3f} s  (for reading)")
    print(f"  same finish: {verdict(tj3_finish == planner_finish, 'tj3: same finish')}")
    print(
        f"  planner's first run is {ratio:.1f}× faster (round by round {low:.1f}-{high:.1f}×; "
        f"later runs {ratio_again:.1f}×), target ≥ 10×: {verdict(ratio >= 10, 'tj3: 10× faster')}"
    )


def part_memory(bench: Bench) -> None:
    heading("memory: peak resident memory at 50,000 nodes")
    folder, target = bench.graph(39_000, 8_400, 2_600)
    profile = write_profile(bench.work / "n50000.toml", target)
    roadmap = [*bench.planner, "roadmap", str(profile), "--graph", str(folder)]
    calendar = [*bench.planner, "calendar", str(profile), "--graph", str(folder), "-o", "n50000.ics"]
    env = bench.empty("n50000")
    peaks = {
        "roadmap, first run (empty cache)": bench.once(roadmap, env)[1],
        "roadmap, second run (stores the cache)": bench.once(roadmap, env)[1],
        "roadmap, warm": bench.once(roadmap, env)[1],
        "calendar, warm": bench.once(calendar, env)[1],
    }
    for name, peak in peaks.items():
        print(f"  {name:<40} {peak:6.0f} MB")
    worst = max(peaks.values())
    print(f"  highest {worst:.0f} MB, target ≤ 300 MB: {verdict(worst <= 300, 'memory at 50k nodes')}")


def part_scaling(bench: Bench) -> None:
    heading("scaling: planner roadmap --no-cache against the bare work (for reading)")
    print(f"{'nodes':>7} {'roadmap s':>10} {'bare s':>8} {'× bare':>7} {'ms per 1k nodes':>16}")
    for skills, stages, projects in (
        (800, 150, 50),
        (4_000, 800, 200),
        (14_000, 3_000, 1_000),
        (39_000, 8_400, 2_600),
    ):
        nodes = skills + stages + projects
        folder, target = bench.graph(skills, stages, projects)
        profile = write_profile(bench.work / f"n{nodes}.toml", target)
        results = bench.rounds(
            {
                "planner": lambda f=folder, p=profile: bench.once(
                    [*bench.planner, "roadmap", str(p), "--graph", str(f), "--no-cache"], bench.env
                ),
                "bare": lambda f=folder, t=target: bench.once(
                    [sys.executable, "-c", BARE, str(f), t], bench.env
                ),
            },
            runs=3,
        )
        seconds, bare = results["planner"][0], results["bare"][0]
        print(
            f"{nodes:>7} {seconds:>10.3f} {bare:>8.3f} {seconds / bare:>7.2f} {seconds / nodes * 1e6:>16.1f}"
        )


def part_startup(bench: Bench) -> None:
    heading("startup: fixed costs (for reading)")
    beginner = bench.work / "beginner.toml"
    beginner.write_text(
        'name = "Beginner"\ntarget = "head-of-ml"\nstart = 2027-01-04\ntimezone = "UTC"\n'
        'hours_per_week = 10\n[availability]\nmon = ["18:00-20:00"]\nwed = ["18:00-20:00"]\n'
        'sat = ["09:00-15:00"]\n',
        "utf-8",
    )
    results = bench.rounds(
        {
            "python -c pass": lambda: bench.once([sys.executable, "-c", "pass"], bench.env),
            "python -c 'import click'": lambda: bench.once([sys.executable, "-c", "import click"], bench.env),
            "planner --help": lambda: bench.once([*bench.planner, "--help"], bench.env),
            "python -c 'import click, pydantic, icalendar'": lambda: bench.once(
                [sys.executable, "-c", "import click, pydantic, icalendar"], bench.env
            ),
            "planner roadmap, shipped graph, warm": lambda: bench.once(
                [*bench.planner, "roadmap", str(beginner)], bench.cache("shipped")
            ),
        }
    )
    for name, (seconds, _, _, peak) in results.items():
        print(f"  {name:<48} {seconds:6.3f} s  peak {peak:4.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]),
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=PARTS,
        default=PARTS,
        metavar="PART",
        help=f"parts to run: {', '.join(PARTS)} (default: all)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    bench = Bench(work, args.runs)
    started = time.perf_counter()
    load = os.getloadavg()
    how = "the installed script" if len(bench.planner) == 1 else "python -m planner (the checkout)"
    print(
        f"planner: {how}; Python {sys.version.split()[0]}; {os.cpu_count()} cores; "
        f"load average {load[0]:.2f} at the start"
    )
    try:
        for part in PARTS:
            if part in args.only:
                globals()[f"part_{part}"](bench)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    heading("summary")
    print(
        f"{time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.2f} at the end "
        f"(a busy machine inflates every figure; compare ratios)"
    )
    print("every target met" if not MISSES else "missed: " + "; ".join(MISSES))


if __name__ == "__main__":
    main()
