"""The compiled-graph cache: hits, misses, invalid graphs, damaged entries, pruning,
and a cache folder or entry that someone else could have written."""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

import planner.graph.cache as cache_module
from planner.errors import GraphError
from planner.graph import CareerGraph, load_graph
from planner.graph.cache import graph_key, load_graph_cached


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("graph-*.json"))


def run(folder: Path, cache: Path) -> CareerGraph:
    """Load through the cache and save, as a command does."""
    loaded = load_graph_cached(folder, cache)
    loaded.save()
    return loaded.graph


def cached(folder: Path, cache: Path) -> CareerGraph:
    """Run twice, so the folder's graph is stored."""
    run(folder, cache)
    return run(folder, cache)


def counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    parses: list[Path] = []

    def parse(folder: Path) -> CareerGraph:
        parses.append(folder)
        return load_graph(folder)

    monkeypatch.setattr(cache_module, "load_graph", parse)
    return parses


def test_second_load_reads_the_cache_instead_of_the_files(
    tiny_graph_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    fresh = cached(tiny_graph_dir, cache)
    assert [p.suffix for p in entries(cache)] == [".json"]
    monkeypatch.setattr(cache_module, "load_graph", None)  # any parse now fails
    again = load_graph_cached(tiny_graph_dir, cache)
    assert again.entry is None and again.warnings == ()
    graph = again.graph
    assert dict(graph.pred) == dict(fresh.pred)
    assert dict(graph.files) == dict(fresh.files)
    assert graph.stage_rank == fresh.stage_rank
    assert [s.id for s in graph.stages] == [s.id for s in fresh.stages]
    assert {k: graph.nodes[k] for k in graph.nodes} == dict(fresh.nodes)
    assert {k: graph.kind(k) for k in graph.nodes} == {k: fresh.kind(k) for k in fresh.nodes}
    assert {k: tuple(v) for k, v in graph.succ.items()} == {k: tuple(v) for k, v in fresh.succ.items()}


def test_a_folder_is_stored_the_second_time_it_is_parsed(
    tiny_graph_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    entry = cache / f"graph-{graph_key(tiny_graph_dir)}.json"
    parses = counting_parses(monkeypatch)
    first = load_graph_cached(tiny_graph_dir, cache)
    assert (first.entry, first.seen) == (entry, False)
    assert not cache.exists(), "nothing is written before save()"
    first.save()
    assert list(cache.iterdir()) == [entry.with_suffix(".seen")], "only a mark"
    second = load_graph_cached(tiny_graph_dir, cache)
    assert (second.entry, second.seen) == (entry, True)
    assert not entry.exists()
    second.save()
    assert list(cache.iterdir()) == [entry], "the entry, and no mark"
    third = load_graph_cached(tiny_graph_dir, cache)
    assert third.entry is None
    assert parses == [tiny_graph_dir, tiny_graph_dir]


def test_entries_are_plain_json(tiny_graph_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cached(tiny_graph_dir, cache)
    (entry,) = entries(cache)
    data = json.loads(entry.read_text("utf-8"))
    assert json.loads(data["tables"]["numpy"]) == {
        "id": "numpy",
        "name": "NumPy",
        "hours": 4,
        "requires": ["python"],
        "category": "data",
    }
    assert data["kinds"]["numpy"] == "skill"
    assert data["pred"]["pandas"] == "numpy" and data["succ"]["python"] == "numpy"


def test_the_key_follows_the_content_of_the_files(tiny_graph_dir: Path) -> None:
    before = graph_key(tiny_graph_dir)
    path = tiny_graph_dir / "skills.toml"
    path.write_text(path.read_text().replace("hours = 10", "hours = 11"))
    assert graph_key(tiny_graph_dir) != before


def test_a_changed_folder_is_loaded_again(tiny_graph_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cached(tiny_graph_dir, cache)
    path = tiny_graph_dir / "skills.toml"
    path.write_text(path.read_text().replace("hours = 10", "hours = 11"))
    assert run(tiny_graph_dir, cache).hours("python") == 11
    assert len(entries(cache)) == 1
    assert cached(tiny_graph_dir, cache).hours("python") == 11
    assert len(entries(cache)) == 2


def test_an_invalid_graph_is_never_cached(tiny_graph_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = tiny_graph_dir / "skills.toml"
    path.write_text(path.read_text().replace('requires = ["python"]', 'requires = ["pyton"]'))
    for _ in range(2):
        with pytest.raises(GraphError, match="requires 'pyton', which no file defines"):
            load_graph_cached(tiny_graph_dir, cache)
    assert not cache.exists()


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a cache entry",
        b"\x80\x04K\x01.",
        b"[]",
        b"{}",
        b'{"format": 3, "kinds": 1}',
        b"[" * 100_000,
    ],
)
def test_a_damaged_entry_is_rebuilt(tiny_graph_dir: Path, tmp_path: Path, damage: bytes) -> None:
    cache = tmp_path / "cache"
    cached(tiny_graph_dir, cache)
    (entry,) = entries(cache)
    entry.write_bytes(damage)
    loaded = load_graph_cached(tiny_graph_dir, cache)
    assert (loaded.entry, loaded.seen) == (entry, True), "the damaged entry is written again"
    assert dict(loaded.graph.pred) == dict(load_graph(tiny_graph_dir).pred)
    loaded.save()
    assert load_graph_cached(tiny_graph_dir, cache).entry is None


def test_an_unwritable_cache_only_makes_it_slower(tiny_graph_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    assert "python" in cached(tiny_graph_dir, blocker / "cache").nodes


def test_a_file_where_the_cache_folder_should_be_is_named(tiny_graph_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    loaded = load_graph_cached(tiny_graph_dir, blocker)
    assert loaded.warnings == (
        f"not using the cache folder {blocker}: it is not a folder (use a folder of your own, or --no-cache)",
    )
    loaded.save()
    assert blocker.read_text() == "not a folder"


def test_at_most_eight_entries_and_marks_are_kept_and_old_pickles_go(
    tmp_path: Path, graph_dir_of: Callable[..., Path], tiny_toml: dict[str, str]
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    (cache / "graph-0123.pickle").write_bytes(pickle.dumps({"from": "an earlier version"}))
    for hours in range(1, 11):
        files = dict(tiny_toml)
        files["skills.toml"] = files["skills.toml"].replace("hours = 10", f"hours = {hours}")
        folder = graph_dir_of(tmp_path / f"g{hours}", files)
        run(folder, cache)
        if hours % 2:
            run(folder, cache)
    assert len(entries(cache)) == 5
    assert len(list(cache.glob("graph-*.seen"))) == 5
    for hours in range(1, 11):
        cached(tmp_path / f"g{hours}", cache)
    assert len(entries(cache)) == 8
    assert sorted(p.suffix for p in cache.iterdir()) == [".json"] * 8


def test_no_cache_folder_means_no_cache(tiny_graph_dir: Path, tmp_path: Path) -> None:
    for _ in range(2):
        loaded = load_graph_cached(tiny_graph_dir, None)
        loaded.save()
        assert loaded.entry is None and "python" in loaded.graph.nodes
    assert not any(tmp_path.rglob("graph-*"))


# --- security: the cache never runs code, and never trusts what others could write -------


class Planted:
    """A pickle that, once loaded, writes a file: what an attacker would plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (str(self.marker), "pwned"))  # type: ignore[return-value]


def test_a_planted_pickle_is_never_run(tiny_graph_dir: Path, tmp_path: Path) -> None:
    """A regression: entries were pickles, so a pickle planted in the cache folder ran
    as the user."""
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Planted(marker))
    key = graph_key(tiny_graph_dir)
    for name in (f"graph-{key}.json", f"graph-{key}.pickle"):
        (cache / name).write_bytes(payload)
    graph = run(tiny_graph_dir, cache)
    assert not marker.exists()
    assert graph.hours("python") == 10
    assert json.loads((cache / f"graph-{key}.json").read_bytes())["kinds"]["python"] == "skill"


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o1777, 0o720])
def test_a_cache_folder_others_can_write_to_is_not_used(
    tiny_graph_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    cache = tmp_path / "cache"
    cached(tiny_graph_dir, cache)  # an entry that would be used
    (entry,) = entries(cache)
    before = entry.read_bytes()
    cache.chmod(mode)
    parses = counting_parses(monkeypatch)
    loaded = load_graph_cached(tiny_graph_dir, cache)
    assert parses == [tiny_graph_dir], "the entry was read"
    assert loaded.entry is None
    assert loaded.warnings == (
        f"not using the cache folder {cache}: others can write to it (mode {mode:o}) (use a "
        "folder of your own, or --no-cache)",
    )
    loaded.save()
    assert sorted(cache.iterdir()) == [entry] and entry.read_bytes() == before


def test_a_cache_folder_of_another_user_is_not_used(
    tiny_graph_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cached(tiny_graph_dir, cache)
    parses = counting_parses(monkeypatch)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(cache).st_uid + 1)  # now it is not ours
    loaded = load_graph_cached(tiny_graph_dir, cache)
    assert parses == [tiny_graph_dir]
    assert loaded.warnings == (
        f"not using the cache folder {cache}: it belongs to another user "
        "(use a folder of your own, or --no-cache)",
    )


def test_an_entry_of_another_user_is_not_read(
    tiny_graph_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cached(tiny_graph_dir, cache)
    (entry,) = entries(cache)
    try:
        os.chown(entry, os.getuid() + 1, -1)
    except PermissionError:
        pytest.skip("only root can give a file to another user")
    parses = counting_parses(monkeypatch)
    loaded = load_graph_cached(tiny_graph_dir, cache)
    assert parses == [tiny_graph_dir] and loaded.warnings == ()
    loaded.save()
    assert entry.stat().st_uid == os.getuid(), "the entry is replaced by one of the user's own"


def test_an_entry_others_can_write_to_is_not_read(
    tiny_graph_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cached(tiny_graph_dir, cache)
    (entry,) = entries(cache)
    entry.chmod(0o666)
    parses = counting_parses(monkeypatch)
    run(tiny_graph_dir, cache)
    assert parses == [tiny_graph_dir]
    assert entry.stat().st_mode & 0o777 == 0o600


def test_a_symlinked_entry_is_not_followed(
    tiny_graph_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cached(tiny_graph_dir, cache)
    (entry,) = entries(cache)
    elsewhere = tmp_path / "elsewhere.json"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    parses = counting_parses(monkeypatch)
    run(tiny_graph_dir, cache)
    assert parses == [tiny_graph_dir]
    assert not entry.is_symlink()


def test_the_cache_folder_is_made_private(tiny_graph_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "a" / "cache"
    cached(tiny_graph_dir, cache)
    assert cache.stat().st_mode & 0o777 == 0o700
    (entry,) = entries(cache)
    assert entry.stat().st_mode & 0o777 == 0o600
