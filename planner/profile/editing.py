"""Record progress in the user's own profile file without losing its comments.

TOML profiles are edited with tomlkit, which keeps comments, key order and layout,
so ``planner done`` changes only the lines it must. JSON profiles (which have no
comments) are rewritten with their key order kept.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, NamedTuple

from planner.errors import OptionError
from planner.graph import CareerGraph
from planner.limits import PARTIAL_DIGITS
from planner.profile.knowledge import known_closure
from planner.records import Profile


class ProgressUpdate(NamedTuple):
    """What ``planner done`` changed, and what the change implies."""

    text: str
    """The new content of the profile file."""
    marked: tuple[str, ...]
    """Ids newly recorded (as known, or with the new fraction)."""
    already: tuple[str, ...]
    """Ids that were known already (nothing written for them)."""
    implied: tuple[str, ...]
    """Prerequisites that now count as known without being written."""
    fraction: float | None
    """The fraction recorded (None: marked known)."""
    day: dt.date | None = None
    """The day recorded in ``[completed]`` for the ids marked known."""
    asked: float | None = None
    """The fraction given, when it was rounded to what is recorded."""


def check_ids(graph: CareerGraph, ids: list[str], *, partial: bool) -> list[str]:
    """The ids that ``ids`` name (ids, aliases or exact names, in any case).

    Raises
    ------
    UnknownIdError
        For the first one the graph does not define, or a choice (a member is done,
        not the choice), or with ``partial`` a stage.
    """
    kinds = ("skill", "project") if partial else ("skill", "project", "stage")
    what = "skill or project" if partial else "skill, project or stage"
    return [graph.resolve(text, kinds=kinds, what=what, option="ID...", names=True) for text in ids]


def record_progress(
    text: str,
    *,
    is_json: bool,
    graph: CareerGraph,
    profile: Profile,
    ids: list[str],
    fraction: float | None = None,
    day: dt.date | None = None,
) -> ProgressUpdate:
    """Mark ``ids`` done (or ``fraction`` done) in the profile source ``text``.

    Parameters
    ----------
    text:
        The profile file's current text.
    is_json:
        Whether the file is JSON rather than TOML.
    graph, profile:
        The graph and the parsed profile, to tell what is known already.
    ids:
        Ids of skills, projects or stages.
    fraction:
        None (or 1) to mark them known; a value in (0, 1) to record partial progress,
        recorded to the thousandth (:data:`~planner.limits.PARTIAL_DIGITS`): one that
        rounds to 1 marks them known.
    day:
        The day to record in ``[completed]`` for the ids marked known (none when None).

    Raises
    ------
    UnknownIdError
        For an id the graph does not define (the text is then not changed).
    OptionError
        For a fraction that is not a number above 0 and at most 1 (NaN included), or
        that rounds to 0.
    """
    asked = fraction
    if fraction is not None:
        if not 0 < fraction <= 1:
            raise OptionError(
                f"{fraction!r} is not a fraction above 0 and at most 1, e.g. 0.5", option="--partial"
            )
        fraction = round(fraction, PARTIAL_DIGITS)
        step = 10**-PARTIAL_DIGITS
        if fraction == 0:
            raise OptionError(
                f"{asked!r} rounds to 0: a fraction is recorded to the thousandth of the work ({step:g}); "
                f"give at least {step:g}",
                option="--partial",
            )
    partial = fraction is not None and fraction < 1
    ids = check_ids(graph, ids, partial=partial)
    known = known_closure(graph, profile)
    wanted = sorted(dict.fromkeys(ids))
    already = tuple(i for i in wanted if i in known)
    fresh = [i for i in wanted if i not in known]
    marked = tuple(fresh)
    implied: set[str] = set()
    if not partial:
        for node_id in marked:
            implied |= graph.closure([node_id], through_choices=False) - {node_id}
        implied -= known
        implied -= set(marked)

    data: Any
    if is_json:
        data = json.loads(text)
        _apply(data, marked, fraction if partial else None)
        _complete(data, () if partial else marked, day.isoformat() if day else None)
        new_text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        import tomlkit

        data = tomlkit.parse(text)
        _apply(data, marked, fraction if partial else None)
        _complete(data, () if partial else marked, day)
        new_text = tomlkit.dumps(data)
    if "\r\n" in text:  # keep the file's Windows line breaks: the writers add LF only
        new_text = re.sub(r"(?<!\r)\n", "\r\n", new_text)
    return ProgressUpdate(
        new_text,
        marked,
        already,
        tuple(sorted(implied)),
        fraction if partial else None,
        None if partial else day,
        asked if asked is not None and asked != fraction else None,
    )


def _table(data: Any, key: str) -> Any:
    """The table ``key`` of a profile document, added (at the end) when it is missing."""
    if data.get(key) is None:
        if hasattr(data, "as_string"):  # a tomlkit document: add a real [table]
            import tomlkit

            data[key] = tomlkit.table()
        else:
            data[key] = {}
    return data[key]


def _complete(data: Any, ids: tuple[str, ...], day: dt.date | str | None) -> None:
    """Record ``day`` in ``[completed]`` for each of ``ids``."""
    if not ids or day is None:
        return
    completed = _table(data, "completed")
    for node_id in ids:
        completed[node_id] = day


def _apply(data: Any, ids: tuple[str, ...], fraction: float | None) -> None:
    if not ids:
        return
    if fraction is not None:
        progress = _table(data, "progress")
        for node_id in ids:
            progress[node_id] = fraction
        return
    known = data.get("known")
    if known is None:
        data["known"] = list(ids)
    elif isinstance(known, str):
        data["known"] = [known, *ids]
    else:
        for node_id in ids:
            if node_id not in known:
                known.append(node_id)
    progress = data.get("progress")
    if progress is not None and hasattr(progress, "keys"):
        for node_id in ids:
            if node_id in progress:
                del progress[node_id]
