"""Reading the profile form: what it shows, what it sends, and what saving changes."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.graph import CareerGraph
from planner.web.forms import FormError, FormValues, change, from_data, from_form, parse_form, typed


def test_a_submitted_form_is_read_as_typed_values() -> None:
    values = from_form(
        [
            ("hours_per_week", " 7.5 "),
            ("start", "2027-03-01"),
            ("deadline", "someday"),
            ("availability.mon", "19:00-21:00; 06:00-07:00,"),
            ("choices.dl-framework", "pytorch"),
            ("choices.senior-depth", ""),
            ("blackouts.0.from", "2027-05-01"),
            ("blackouts.0.remove", "1"),
            ("blackouts.3.from", "2027-06-01"),
            ("blackouts.3.reason", "move"),
            ("blackouts.4.from", ""),
            ("known", "numpy"),
            ("known", "numpy"),
            ("known", "git"),
        ]
    )
    assert typed("hours_per_week", values) == 7.5
    assert typed("start", values) == dt.date(2027, 3, 1)
    assert typed("deadline", values) == "someday"  # the profile check words what is wrong
    assert typed("name", values) is None  # empty: the key goes
    assert typed("availability", values) == {"mon": ["19:00-21:00", "06:00-07:00"]}
    assert typed("choices", values) == {"dl-framework": "pytorch"}
    assert typed("blackouts", values) == [{"from": dt.date(2027, 6, 1), "reason": "move"}]
    assert values.known == ["git", "numpy"]


def test_saving_changes_only_what_was_changed_in_the_form() -> None:
    original = FormValues({"hours_per_week": "15", "name": "Marco"}, {"tue": "18:00-21:00"}, known=["a", "b"])
    submitted = FormValues(
        {"hours_per_week": "15", "name": "Marcus"}, {"tue": "18:00-21:00 "}, known=["b", "c"]
    )
    wanted = change(submitted, original, ["hours_per_week", "name", "availability"])
    assert wanted.values == {"name": "Marcus"}
    assert (wanted.learned, wanted.unlearned) == (frozenset({"c"}), frozenset({"a"}))


def test_the_values_a_form_carries_survive_the_round_trip(graph: CareerGraph) -> None:
    values = from_data(
        {
            "hours_per_week": 15.0,
            "target": "Senior",
            "blackouts": [{"from": dt.date(2027, 1, 1)}],
            "known": "python",
        },
        graph,
    )
    assert values.scalars["hours_per_week"] == "15"
    assert values.scalars["target"] == "senior-ml-engineer"  # an alias shown as its stage
    assert values.blackouts == [{"from": "2027-01-01", "to": "", "reason": ""}]
    assert values.known == ["python"]
    assert FormValues.from_json(values.to_json()) == values
    for broken in ("", "[]", '{"scalars": 3}', '{"known": [1]}', '{"other": 1}'):
        assert FormValues.from_json(broken) is None


def test_a_body_that_is_not_a_form_is_refused() -> None:
    assert parse_form(b"a=1&b=&a=2") == [("a", "1"), ("b", ""), ("a", "2")]
    with pytest.raises(FormError, match="UTF-8"):
        parse_form(b"a=\xff")
    with pytest.raises(FormError, match="larger than 1 MiB"):
        parse_form(b"a=" + b"x" * 2**20)
