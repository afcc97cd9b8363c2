"""Counted nouns for messages: "1 milestone", "2 milestones", never "1 milestones"."""

from __future__ import annotations


def count(number: int, noun: str, plural: str | None = None, *, grouped: bool = False) -> str:
    """``number`` and ``noun``, the noun in the plural (``noun + "s"`` unless given)
    for any number but 1; ``grouped`` writes thousands as ``1,000``."""
    shown = f"{number:,}" if grouped else str(number)
    return f"{shown} {noun if number == 1 else plural or noun + 's'}"
