"""Shared fixtures: small dict-literal graphs, graph folders on disk, profiles, the CLI.

Hypothesis settings come from a named profile: ``HYPOTHESIS_PROFILE=ci`` (the default
when ``CI`` is set, as in CI) runs the long, derandomized property suite with 500
examples per property; otherwise the ``dev`` profile keeps ``pytest -q`` fast.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import os
import random
import signal
import textwrap
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from planner.graph import CareerGraph, build_graph
from planner.profile import check_profile
from planner.records import Profile

# When a property fails, hypothesis's pytest plugin imports libcst to suggest an explicit
# @example patch; libcst imports mypy_extensions.TypedDict, whose DeprecationWarning is an
# error under filterwarnings = ["error"] and turns one failing test into an INTERNALERROR
# that aborts the whole run. Import it once here with that warning silenced.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    with contextlib.suppress(ImportError):
        import hypothesis.extra._patching  # noqa: F401 -- imported for its side effect only

settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# CI (which sets CI=true) runs the long, derandomized "ci" profile by default.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

# A runner that starts the tests in the background (a shell script's `cmd &`) leaves
# SIGINT ignored, and an ignored signal stays ignored in every process the tests start:
# the tests that press Ctrl-C in a terminal (or send it to `planner serve` and `batch`)
# would wait for a process that never stops. Python's own handler is reset to the
# default in each child that execs, as in a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("xdg-cache")


FIXED_EPOCH = "1795737600"
"""2026-11-27T00:00:00Z: the tests' "today"."""


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, _cache_home: Path) -> None:
    """Keep the compiled-graph cache out of the user's home, and fix "today" (the CLI
    reads it from SOURCE_DATE_EPOCH) so results do not change as the calendar moves on."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_home))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


# --- graphs ---------------------------------------------------------------------------

GraphFile = tuple[str, Mapping[str, Any], Mapping[str, int]]


def _skill(node_id: str, hours: float, *requires: str, kind: str = "skill") -> dict[str, Any]:
    return {
        "id": node_id,
        "name": node_id.replace("-", " ").title(),
        "hours": hours,
        "requires": list(requires),
        "category": "projects" if kind == "project" else "core",
        "description": f"About {node_id}.",
        "resources": [{"title": f"{node_id} guide", "url": f"https://example.org/{node_id}", "kind": "docs"}],
    }


TINY_GRAPH: dict[str, Any] = {
    "skills": [
        _skill("python", 10),
        _skill("git", 2),
        _skill("numpy", 4, "python"),
        _skill("pandas", 6, "numpy"),
        _skill("scikit-learn", 8, "pandas"),
        _skill("docker", 3, "git"),
    ],
    "projects": [
        _skill("eda-report", 8, "pandas", kind="project"),
        _skill("model-api", 5, "scikit-learn", "docker", kind="project"),
    ],
    "stages": [
        {"id": "junior-ml-engineer", "name": "Junior ML Engineer", "requires": ["eda-report", "git"]},
        {"id": "ml-engineer", "name": "ML Engineer", "requires": ["junior-ml-engineer", "model-api"]},
    ],
}
"""A two-stage graph: 6 skills, 2 projects, 2 stages, 11 prerequisite edges."""


def graph_of(*files: tuple[str, Mapping[str, Any]] | GraphFile) -> CareerGraph:
    """Build a graph from ``(file name, data)`` or ``(file name, data, id -> line)``."""
    parsed = [(f[0], f[1], f[2] if len(f) > 2 else {}) for f in files]  # type: ignore[misc]
    return build_graph(parsed)


def shuffled(data: Mapping[str, Any], seed: int) -> dict[str, Any]:
    """The same graph data with every list (tables, requires) in another order."""
    rng = random.Random(seed)
    result: dict[str, Any] = {}
    sections = list(data.items())
    rng.shuffle(sections)
    for section, entries in sections:
        copies = []
        for entry in entries:
            copy = dict(entry)
            if "requires" in copy:
                copy["requires"] = rng.sample(list(copy["requires"]), len(copy["requires"]))
            copies.append(copy)
        rng.shuffle(copies)
        result[section] = copies
    return result


@pytest.fixture
def build() -> Callable[..., CareerGraph]:
    """``build(("a.toml", data), ...)`` -> a validated graph from dict literals."""
    return graph_of


@pytest.fixture
def tiny_data() -> dict[str, Any]:
    """A fresh deep copy of :data:`TINY_GRAPH`, free to edit."""
    return copy.deepcopy(TINY_GRAPH)


@pytest.fixture
def shuffle() -> Callable[[Mapping[str, Any], int], dict[str, Any]]:
    """``shuffle(data, seed)``: the same graph data with every list reordered."""
    return shuffled


@pytest.fixture
def skill() -> Callable[..., dict[str, Any]]:
    """``skill(id, hours, *requires, kind="skill")``: one complete graph entry."""
    return _skill


@pytest.fixture
def tiny_graph() -> CareerGraph:
    return graph_of(("tiny.toml", TINY_GRAPH))


TINY_TOML: dict[str, str] = {
    "skills.toml": """\
        [[skills]]
        id = "python"
        name = "Python"
        hours = 10
        category = "foundations"
        description = "The language of ML."
        resources = [
          { title = "The Python Tutorial", url = "https://docs.python.org/3/tutorial/", kind = "docs" },
        ]

        [[skills]]
        id = "numpy"
        name = "NumPy"
        hours = 4
        requires = ["python"]
        category = "data"

        [[skills]]
        id = "pandas"
        name = "pandas"
        hours = 6
        requires = ["numpy"]
        category = "data"

        [[skills]]
        id = "git"
        name = "Git"
        hours = 2
        category = "engineering"
        """,
    "projects.toml": """\
        [[projects]]
        id = "eda-report"
        name = "EDA report"
        hours = 8
        requires = ["pandas"]
        category = "project"
        """,
    "stages.toml": """\
        [[stages]]
        id = "junior-ml-engineer"
        name = "Junior ML Engineer"
        requires = ["eda-report", "git"]

        [[stages]]
        id = "ml-engineer"
        name = "ML Engineer"
        requires = ["junior-ml-engineer", "numpy"]
        """,
}
"""A tiny graph folder: 4 skills, 1 project, 2 stages, 7 prerequisite edges."""


def write_graph_dir(folder: Path, files: Mapping[str, str] = TINY_TOML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def tiny_graph_dir(tmp_path: Path) -> Path:
    """A copy of :data:`TINY_TOML` on disk, for ``load_graph`` and ``--graph``."""
    return write_graph_dir(tmp_path / "graph")


# --- profiles -------------------------------------------------------------------------

PROFILE_TOML = """\
name = "Tess"
target = "junior-ml-engineer"
start = 2027-01-04
timezone = "Europe/Berlin"
hours_per_week = 6
known = ["python"]

