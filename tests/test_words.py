"""Counted nouns: the plural for every number but 1."""

from __future__ import annotations

import pytest

from planner.words import count


@pytest.mark.parametrize(("number", "expected"), [(0, "0 sessions"), (1, "1 session"), (2, "2 sessions")])
def test_the_noun_agrees_with_the_number(number: int, expected: str) -> None:
    assert count(number, "session") == expected


def test_an_irregular_plural_and_grouped_thousands() -> None:
    assert count(3, "entry", "entries") == "3 entries"
    assert count(1, "entry", "entries") == "1 entry"
    assert count(12_345, "profile", grouped=True) == "12,345 profiles"
    assert count(12_345, "profile") == "12345 profiles"
