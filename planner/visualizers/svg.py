"""The career graph as an SVG picture, drawn by Graphviz from our DOT text.

Graphviz writes each node as ``<g id="<graph id>" class="node <status or category>
<kind>">``, which the HTML page and any CSS can rely on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.visualizers.view import GraphView


def render_svg(view: GraphView) -> str:
    """The view as an SVG document.

    Raises
    ------
    ToolMissingError
        When Graphviz's ``dot`` is not installed.
    PlannerError
        When ``dot`` fails or times out.
    """
    from planner.visualizers.dot import render_dot
    from planner.visualizers.graphviz import run_dot

    return run_dot(render_dot(view), "svg").decode("utf-8")
