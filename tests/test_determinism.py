"""The same input gives byte-identical output, for every format:

(a) across two runs (the second one reading the compiled-graph cache),
(b) across PYTHONHASHSEED values, in real ``python -m planner`` processes,
(c) across the order and names of the files in the graph folder.

Calendar timestamps are fixed with SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from tests.paths import ROOT

GRAPH = ROOT / "graph_data"
PRIYA = ROOT / "examples" / "profiles" / "priya.toml"
SAM = ROOT / "examples" / "profiles" / "sam.json"
EPOCH = "1798761600"
HAS_DOT = shutil.which("dot") is not None
NO_DOT = pytest.mark.skipif(not HAS_DOT, reason="Graphviz 'dot' is not on PATH (needed for svg/html)")

FORMATS = {
    "roadmap-text": (["roadmap", "{p}", "--format", "text"], False),
    "roadmap-markdown": (["roadmap", "{p}", "--format", "markdown"], False),
    "roadmap-json": (["roadmap", "{p}", "--format", "json"], False),
    "calendar": (["calendar", "{p}", "-o", "-"], False),
    "graph-dot": (["graph", "--profile", "{p}", "--format", "dot"], False),
    "graph-mermaid": (["graph", "--profile", "{p}", "--format", "mermaid"], False),
    "graph-json": (["graph", "--profile", "{p}", "--format", "json"], False),
    "graph-svg": (["graph", "--profile", "{p}", "--format", "svg"], True),
    "graph-html": (["graph", "--profile", "{p}", "--format", "html"], True),
}


pytestmark = pytest.mark.slow  # subprocesses under several hash seeds


def params() -> list[object]:
    return [
        pytest.param(name, marks=[NO_DOT] if needs_dot else [], id=name)
        for name, (_, needs_dot) in FORMATS.items()
    ]


def args_for(name: str, profile: Path, graph: Path | None = None) -> list[str]:
    args = [a.replace("{p}", str(profile)) for a in FORMATS[name][0]]
    return args + (["--graph", str(graph)] if graph else [])


def run_inprocess(args: list[str]) -> bytes:
    result = CliRunner().invoke(cli, args, env={"SOURCE_DATE_EPOCH": EPOCH}, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes
    return result.stdout_bytes


def run_process(args: list[str], hash_seed: str, cache: Path) -> bytes:
    env = {
        **os.environ,
        "PYTHONHASHSEED": hash_seed,
        "SOURCE_DATE_EPOCH": EPOCH,
        "XDG_CACHE_HOME": str(cache),
        "NO_COLOR": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "planner", *args], env=env, capture_output=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout


@pytest.mark.parametrize("name", params())
@pytest.mark.parametrize("profile", [PRIYA, SAM], ids=lambda p: p.name)
def test_two_runs_are_identical(name: str, profile: Path) -> None:
    """The first run may compile the graph; the second reads the cache."""
    first = run_inprocess(args_for(name, profile))
    second = run_inprocess(args_for(name, profile))
    no_cache = run_inprocess([*args_for(name, profile), "--no-cache"])
    assert first == second == no_cache


@pytest.mark.parametrize("name", params())
def test_identical_across_hash_seeds(name: str, tmp_path: Path) -> None:
    outputs = {
        seed: run_process(args_for(name, PRIYA), seed, tmp_path / f"cache-{seed}")
        for seed in ("0", "1", "12345")
    }
    assert outputs["0"], "no output"
    assert outputs["0"] == outputs["1"] == outputs["12345"], f"{name} depends on PYTHONHASHSEED"


def test_cached_graph_identical_across_hash_seeds(tmp_path: Path) -> None:
    """A cache written under one hash seed gives the same output read under another."""
    cache = tmp_path / "cache"
    args = args_for("roadmap-json", PRIYA)
    first = run_process(args, "0", cache)
    assert any(cache.rglob("*")), "the first run should have filled the cache"
    assert run_process(args, "12345", cache) == first


# --- the order of files in the graph folder ------------------------------------------------------


def _toml(value: object) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value))


def _entries() -> list[tuple[str, dict[str, object]]]:
    entries = []
    for path in sorted(GRAPH.glob("*.toml")):
        for section, items in tomllib.loads(path.read_text("utf-8")).items():
            entries.extend((section, item) for item in items)
    return entries


def redistribute(folder: Path, how: str) -> Path:
    """The shipped graph, same content, split into differently named and ordered files."""
    folder.mkdir()
    entries = _entries()
    if how == "reversed":
        # every array reversed (entries and their requires), file names that sort the other way
        entries = [
            (s, {**e, "requires": list(reversed(e["requires"]))} if "requires" in e else e)
            for s, e in reversed(entries)
        ]
        chunks = [entries[i : i + 17] for i in range(0, len(entries), 17)]
        names = [f"{chr(ord('z') - i % 26)}{i:03d}.toml" for i in range(len(chunks))]
    elif how == "one-per-file":
        chunks = [[e] for e in entries]
        names = [f"node-{(i * 7919) % 100_003:06d}.toml" for i in range(len(chunks))]
    elif how == "one-file":
        chunks = [sorted(entries, key=lambda e: str(e[1]["id"]), reverse=True)]
        names = ["all.toml"]
    else:  # by kind, with keys inside each table in reverse order
        chunks = [
            [(s, dict(reversed(list(e.items())))) for s, e in entries if s == kind]
            for kind in ("stages", "projects", "skills", "choices")
        ]
        names = ["a-stages.toml", "b-projects.toml", "c-skills.toml", "d-choices.toml"]
    for name, chunk in zip(names, chunks, strict=True):
        text = []
        for section, entry in chunk:
            text.append(f"[[{section}]]\n")
            text.extend(f"{k} = {_toml(v)}\n" for k, v in entry.items())
            text.append("\n")
        (folder / name).write_text("".join(text), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference() -> dict[str, bytes]:
    return {
        name: run_inprocess(args_for(name, PRIYA, GRAPH))
        for name in ("roadmap-json", "calendar", "graph-json", "graph-dot")
    }


@pytest.mark.parametrize("how", ["reversed", "one-per-file", "one-file", "by-kind"])
@pytest.mark.parametrize("name", ["roadmap-json", "calendar", "graph-json", "graph-dot"])
def test_identical_across_graph_file_order(
    name: str, how: str, tmp_path: Path, reference: dict[str, bytes]
) -> None:
    folder = redistribute(tmp_path / "graph", how)
    assert run_inprocess(args_for(name, PRIYA, folder)) == reference[name], (
        f"{name} changes when the graph's nodes are spread over files differently ({how})"
    )
