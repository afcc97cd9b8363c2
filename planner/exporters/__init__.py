"""Roadmap exporters: one module per format, each with one entry function.

Every renderer takes a :class:`~planner.scheduling.Schedule` and returns text; none
prints or writes. :data:`ROADMAP_FORMATS` feeds the CLI's ``--format`` choice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from planner.scheduling import Schedule


def _text(schedule: Schedule, name: str) -> str:
    from planner.exporters.text import render_text

    return render_text(schedule, name=name)


def _markdown(schedule: Schedule, name: str) -> str:
    from planner.exporters.markdown import render_markdown

    return render_markdown(schedule, name=name)


def _json(schedule: Schedule, name: str) -> str:
    from planner.exporters.json import render_json

    return render_json(schedule, name=name)


ROADMAP_FORMATS: Final[dict[str, Callable[[Schedule, str], str]]] = {
    "text": _text,
    "markdown": _markdown,
    "json": _json,
}
