"""planner.io.jsontext writes what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.io.jsontext import dumps

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(values)
def test_the_same_text_as_json_dumps(value: Any) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_roadmap_shaped_value() -> None:
    value = {
        "name": 'Zoë \u2028 "q"',
        "items": [{"hours": 1.5, "requires": [], "picked_for": ["a"]}],
        "empty": {},
        "n": 10**20,
        "finish": None,
        "ok": True,
    }
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


class Text(str):
    pass


class Number(int):
    pass


def test_subclasses_of_str_and_int_as_json_writes_them() -> None:
    value = {Text("k"): [Text("Zoë"), Number(3), 1.5, float("nan")], "n": Text("x")}
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("value", [{1: "a"}, {"a": object()}, {"a": {1, 2}}])
def test_what_json_cannot_write_is_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        dumps(value)
