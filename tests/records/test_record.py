"""Records compare, hash and show themselves as the dataclass decorator's methods would."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.records import Experience, Profile, Skill, Stage, Window
from planner.records.graph import Choice, Note, Project, Resource, Salary
from planner.records.record import Record

RECORDS = (Resource, Salary, Note, Skill, Project, Stage, Choice, Window, Experience, Profile)


@functools.cache
def generated(record: type[Any]) -> type[Any]:
    """A stand-in for ``record`` whose methods the dataclass decorator generates."""
    fields = [
        (f.name, Any, dataclasses.field(compare=f.compare, repr=f.repr, hash=f.hash))
        for f in dataclasses.fields(record)
    ]
    return dataclasses.make_dataclass(record.__name__, fields, frozen=True)


def twin(record: Any) -> Any:
    """``record``'s values in its generated stand-in."""
    stand_in = generated(type(record))
    made = object.__new__(stand_in)
    for f in dataclasses.fields(record):
        object.__setattr__(made, f.name, getattr(record, f.name))
    return made


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
def test_every_record_inherits_the_shared_methods(record: type[Any]) -> None:
    assert issubclass(record, Record)
    for method in ("__eq__", "__hash__", "__repr__"):
        assert getattr(record, method) is getattr(Record, method), f"{record.__name__}.{method} is generated"


texts = st.text(max_size=5)


@given(a=texts, b=texts, hours=st.floats(0.5, 10), other_hours=st.floats(0.5, 10))
def test_skills_compare_hash_and_show_as_generated(a: str, b: str, hours: float, other_hours: float) -> None:
    one = Skill(id="x", name=a, hours=hours)
    two = Skill(id="x", name=b, hours=other_hours)
    assert (one == two) == (twin(one) == twin(two))
    assert repr(one) == repr(twin(one))
    if one == two:
        assert hash(one) == hash(two)
    assert hash(one) == hash(twin(one))


def test_a_field_not_compared_is_left_out_of_equality_not_of_the_repr() -> None:
    one = Profile(name="P", target="t", availability={"mon": (Window(start=0, end=60),)}, hours_per_week=5)
    two = dataclasses.replace(one)
    object.__setattr__(two, "source", "elsewhere.toml")
    assert one == two
    for made in (one, twin(one)):  # a profile holds dicts: neither hashes
        with pytest.raises(TypeError, match="unhashable"):
            hash(made)
    assert "source='elsewhere.toml'" in repr(two)
    assert repr(one) == repr(twin(one))


def test_records_of_different_kinds_with_the_same_fields_differ() -> None:
    assert Skill(id="x", name="X", hours=1) != Project(id="x", name="X", hours=1)
    assert Skill(id="x", name="X", hours=1) != ("x", "X")
