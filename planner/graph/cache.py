"""A cache of compiled graphs, keyed on the content of the graph folder's files.

Loading a big graph folder means parsing TOML, validating every node and checking
the structure. When the folder's files are byte-for-byte unchanged since an earlier
run, the graph is read back from an entry in the user's cache folder instead: each
node's table as the TOML file gave it, the edges, the files and the stage ranking,
decoded and validated again only for the nodes a command reads. A folder is stored
the second time it is parsed (the first leaves a mark), after the command's output.

Entries are JSON, not pickles: reading plain data can never run code, so an entry
planted by someone else could at worst describe a wrong graph, and even that is
refused: the cache folder must belong to the user and be writable by nobody else,
and an entry is read only when it is a regular file the user owns and nobody else
can write. Any entry that is unreadable, damaged or from another version is
rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Final, NamedTuple

import orjson

from planner.graph import load_graph
from planner.graph.model import CareerGraph
from planner.graph.reading import graph_files
from planner.graph.tables import IdLists, NodeTables
from planner.version import __version__

CACHE_FORMAT: Final = 4
KEEP: Final = 8
"""How many entries (and marks of folders seen once) the cache keeps: the newest."""


def graph_key(folder: Path) -> str:
    """A digest of the folder's TOML files: their names and their bytes."""
    digest = hashlib.sha256(f"planner {__version__} cache {CACHE_FORMAT}\n".encode())
    for path in graph_files(folder):
        data = path.read_bytes()
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


class LoadedGraph(NamedTuple):
    """A graph loaded through the cache.

    ``entry`` is where a graph parsed from its files belongs in the cache (None when
    it came from the cache, or there is none), and ``seen`` says whether the same
    files were parsed before. Loading leaves the write to the caller, so that it can
    come after the output (see :meth:`save`). ``warnings`` say why a cache folder
    was not used.
    """

    graph: CareerGraph
    entry: Path | None = None
    seen: bool = False
    warnings: tuple[str, ...] = ()

    def save(self, *, always: bool = False) -> None:
        """Store the graph at :attr:`entry` when its files were :attr:`seen` before (or
        ``always``, when the caller knows the graph will be read again soon, as a
        cohort's workers do), or else only mark them as seen: a folder parsed once (a
        one-off run, a folder being edited) never pays for writing the cache, and the
        first run of a folder costs no more than a run without the cache.

        The entry is written to a temporary file and renamed, so two runs at once
        each rename a complete entry; only the newest entries are kept. A cache that
        cannot be written only makes the next run slower.
        """
        if self.entry is None or _folder_problem(self.entry.parent) is not None:
            return
        folder, mark = self.entry.parent, self.entry.with_suffix(".seen")
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if _folder_problem(folder) is not None:  # made by someone else meanwhile
                return
            if not (self.seen or always):
                mark.touch()
            else:
                fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=folder)
                try:
                    with os.fdopen(fd, "wb") as handle:
                        write_entry(self.graph, handle)
                    os.replace(tmp, self.entry)
                finally:
                    Path(tmp).unlink(missing_ok=True)
                mark.unlink(missing_ok=True)
            _prune(folder)
        except (OSError, TypeError, ValueError):  # unwritable, or a value JSON cannot hold
            pass


def load_graph_cached(folder: Path, cache_dir: Path | None) -> LoadedGraph:
    """Load ``folder`` through the cache in ``cache_dir`` (no cache when None).

    A cache folder that another user owns or others can write to is not used, with
    a warning. A graph that fails validation is never cached, so its errors show
    every time.

    Raises
    ------
    GraphError
        With every problem found in the folder.
    """
    if cache_dir is None:
        return LoadedGraph(load_graph(folder))
    problem = _folder_problem(cache_dir)
    if problem is not None:
        return LoadedGraph(
            load_graph(folder),
            warnings=(
                f"not using the cache folder {cache_dir}: {problem} (use a folder of your own, "
                "or --no-cache)",
            ),
        )
    try:
        key = graph_key(folder)
    except OSError:
        return LoadedGraph(load_graph(folder))
    entry = cache_dir / f"graph-{key}.json"
    data = _read_entry(entry)
    if data is not None:
        try:
            return LoadedGraph(restored(data))
        except (KeyError, TypeError, AttributeError, ValueError):  # not what write_entry writes
            pass
    seen = os.path.lexists(entry) or entry.with_suffix(".seen").exists()
    return LoadedGraph(load_graph(folder), entry=entry, seen=seen)


