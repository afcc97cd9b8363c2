"""Pictures of the career graph: one module per format, one entry function each.

Every renderer takes a :class:`~planner.renderers.pictures.view.GraphView` and returns text
or bytes; none prints or writes. :data:`GRAPH_FORMATS` feeds the CLI's ``--format``
choice. Heavy imports (networkx, subprocess) happen only inside the renderers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from planner.renderers.pictures.dot import render_dot
from planner.renderers.pictures.html import render_html
from planner.renderers.pictures.json import render_json
from planner.renderers.pictures.mermaid import render_flowchart
from planner.renderers.pictures.png import render_png
from planner.renderers.pictures.svg import render_svg

if TYPE_CHECKING:
    from planner.renderers.pictures.view import GraphView


def _dot(view: GraphView) -> str:

    return render_dot(view)


def _mermaid(view: GraphView) -> str:

    # With a profile, Mermaid shows that person's plan: the whole graph is too big for it.
    # The ladder alone is small, and keeps every stage.
    return render_flowchart(view if view.overview else view.restricted_to_plan())


def _svg(view: GraphView) -> str:

    return render_svg(view)


def _png(view: GraphView) -> bytes:

    return render_png(view)


def _html(view: GraphView) -> str:

    return render_html(view)


def _json(view: GraphView) -> str:

    return render_json(view)


GRAPH_FORMATS: Final[dict[str, Callable[[GraphView], str | bytes]]] = {
    "dot": _dot,
    "mermaid": _mermaid,
    "svg": _svg,
    "png": _png,
    "html": _html,
    "json": _json,
}
"""Format name → renderer, in the order ``planner graph --help`` lists them."""
