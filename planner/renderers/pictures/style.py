"""How every picture draws the graph, in tables: one per node kind, edge kind, status
and category. DOT (and so SVG and PNG), Mermaid and the HTML page all read them, so a
category, a status or a kind looks the same in every format and view.

A new node kind or edge kind is one more row in :data:`KINDS` or :data:`EDGES`.
"""

from __future__ import annotations

import bisect
import textwrap
from collections import Counter
from typing import TYPE_CHECKING, Final, NamedTuple

from planner.io.patterns import later

if TYPE_CHECKING:
    from planner.graph import CareerGraph

PALETTE: Final = (
    "#77aadd",
    "#ee8866",
    "#eedd88",
    "#ffaabb",
    "#99ddff",
    "#44bb99",
    "#bbcc33",
    "#aaaa00",
    "#dddddd",
)
"""Category fills: Paul Tol's colour-blind-safe "light" scheme, made for filled boxes
with black text. Every pair stays apart under normal, protan, deutan and tritan
vision (a test measures it), so no two categories look alike."""
OTHER_FILL: Final = "#ffffff"
"""Fill of the categories past the palette's nine (the smallest ones)."""
OTHER: Final = "other categories"
CATEGORY_BORDER: Final = "#5f6f7a"
TEXT: Final = "#111111"


class Look(NamedTuple):
    """How a box is drawn: fill, border and text colour, border width and dashes, and a
    badge before its label (``"✓ "``)."""

    fill: str
    border: str
    font: str = TEXT
    dashed: bool = False
    width: float = 1.0
    badge: str = ""


class Mark(NamedTuple):
    """How a status shows on a box whose fill is its category: a border (colour, width,
    dashes), a badge before the label, and whether the fill fades. Status never changes
    a fill, so a category keeps its colour in every view."""

    label: str
    border: str
    width: float
    badge: str = ""
    dashed: bool = False
    faded: bool = False
    font: str = TEXT

    def on(self, fill: str) -> Look:
        """The look of a box of ``fill`` with this mark."""
        return Look(
            fill + (FADED if self.faded else ""), self.border, self.font, self.dashed, self.width, self.badge
        )


FADED: Final = "59"
"""Alpha (35 %) appended to the fill of a box not on the person's way: the same hue, paler."""
KNOWN_COLOUR: Final = "#1b7837"
"""Dark green: the border and badge of what is known, and the done part of progress bars
(no category fill is this dark, so it never reads as a category)."""
LEFT_COLOUR: Final = "#dfe3e8"
"""Pale grey: the part of a progress bar still to do."""
STATUSES: Final = {
    "known": Mark("known", KNOWN_COLOUR, 2.5, badge="✓ "),
    "planned": Mark("planned", "#263238", 1.6),
    "not-needed": Mark("not needed", "#9e9e9e", 1.0, dashed=True, faded=True, font="#4d4d4d"),
}
"""The statuses a profile gives, as marks on the category fill: known boxes carry a ✓
and a thick green border, planned ones a dark border, those not on the way a dashed
grey border and a faded fill."""
NEXT: Final = Mark("next", "#263238", 3.5, badge="▶ ")
"""The next item to study (with a profile): a ▶ and the thickest border."""
HERE: Final = "you are here"
"""What marks the stage a person is working towards."""
STATUS_LABELS: Final = {status: mark.label for status, mark in STATUSES.items()}
HEAT: Final = (
    ("nobody", Look("#ffffff", "#9e9e9e", "#757575", dashed=True)),
    ("under 25%", Look("#ffffb2", "#78909c")),
    ("25–50%", Look("#fed976", "#78909c")),
    ("50–75%", Look("#feb24c", "#78909c")),
    ("75–90%", Look("#fd8d3c", "#78909c")),
    ("90–99%", Look("#f03b20", "#78909c")),
    ("everyone", Look("#bd0026", "#78909c", "#ffffff")),
)
"""A cohort's heat map: (legend, look) by the share of the people on the way to a node's
stage who still need it; "everyone": nobody on the way knows it yet. The fills are
ColorBrewer's YlOrRd, a sequential scale that reads for every common colour-vision
deficiency and in grey; every font passes WCAG AA."""
HEAT_BOUNDS: Final = (0.25, 0.5, 0.75, 0.9, 1.0)
"""Where one class of :data:`HEAT` (after "nobody") ends and the next begins."""
STAGE: Final = Look("#263238", "#111111", "#ffffff")
"""Stages are dark boxes in every view; with a profile their border tells the status."""
CHOICE: Final = Look("#ffffff", "#455a64")
""""One of these" choices are small white hexagons; with a profile their border tells
the status."""
HIGHLIGHT: Final = "#d32f2f"
"""The focused prerequisite chain."""
UNLOCKS: Final = "#1565c0"
"""What a hovered node unlocks (HTML page)."""
EDGE_COLOUR: Final = "#b0bec5"
BAND_FILLS: Final = ("#f0f5ff", "#eef7ec", "#fff7ea", "#f7eefb", "#ecf6f6", "#f9ecec")
"""Pale fills of the stage bands, in ladder order."""


