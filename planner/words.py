"""Counted nouns for messages: "1 milestone", "2 milestones", never "1 milestones"."""

from __future__ import annotations


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun``, the noun in the plural (``noun + "s"`` unless given)
    for any number but 1."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
