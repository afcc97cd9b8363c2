"""Roadmap exporters: one module per format, each with one entry function.

Every renderer takes a :class:`~planner.scheduling.Schedule` (with the person's name,
the deadline warnings and the :class:`~planner.renderers.terminal.Terminal` the text goes
to) and returns text; none prints or writes. :data:`ROADMAP_FORMATS` feeds the CLI's
``--format`` choice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from planner.renderers.roadmap.json import render_json
from planner.renderers.roadmap.markdown import render_markdown
from planner.renderers.roadmap.text import render_text

if TYPE_CHECKING:
    from planner.renderers.terminal import Terminal
    from planner.scheduling import Schedule

Renderer = Callable[["Schedule", str, tuple[str, ...], "Terminal"], str]
"""``(schedule, name, warnings, terminal) -> text``."""


def _text(schedule: Schedule, name: str, warnings: tuple[str, ...], terminal: Terminal) -> str:

    return render_text(schedule, name=name, warnings=warnings, terminal=terminal)


def _markdown(schedule: Schedule, name: str, warnings: tuple[str, ...], terminal: Terminal) -> str:

    return render_markdown(schedule, name=name, warnings=warnings)


def _json(schedule: Schedule, name: str, warnings: tuple[str, ...], terminal: Terminal) -> str:

    return render_json(schedule, name=name, warnings=warnings)


ROADMAP_FORMATS: Final[dict[str, Renderer]] = {
    "text": _text,
    "markdown": _markdown,
    "json": _json,
}
