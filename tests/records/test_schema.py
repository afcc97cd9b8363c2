"""The one schema: the JSON Schema comes from the declarations that validate, agrees
with them on real and broken profiles, and the quick path agrees with pydantic."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.cli import cli
from planner.errors import ProfileError
from planner.graph import CareerGraph, shipped_graph
from planner.profile import check_profile
from planner.records import Profile
from planner.records.quick import quick
from planner.records.schema import SchemaErrors, json_schema, json_schema_text, shipped_schema, validate
from tests.golden import check_golden
from tests.paths import EXAMPLES, ROOT


def as_json(value: Any) -> Any:
    """TOML values as JSON gives them: dates as YYYY-MM-DD strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def profiles() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted((EXAMPLES / "profiles").iterdir()):
        text = path.read_text(encoding="utf-8")
        found.append((path.name, json.loads(text) if path.suffix == ".json" else tomllib.loads(text)))
    return found


@pytest.mark.parametrize("which", ["profile", "graph"])
def test_the_shipped_schema_files_are_the_declarations(which: str) -> None:
    check_golden(shipped_schema(which), json_schema_text(which))


@pytest.mark.parametrize("which", ["profile", "graph"])
def test_planner_schema_prints_a_valid_2020_12_schema(which: str) -> None:
    result = CliRunner().invoke(cli, ["schema", which])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == json_schema(which)


def test_planner_schema_names_what_it_knows() -> None:
    result = CliRunner().invoke(cli, ["schema", "profiles"])
    assert result.exit_code == 2
    assert "'profiles' is not one of 'profile', 'graph'" in result.stderr


@pytest.mark.parametrize(("name", "data"), profiles(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_example_profile_keeps_the_schema(name: str, data: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(json_schema("profile")).validate(as_json(data))


def test_every_graph_file_keeps_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(json_schema("graph"))
    for path in sorted((ROOT / "graph_data").glob("*.toml")):
        validator.validate(as_json(tomllib.loads(path.read_text(encoding="utf-8"))))


def test_init_points_editors_at_the_schema(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "me.toml")])
    assert result.exit_code == 0, result.output
    first = (tmp_path / "me.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"#:schema {shipped_schema('profile').as_uri()}"
    assert shipped_schema("profile").is_file()


# --- the schema refuses no less than planner does ----------------------------------------

BASE: dict[str, Any] = {
    "target": "ml-engineer",
    "hours_per_week": 8,
    "availability": {"mon": ["19:00-21:00"]},
}
BROKEN: list[tuple[str, Any]] = [
    ("hours_per_week", 0),
    ("hours_per_week", "8"),
    ("hours_per_week", 169),
    ("hours_per_week", True),
    ("review_days", [0]),
    ("review_days", list(range(1, 14))),
    ("recommended", "yes"),
    ("progress", {"pandas": 1.5}),
    ("progress", ["pandas"]),
    ("known", 5),
    ("availability", {"mon": [5]}),
    ("blackouts", [{"to": "2027-01-01"}]),
    ("blackouts", [{"from": "2027-01-01", "until": "2027-01-02"}]),
    ("name", "x" * 1001),
    ("nickname", "Tess"),
    ("experience", [{"role": "ml-engineer"}]),
]


@pytest.mark.parametrize(("key", "value"), BROKEN)
def test_what_the_schema_refuses_planner_refuses(key: str, value: Any) -> None:
    data = {**BASE, key: value}
    assert not jsonschema.Draft202012Validator(json_schema("profile")).is_valid(data)
    with pytest.raises(ProfileError):
        check_profile(data, shipped_graph(), file="p.json", is_json=True)


# --- the quick path takes only what pydantic takes, and builds the same -------------------

TEXTS = st.sampled_from(
    [
        "",
        "ml-engineer",
        "ML Engineer",
        "mle",
        "python",
        "Python programming",
        "pytorch",
        "torch",
        "zz",
        "19:00-21:00",
        "19:00-19:20",
        "21:00-19:00",
        "25:00-26:00",
        "2027-01-04",
        "2027-02-30",
        "Europe/Berlin",
        "Mars/Base",
        "a\x1b",
        "x" * 1001,
    ]
)
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 200),
    st.floats(allow_nan=True),
    st.just(10**400),
    st.just(dt.date(2027, 1, 4)),
    st.just(dt.datetime(2027, 1, 4, 9)),
    st.just(dt.date(1800, 1, 1)),
    TEXTS,
)
VALUES: dict[str, st.SearchStrategy[Any]] = {
    "name": st.one_of(TEXTS, JUNK),
    "target": st.one_of(TEXTS, JUNK),
    "current_stage": st.one_of(TEXTS, JUNK),
    "current_stage_since": JUNK,
    "start": JUNK,
    "deadline": JUNK,
    "timezone": st.one_of(TEXTS, JUNK),
    "hours_per_week": JUNK,
    "known": st.one_of(st.lists(TEXTS, max_size=3), JUNK),
    "focus": st.one_of(st.lists(TEXTS, max_size=2), JUNK),
    "progress": st.one_of(st.dictionaries(TEXTS, JUNK, max_size=2), JUNK),
    "availability": st.one_of(
        st.dictionaries(
            st.sampled_from(["mon", "tue", "sun", "monday"]), st.one_of(TEXTS, st.lists(TEXTS)), max_size=2
        ),
        JUNK,
    ),
    "blackouts": st.one_of(
        st.lists(st.fixed_dictionaries({"from": JUNK}, optional={"to": JUNK, "reason": JUNK}), max_size=2),
        JUNK,
    ),
    "recommended": JUNK,
    "study_ahead": JUNK,
    "choices": st.one_of(st.dictionaries(TEXTS, st.one_of(TEXTS, st.lists(TEXTS)), max_size=2), JUNK),
    "review_days": st.one_of(st.lists(JUNK, max_size=3), JUNK),
    "completed": st.one_of(st.dictionaries(TEXTS, JUNK, max_size=2), JUNK),
    "experience": st.one_of(
        st.lists(st.fixed_dictionaries({"role": TEXTS, "from": JUNK}, optional={"to": JUNK}), max_size=2),
        JUNK,
    ),
    "extra": JUNK,
}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.fixed_dictionaries(
        {},
        optional={
            "target": st.just("ml-engineer"),
            "hours_per_week": st.just(8),
            "availability": st.just({"mon": "19:00-21:00"}),
        },
    ),
    edits=st.fixed_dictionaries({}, optional=VALUES),
)
def test_the_quick_path_takes_only_what_pydantic_takes_and_builds_the_same(
    base: dict[str, Any], edits: dict[str, Any]
) -> None:
    data = {**base, **edits}
    graph: CareerGraph = shipped_graph()
    fast = quick(Profile, data, graph)
    try:
        slow = validate(Profile, data, graph)
    except SchemaErrors:
        slow = None
    if fast is not None:
        assert slow is not None, f"pydantic refuses what the quick path took: {data!r}"
        assert repr(fast) == repr(slow)
