"""Benchmark planner at taxonomy scale. Run by hand, not by the test suite:

    python tests/benchmarks/bench.py [--runs 5] [--quick]

It generates ESCO-sized graph folders in the SPEC format (about 14k skills in a
sparse, clustered DAG, 3k stages in ladders each requiring about 40 skills, 1k
projects, 120-150k edges), then times, side by side and as the median of several
runs, ``planner validate``, ``planner roadmap`` and ``planner calendar`` (cold: no
cache; warm: the compiled-graph cache is fresh) against the bare work on the same
folder (tomllib load, networkx build, closure of the target and topological order),
with peak memory, a scaling curve, start-up time and the scheduler's own time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if proc.returncode != 0:
    sys.stderr.write(proc.stderr.decode(errors="replace"))
print(f"{elapsed:.6f} {peak:.1f} {proc.returncode}")
"""


def q(text: str) -> str:
    return json.dumps(text)


def generate(folder: Path, *, skills: int, stages: int, projects: int, seed: int = 7) -> dict[str, str]:
    """Write a clustered graph folder; return the ids to plan for."""
    rnd = random.Random(seed)
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
            f'requires = [{", ".join(q(r) for r in sorted(reqs))}]\n'
            f'resources = [{{ title = "Docs", url = "https://example.org/{sid}", kind = "docs" }}]\n'
        )
    project_ids = [f"p{i:04d}" for i in range(projects)]
    for pid in project_ids:
        cluster = rnd.randrange(max(1, skills // cluster_size))
        pool = skill_ids[cluster * cluster_size:(cluster + 1) * cluster_size] or skill_ids
        reqs = sorted(set(rnd.sample(pool, min(5, len(pool)))))
        entries.append(
            f'[[projects]]\nid = "{pid}"\nname = {q("Project " + pid)}\nhours = {rnd.randint(8, 80)}\n'
            f'category = "project"\ndescription = "Generated project."\n'
            f'requires = [{", ".join(q(r) for r in reqs)}]\n'
            f'resources = [{{ title = "Guide", url = "https://example.org/{pid}", kind = "tutorial" }}]\n'
        )
    ladder = 6
    stage_ids = [f"t{i:04d}" for i in range(stages)]
    for i, tid in enumerate(stage_ids):
        rung = i % ladder
        cluster = (i // ladder) % max(1, skills // cluster_size)
        lo = cluster * cluster_size
        pool = skill_ids[max(0, lo - 600):lo + cluster_size * 3] or skill_ids
        reqs = set(rnd.sample(pool, min(38, len(pool))))
        reqs.add(project_ids[rnd.randrange(projects)] if projects else skill_ids[0])
        if rung:
            reqs.add(stage_ids[i - 1])
        entries.append(
            f'[[stages]]\nid = "{tid}"\nname = {q("Stage " + tid)}\nlevel = {rung + 1}\n'
            f'requires = [{", ".join(q(r) for r in sorted(reqs))}]\n'
        )
    rnd.shuffle(entries)
    per_file = 400
    for n in range(0, len(entries), per_file):
        (folder / f"part{n // per_file:03d}.toml").write_text("\n".join(entries[n:n + per_file]), "utf-8")
    top = stage_ids[ladder - 1] if stages >= ladder else stage_ids[-1]
    return {"target": top}


def profile_file(folder: Path, target: str) -> Path:
    path = folder.parent / "bench-profile.toml"
    path.write_text(
        f'name = "Bench"\ntarget = "{target}"\nstart = 2027-01-04\ntimezone = "Europe/Berlin"\n'
        'hours_per_week = 40\n[availability]\n'
        + "".join(f'{d} = ["08:00-16:00"]\n' for d in ("mon", "tue", "wed", "thu", "fri")),
        "utf-8",
    )
    return path


def measure(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall time and peak resident memory (MB) of ``cmd`` over ``runs`` runs."""
    times, peaks = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True,
                             env=env, check=True)
        elapsed, peak, rc = out.stdout.split()
        if rc != "0":
            raise SystemExit(f"command failed ({rc}): {' '.join(cmd)}\n{out.stderr}")
        times.append(float(elapsed))
        peaks.append(float(peak))
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the 50k-node scaling point")
    args = parser.parse_args()
    planner = shutil.which("planner")
    cmd = [planner] if planner else [sys.executable, "-m", "planner"]
    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"), SOURCE_DATE_EPOCH="1798761600")
    try:
        folder = work / "esco"
        ids = generate(folder, skills=14_000, stages=3_000, projects=1_000)
        profile = profile_file(folder, ids["target"])
        sizes = sum(p.stat().st_size for p in folder.glob("*.toml"))
        edges_out = subprocess.run([*cmd, "validate", "--graph", str(folder)], capture_output=True,
                                   text=True, env=env, check=True).stdout.strip()
        print(f"graph: {edges_out.split(': ', 2)[-1]}; {sizes / 1e6:.1f} MB of TOML")
        plan = json.loads(subprocess.run(
            [*cmd, "roadmap", str(profile), "--graph", str(folder), "--format", "json", "--no-cache"],
            capture_output=True, text=True, env=env, check=True).stdout)
        print(f"plan: {len(plan['items'])} items, {plan['total_hours']:.0f} h, "
              f"{len(plan['sessions'])} sessions")
        ics = str(work / "plan.ics")
        rows = [
            ("bare work (tomllib + networkx + closure + topo)",
             [sys.executable, "-c", BARE, str(folder), ids["target"]]),
            ("planner validate", [*cmd, "validate", "--graph", str(folder)]),
            ("planner roadmap, cold (--no-cache)",
             [*cmd, "roadmap", str(profile), "--graph", str(folder), "--no-cache"]),
            ("planner roadmap, warm (cache)", [*cmd, "roadmap", str(profile), "--graph", str(folder)]),
            ("planner calendar, cold (--no-cache)",
             [*cmd, "calendar", str(profile), "--graph", str(folder), "-o", ics, "--no-cache"]),
            ("planner calendar, warm (cache)",
             [*cmd, "calendar", str(profile), "--graph", str(folder), "-o", ics]),
        ]
        subprocess.run(rows[3][1], env=env, check=True, capture_output=True)  # prime the cache
        # Interleave the commands run by run, so drift in the machine's load hits all alike.
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in rows}
        for _ in range(args.runs):
            for name, argv in rows:
                samples[name].append(measure(argv, 1, env))
        results = {name: (statistics.median(t for t, _ in runs), max(p for _, p in runs))
                   for name, runs in samples.items()}
        bare = results[rows[0][0]][0]
        print(f"\n{'command':<48} {'median s':>9} {'× bare':>7} {'peak MB':>8}")
        for name, (seconds, peak) in results.items():
            print(f"{name:<48} {seconds:>9.3f} {seconds / bare:>7.2f} {peak:>8.1f}")

        print("\nscaling (planner roadmap, cold, median):")
        print(f"{'nodes':>7} {'edges':>8} {'roadmap s':>10} {'bare s':>8} {'s per 1k nodes':>15}")
        scale = [(800, 150, 50), (4_000, 800, 200), (14_000, 3_000, 1_000)]
        if not args.quick:
            scale.append((39_000, 8_400, 2_600))
        for n_skills, n_stages, n_projects in scale:
            sub = work / f"scale{n_skills}"
            sid = generate(sub, skills=n_skills, stages=n_stages, projects=n_projects)
            prof = profile_file(sub, sid["target"])
            out = subprocess.run([*cmd, "validate", "--graph", str(sub)], capture_output=True,
                                 text=True, env=env, check=True).stdout
            nodes = n_skills + n_stages + n_projects
            edges = out.rsplit("), ", 1)[-1].split()[0]
            seconds, _ = measure([*cmd, "roadmap", str(prof), "--graph", str(sub), "--no-cache"],
                                 max(3, args.runs // 2), env)
            bare_s, _ = measure([sys.executable, "-c", BARE, str(sub), sid["target"]],
                                max(3, args.runs // 2), env)
            print(f"{nodes:>7} {edges:>8} {seconds:>10.3f} {bare_s:>8.3f} {seconds / nodes * 1000:>15.4f}")

        print("\nstart-up and the shipped graph:")
        click_s, _ = measure([sys.executable, "-c", "import click"], args.runs, env)
        help_s, _ = measure([*cmd, "--help"], args.runs, env)
        print(f"  planner --help {help_s:.3f} s vs python -c 'import click' {click_s:.3f} s: "
              f"{help_s - click_s:+.3f} s")
        beginner = work / "beginner.toml"
        beginner.write_text(
            'name = "Beginner"\ntarget = "head-of-ml"\nstart = 2027-01-04\ntimezone = "UTC"\n'
            'hours_per_week = 10\n[availability]\nmon = ["18:00-20:00"]\nwed = ["18:00-20:00"]\n'
            'sat = ["09:00-15:00"]\n', "utf-8")
        imports_s, _ = measure([sys.executable, "-c", "import networkx, pydantic, click, icalendar"],
                               args.runs, env)
        shipped_s, shipped_peak = measure([*cmd, "roadmap", str(beginner)], args.runs, env)
        print(f"  planner roadmap (beginner → head-of-ml, shipped graph) {shipped_s:.3f} s vs bare "
              f"imports {imports_s:.3f} s: {shipped_s - imports_s:+.3f} s, peak {shipped_peak:.0f} MB")

        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
        from planner.graph import build_graph
        from planner.planning import make_plan
        from planner.profile import check_profile
        from planner.scheduling import Availability, schedule_plan

        rnd = random.Random(3)
        skills = [{"id": f"k{i:04d}", "name": f"K{i}", "hours": rnd.randint(10, 50),
                   "requires": [f"k{rnd.randrange(i):04d}"] if i and rnd.random() < 0.7 else []}
                  for i in range(1000)]
        graph = build_graph([("big.toml", {"skills": skills, "stages": [
            {"id": "top", "name": "Top", "requires": [s["id"] for s in skills]}]}, {})])
        person = check_profile({"target": "top", "hours_per_week": 40, "start": "2027-01-04",
                                "timezone": "Europe/Berlin", "availability": {
                                    d: ["08:00-16:00"] for d in ("mon", "tue", "wed", "thu", "fri")}},
                               graph, file="bench")
        plan = make_plan(graph, person)
        avail = Availability.from_profile(person)
        timings = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            sched = schedule_plan(plan, avail, start=person.start)  # type: ignore[arg-type]
            timings.append(time.perf_counter() - t0)
        span = (sched.finish.date() - person.start).days / 365.25  # type: ignore[union-attr,operator]
        print(f"  scheduling {len(plan.items)} items, {plan.minutes / 60:,.0f} h at 40 h/week: "
              f"{len(sched.sessions)} sessions over {span:.1f} years in "
              f"{statistics.median(timings):.3f} s (median)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