class Kind(NamedTuple):
    """How one node kind is drawn: Graphviz shape and style, Mermaid brackets."""

    shape: str
    style: str
    mermaid: tuple[str, str]


KINDS: Final = {
    "skill": Kind("box", "rounded,filled", ('["', '"]')),
    "project": Kind("box", "filled", ('(["', '"])')),
    "stage": Kind("box", "filled,bold", ('[["', '"]]')),
    "choice": Kind("hexagon", "filled", ('{{"', '"}}')),
}
"""Node kind → how it is drawn. Projects are square boxes, skills rounded ones, a
"one of these" choice a small hexagon between its members and what needs it."""


class EdgeKind(NamedTuple):
    """How one edge kind is drawn: colour, line width and Graphviz style, the Mermaid
    arrow, and whether it fades when a chain is focused."""

    colour: str
    width: float
    mermaid: str
    style: str = "solid"
    fades: bool = True


EDGES: Final = {
    "requires": EdgeKind(EDGE_COLOUR, 1, "-->"),
    "ladder": EdgeKind(STAGE.fill, 2.5, "==>", fades=False),
    "member": EdgeKind(EDGE_COLOUR, 1, "-.->", style="dotted"),
    "picked": EdgeKind(CHOICE.border, 2.5, "==>"),
    "recommends": EdgeKind("#8d99ae", 1, "-. recommended .->", style="dashed"),
}
"""Edge kind → how it is drawn: prerequisites, the ladder between stages, a member of
a choice into the choice (bold when a profile's plan picked it), and a recommendation
(dashed, from the recommended node to the one that recommends it)."""

LABEL_WIDTH: Final = 16
"""Characters per line of a node's short label."""
LABEL_LINES: Final = 3
_ASIDE: Final = later(r"\s*(?:\(.*|:\s.*|\s[—–]\s.*)$")
_UNDRAWABLE: Final = later("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def heat_class(share: float) -> int:
    """The class of :data:`HEAT` for a node that ``share`` (0..1) of a cohort still needs."""
    return 0 if share <= 0 else 1 + bisect.bisect_right(HEAT_BOUNDS, share)


def drawable(value: str) -> str:
    """``value`` without the characters no picture can hold (NUL, ESC, BEL and the other
    control characters, which break Graphviz, XML and terminals), whitespace runs made
    single spaces."""
    return " ".join(_UNDRAWABLE().sub("", value).split())


def short_label(name: str) -> list[str]:
    """The lines a node's box shows: its name without a trailing aside (``"Data
    cleaning (missing values, …)"`` → ``"Data cleaning"``), wrapped between words, at
    most :data:`LABEL_LINES` lines, ``…`` where cut. The full name goes in the tooltip."""
    name = drawable(name)
    short = _ASIDE().sub("", name)
    if len(short) < 3:
        short = name
    lines = textwrap.wrap(short, width=LABEL_WIDTH, break_long_words=False, break_on_hyphens=False) or [short]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        last = lines[-1]
        while len(last) > LABEL_WIDTH - 1 and " " in last:
            last = last.rsplit(" ", 1)[0]
        lines[-1] = last.rstrip(",;:") + "…"
    return lines


def choice_label(name: str, pick: int) -> list[str]:
    """The lines of a choice's box: its short name and how many members it takes
    (``["A deep learning", "framework: 1 of"]``); the count is never cut."""
    take = f"{pick} of"
    lines = short_label(name)
    last = lines[-1]
    if last.endswith("…"):
        return [*lines, take]
    if len(last) + len(take) + 2 <= LABEL_WIDTH:
        return [*lines[:-1], f"{last}: {take}"]
    return [*lines[:-1], last + ":", take]


def category_fills(graph: CareerGraph) -> dict[str, str]:
    """Fill of every category of ``graph`` (stages have none).

    The largest categories (most nodes, then by name) take the palette in order; the
    rest share :data:`OTHER_FILL`. It depends on the whole graph only, never on what a
    view shows, so a category keeps its colour in every view and format.
    """
    counts = Counter(node.category for node in graph.nodes.values() if node.kind in ("skill", "project"))
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    return {c: PALETTE[i] if i < len(PALETTE) else OTHER_FILL for i, c in enumerate(ranked)}


def legend_categories(fills: dict[str, str], shown: set[str]) -> list[tuple[str, str]]:
    """Legend rows (label, fill) for the categories in ``shown``: palette colours in
    palette order, then one row for the others."""
    rows = sorted(
        ((c, f) for c, f in fills.items() if c in shown and f != OTHER_FILL),
        key=lambda row: (PALETTE.index(row[1]), row[0]),
    )
    if any(fills[c] == OTHER_FILL for c in shown if c in fills):
        rows.append((OTHER, OTHER_FILL))
    return [(drawable(c), f) for c, f in rows]
