"""Rows of a band: every node once, prerequisites first, rows within the budget."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from planner.renderers.pictures.layers import band_rows


@st.composite
def bands(draw: st.DrawFn) -> tuple[list[str], dict[str, list[str]], dict[str, float]]:
    """A random DAG (edges only from lower to higher numbers), with some prerequisites
    outside the band, and a width per node."""
    size = draw(st.integers(1, 40))
    members = [f"n{i:02}" for i in range(size)]
    pairs = draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)), max_size=80))
    outside = draw(st.lists(st.integers(0, size - 1), max_size=5))
    pred: dict[str, set[str]] = {node: set() for node in members}
    for a, b in pairs:
        if a != b:
            pred[members[max(a, b)]].add(members[min(a, b)])
    for index in outside:
        pred[members[index]].add("outside")
    widths = draw(st.lists(st.integers(4, 40), min_size=size, max_size=size))
    return (
        members,
        {n: sorted(p) for n, p in pred.items()},
        {n: float(w) for n, w in zip(members, widths, strict=True)},
    )


@given(bands(), st.integers(20, 120))
def test_rows_respect_prerequisites_and_the_budget(
    band: tuple[list[str], dict[str, list[str]], dict[str, float]], budget: int
) -> None:
    members, pred, widths = band
    rows = band_rows(members, pred, widths=widths, budget=budget)
    placed = [n for row in rows for n in row]
    assert sorted(placed) == sorted(members)
    row_of = {n: index for index, row in enumerate(rows) for n in row}
    for node, prerequisites in pred.items():
        assert all(row_of[p] < row_of[node] for p in prerequisites if p in row_of)
    for row in rows:
        assert row == sorted(row)
        assert len(row) == 1 or sum(widths[n] for n in row) <= budget
    # The same band in another order gives the same rows.
    shuffled = members[:]
    random.Random(len(members)).shuffle(shuffled)
    assert band_rows(shuffled, pred, widths=widths, budget=budget) == rows


def test_longest_chain_goes_first() -> None:
    pred = {"a": [], "b": ["a"], "c": ["b"], "x": [], "y": []}
    rows = band_rows(pred, pred, widths=dict.fromkeys(pred, 10.0), budget=20)
    assert rows[0] == ["a", "x"]  # "a" heads the longest chain; then by id
    assert rows == [["a", "x"], ["b", "y"], ["c"]]