[availability]
mon = ["19:00-21:00"]
sat = ["09:00-13:00"]
"""
"""A valid profile for :data:`TINY_TOML` and for the shipped graph."""


@pytest.fixture
def write_profile(tmp_path: Path) -> Callable[..., Path]:
    """``write_profile(text, name="profile.toml")`` writes a profile file and returns its path."""

    def write(text: str | bytes, name: str = "profile.toml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def profile_of(graph: CareerGraph, **values: Any) -> Profile:
    """A checked profile for ``graph``: sensible defaults overridden by ``values``.

    A value of ``None`` removes the key.
    """
    data: dict[str, Any] = {
        "target": "junior-ml-engineer",
        "start": dt.date(2027, 1, 4),
        "timezone": "UTC",
        "hours_per_week": 10,
        "availability": {"mon": ["19:00-21:00"], "sat": ["09:00-13:00"]},
    }
    data.update(values)
    return check_profile({k: v for k, v in data.items() if v is not None}, graph, file="profile.toml")


@pytest.fixture
def make_profile() -> Callable[..., Profile]:
    """``make_profile(graph, **values)``: see :func:`profile_of`."""
    return profile_of


@pytest.fixture
def graph_dir_of() -> Callable[..., Path]:
    """``graph_dir_of(folder, files=TINY_TOML)``: write graph TOML files into ``folder``."""
    return write_graph_dir


@pytest.fixture
def tiny_toml() -> dict[str, str]:
    """The (dedented) files of the tiny graph folder, free to edit."""
    return {name: textwrap.dedent(text) for name, text in TINY_TOML.items()}


@pytest.fixture
def profile_toml() -> str:
    return PROFILE_TOML


class PlannerRunner(CliRunner):
    """A CliRunner whose program name is ``planner``, as in the installed script."""

    def invoke(self, *args: Any, **kwargs: Any) -> Result:  # type: ignore[override]
        kwargs.setdefault("prog_name", "planner")
        return super().invoke(*args, **kwargs)


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    yield PlannerRunner()
