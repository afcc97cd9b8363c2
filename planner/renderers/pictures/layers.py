"""Rows of the ladder picture: each band's nodes in rows of bounded width.

Graphviz ranks a graph by its longest chains, so a band with many independent skills
becomes one very wide row, and bands drift sideways. Here each band is cut into rows
no wider than a budget by list scheduling (the longest chain still ahead goes first,
then the id), every prerequisite in an earlier row than what needs it, and the bands
follow each other row after row: a calm ladder about a page wide.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from typing import Final

ROW_BUDGET: Final = 62.0
"""What a row of a band may hold, in characters of label (see :func:`label_cost`): about
880 points of Graphviz boxes with their long edges, a page at 100 %."""


def label_cost(lines: list[str]) -> float:
    """What a box with these label lines costs in a row: its widest line and the
    padding around it, in characters."""
    return max(len(line) for line in lines) + 3.0


def band_rows(
    members: Iterable[str],
    pred: Mapping[str, Iterable[str]],
    *,
    widths: Mapping[str, float],
    budget: float,
) -> list[list[str]]:
    """Cut ``members`` into rows, each sorted, whose ``widths`` add up to at most
    ``budget`` (a row holds at least one id).

    Only prerequisites among ``members`` (in ``pred``) constrain the rows: each lies in
    an earlier row than every id that needs it. The same input gives the same rows.
    """
    inside = set(members)
    before = {n: sorted(p for p in pred.get(n, ()) if p in inside) for n in sorted(inside)}
    after: dict[str, list[str]] = {n: [] for n in before}
    for node, prerequisites in before.items():
        for p in prerequisites:
            after[p].append(node)
    height: dict[str, int] = {}
    for node in _reverse_topological(before, after):
        height[node] = 1 + max((height[s] for s in after[node]), default=0)

    waiting = {n: len(p) for n, p in before.items()}
    ready = [(-height[n], n) for n, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    narrowest = min(widths[n] for n in before) if before else 0.0
    rows: list[list[str]] = []
    while ready:
        row = [heapq.heappop(ready)[1]]
        used = widths[row[0]]
        skipped = []
        while ready and used + narrowest <= budget:
            candidate = heapq.heappop(ready)
            if used + widths[candidate[1]] <= budget:
                row.append(candidate[1])
                used += widths[candidate[1]]
            else:
                skipped.append(candidate)
        for candidate in skipped:
            heapq.heappush(ready, candidate)
        for node in row:
            for s in after[node]:
                waiting[s] -= 1
                if waiting[s] == 0:
                    # Ready from the next row on: pushed after this row is complete.
                    heapq.heappush(ready, (-height[s], s))
        rows.append(sorted(row))
    return rows


def _reverse_topological(before: Mapping[str, list[str]], after: Mapping[str, list[str]]) -> list[str]:
    """The ids, each after everything that needs it."""
    remaining = {n: len(s) for n, s in after.items()}
    order = [n for n, count in remaining.items() if count == 0]
    for node in order:
        for p in before[node]:
            remaining[p] -= 1
            if remaining[p] == 0:
                order.append(p)
    return order
