"""Shell completion of ids, aliases and stage ids, from the graph in use.

Completion runs on every <TAB>, so it stays fast: it reads the graph folder's TOML
files as the loader does (regular files only, within the limits, never waiting on a
pipe or a device), without validating the data (no pydantic, no networkx); a file the
loader would refuse simply completes nothing, and nothing here ever prints a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final

import click
from click.shell_completion import CompletionItem

from planner.errors import GraphError
from planner.graph.reading import graph_files, read_graph_file, shipped_graph_dir

SECTIONS: Final = {"skills": "skill", "projects": "project", "stages": "stage", "choices": "choice"}

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def graph_entries(folder: Path) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """``(id, kind, name, aliases)`` of every node the folder's readable files define."""
    try:
        paths = graph_files(folder)
    except GraphError:
        return
    for path in paths:
        data, problems = read_graph_file(path)
        if problems:
            continue
        for section, kind in SECTIONS.items():
            entries = data.get(section)
            for entry in entries if isinstance(entries, list) else ():
                if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                    continue
                name, aliases = entry.get("name"), entry.get("aliases")
                yield (
                    entry["id"],
                    kind,
                    name if isinstance(name, str) else "",
                    tuple(a for a in aliases if isinstance(a, str)) if isinstance(aliases, list) else (),
                )


def complete_ids(*kinds: str) -> Completer:
    """A completer of the ids and aliases of ``kinds`` (default: every kind) that start
    with what is typed, in any case; the graph is the ``--graph DIR`` already typed on
    the line, else the shipped one."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        folder = ctx.params.get("graph_dir") or shipped_graph_dir()
        typed = incomplete.casefold()
        found: dict[str, str] = {}
        try:
            for node_id, kind, name, aliases in graph_entries(Path(folder)):
                if kinds and kind not in kinds:
                    continue
                for value in (node_id, *aliases):
                    if value.casefold().startswith(typed):
                        found.setdefault(value, name if value == node_id else f"{name} ({node_id})")
        except (OSError, MemoryError, RecursionError, ValueError):  # <TAB> completes nothing, quietly
            return []
        return [CompletionItem(value, help=found[value]) for value in sorted(found)]

    return complete
