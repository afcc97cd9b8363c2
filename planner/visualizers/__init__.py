"""Pictures of the career graph: one module per format, one entry function each.

Every renderer takes a :class:`~planner.visualizers.view.GraphView` and returns text
or bytes; none prints or writes. :data:`GRAPH_FORMATS` feeds the CLI's ``--format``
choice. Heavy imports (networkx, subprocess) happen only inside the renderers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from planner.visualizers.view import GraphView


def _dot(view: GraphView) -> str:
    from planner.visualizers.dot import render_dot

    return render_dot(view)


def _mermaid(view: GraphView) -> str:
    from planner.visualizers.mermaid import render_flowchart

    # With a profile, Mermaid shows that person's plan: the whole graph is too big for it.
    # The ladder alone is small, and keeps every stage.
    return render_flowchart(view if view.overview else view.restricted_to_plan())


def _svg(view: GraphView) -> str:
    from planner.visualizers.svg import render_svg

    return render_svg(view)


def _png(view: GraphView) -> bytes:
    from planner.visualizers.png import render_png

    return render_png(view)


def _html(view: GraphView) -> str:
    from planner.visualizers.html import render_html

    return render_html(view)


def _json(view: GraphView) -> str:
    from planner.visualizers.json import render_json

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
