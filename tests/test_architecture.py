"""The layout shows the architecture: imports run one way, modules stay small.

records → graph → profile → planning → scheduling → reports → renderers → use cases →
the front doors (the command line, the web app, and the ``planner`` package itself).
A module imports from its own layer and the layers below, never above; nothing imports
in a circle; the renderers' formats (roadmap, ical, pictures) never import each other;
only the command line imports click; only the front doors read the clock or the
environment; and a module imports another lazily (inside a function) only when it is a
heavy or platform-specific library, or one of planner's own rooms that imports a heavy
library at its top (the web app, built on FastAPI; the calendar's writer, on
icalendar). There are no exemptions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "planner"
MAX_LINES = 450

LAYERS: dict[str, int] = {
    "version": 0,
    "errors": 0,
    "limits": 0,
    "words": 0,
    "records": 1,
    "io": 1,
    "graph": 2,
    "profile": 3,
    "planning": 4,
    "scheduling": 5,
    "reports": 6,
    "renderers": 7,
    "usecases": 8,
    "cli": 9,
    "web": 9,
    "__init__": 9,
    "__main__": 10,
}
"""Layer of each top-level module or package of planner/ (``__init__`` is the package's
own front door, the Python API)."""

APART: set[frozenset[str]] = {
    frozenset({"cli", "web"}),
    frozenset({"renderers.roadmap", "renderers.ical"}),
    frozenset({"renderers.roadmap", "renderers.pictures"}),
    frozenset({"renderers.ical", "renderers.pictures"}),
}
"""Rooms of one layer that never import each other."""

FRONT_DOORS = {"cli", "web", "__init__", "__main__"}
CLOCK_AND_ENVIRONMENT = ("date.today(", "datetime.now(", "time.time(", "os.environ", "os.getenv(")

HEAVY = {
    # heavy third-party libraries, imported by the function that needs them (or at the
    # top of a room of planner's that is itself imported by the function that needs it)
    "pydantic",
    "pydantic_core",
    "networkx",
    "icalendar",
    "tomlkit",
    "dask",
    "distributed",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "markupsafe",
}
LAZY_ALLOWED = HEAVY | {
    # heavy parts of the standard library (tens of milliseconds), for rare paths
    "multiprocessing",
    "webbrowser",
    # lighter, but on rare paths only, and every run would pay for them
    "logging",  # the Dask engine (distributed imports it anyway)
    "subprocess",  # Graphviz's dot
    "socket",  # a Dask scheduler's greeting
    "hashlib",  # a picture page's script digest
    "difflib",  # "did you mean", when a mistake is reported
    # POSIX-only
    "fcntl",
}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def name_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("planner", *parts))


def top(module: str) -> str:
    """The top-level room of a dotted module name below planner."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def room(module: str) -> str:
    """The room a module is in: its top-level package, or a renderers' format."""
    parts = module.split(".")
    if len(parts) > 2 and parts[1] == "renderers" and parts[2] in {"roadmap", "ical", "pictures"}:
        return f"renderers.{parts[2]}"
    return top(module)


@cache
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@cache
def known_modules() -> frozenset[str]:
    return frozenset(name_of(p) for p in modules())


def imported(path: Path | ast.Module, *, lazy: bool | None = None) -> set[str]:
    """Every planner module a file imports (``lazy``: only inside functions, or only at
    module level; None: both), resolved to modules that exist."""
    module = path if isinstance(path, ast.Module) else tree(path)
    inside: set[int] = set()
    for node in ast.walk(module):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside.update(id(sub) for sub in ast.walk(node) if sub is not node)
    return planner_modules(node for node in ast.walk(module) if lazy is None or (id(node) in inside) == lazy)


