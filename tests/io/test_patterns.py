"""Patterns compiled on first use."""

from __future__ import annotations

import re

from planner.io.patterns import later


def test_a_later_pattern_is_the_pattern_compiled_once() -> None:
    pattern = later(r"<!--.*?-->", re.DOTALL)
    first = pattern()
    assert first.pattern == r"<!--.*?-->" and first.flags == re.compile("", re.DOTALL).flags
    assert pattern() is first
    assert first.sub("", "a<!--\n-->b") == "ab"
