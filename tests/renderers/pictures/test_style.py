"""The drawing tables: a colour-blind-safe palette, fixed colours, short labels, clean text."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.graph import CareerGraph
from planner.renderers.pictures import style
from planner.renderers.pictures.view import GraphView

from .colours import closest_pair, contrast
from .support import graph_from

NEAR_TWINS = 7.0
"""CIEDE2000 below which two fills count as near-twins (2.3 is just noticeable; the
closest pair of Paul Tol's "light" scheme, under tritan vision, is 7.5)."""


def test_category_fills_have_no_near_twins_for_any_vision() -> None:
    difference, one, two, vision = closest_pair([*style.PALETTE, style.OTHER_FILL])
    assert difference >= NEAR_TWINS, f"{one} and {two} look alike to {vision} vision"


def test_a_status_never_changes_a_fill() -> None:
    """Fill is the category's channel in every view; a status is a border and a badge
    (the regression: teal meant a category without a profile and "known" with one)."""
    for mark in [*style.STATUSES.values(), style.NEXT]:
        for fill in style.PALETTE:
            look = mark.on(fill)
            assert look.fill[:7] == fill
            assert look.border == mark.border and look.badge == mark.badge
    # No status border is a category's colour, so a border never reads as a category.
    assert not {mark.border for mark in style.STATUSES.values()} & set(style.PALETTE)


def test_statuses_differ_by_more_than_colour() -> None:
    """Told apart without colour: a badge, a dash, a width."""
    shapes = {(mark.badge, mark.dashed, mark.width) for mark in [*style.STATUSES.values(), style.NEXT]}
    assert len(shapes) == len(style.STATUSES) + 1
    assert style.STATUSES["known"].badge == "✓ " and style.NEXT.badge == "▶ "
    assert style.STATUSES["not-needed"].dashed and style.STATUSES["not-needed"].faded


def test_black_labels_read_on_every_fill() -> None:
    fills = [*style.PALETTE, style.OTHER_FILL]
    assert min(contrast(fill, style.TEXT) for fill in fills) >= 7  # WCAG AAA
    assert contrast(style.STAGE.fill, style.STAGE.font) >= 7


def _graph(categories: list[str]) -> CareerGraph:
    skills = [{"id": f"s{i}", "name": f"S{i}", "hours": 1, "category": c} for i, c in enumerate(categories)]
    stage = {"id": "top", "name": "Top", "requires": [s["id"] for s in skills[: len(skills) // 2]]}
    return graph_from({"skills": skills, "stages": [stage]})


@given(st.lists(st.sampled_from([f"cat-{i}" for i in range(14)]), min_size=2, max_size=40))
def test_a_category_has_one_colour_in_every_view(categories: list[str]) -> None:
    graph = _graph(categories)
    fills = style.category_fills(graph)
    views = [
        GraphView.from_graph(graph),
        GraphView.from_graph(graph, stage="top"),
        GraphView.from_graph(graph, focus="s1"),
    ]
    for view in views:
        assert view.fills == fills
    counts = Counter(categories)
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    coloured = ranked[: len(style.PALETTE)]
    assert [fills[c] for c in coloured] == list(style.PALETTE[: len(coloured)])
    assert all(fills[c] == style.OTHER_FILL for c in ranked[len(style.PALETTE) :])


def test_a_smaller_view_keeps_the_colours_of_the_whole_graph() -> None:
    # The regression: colours were assigned over the categories a view contained.
    graph = _graph(["zeta", "alpha", "alpha", "mid"])
    narrowed = GraphView.from_graph(graph, stage="top")  # holds only "zeta" and "alpha"
    assert {narrowed.category(n) for n in narrowed.nodes} - {"stage"} == {"zeta", "alpha"}
    # "mid" ranks before "zeta" in the graph, though the narrowed view does not show it.
    assert narrowed.fills["zeta"] == GraphView.from_graph(graph).fills["zeta"] == style.PALETTE[2]


def test_legend_lists_palette_colours_then_the_others() -> None:
    fills = style.category_fills(_graph([f"c{i:02}" for i in range(12)]))
    rows = style.legend_categories(fills, set(fills))
    assert [fill for _, fill in rows] == [*style.PALETTE, style.OTHER_FILL]
    assert rows[-1][0] == style.OTHER


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("pandas", ["pandas"]),
        ("Data cleaning (missing values, outliers, duplicates)", ["Data cleaning"]),
        ("Mentorship: finding and learning from a mentor", ["Mentorship"]),
        (
            "Cross-validation, overfitting and generalization",
            ["Cross-validation,", "overfitting and", "generalization"],
        ),
        (
            "Collaboration and cross-functional teamwork (incl. meetings)",
            ["Collaboration", "and", "cross-functional…"],
        ),
        ("(C)", ["(C)"]),
        ("Sehr\x1b[31m langer\x00 Name", ["Sehr[31m langer", "Name"]),
    ],
)
def test_short_label(name: str, lines: list[str]) -> None:
    assert style.short_label(name) == lines


@given(st.text(max_size=300))
def test_short_labels_are_short_and_drawable(name: str) -> None:
    lines = style.short_label(name)
    assert 1 <= len(lines) <= style.LABEL_LINES
    assert not any(unicodedata.category(c) == "Cc" or c in "\ufffe\uffff" for line in lines for c in line)


@pytest.mark.parametrize(
    ("name", "pick", "lines"),
    [
        ("A deep learning framework", 1, ["A deep learning", "framework: 1 of"]),
        ("Cloud platform", 2, ["Cloud platform:", "2 of"]),
        (
            "Practical experience before the first ML job",
            1,
            ["Practical", "experience", "before the…", "1 of"],
        ),
    ],
)
def test_a_choice_is_named_and_says_how_many(name: str, pick: int, lines: list[str]) -> None:
    assert style.choice_label(name, pick) == lines


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "plain"),
        ("bell\a esc\x1b nul\x00 del\x7f csi\x9b end", "bell esc nul del csi end"),
        ("tab\tnew\nline\r\nend", "tab new line end"),
        ("non\ufffecharacter\uffff", "noncharacter"),
    ],
)
def test_drawable_drops_control_characters(value: str, expected: Any) -> None:
    assert style.drawable(value) == expected
