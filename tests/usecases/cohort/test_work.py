"""Planning one person never fails the batch: whatever a line holds, it gives one
valid JSON line saying whether the person was planned, and why not."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.graph import CareerGraph
from planner.profile import KEYS
from planner.usecases.cohort.inputs import Entry
from planner.usecases.cohort.work import plan_entry
from tests.hang import no_hang

from .conftest import ada

NOW = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-10, 200)
    | st.floats(allow_nan=True)
    | st.text(max_size=12)
    | st.sampled_from(["python", "git", "junior-ml-engineer", "19:00-21:00", "2027-01-04", "UTC"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
PROFILES = st.builds(
    lambda base, changes: {**base, **changes},
    st.just(ada()),
    st.dictionaries(st.sampled_from([*KEYS, "extra"]), VALUES, max_size=3),
)
LINES = st.one_of(
    PROFILES.map(lambda p: json.dumps(p).encode()),
    st.binary(min_size=1, max_size=40),
    st.text(min_size=1, max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(raw=LINES)  # the graph is only read, so one for every example is right
def test_any_line_gives_one_json_result(tiny_graph: CareerGraph, raw: bytes) -> None:
    outcome = plan_entry(tiny_graph, Entry("7", "cohort.jsonl", 7, raw, ".json"), NOW)
    assert "\n" not in outcome.line and "\r" not in outcome.line
    outcome.line.encode("utf-8")
    result: dict[str, Any] = json.loads(outcome.line)
    assert result["input"] == "7"
    assert result["ok"] is (outcome.error is None)
    if result["ok"]:
        assert result["error"] is None and result["target"] == outcome.target
        assert result["finish"] == outcome.finish.isoformat()  # type: ignore[union-attr]
    else:
        assert result["error"] == outcome.error
        assert outcome.error.startswith("cohort.jsonl:7: ")  # type: ignore[union-attr]


def test_a_number_too_long_after_long_text_fails_its_line_at_once(tiny_graph: CareerGraph) -> None:
    """Regression: a batch line with a long string before a 5,000-digit number spent hours
    in the error path's regex, which grew with the square of the line."""
    raw = json.dumps(ada(note="x" * 600_000))[:-1].encode() + b', "hours_per_week": ' + b"9" * 5000 + b"}"
    entry = Entry("7", "cohort.jsonl", 7, raw, ".json")
    with no_hang("planning a 600 KB batch line"):
        outcome = plan_entry(tiny_graph, entry, NOW)
    assert outcome.error == (
        "cohort.jsonl:7: key 'hours_per_week': a number with 5,000 digits is far too long; "
        "numbers may have at most 4,300 digits"
    )


def test_a_lone_surrogate_in_any_value_is_named_not_an_internal_error(tiny_graph: CareerGraph) -> None:
    """Regression (found by the fuzzer): a JSON escape such as \\ud800 in a key the quick
    path refuses reached pydantic, which raised UnicodeEncodeError."""
    raw = json.dumps({**ada(), "current_stage": "\ud800 x", "known": ["python", "\udfff"]}).encode()
    outcome = plan_entry(tiny_graph, Entry("7", "cohort.jsonl", 7, raw, ".json"), NOW)
    assert outcome.error == (
        "cohort.jsonl:7: key 'current_stage': holds a broken character (an unpaired UTF-16 surrogate); "
        "key 'known': holds a broken character (an unpaired UTF-16 surrogate)"
    )
