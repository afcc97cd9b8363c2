"""A cache of compiled graphs, keyed on the content of the graph folder's files.

Loading a big graph folder means parsing TOML, validating every node and building
the NetworkX graph. When the folder's files are byte-for-byte unchanged since an
earlier run, the compiled :class:`~planner.graph.CareerGraph` is read back from a
pickle in the user's cache folder instead. The cache holds only what planner wrote
itself, in the user's own cache folder; any unreadable entry is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Final

from planner import __version__
from planner.graph import load_graph
from planner.graph.model import CareerGraph
from planner.graph.reading import graph_files

CACHE_FORMAT: Final = 2


def graph_key(folder: Path) -> str:
    """A digest of the folder's TOML files: their names and their bytes."""
    digest = hashlib.sha256(f"planner {__version__} cache {CACHE_FORMAT}\n".encode())
    for path in graph_files(folder):
        data = path.read_bytes()
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def load_graph_cached(folder: Path, cache_dir: Path | None) -> CareerGraph:
    """Load ``folder`` through the cache in ``cache_dir`` (no cache when None).

    A graph that fails validation is never cached, so its errors show every time.
    """
    if cache_dir is None:
        return load_graph(folder)
    try:
        key = graph_key(folder)
    except OSError:
        return load_graph(folder)
    entry = cache_dir / f"graph-{key}.pickle"
    try:
        with entry.open("rb") as handle:
            graph = pickle.load(handle)
        if isinstance(graph, CareerGraph):
            return graph
    except Exception:  # noqa: BLE001 -- a broken or stale entry only means rebuilding it
        pass
    graph = load_graph(folder)
    _ = graph.stage_rank, graph.stages  # compile before storing
    _store(entry, graph)
    return graph


def _store(entry: Path, graph: CareerGraph) -> None:
    """Write the entry atomically; two runs at once each rename a complete file."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(graph, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        finally:
            Path(tmp).unlink(missing_ok=True)
        entries = sorted(entry.parent.glob("graph-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-8]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written is only slower
