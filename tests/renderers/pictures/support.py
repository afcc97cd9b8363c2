"""Helpers of the visualizer tests: a small ladder graph, a hostile one, golden files,
and runners for Graphviz and headless Chromium (tests skip, with the reason, where missing)."""

from __future__ import annotations

import copy
import dataclasses
import random
import re
import shutil
import subprocess
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from planner.graph import CareerGraph, build_graph


def _work(node_id: str, name: str, hours: float, *requires: str, category: str = "core") -> dict[str, Any]:
    return {"id": node_id, "name": name, "hours": hours, "requires": list(requires), "category": category}


LADDER: dict[str, Any] = {
    "skills": [
        _work("python", "Python", 10, category="foundations"),
        _work("numpy", "NumPy", 4, "python", category="data"),
        _work("pandas", "pandas", 6, "numpy", category="data"),
        _work("git", "Git", 2, category="engineering"),
        _work("sql", "SQL", 5, category="data"),
        _work("docker", "Docker", 3, "git", category="engineering"),
        _work("hobby", "Generative art", 4, "python", category="fun"),
    ],
    "projects": [
        _work("eda-report", "EDA report", 8, "pandas", category="project"),
        _work("model-api", "Model API", 5, "docker", "sql", category="project"),
    ],
    "stages": [
        {"id": "junior-ml-engineer", "name": "Junior ML Engineer", "requires": ["eda-report", "git"]},
        {"id": "ml-engineer", "name": "ML Engineer", "requires": ["junior-ml-engineer", "model-api"]},
    ],
}
"""Two stages, 7 skills (``hobby`` needed by no stage), 2 projects."""

HOSTILE_NAMES: dict[str, str] = {
    "python": "<img src=x onerror=alert(1)>",
    "numpy": 'Quote " and \\ backslash \\N \\G',
    "pandas": "Line\u2028separator\u00a0and \u202eright-to-left",  # control characters fail validation
    "git": "A-->B[x]",
    "sql": '"]; evil',
    "docker": "}; digraph x {",
    "hobby": "</script><script>document.body.setAttribute('data-pwned','1')</script>",
    "eda-report": "<!-- &amp; &lt;b&gt; -->",
    "model-api": "<svg onload=\"document.body.setAttribute('data-pwned','2')\">",
}
"""A hostile name for every skill and project of :data:`LADDER`."""


def ladder_data() -> dict[str, Any]:
    return copy.deepcopy(LADDER)


def hostile_data() -> dict[str, Any]:
    data = ladder_data()
    for section in ("skills", "projects"):
        for entry in data[section]:
            entry["name"] = HOSTILE_NAMES[entry["id"]]
            entry["category"] = '<b>"cat"</b>\\ {x}'
    data["stages"][0]["name"] = 'Junior <i>ML</i> "Engineer" \\'
    return data


def graph_from(data: Mapping[str, Any]) -> CareerGraph:
    return build_graph([("g.toml", data, {})])


needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None,
    reason="Graphviz 'dot' is not installed (Debian: apt-get install graphviz)",
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
chromium_installed = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)"
)


def needs_chromium(func: Any) -> Any:
    """Run the test only where Chromium is installed; a browser start is slow."""
    return pytest.mark.slow(chromium_installed(func))


def run_dot(source: str, fmt: str = "svg") -> bytes:
    done = subprocess.run(
        ["dot", f"-T{fmt}"], input=source.encode(), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    assert not done.stderr, done.stderr.decode()
    return done.stdout


def dump_dom(page: Path, fragment: str = "", *, profile_dir: Path) -> str:
    """Load ``page`` in headless Chromium and return the DOM after its scripts ran."""
    assert CHROMIUM is not None
    url = page.resolve().as_uri() + fragment
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile_dir}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout.decode("utf-8")


class Elements(HTMLParser):
    """Every start tag of a document with its attributes, in order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    def node_groups(self) -> dict[str, set[str]]:
        """id -> classes of every ``<g class="node ...">``."""
        return {
            attrs["id"]: set(attrs["class"].split())
            for tag, attrs in self.tags
            if tag == "g" and "node" in attrs.get("class", "").split()
        }


CONTROL_NAMES: dict[str, str] = {
    "python": "Py\x00thon",
    "numpy": "Num\x1b[31mPy\x07",
    "pandas": "pan\x7fdas\x9b2J",
    "git": "Git\x08\x0b\x0c",
}
"""Names holding NUL, ESC, BEL, DEL, a C1 control and other control characters."""
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_graph() -> CareerGraph:
    """The ladder with control characters in its names and categories.

    Validation refuses them, so they are put in after it, as a caller of the library
    could: the pictures must never pass one on, whatever graph they are given.
    """
    graph = graph_from(ladder_data())
    first_stage = ladder_data()["stages"][0]["id"]
    nodes = dict(graph.nodes)
    for node_id, node in nodes.items():
        update: dict[str, str] = {}
        if node_id in CONTROL_NAMES:
            update["name"] = CONTROL_NAMES[node_id]
        if node.kind == "skill":
            update["category"] = "da\x1bta"
        if node_id == first_stage:
            update["name"] = "Junior\x00 ML\x07 Engineer"
        nodes[node_id] = dataclasses.replace(node, **update)
    return CareerGraph(nodes=nodes, files=graph.files, pred=graph.pred)


WORDS = (
    "data",
    "model",
    "pipeline",
    "feature",
    "serving",
    "metrics",
    "testing",
    "design",
    "graph",
    "vision",
    "language",
    "systems",
    "cloud",
    "privacy",
    "review",
    "planning",
    "search",
    "tuning",
)


def big_data(size: int = 300, seed: int = 14) -> dict[str, Any]:
    """A user's graph of ``size`` nodes: six stages with a fork (like the shipped ladder),
    twelve categories, one project in six, long names with asides, prerequisites within
    and across bands."""
    rng = random.Random(seed)
    stages = [f"rung-{n}" for n in range(1, 7)]
    below = {
        "rung-2": ["rung-1"],
        "rung-3": ["rung-2"],
        "rung-4": ["rung-3"],
        "rung-5": ["rung-3"],
        "rung-6": ["rung-4"],
    }
    work = [f"w-{i:03}" for i in range(size - len(stages))]
    group = {node: i * len(stages) // len(work) for i, node in enumerate(work)}
    skills, projects = [], []
    for i, node in enumerate(work):
        words = rng.sample(WORDS, rng.randint(1, 4))
        name = " ".join(words).capitalize() + (f" ({', '.join(rng.sample(WORDS, 3))})" if i % 3 == 0 else "")
        earlier = [
            w for w in work[:i] if group[w] == group[node] or (group[w] < group[node] and rng.random() < 0.1)
        ]
        entry = {
            "id": node,
            "name": name,
            "hours": rng.randint(2, 60),
            "category": f"topic-{i % 12:02}",
            "requires": rng.sample(earlier[-12:], min(len(earlier[-12:]), rng.randint(0, 3))),
        }
        (projects if i % 6 == 5 else skills).append(entry)
    needed = {w for entry in skills + projects for w in entry["requires"]}
    ladder = []
    for number, stage in enumerate(stages):
        own = [w for w in work if group[w] == number and w not in needed]
        ladder.append(
            {
                "id": stage,
                "name": f"Rung {number + 1} of the user's ladder",
                "requires": below.get(stage, []) + own,
            }
        )
    return {"skills": skills, "projects": projects, "stages": ladder}
