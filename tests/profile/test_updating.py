"""Editing a profile's values in its own file: only what changes, comments and layout kept."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.graph import CareerGraph, shipped_graph
from planner.profile.updating import ProfileEdit, edit_text, known_entries, known_in

COMMENTED = """\
# My plan -- keep this comment
name = "Tess"   # that's me
target = "junior-ml-engineer"
start = 2027-01-04
timezone = "Europe/Berlin"
hours_per_week = 6   # evenings
known = [
  "python",  # since school
  "Git",
]

[availability]   # evenings only
tue = ["19:00-21:00"]
sat = ["09:00-13:00"]  # mornings

[[blackouts]]
from = 2027-05-03
to = 2027-05-16
reason = "exams"

[[blackouts]]
from = 2027-07-24
to = 2027-08-08

[completed]
pandas = 2027-02-01
"""


@pytest.fixture(scope="module")
def graph() -> CareerGraph:
    return shipped_graph()


def edit(graph: CareerGraph, text: str = COMMENTED, **parts: Any) -> tuple[str, tuple[str, ...]]:
    data = tomllib.loads(text)
    return edit_text(text, is_json=False, graph=graph, data=data, edit=ProfileEdit(**parts))


def test_a_changed_value_keeps_every_comment_and_line(graph: CareerGraph) -> None:
    text, changed = edit(graph, values={"hours_per_week": 10})
    assert changed == ("hours_per_week",)
    assert text == COMMENTED.replace("hours_per_week = 6", "hours_per_week = 10")


def test_the_same_values_change_nothing(graph: CareerGraph) -> None:
    data = tomllib.loads(COMMENTED)
    values = {key: data[key] for key in ("name", "hours_per_week", "availability", "blackouts")}
    assert edit(graph, values=values) == (COMMENTED, ())


def test_a_table_is_changed_key_by_key_and_weekdays_stay_in_order(graph: CareerGraph) -> None:
    text, changed = edit(graph, values={"availability": {"mon": ["18:00-20:00"], "sat": ["09:00-13:00"]}})
    assert changed == ("availability",)
    assert (
        '[availability]   # evenings only\nmon = ["18:00-20:00"]\nsat = ["09:00-13:00"]  # mornings\n' in text
    )


def test_tables_of_an_array_change_entry_by_entry(graph: CareerGraph) -> None:
    rows = [
        {"from": dt.date(2027, 5, 3), "to": dt.date(2027, 5, 20), "reason": "exams"},
        {"from": dt.date(2027, 7, 24), "to": dt.date(2027, 8, 8)},
        {"from": dt.date(2028, 1, 1), "to": dt.date(2028, 1, 2), "reason": "new year"},
    ]
    text, _ = edit(graph, values={"blackouts": rows})
    assert 'to = 2027-05-20\nreason = "exams"\n\n[[blackouts]]\nfrom = 2027-07-24' in text
    assert (
        '\n\n[[blackouts]]\nfrom = 2028-01-01\nto = 2028-01-02\nreason = "new year"\n\n[completed]\n' in text
    )
    assert tomllib.loads(text)["blackouts"] == rows
    text, _ = edit(graph, text, values={"blackouts": rows[:1]})
    assert tomllib.loads(text)["blackouts"] == rows[:1]
    assert "[completed]" in text and "\n\n\n" not in text


def test_none_removes_a_key(graph: CareerGraph) -> None:
    text, changed = edit(graph, values={"start": None, "deadline": None})
    assert changed == ("start",)
    assert "start" not in tomllib.loads(text)


def test_a_new_key_goes_before_the_tables(graph: CareerGraph) -> None:
    text, _ = edit(graph, values={"deadline": dt.date(2027, 12, 31)})
    assert text.index("deadline = 2027-12-31") < text.index("[availability]")


def test_learning_an_item_writes_it_once_its_prerequisites_are_implied(graph: CareerGraph) -> None:
    text, changed = edit(graph, learned=frozenset({"numpy", "pandas"}))
    assert changed == ("known",)
    assert '  "python",  # since school\n  "Git",\n  "pandas",' in text.replace("\n]", ",\n]").replace(
        ",,", ","
    )
    assert tomllib.loads(text)["known"] == ["python", "Git", "pandas"]


def test_unlearning_drops_what_needs_it_and_keeps_the_rest_known(graph: CareerGraph) -> None:
    text = COMMENTED.replace('  "Git",\n', '  "Git",\n  "pandas",\n')
    before = known_in(graph, tomllib.loads(text))
    new, _ = edit(graph, text, unlearned=frozenset({"numpy"}))
    data = tomllib.loads(new)
    after = known_in(graph, data)
    assert "pandas" not in after and "numpy" not in after
    assert after == before - {"pandas", "numpy"} - graph.descendants("numpy")
    assert data["known"][:2] == ["python", "Git"]  # the person's spelling and order stay
    assert "pandas" not in data["completed"]  # no longer done


def test_learning_an_item_with_progress_clears_the_progress(graph: CareerGraph) -> None:
    text = COMMENTED + "\n[progress]\nsql = 0.5\n"
    new, _ = edit(graph, text, learned=frozenset({"sql"}))
    assert "progress" not in tomllib.loads(new) or "sql" not in tomllib.loads(new)["progress"]


def test_the_current_stage_keeps_what_it_implies(graph: CareerGraph) -> None:
    data = {"current_stage": "junior-ml-engineer", "known": []}
    implied = known_in(graph, data)
    assert "python" in implied
    assert known_entries(graph, data, [], ["python"]) == []


def test_a_json_profile_is_rewritten_with_its_key_order(graph: CareerGraph) -> None:
    text = json.dumps({"target": "ml-engineer", "hours_per_week": 5, "known": ["python"]}, indent=2)
    data = json.loads(text)
    new, _ = edit_text(
        text,
        is_json=True,
        graph=graph,
        data=data,
        edit=ProfileEdit({"start": dt.date(2027, 1, 4)}, frozenset({"numpy"})),
    )
    assert list(json.loads(new)) == ["target", "hours_per_week", "known", "start"]
    assert json.loads(new)["start"] == "2027-01-04"
    assert json.loads(new)["known"] == ["python", "numpy"]


def test_windows_line_breaks_stay(graph: CareerGraph) -> None:
    text = COMMENTED.replace("\n", "\r\n")
    new, _ = edit(graph, text, values={"hours_per_week": 7})
    assert new == text.replace("hours_per_week = 6", "hours_per_week = 7")


WORK = sorted(n for n in shipped_graph().nodes if shipped_graph().kind(n) in ("skill", "project"))


@given(
    known=st.lists(st.sampled_from(WORK), max_size=6),
    learned=st.sets(st.sampled_from(WORK), max_size=4),
    unlearned=st.sets(st.sampled_from(WORK), max_size=4),
)
def test_what_is_known_after_an_edit_is_exactly_what_was_asked(
    known: list[str], learned: set[str], unlearned: set[str]
) -> None:
    """Property: after ticking ``learned`` and unticking ``unlearned``, the profile knows
    what it knew and what was ticked (with their prerequisites), less the unticked items
    and everything that needs them; and no entry is written that another implies."""
    graph = shipped_graph()
    data = {"known": known}
    learned -= unlearned
    entries = known_entries(graph, data, learned, unlearned)
    after = known_in(graph, {"known": entries})
    dropped = set(unlearned)
    for node in unlearned:
        dropped |= graph.descendants(node)
    wanted = (set(known_in(graph, data)) | graph.closure(learned, through_choices=False)) - dropped
    choices = {n for n in graph.nodes if graph.kind(n) == "choice"}
    assert after - choices == wanted - choices
    fresh = [e for e in entries if e not in known]
    for entry in fresh:
        others = set(entries) - {entry}
        assert entry not in graph.closure(others, through_choices=False)
