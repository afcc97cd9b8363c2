"""The career graph as a PNG image, drawn by Graphviz from our DOT text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.renderers.pictures.dot import render_dot
from planner.renderers.pictures.graphviz import run_dot

if TYPE_CHECKING:
    from planner.renderers.pictures.view import GraphView


def render_png(view: GraphView) -> bytes:
    """The view as PNG bytes.

    Raises
    ------
    ToolMissingError
        When Graphviz's ``dot`` is not installed.
    PlannerError
        When ``dot`` fails or times out.
    """

    return run_dot(render_dot(view), "png")
