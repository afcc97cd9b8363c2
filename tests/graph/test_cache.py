"""The compiled-graph cache: hits, misses, invalid graphs, damaged entries, pruning."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import planner.graph.cache as cache_module
from planner.errors import GraphError
from planner.graph import load_graph
from planner.graph.cache import graph_key, load_graph_cached


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("graph-*"))


def test_second_load_reads_the_cache_instead_of_the_files(
    tiny_graph_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    fresh = load_graph_cached(tiny_graph_dir, cache)
    assert len(entries(cache)) == 1

    def no_parsing(folder: Path) -> None:
        raise AssertionError("the cached graph should have been used")

    monkeypatch.setattr(cache_module, "load_graph", no_parsing)
    cached = load_graph_cached(tiny_graph_dir, cache)
    assert dict(cached.pred) == dict(fresh.pred)
    assert [s.id for s in cached.stages] == [s.id for s in fresh.stages]
    assert {k: cached.nodes[k] for k in cached.nodes} == dict(fresh.nodes)


def test_the_key_follows_the_content_of_the_files(tiny_graph_dir: Path) -> None:
    before = graph_key(tiny_graph_dir)
    path = tiny_graph_dir / "skills.toml"
    path.write_text(path.read_text().replace("hours = 10", "hours = 11"))
    assert graph_key(tiny_graph_dir) != before


def test_a_changed_folder_is_loaded_again(tiny_graph_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_graph_cached(tiny_graph_dir, cache)
    path = tiny_graph_dir / "skills.toml"
    path.write_text(path.read_text().replace("hours = 10", "hours = 11"))
    assert load_graph_cached(tiny_graph_dir, cache).hours("python") == 11
    assert len(entries(cache)) == 2


def test_an_invalid_graph_is_never_cached(tiny_graph_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = tiny_graph_dir / "skills.toml"
    path.write_text(path.read_text().replace('requires = ["python"]', 'requires = ["pyton"]'))
    for _ in range(2):
        with pytest.raises(GraphError, match="requires 'pyton', which no file defines"):
            load_graph_cached(tiny_graph_dir, cache)
    assert entries(cache) == []


@pytest.mark.parametrize("damage", [b"", b"not a cache entry", b"\x80\x04K\x01."])
def test_a_damaged_entry_is_rebuilt(tiny_graph_dir: Path, tmp_path: Path, damage: bytes) -> None:
    cache = tmp_path / "cache"
    load_graph_cached(tiny_graph_dir, cache)
    (entry,) = entries(cache)
    entry.write_bytes(damage)
    graph = load_graph_cached(tiny_graph_dir, cache)
    assert dict(graph.pred) == dict(load_graph(tiny_graph_dir).pred)


def test_an_unwritable_cache_only_makes_it_slower(tiny_graph_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    graph = load_graph_cached(tiny_graph_dir, blocker / "cache")
    assert "python" in graph.nodes


def test_at_most_eight_entries_are_kept(
    tmp_path: Path, graph_dir_of: Callable[..., Path], tiny_toml: dict[str, str]
) -> None:
    cache = tmp_path / "cache"
    for hours in range(1, 11):
        files = dict(tiny_toml)
        files["skills.toml"] = files["skills.toml"].replace("hours = 10", f"hours = {hours}")
        load_graph_cached(graph_dir_of(tmp_path / f"g{hours}", files), cache)
    assert len(entries(cache)) == 8


def test_no_cache_folder_means_no_cache(tiny_graph_dir: Path, tmp_path: Path) -> None:
    assert "python" in load_graph_cached(tiny_graph_dir, None).nodes
    assert not any(tmp_path.rglob("graph-*"))
