"""Pictures of the career graph: one module per format, one entry function each.

Every renderer takes a :class:`~planner.renderers.pictures.view.GraphView` and returns
text or bytes; none prints or writes. :data:`GRAPH_FORMATS` feeds the CLI's ``--format``
choice. SVG, PNG and the HTML page run Graphviz's ``dot``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from planner.renderers.pictures.dot import render_dot
from planner.renderers.pictures.html import render_html
from planner.renderers.pictures.json import render_json
from planner.renderers.pictures.mermaid import render_mermaid
from planner.renderers.pictures.png import render_png
from planner.renderers.pictures.svg import render_svg
from planner.renderers.pictures.view import GraphView

GRAPH_FORMATS: Final[dict[str, Callable[[GraphView], str | bytes]]] = {
    "dot": render_dot,
    "mermaid": render_mermaid,
    "svg": render_svg,
    "png": render_png,
    "html": render_html,
    "json": render_json,
}
"""Format name → renderer, in the order ``planner graph --help`` lists them."""
