"""JSON text indented by two spaces, as ``json.dumps(value, indent=2,
ensure_ascii=False)`` lays it out, written by orjson.

The standard library encodes in C only without ``indent``; with it, every value goes
through a chain of Python generators, and a 1,000-item roadmap's JSON (2,500 sessions)
took about as long as scheduling it. orjson writes the same text about thirteen times
faster (docs/performance.md). Two things differ from the standard library, neither in
what planner writes: a float below 1e-4 is written without an exponent (``0.00001``,
not ``1e-05``; the same number to every JSON reader), and an integer must fit in 64
bits.
"""

from __future__ import annotations

from typing import Any

import orjson


def dumps(value: Any) -> str:
    """``value`` (dicts with string keys, lists, tuples, strings, numbers, booleans and
    None) as JSON indented by two spaces, without a final newline.

    Raises
    ------
    TypeError
        For what JSON cannot hold: a key that is not a string, an object of another
        type, an integer beyond 64 bits (orjson's ``JSONEncodeError`` is a ``TypeError``).
    """
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
