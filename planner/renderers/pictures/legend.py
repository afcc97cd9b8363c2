"""The legend and title of the pictures, as Graphviz HTML-like labels.

With a profile, the legend says what the borders and badges mean (the statuses) and
what the fills mean (the categories); with a cohort, what the shades mean; then the
stages, the choices, recommendations and the focused chain, as they appear.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Final

from planner.renderers.pictures.style import (
    CATEGORY_BORDER,
    CHOICE,
    EDGES,
    HEAT,
    HIGHLIGHT,
    KNOWN_COLOUR,
    LEFT_COLOUR,
    NEXT,
    STAGE,
    STATUSES,
    Look,
    drawable,
    legend_categories,
)

if TYPE_CHECKING:
    from planner.renderers.pictures.view import GraphView


def _html_cell(label: str, look: Look) -> str:
    dashed = ' STYLE="dashed"' if look.dashed else ""
    border = max(1, round(look.width))
    return (
        f'<TD BGCOLOR="{look.fill}" COLOR="{look.border}" BORDER="{border}"{dashed} '
        f'CELLPADDING="4"><FONT COLOR="{look.font}">{html.escape(look.badge + label)}</FONT></TD>'
    )


WHITE: Final = "#ffffff"
TITLE_POINTS: Final = 9.6
"""About how wide a character of the title (16 points, bold) is drawn, in points."""
SUBTITLE_POINTS: Final = 7.4
CELL_POINTS: Final = 7.9


def legend_groups(view: GraphView) -> list[list[tuple[str, Look]]]:
    """The legend of ``view`` in groups of (label, look) entries: with a profile the
    statuses (a border and a badge); the categories (the fills), or a cohort's shares;
    then stages, choices, and the chain when focused. An overview shows what its
    cards' progress bars and borders mean."""
    if view.overview:
        if view.status is None:
            return []
        return [
            [
                ("done", Look(KNOWN_COLOUR, KNOWN_COLOUR, WHITE)),
                ("left", Look(LEFT_COLOUR, CATEGORY_BORDER)),
                ("not on the way", Look(WHITE, STATUSES["not-needed"].border, dashed=True)),
            ]
        ]
    groups: list[list[tuple[str, Look]]] = []
    if view.heat is not None:
        groups.append(
            [("share of those on the way to its stage who still need it:", Look(WHITE, WHITE)), *HEAT]
        )
    else:
        if view.status is not None:
            marks = [(mark.label, mark.on(WHITE)) for mark in STATUSES.values()]
            if view.position is not None and view.position.next_item is not None:
                marks.append((NEXT.label, NEXT.on(WHITE)))
            groups.append(marks)
        shown = {view.category(n) for n in view.nodes} - {"stage", "choice"}
        groups.append(
            [(label, Look(fill, CATEGORY_BORDER)) for label, fill in legend_categories(view.fills, shown)]
        )
    kinds = [("stage", STAGE)]
    if any(node.kind == "choice" for node in view.nodes.values()):
        kinds.append(("one of these (choice)", CHOICE))
    if view.recommendations:
        recommends = EDGES["recommends"].colour
        kinds.append(("- - recommended", Look(WHITE, recommends, recommends, dashed=True)))
    if view.highlight:
        kinds.append(("prerequisite chain", Look(WHITE, HIGHLIGHT, HIGHLIGHT)))
    groups.append(kinds)
    return [group for group in groups if group]


def legend_rows(view: GraphView) -> list[tuple[str, Look]]:
    """The legend of ``view`` as one list (see :func:`legend_groups`)."""
    return [entry for group in legend_groups(view) for entry in group]


def legend_label(view: GraphView) -> str:
    """The graph label: the title and a legend, as a Graphviz HTML-like table.

    The legend lives in the graph's label rather than in a cluster of sample nodes,
    so the SVG holds one ``node`` group per graph node and nothing else.
    """
    per_row = 7
    rows = [group[i : i + per_row] for group in legend_groups(view) for i in range(0, len(group), per_row)]
    title = html.escape(drawable(view.title))
    where = view.whereabouts()
    # Graphviz stretches the cells of a row narrower than the title across its width: an
    # empty cell at the end of each row takes the room the title needs beyond the row.
    widest = max(len(view.title) * TITLE_POINTS, len(where) * SUBTITLE_POINTS)
    legend = ""
    for row in rows:  # one table a row, so rows do not share column widths
        used = sum(len(look.badge + label) * CELL_POINTS + 14 for label, look in row)
        spare = f'<TD BORDER="0" WIDTH="{round(widest - used)}"></TD>' if widest > used + 20 else ""
        cells = "".join(_html_cell(label, look) for label, look in row)
        legend += (
            f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="4" CELLPADDING="0">'
            f"<TR>{cells}{spare}</TR></TABLE></TD></TR>"
        )
    subtitle = (
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="13">{html.escape(where)}</FONT></TD></TR>' if where else ""
    )
    return (
        f'<<TABLE BORDER="0" CELLSPACING="4"><TR><TD ALIGN="LEFT"><FONT POINT-SIZE="16"><B>'
        f"{title}</B></FONT></TD></TR>{subtitle}{legend}</TABLE>>"
    )
