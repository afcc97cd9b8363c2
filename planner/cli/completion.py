"""Shell completion of ids, aliases and stage ids, from the graph in use.

Completion runs on every <TAB>, so it stays fast: it reads the graph folder's TOML with
tomllib only, without validating it (no pydantic, no networkx), and an unreadable file
simply completes nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final

import click
from click.shell_completion import CompletionItem

from planner.graph.reading import shipped_graph_dir

SECTIONS: Final = {"skills": "skill", "projects": "project", "stages": "stage", "choices": "choice"}

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def graph_entries(folder: Path) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """``(id, kind, name, aliases)`` of every node the folder's files define."""
    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            continue
        for section, kind in SECTIONS.items():
            entries = data.get(section)
            for entry in entries if isinstance(entries, list) else ():
                if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                    continue
                aliases = entry.get("aliases")
                yield (
                    entry["id"],
                    kind,
                    str(entry.get("name", "")),
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
        for node_id, kind, name, aliases in graph_entries(Path(folder)):
            if kinds and kind not in kinds:
                continue
            for value in (node_id, *aliases):
                if value.casefold().startswith(typed):
                    found.setdefault(value, name if value == node_id else f"{name} ({node_id})")
        return [CompletionItem(value, help=found[value]) for value in sorted(found)]

    return complete
