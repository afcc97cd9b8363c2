"""What ``planner done`` records, in words: before it writes (to ask) and after."""

from __future__ import annotations

from planner.graph import CareerGraph
from planner.profile.editing import ProgressUpdate
from planner.renderers.terminal import PLAIN, Terminal, short_label, wrap
from planner.words import count

IMPLIED_SHOWN = 12
"""The most prerequisites named; the rest are counted."""


def render_done(
    update: ProgressUpdate, file: str, graph: CareerGraph, *, terminal: Terminal = PLAIN, ahead: bool = False
) -> str:
    """What ``update`` records in ``file``, names with their ids, and the prerequisites
    it counts as known without writing them; ``ahead``: what it would record, before
    the person says yes."""

    def named(ids: tuple[str, ...]) -> str:
        shown = (short_label(graph.nodes[i].name, i, graph.short_name(i), terminal=terminal) for i in ids)
        return ", ".join(shown)

    lines = []
    if update.marked:
        what = f"{update.fraction!r} done" if update.fraction is not None else "known"
        when = f", completed on {update.day}" if update.day is not None else ""
        verb = f"This records in {file}" if ahead else f"Recorded in {file}"
        lines.append(f"{verb}: {named(update.marked)} as {what}{when}{_rounded(update)}.")
    if update.already:
        lines.append(f"Already known, nothing written: {named(update.already)}.")
    implied = update.implied
    if implied:
        more = f" and {len(implied) - IMPLIED_SHOWN} more" if len(implied) > IMPLIED_SHOWN else ""
        counted = count(len(implied), "prerequisite")
        lines.append(
            f"{'It also counts' if ahead else 'This also counts'} {counted} as known, without writing "
            f"them (what you know implies them): {named(implied[:IMPLIED_SHOWN])}{more}."
        )
    if not lines:
        lines.append("Nothing to record.")
    return terminal.lines([part for line in lines for part in wrap(line, terminal.width, hanging="  ")])


def _rounded(update: ProgressUpdate) -> str:
    """What became of a ``--partial`` fraction that was rounded to what is recorded."""
    if update.asked is None:
        return ""
    if update.fraction is None:
        return f" (--partial {update.asked!r} rounds to 1, the whole item)"
    return f" (--partial {update.asked!r}, rounded to the thousandth)"
