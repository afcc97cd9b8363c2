"""The roadmap in text, Markdown and JSON: one module per format, one entry function each.

Every renderer takes a :class:`~planner.scheduling.Schedule`, the person's name, the
warnings to repeat and the :class:`~planner.renderers.terminal.Terminal` the text goes
to (only the text format fits a width), and returns text; none prints or writes.
:data:`ROADMAP_FORMATS` feeds the CLI's ``--format`` choice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from planner.renderers.roadmap.json import render_json
from planner.renderers.roadmap.markdown import render_markdown
from planner.renderers.roadmap.text import render_text

ROADMAP_FORMATS: Final[dict[str, Callable[..., str]]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}
"""Format name → renderer ``(schedule, *, name, warnings, terminal) -> text``."""
