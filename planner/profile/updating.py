"""Change a profile's values in its own file, keeping the person's comments and layout.

The web app's profile form ends here: :func:`edit_text` applies a :class:`ProfileEdit`
to the file's text. A TOML file is edited with tomlkit (as ``planner done`` does), and
only where a value changes: a key whose value is the same is not touched, a table is
changed key by key and an array of tables entry by entry, so comments, key order and
spacing stay. A JSON file is rewritten with its key order kept.

What a person knows is edited as a change, not as a list: ``learned`` and
``unlearned`` are the items ticked and unticked. Knowing an item implies its
prerequisites, so ``known`` stays short: entries that stay known keep their place
(and their spelling: an alias or a name), an item no longer known takes everything
that needs it with it, and a newly known item is written only when nothing listed
already implies it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, MutableMapping
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from planner.errors import UnknownIdError
from planner.graph import CareerGraph
from planner.records import WEEKDAYS

WORK_KINDS: Final = ("skill", "project")
"""The kinds of node a person learns and ticks."""


class ProfileEdit(NamedTuple):
    """A change to a profile: new values of some keys, and what is (no longer) known."""

    values: Mapping[str, Any] = MappingProxyType({})
    """Key → its new value (str, number, date, list, table or list of tables, as the
    file's format holds them); None removes the key."""
    learned: frozenset[str] = frozenset()
    """Ids (skills and projects) the person now knows."""
    unlearned: frozenset[str] = frozenset()
    """Ids the person does not know after all."""


def lenient_id(graph: CareerGraph, text: Any) -> str | None:
    """The id ``text`` names (an id, alias or exact name), or None when it names none
    (the profile check reports that in its own words)."""
    if not isinstance(text, str):
        return None
    try:
        return graph.resolve(text, names=True)
    except UnknownIdError:
        return None


def _listed(value: Any) -> list[Any]:
    return [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []


def implied_roots(graph: CareerGraph, data: Mapping[str, Any]) -> list[str]:
    """What the profile data says is known besides ``known``: its current stage and
    the items whose progress is 1."""
    roots = [lenient_id(graph, data.get("current_stage"))]
    progress = data.get("progress")
    if isinstance(progress, Mapping):
        roots += [lenient_id(graph, k) for k, v in progress.items() if _is_number(v) and v >= 1]
    return [r for r in roots if r is not None]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def known_in(graph: CareerGraph, data: Mapping[str, Any]) -> frozenset[str]:
    """Everything the profile data implies is known (every id and prerequisite; a
    choice stops the walk, as in :func:`planner.profile.knowledge.known_closure`),
    read leniently: an entry that names no node is left out."""
    listed = [lenient_id(graph, entry) for entry in _listed(data.get("known"))]
    roots = [i for i in listed if i is not None] + implied_roots(graph, data)
    return frozenset(graph.closure(roots, through_choices=False))


def _needing(graph: CareerGraph, ids: Iterable[str]) -> set[str]:
    """``ids`` and everything that needs any of them."""
    found: set[str] = set()
    for node_id in ids:
        if node_id in graph.nodes:
            found |= {node_id} | graph.descendants(node_id)
    return found


def known_entries(
    graph: CareerGraph, data: Mapping[str, Any], learned: Iterable[str], unlearned: Iterable[str]
) -> list[Any]:
    """The new ``known`` list: the entries that stay known, in their place and
    spelling, then (by id) the fewest new ids that imply the rest of what is known.

    An item implied by the current stage or by finished progress cannot be unlearned
    here (it stays known through them)."""
    base = graph.closure(implied_roots(graph, data), through_choices=False)
    dropped = _needing(graph, set(unlearned) - base)
    wanted = (set(known_in(graph, data)) | graph.closure(learned, through_choices=False)) - dropped
    kept = [
        e
        for e in _listed(data.get("known"))
        if lenient_id(graph, e) in wanted or lenient_id(graph, e) is None
    ]
    covered = graph.closure(
        [i for i in (lenient_id(graph, e) for e in kept) if i is not None] + list(base), through_choices=False
    )
    added: list[str] = []
    for node_id in reversed(graph.topological_order(wanted - covered, key=lambda n: n)):
        if node_id not in covered and graph.kind(node_id) != "choice":
            added.append(node_id)
            covered |= graph.closure([node_id], through_choices=False)
    return kept + sorted(added)


# --- editing a document in place -------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A tomlkit value as plain Python (tables, arrays, strings...), for comparing."""
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if callable(unwrap) else value


def _for_json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _for_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_for_json(v) for v in value]
    return value


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _assign(container: Any, key: str, value: Any, *, toml: bool) -> bool:
    """Make ``container[key]`` equal ``value``, changing as little as possible; None
    removes it. Whether anything changed."""
    if value is None:
        if key in container:
            del container[key]
            return True
        return False
    current = container.get(key)
    if current is not None and _plain(current) == value:
        return False
    if current is not None and _is_table(current) and _is_table(value):
        changed = False
        for old in [k for k in list(current.keys()) if k not in value]:
            del current[old]
            changed = True
        for sub, item in value.items():
            changed |= _assign(current, sub, item, toml=toml)
        _order_weekdays(current, toml=toml)
        return changed
    if current is not None and _is_tables(current) and _is_tables(value):
        for index, item in enumerate(value):
            if index < len(current):
                for old in [k for k in list(current[index].keys()) if k not in item]:
                    del current[index][old]
                for sub, entry in item.items():
                    _assign(current[index], sub, entry, toml=toml)
            elif toml:
                current.append(_new_table(item, after=current[-1] if len(current) else None))
            else:
                current.append(dict(item))
        while len(current) > len(value):
            del current[len(current) - 1]
        return True
    if toml and _is_tables(value):
        import tomlkit

        tables = tomlkit.aot()
        for item in value:
            tables.append(_new_table(item))
        container[key] = tables
    else:
        container[key] = value
    return True


def _new_table(item: Mapping[str, Any], *, after: Any = None) -> Any:
    """A new ``[[table]]`` entry after the entry ``after``, set off by a blank line as
    the file sets them off: the blank line that ended ``after`` (before the next table)
    now ends the new entry."""
    import tomlkit

    table = tomlkit.table()
    for sub, value in item.items():
        table.add(sub, value)
    if after is not None and after.as_string().endswith("\n\n"):
        table.add(tomlkit.nl())
    else:
        table.trivia.indent = "\n"
    return table


def _order_weekdays(table: Any, *, toml: bool) -> None:
    """Put a table of weekdays (``[availability]``) back in weekday order after a day was added."""
    keys = list(table.keys())
    if not keys or not set(keys) <= set(WEEKDAYS):
        return
    ordered = sorted(keys, key=WEEKDAYS.index)
    if keys == ordered:
        return
    items = {k: table.item(k) if toml else table[k] for k in keys}
    for k in keys:
        del table[k]
    for k in ordered:
        if toml:
            table.add(k, items[k])
        else:
            table[k] = items[k]


def _drop_keys(table: Any, graph: CareerGraph, ids: frozenset[str]) -> None:
    """Remove the entries of a table keyed by id (``[completed]``, ``[progress]``) whose
    key names one of ``ids``."""
    if not isinstance(table, MutableMapping):
        return
    for key in [k for k in list(table.keys()) if lenient_id(graph, k) in ids]:
        del table[key]


def edit_text(
    text: str, *, is_json: bool, graph: CareerGraph, data: Mapping[str, Any], edit: ProfileEdit
) -> tuple[str, tuple[str, ...]]:
    """The profile source ``text`` (parsed as ``data``) with ``edit`` applied, and the
    keys it changed, in the order given. The text is the same when nothing changes."""
    if is_json:
        document: Any = json.loads(text)
    else:
        import tomlkit

        document = tomlkit.parse(text)
    changed: list[str] = []
    for key, value in edit.values.items():
        new = _for_json(value) if is_json else value
        if _assign(document, key, new, toml=not is_json):
            changed.append(key)
    if edit.learned or edit.unlearned:
        before = known_in(graph, data)
        entries = known_entries(graph, data, edit.learned, edit.unlearned)
        after = known_in(graph, {**data, "known": entries})
        if after != before or _listed(data.get("known")) != entries:
            known = document.get("known")
            if known is not None and not isinstance(known, str) and list(_plain(known)) != entries:
                for index in reversed(range(len(known))):
                    if known[index] not in entries:
                        del known[index]
                for entry in entries:
                    if entry not in known:
                        known.append(entry)
            elif known is None or isinstance(known, str):
                document["known"] = entries
            _drop_keys(document.get("completed"), graph, before - after)
            _drop_keys(document.get("progress"), graph, after - before)
            changed.append("known")
    if not changed:
        return text, ()
    if is_json:
        new_text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    else:
        import tomlkit

        new_text = tomlkit.dumps(document)
    if text.endswith("\n") and not text.endswith("\n\n"):  # a removed last table leaves its blank line
        new_text = new_text.rstrip("\n") + "\n"
    if "\r\n" in text:  # keep the file's Windows line breaks: the writers add LF only
        new_text = re.sub(r"(?<!\r)\n", "\r\n", new_text)
    return new_text, tuple(changed)