def write_entry(graph: CareerGraph, handle: BinaryIO) -> None:
    """Write the graph as an entry: a JSON object, written part by part and node by
    node, so a big graph's entry is never one string in memory.

    Each node's table is kept as its own JSON text, and each list of ids as one
    space-separated string (ids hold no spaces), so reading an entry back builds a
    few strings per node; a command then decodes only the tables and lists it reads.
    The stage ranking (computed here when it is not yet) spares a graph read back
    ranking the whole ladder.
    """
    nodes = graph.nodes
    if not isinstance(nodes, NodeTables):
        raise TypeError("only a graph loaded from its files is cached")
    by_file: dict[str, list[str]] = {}
    for node_id, file in graph.files.items():
        by_file.setdefault(file, []).append(node_id)
    handle.write(b'{"format":' + _dumps(CACHE_FORMAT))
    handle.write(b',"kinds":' + _dumps(dict(nodes.kinds)))
    handle.write(b',"tables":{')
    for index, node_id in enumerate(nodes):
        table = _dumps(nodes.table(node_id)).decode("utf-8")
        handle.write((b"," if index else b"") + _dumps(node_id) + b":" + _dumps(table))
    handle.write(b"}")
    handle.write(b',"pred":' + _dumps({node_id: " ".join(ids) for node_id, ids in graph.pred.items()}))
    handle.write(b',"succ":' + _dumps({node_id: " ".join(ids) for node_id, ids in graph.succ.items()}))
    handle.write(b',"files":' + _dumps({file: " ".join(ids) for file, ids in by_file.items()}))
    handle.write(b',"stage_rank":' + _dumps(graph.stage_rank) + b"}")


def restored(data: dict[str, Any]) -> CareerGraph:
    """The graph of an entry's data (see :func:`write_entry`)."""
    parts = ("kinds", "tables", "pred", "succ", "files", "stage_rank")
    if data.get("format") != CACHE_FORMAT or not all(isinstance(data.get(p), dict) for p in parts):
        raise ValueError("not an entry of this format")
    return CareerGraph(
        nodes=NodeTables(data["kinds"], data["tables"]),
        files={node_id: file for file, ids in data["files"].items() for node_id in ids.split()},
        pred=IdLists(data["pred"]),
        succ=IdLists(data["succ"]),
        stage_rank={
            node_id: (depth, level, node_id) for node_id, (depth, level, _) in data["stage_rank"].items()
        },
        validated=True,  # an entry is only ever written of a validated graph
    )


def _dumps(data: Any) -> bytes:
    return orjson.dumps(data)


def _private(info: os.stat_result) -> bool:
    """Whether a file or folder is the user's own and writable by nobody else."""
    if not hasattr(os, "geteuid"):  # no POSIX owners (Windows): the user's profile folder
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _folder_problem(folder: Path) -> str | None:
    """Why the cache folder must not be used, or None (also when it does not exist yet:
    it is made private when the first entry is written)."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"it cannot be read ({exc.strerror})"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return "it belongs to another user"
    if not _private(info):
        return f"others can write to it (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def _read_entry(entry: Path) -> dict[str, Any] | None:
    """The data of an entry the user owns and nobody else can write, or None."""
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            return None
        try:
            data = orjson.loads(handle.read())  # a JSONDecodeError is a ValueError
        except (ValueError, RecursionError, MemoryError, OSError):
            return None
    return data if isinstance(data, dict) else None


def _prune(folder: Path) -> None:
    """Keep the newest :data:`KEEP` entries and marks, and drop the pickled entries of
    earlier versions (never read again)."""
    for pattern in ("graph-*.json", "graph-*.seen"):
        found = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime)
        for old in found[:-KEEP]:
            old.unlink(missing_ok=True)
    for old in folder.glob("graph-*.pickle"):
        old.unlink(missing_ok=True)