def planner_modules(nodes: Iterable[ast.AST]) -> set[str]:
    """The planner modules that the import statements among ``nodes`` import
    (``from planner import web`` imports ``planner.web``; ``from planner import
    roadmap``, the package itself)."""
    known = known_modules()

    def resolved(name: str) -> str:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name

    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(resolved(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else resolved(node.module))
    return {name for name in found if name == "planner" or name.startswith("planner.")}


def runs_at_import(module: ast.Module) -> list[ast.AST]:
    """The nodes of ``module`` that run when it is imported: not a function's body, nor
    what only type checkers read (``if TYPE_CHECKING:``)."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = list(module.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, ast.If) and _type_checking(node.test):
            todo.extend(node.orelse)
            continue
        found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


def _type_checking(test: ast.expr) -> bool:
    """Whether ``test`` is ``TYPE_CHECKING`` or ``typing.TYPE_CHECKING``."""
    if isinstance(test, ast.Attribute):
        return test.attr == "TYPE_CHECKING" and isinstance(test.value, ast.Name) and test.value.id == "typing"
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def path_of(module: str) -> Path:
    parts = module.split(".")[1:]
    folder = PACKAGE.joinpath(*parts)
    return folder / "__init__.py" if folder.is_dir() else folder.with_suffix(".py")


@cache
def heavy_at_import(module: str) -> frozenset[str]:
    """The heavy libraries that importing ``module`` brings in, beyond ``import planner``
    (which every run has done): those that it, its parent packages and every planner
    module they import import when they run."""
    found: set[str] = set()
    seen = {"planner"}
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        body = runs_at_import(tree(path_of(name)))
        for node in body:
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
        todo.extend(planner_modules(body))
        todo.append(name.rpartition(".")[0])  # a module's package runs first
    return frozenset(found & HEAVY)


def third_party_lazy(path: Path) -> set[str]:
    """The top-level names of every other library a file imports inside a function."""
    found: set[str] = set()
    for node in ast.walk(tree(path)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in sub.names)
                elif isinstance(sub, ast.ImportFrom) and sub.module and sub.level == 0:
                    found.add(sub.module.split(".")[0])
    return found - {"planner"}


IDS = {"ids": lambda p: str(p.relative_to(PACKAGE))}


def test_every_module_has_a_layer() -> None:
    assert {top(name_of(p)) for p in modules()} <= set(LAYERS)


def wrong_way(here: str, module: Path | ast.Module) -> list[str]:
    """What ``module`` (named ``here``) imports against the layers and the rooms apart."""
    found = []
    for there in sorted(imported(module) - {"planner", here}):
        if LAYERS[top(there)] > LAYERS[top(here)]:
            found.append(f"{here} imports {there} from a layer above")
        elif frozenset({room(here), room(there)}) in APART:
            found.append(f"{here} imports {there}, a room apart")
    return found


@pytest.mark.parametrize("path", modules(), **IDS)
def test_imports_run_one_way(path: Path) -> None:
    assert not wrong_way(name_of(path), path)


def test_the_layer_rule_is_not_vacuous() -> None:
    """An upward import, a lazy one and an import between rooms apart are all found."""
    upward = ast.parse("def f():\n    from planner.usecases.plans import roadmap\n")
    assert wrong_way("planner.graph.model", upward) == [
        "planner.graph.model imports planner.usecases.plans from a layer above"
    ]
    apart = ast.parse("from planner.renderers.ical.lines import fold\n")
    assert wrong_way("planner.renderers.pictures.dot", apart) == [
        "planner.renderers.pictures.dot imports planner.renderers.ical.lines, a room apart"
    ]
    assert imported(upward, lazy=True) == {"planner.usecases.plans"}


def test_heavy_rooms_are_found() -> None:
    """The web app brings FastAPI with it; a module that names networkx only for type
    checkers, or imports it inside a function, brings nothing."""
    assert {"fastapi", "jinja2", "uvicorn"} <= heavy_at_import("planner.web")
    assert {"fastapi", "uvicorn"} <= heavy_at_import("planner.web.guard")  # through planner.web
    assert heavy_at_import("planner.graph.model") == frozenset()
    assert heavy_at_import("planner.usecases") == frozenset()
    assert heavy_at_import("planner") == frozenset()
    lazy = ast.parse("def f():\n    from planner import roadmap\n    from planner import web\n")
    assert imported(lazy, lazy=True) == {"planner", "planner.web"}
    skipped = ast.parse("if TYPE_CHECKING:\n    import a\nif not TYPE_CHECKING:\n    import b\n")
    assert [n.names[0].name for n in runs_at_import(skipped) if isinstance(n, ast.Import)] == ["b"]


def test_nothing_imports_in_a_circle() -> None:
    import networkx as nx

    graph = nx.DiGraph()
    for path in modules():
        here = name_of(path)
        graph.add_node(here)
        for there in imported(path):
            if there not in (here, "planner"):
                graph.add_edge(here, there)
    circles = [sorted(c) for c in nx.simple_cycles(graph) if len(c) > 1]
    assert not circles, f"import circles: {circles[:3]}"


@pytest.mark.parametrize("path", modules(), **IDS)
def test_imports_inside_functions_are_only_heavy_libraries(path: Path) -> None:
    for there in sorted(imported(path, lazy=True)):
        assert heavy_at_import(there), (
            f"{path} imports {there} inside a function, and it brings no heavy library: import it at the top"
        )
    assert third_party_lazy(path) <= LAZY_ALLOWED, (
        f"{path} imports {sorted(third_party_lazy(path) - LAZY_ALLOWED)} inside a function; "
        "import it at the top (only heavy libraries wait for the function that needs them)"
    )


@pytest.mark.parametrize("path", modules(), **IDS)
def test_only_the_cli_imports_click_and_only_the_front_doors_read_the_clock(path: Path) -> None:
    here = top(name_of(path))
    source = path.read_text(encoding="utf-8")
    names = {n.names[0].name for n in ast.walk(tree(path)) if isinstance(n, ast.Import)} | {
        n.module for n in ast.walk(tree(path)) if isinstance(n, ast.ImportFrom) and n.module
    }
    if here != "cli":
        assert not any(n == "click" or n.startswith("click.") for n in names), path
    if here not in FRONT_DOORS:
        assert not {"planner.cli.environment"} & imported(path), path
        for clock in CLOCK_AND_ENVIRONMENT:
            assert clock not in source, f"{path} reads the clock or environment: {clock}"


@pytest.mark.parametrize("path", modules(), **IDS)
def test_no_module_passes_450_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path} has {lines} lines; split it by job"
