"""The layout shows the architecture: imports run one way, modules stay small.

models → graph → planning → scheduling → views → exporters / visualizers → use cases
(and cohorts) → CLI and API. A module may import from its own layer and the layers below it, never
above; exporters and visualizers never import each other; only the CLI imports click,
and only the two front doors read the clock.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "planner"
MAX_LINES = 450

LAYERS: dict[str, int] = {
    # base: no dependencies on the rest of planner but each other
    "errors": 0,
    "limits": 0,
    "jsontext": 0,
    "words": 0,
    "sources": 0,
    "files": 0,
    "starter": 0,
    "models": 1,
    "schema": 1,
    "graph": 2,
    "profile": 3,
    "planning": 4,
    "scheduling": 5,
    "views": 6,
    "editing": 6,
    "exporters": 7,
    "visualizers": 7,
    "usecases": 8,
    "cohort": 8,
    "clock": 9,
    "api": 9,
    "cli": 9,
    "__main__": 9,
    "__init__": 9,
}
"""Layer of each top-level module or package of planner/."""

SIBLINGS_APART = {("exporters", "visualizers"), ("visualizers", "exporters")}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def top(path: Path) -> str:
    """The top-level module or package a file belongs to."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth of the file (function bodies too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_every_module_has_a_layer() -> None:
    assert {top(p) for p in modules()} <= set(LAYERS)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path: Path) -> None:
    here = top(path)
    for name in sorted(imports(path)):
        parts = name.split(".")
        if parts[0] != "planner" or len(parts) < 2:
            continue
        there = parts[1]
        if there not in LAYERS:  # an attribute of the package, e.g. planner.__version__
            continue
        assert (here, there) not in SIBLINGS_APART, f"{path.name}: {here} imports {name}"
        assert LAYERS[there] <= LAYERS[here], f"{path}: layer {here} imports {name} from above"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_cli_imports_click_and_only_the_front_doors_read_the_clock(path: Path) -> None:
    found = imports(path)
    if top(path) != "cli":
        assert not any(n == "click" or n.startswith("click.") for n in found), path
    if top(path) not in {"cli", "api", "clock"}:
        assert "planner.cli.environment" not in found, path
        source = path.read_text(encoding="utf-8")
        for clock in ("date.today(", "datetime.now(", "time.time(", "os.environ"):
            assert clock not in source, f"{path} reads the clock or environment: {clock}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_passes_450_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path} has {lines} lines; split it by job"
