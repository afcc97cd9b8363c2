"""The career graph as an SVG picture, drawn by Graphviz from our DOT text.

Graphviz writes each node as ``<g id="<graph id>" class="node <status or category>
<kind>">``, which the HTML page and any CSS can rely on. Its ``<title>`` (the tooltip
every SVG viewer shows) is the node's id; it is replaced here by the full name, kind
and hours, because Graphviz's own ``tooltip`` attribute rewrites backslashes and
entities in names.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Final

from planner.io.patterns import later
from planner.renderers.pictures.dot import render_dot
from planner.renderers.pictures.graphviz import run_dot

if TYPE_CHECKING:
    from planner.renderers.pictures.view import GraphView

_NODE_TITLE: Final = later(r'(<g id="([^"]*)" class="node[^"]*">\s*<title>)[^<]*(</title>)')


def with_tooltips(svg: str, view: GraphView) -> str:
    """``svg`` with each node's ``<title>`` set to :meth:`GraphView.tooltip`."""

    def title(match: re.Match[str]) -> str:
        node_id = html.unescape(match.group(2))
        if node_id not in view.nodes:
            return match.group(0)
        return match.group(1) + html.escape(view.tooltip(node_id), quote=False) + match.group(3)

    return _NODE_TITLE().sub(title, svg)


def render_svg(view: GraphView, *, legend: bool = True) -> str:
    """The view as an SVG document (without its title and legend when ``legend`` is false).

    Raises
    ------
    ToolMissingError
        When Graphviz's ``dot`` is not installed.
    PlannerError
        When ``dot`` fails or times out.
    """

    return with_tooltips(run_dot(render_dot(view, legend=legend), "svg").decode("utf-8"), view)
