"""Reading a graph folder: which files, their TOML, and the lines of their ids.

Nothing here judges the data; :mod:`planner.graph.validation` does. Parsing is the
bulk of loading a big folder, so big folders are parsed in worker processes.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from planner.errors import GraphError, Problem
from planner.limits import MAX_GRAPH_BYTES, MAX_GRAPH_FILES
from planner.sources import toml_error_line

PARALLEL_BYTES: Final = 2 * 1024 * 1024
"""Graph folders at least this big are parsed in worker processes."""

Parsed = tuple[str, Mapping[str, Any], Mapping[str, list[int]]]
"""One parsed file: its name, its TOML data, and the lines of each ``id = "..."``."""


def shipped_graph_dir() -> Path:
    """Return the folder of the graph data that ships with planner."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "graph_data", here.parent / "graph_data"):
        if candidate.is_dir():
            return candidate
    return here / "graph_data"


def graph_files(folder: Path) -> list[Path]:
    """The TOML files of a graph folder, sorted by name so loading is deterministic.

    Raises
    ------
    GraphError
        When the folder is missing, holds no TOML file, or passes the limits.
    """
    if not folder.is_dir():
        raise GraphError([Problem(str(folder), 0, "graph folder does not exist or is not a folder")])
    files = sorted(p for p in folder.glob("*.toml") if p.is_file())
    if not files:
        raise GraphError([Problem(str(folder), 0, "graph folder holds no *.toml files")])
    if len(files) > MAX_GRAPH_FILES:
        raise GraphError(
            [Problem(str(folder), 0, f"graph folder holds {len(files)} TOML files; "
                     f"at most {MAX_GRAPH_FILES} are supported")]
        )
    total = sum(p.stat().st_size for p in files)
    if total > MAX_GRAPH_BYTES:
        raise GraphError(
            [Problem(str(folder), 0, f"graph files hold {total} bytes; at most "
                     f"{MAX_GRAPH_BYTES} (64 MiB) are supported")]
        )
    return files


class LineIndex(Mapping[str, list[int]]):
    """The lines of each ``id = "..."`` in a TOML text, computed only when asked.

    Line numbers only matter for error messages, so valid graphs never pay for them.
    An id defined twice maps to both lines, in order.
    """

    _ID = re.compile(r"""^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]*)["']""", re.MULTILINE)

    def __init__(self, source: str | Path) -> None:
        self._source = source
        self._lines: dict[str, list[int]] | None = None

    def _index(self) -> dict[str, list[int]]:
        if self._lines is None:
            self._lines = {}
            text = self._source
            if isinstance(text, Path):
                try:
                    text = text.read_bytes().decode("utf-8", "replace")
                except OSError:
                    text = ""
            line, last = 1, 0
            for match in self._ID.finditer(text):
                line += text.count("\n", last, match.start())
                last = match.start()
                self._lines.setdefault(match.group(1), []).append(line)
        return self._lines

    def __getitem__(self, key: str) -> list[int]:
        return self._index()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())


def read_graph_file(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """Parse one graph file; return its data and the problems found (picklable, so a
    worker process can run it)."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return {}, [Problem(name, 0, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {}, [Problem(name, 0, "not a UTF-8 text file")]
    try:
        return tomllib.loads(text.removeprefix("\ufeff")), []
    except tomllib.TOMLDecodeError as exc:
        return {}, [Problem(name, toml_error_line(exc) or 0, f"TOML syntax error: {exc}")]
    except RecursionError:
        return {}, [Problem(name, 0, "TOML nesting is too deep")]


def read_graph_files(paths: list[Path]) -> Iterator[tuple[dict[str, Any], list[Problem]]]:
    """Parse every file, in worker processes when the folder is big enough to gain.

    TOML parsing is most of the work of loading a big graph and each file parses on
    its own, so big folders are spread over the machine's cores. Results come in the
    files' order, as soon as each is ready, so the caller validates one file while
    the workers parse the next. Small folders, or a machine where workers cannot
    start, parse here.
    """
    cores = os.cpu_count() or 1
    size = sum(p.stat().st_size for p in paths)
    done = 0
    if size >= PARALLEL_BYTES and len(paths) > 1 and cores > 1 and sys.platform == "linux":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        workers = min(cores, 4, len(paths))
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                chunk = max(1, len(paths) // (workers * 4))
                for result in pool.map(read_graph_file, paths, chunksize=chunk):
                    done += 1
                    yield result
        except (OSError, BrokenProcessPool):
            pass
    for path in paths[done:]:
        yield read_graph_file(path)
