"""planner.io.jsontext lays JSON out as json.dumps(indent=2, ensure_ascii=False) does."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.io.jsontext import dumps

# What planner writes: 64-bit integers, finite floats in plain notation, text without
# lone surrogates (the records refuse them).
plain_floats = st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x == 0 or abs(x) >= 1e-4)
text = st.text(st.characters(exclude_categories=("Cs",)))
scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | plain_floats | text
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(text.map(str), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(values)
def test_the_same_text_as_json_dumps(value: Any) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_finite_float_reads_back_as_itself(value: float) -> None:
    back = json.loads(dumps({"x": value}))["x"]
    assert back == value and math.copysign(1, back) == math.copysign(1, value)


def test_a_tiny_float_is_written_without_an_exponent() -> None:
    assert dumps([1e-05]) == "[\n  0.00001\n]"


def test_a_roadmap_shaped_value() -> None:
    value = {
        "name": 'Zoë \u2028 "q"',
        "items": [{"hours": 1.5, "requires": [], "picked_for": ["a"]}],
        "empty": {},
        "n": 10**18,
        "finish": None,
        "ok": True,
    }
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


class Text(str):
    pass


class Number(int):
    pass


def test_values_that_subclass_str_and_int_as_json_writes_them() -> None:
    value = {"k": [Text("Zoë"), Number(3), 1.5], "n": Text("x")}
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("value", [{1: "a"}, {"a": object()}, {"a": {1, 2}}, [2**64], ["\ud800"]])
def test_what_json_cannot_write_is_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        dumps(value)
