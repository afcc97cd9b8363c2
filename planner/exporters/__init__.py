"""Roadmap exporters: one module per format, each with one entry function.

Every renderer takes a :class:`~planner.scheduling.Schedule` (with the person's name,
the deadline warnings and the :class:`~planner.views.terminal.Terminal` the text goes
to) and returns text; none prints or writes. :data:`ROADMAP_FORMATS` feeds the CLI's
``--format`` choice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from planner.scheduling import Schedule
    from planner.views.terminal import Terminal

Renderer = Callable[["Schedule", str, tuple[str, ...], "Terminal"], str]
"""``(schedule, name, warnings, terminal) -> text``."""


def _text(schedule: Schedule, name: str, warnings: tuple[str, ...], terminal: Terminal) -> str:
    from planner.exporters.text import render_text

    return render_text(schedule, name=name, warnings=warnings, terminal=terminal)


def _markdown(schedule: Schedule, name: str, warnings: tuple[str, ...], terminal: Terminal) -> str:
    from planner.exporters.markdown import render_markdown

    return render_markdown(schedule, name=name, warnings=warnings)


def _json(schedule: Schedule, name: str, warnings: tuple[str, ...], terminal: Terminal) -> str:
    from planner.exporters.json import render_json

    return render_json(schedule, name=name, warnings=warnings)


ROADMAP_FORMATS: Final[dict[str, Renderer]] = {
    "text": _text,
    "markdown": _markdown,
    "json": _json,
}
