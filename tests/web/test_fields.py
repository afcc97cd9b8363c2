"""The profile form's fields come from a JSON Schema; problems find their fields."""

from __future__ import annotations

import json
from dataclasses import dataclass

import planner
from planner.errors import ProfileError
from planner.web.fields import FORM_KEYS, field_path, form_fields, input_id, problems


def test_the_form_is_drawn_from_the_profile_s_own_schema() -> None:
    declared = json.loads(planner.schema("profile"))
    fields = form_fields()
    assert [f.key for f in fields] == list(FORM_KEYS)
    widgets = {f.key: f.widget for f in fields}
    assert widgets == {
        "name": "text",
        "target": "stage",
        "timezone": "timezone",
        "hours_per_week": "number",
        "start": "date",
        "deadline": "date",
        "availability": "windows",
        "known": "checklist",
        "choices": "choices",
        "blackouts": "blackouts",
    }
    hours = next(f for f in fields if f.key == "hours_per_week")
    spec = declared["properties"]["hours_per_week"]
    assert (hours.required, hours.minimum, hours.maximum) == (True, spec["exclusiveMinimum"], spec["maximum"])
    assert hours.title == "Hours per week"  # the schema's "Hours Per Week", as a label reads
    for field in fields:
        assert field.description.startswith(declared["properties"][field.key]["description"])
    assert {f.key for f in fields if f.required} == set(declared["required"])


def test_a_schema_as_pydantic_writes_it_draws_the_same_widgets() -> None:
    """The library's own profile schema (when it comes) has optional keys as anyOf
    with null and titles made from the key: the form reads it as it is."""
    schema = {
        "required": ["target"],
        "properties": {
            "start": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}], "default": None},
            "hours_per_week": {"type": "number", "exclusiveMinimum": 0, "title": "Hours Per Week"},
            "target": {"type": "string", "description": "A stage id"},
            "focus": {"type": "array"},
        },
    }
    fields = {f.key: f for f in form_fields(schema, ["start", "hours_per_week", "target", "deadline"])}
    assert list(fields) == ["start", "hours_per_week", "target"]  # deadline: not in that schema
    assert fields["start"].widget == "date"
    assert (fields["hours_per_week"].widget, fields["hours_per_week"].title) == ("number", "Hours per week")
    assert fields["target"].required and fields["target"].description == "A stage id"


def test_a_problem_s_key_names_the_input_it_belongs_beside() -> None:
    assert field_path("hours_per_week") == "hours_per_week"
    assert field_path("availability.mon") == "availability.mon"
    assert field_path("blackouts[12].to") == "blackouts.12.to"
    assert field_path("choices.dl-framework") == "choices.dl-framework"
    assert field_path("focus") == field_path(None) == field_path("progress.pandas") == ""
    assert input_id("blackouts.1.to") == "f-blackouts-1-to"


@dataclass
class Problem:
    key: str | None
    line: int | None
    message: str


class Several(ProfileError):
    """A profile error as the library will raise it: every mistake in ``problems``."""

    def __init__(self) -> None:
        super().__init__("me.toml", "2 problems")
        self.problems = [Problem("hours_per_week", 3, "is out of range"), Problem(None, None, "is empty")]


def test_every_problem_of_an_error_is_read() -> None:
    one = problems(ProfileError("me.toml", "is out of range", key="blackouts[0].from", line=9))
    assert [(p.path, p.key, p.line, p.message, p.said) for p in one] == [
        (
            "blackouts.0.from",
            "blackouts[0].from",
            9,
            "is out of range",
            "key 'blackouts[0].from': is out of range",
        )
    ]
    several = problems(Several())
    assert [(p.path, p.said) for p in several] == [
        ("hours_per_week", "key 'hours_per_week': is out of range"),
        ("", "is empty"),
    ]
