"""Reading a graph folder: which files, their TOML, and the lines of their ids.

Nothing here judges the data; :mod:`planner.graph.validation` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import tomli

from planner.errors import GraphError, Problem, SourceError
from planner.io.reading import TomlText, decode_text, number_too_long, read_regular, toml_error_line
from planner.limits import MAX_GRAPH_BYTES, MAX_GRAPH_FILES

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
        nested = nested_graph_files(folder)
        where = f" (only in subfolders, which are not read: {nested[0]})" if nested else ""
        raise GraphError([Problem(str(folder), 0, f"graph folder holds no *.toml files{where}")])
    if len(files) > MAX_GRAPH_FILES:
        raise GraphError(
            [
                Problem(
                    str(folder),
                    0,
                    f"graph folder holds {len(files)} TOML files; at most {MAX_GRAPH_FILES} are supported",
                )
            ]
        )
    total = sum(p.stat().st_size for p in files)
    if total > MAX_GRAPH_BYTES:
        raise GraphError(
            [
                Problem(
                    str(folder),
                    0,
                    f"graph files hold {total} bytes; at most {MAX_GRAPH_BYTES} (64 MiB) are supported",
                )
            ]
        )
    return files


def nested_graph_files(folder: Path) -> list[Path]:
    """The TOML files in the subfolders of ``folder`` (hidden ones aside): they are not
    part of its graph, which only the folder's own files make."""
    return sorted(
        p
        for p in folder.glob("*/**/*.toml")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


class LineIndex(Mapping[str, list[int]]):
    """The lines of each ``id = "..."`` in a TOML text, computed only when asked.

    Line numbers only matter for error messages, so valid graphs never pay for them.
    An id defined twice maps to both lines, in the order the parsed data holds them:
    by table name (in the order the names first appear), then by line.
    """

    _ID = re.compile(r"""^[ \t]*(?:\[\[?[ \t]*([\w-]+)|id[ \t]*=[ \t]*["']([^"'\n]*)["'])""", re.MULTILINE)

    def __init__(self, source: str | Path) -> None:
        self._source = source
        self._toml: TomlText | None = None
        self._lines: dict[str, list[int]] | None = None

    def _text(self) -> TomlText:
        if self._toml is None:
            text = self._source
            if isinstance(text, Path):
                try:
                    text = _read(text).decode("utf-8", "replace")
                except (OSError, SourceError):
                    text = ""
            self._toml = TomlText(text)
        return self._toml

    def _index(self) -> dict[str, list[int]]:
        if self._lines is None:
            self._lines = {}
            toml = self._text()
            text, inside = toml.text, toml.inside  # an `id = ...` in a multi-line string is text
            tables: dict[str, int] = {}
            found: dict[str, list[tuple[int, int]]] = {}
            line, last, table = 1, 0, 0
            for match in self._ID.finditer(text):
                line += text.count("\n", last, match.start())
                last = match.start()
                if line in inside:
                    continue
                if match.group(1) is not None:
                    table = tables.setdefault(match.group(1), len(tables))
                else:
                    found.setdefault(match.group(2), []).append((table, line))
            self._lines = {node: [line for _, line in sorted(at)] for node, at in found.items()}
        return self._lines

    def value_line(self, line: int, path: tuple[str | int, ...]) -> int:
        """The line of the value at ``path`` in the table that holds ``line``."""
        return self._text().value_line(line, path)

    def __getitem__(self, key: str) -> list[int]:
        return self._index()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())


def _read(path: Path) -> bytes:
    return read_regular(path, MAX_GRAPH_BYTES, shown=f"{MAX_GRAPH_BYTES // 2**20} MiB")


def read_graph_file(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """Parse one graph file; return its data and the problems found."""
    name = str(path)
    try:
        text = decode_text(_read(path), what="a TOML file")
    except OSError as exc:
        return {}, [Problem(name, 0, f"cannot read file: {exc.strerror or exc}")]
    except SourceError as exc:
        return {}, [Problem(name, 0, exc.detail)]
    try:
        return tomli.loads(text), []
    except tomli.TOMLDecodeError as exc:
        return {}, [Problem(name, toml_error_line(exc) or 0, f"TOML syntax error: {exc}")]
    except RecursionError:
        return {}, [Problem(name, 0, "TOML nesting is too deep")]
    except ValueError:  # a number with more digits than Python reads
        long = number_too_long(text)
        where = f"key '{long.key}': " if long.key else ""
        return {}, [Problem(name, long.line or 0, where + long.detail)]


def read_graph_files(paths: list[Path]) -> Iterator[tuple[dict[str, Any], list[Problem]]]:
    """Parse every file, one after the other, as the caller asks for them (so it
    validates one file before the next is parsed)."""
    for path in paths:
        yield read_graph_file(path)
