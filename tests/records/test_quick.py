"""The quick path against pydantic, for graph nodes and profiles: the same record
whenever the quick path takes a table, and a valid graph and profile read without
pydantic."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typing_extensions import is_typeddict

from planner.graph import load_graph, shipped_graph_dir
from planner.graph.tables import NodeTables
from planner.records import NODE_TYPES, Profile, Skill, Stage, keys_of
from planner.records.quick import builder, quick
from planner.records.schema import SchemaErrors as ValidationError
from planner.records.schema import validate_node
from tests.paths import EXAMPLES

# Values near every rule's edges, of the right type and of wrong ones.
EDGE_TEXT = [
    "",
    "a",
    "a-b",
    "ab1",
    "A",
    "a--b",
    "-a",
    "a-",
    "a\n",
    "a\x01",
    "a\x85",
    "tab\tand\nbreak",
    "é",
    "ab\u00e9",
    "x" * 20,
    "x" * 21,
    "x" * 100,
    "x" * 101,
    "x" * 200,
    "x" * 201,
    "x" * 500,
    "x" * 501,
    "https://a.org",
    "http://a",
    "https://a b",
    "https://\u00e9.org",
    "https://a\x7f",
    "ftp://a",
    "C++",
    "c#",
    ".net",
    "Node.js",
    "skill",
    "project",
    "stage",
    "choice",
    "docs",
    "book",
    "blog",
    "USD",
]
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 3),
    st.sampled_from([2**70, -(2**70)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.just({"a": 1}),
    st.just(b"a"),
    st.just(frozenset({"a"})),
)
TEXT = st.one_of(st.sampled_from(EDGE_TEXT), st.text(max_size=6))
NUMBER_EDGES = [
    0,
    1,
    600,
    601,
    1_000_000,
    1_000_001,
    100_000,
    100_001,
    0.0,
    1e-9,
    100_000.0,
    100_000.5,
    -1,
    -0.5,
    True,
    False,
    float("nan"),
    float("inf"),
    -float("inf"),
    2**70,
    "3",
]
NUMBER = st.one_of(*[st.sampled_from(NUMBER_EDGES)] * 4, st.integers(-5, 10), st.floats())


IDS = st.lists(st.sampled_from(["a", "b-c", "d1"]), max_size=3)
NAMES = st.sampled_from(["N", "Name with spaces", "x" * 100])
RESOURCES = st.lists(
    st.fixed_dictionaries(
        {"title": NAMES, "url": st.sampled_from(["https://a.org", "http://b.io/x?y=1"])},
        optional={"kind": st.sampled_from(["course", "book", "docs"])},
    ),
    max_size=2,
)
SALARIES = st.fixed_dictionaries(
    {"low": st.integers(0, 10**6)},
    optional={
        "high": st.integers(0, 10**6),
        "currency": st.just("EUR"),
        "note": NAMES,
        "source": NAMES,
        "table": st.sampled_from(["US 2024", "x" * 100]),
    },
)
NOTES = st.lists(
    st.fixed_dictionaries({"text": st.sampled_from(["A fact.", "two\nlines\t"])}, optional={"source": NAMES}),
    max_size=2,
)
VALID: dict[str, st.SearchStrategy[Any]] = {
    "id": st.sampled_from(["a", "a-b", "x1"]),
    "name": NAMES,
    "short_name": st.sampled_from(["S", "x" * 40]),
    "hours": st.sampled_from([2, 0.5, 100_000]),
    "requires": IDS,
    "recommends": IDS,
    "aliases": st.lists(st.sampled_from(["C++", ".NET", "k8s"])),
    "category": st.sampled_from(["data", "x" * 100]),
    "description": st.sampled_from(["", "two\nlines\t"]),
    "resources": RESOURCES,
    "level": st.integers(0, 1_000_000),
    "experience_years": st.just("2-4"),
    "salary": SALARIES,
    "salaries": st.lists(SALARIES, max_size=2),
    "notes": NOTES,
    "source": NAMES,
    "min_months_in_previous_role": st.integers(0, 600),
    "one_of": IDS,
    "pick": st.integers(-3, 3),
    "at_work": st.booleans(),
    "months": st.integers(0, 600),
    "experience_counts": st.dictionaries(st.sampled_from(["a", "b-c"]), st.sampled_from([0.5, 1, 0.25])),
    "job_search_months": st.integers(0, 600),
}


def quick_node(kind: str, table: Any) -> Any:
    return quick(NODE_TYPES[kind], table)


def node_from_table(kind: str, table: Any) -> Any:
    """How a graph read back builds a node: quickly, else through pydantic."""
    return quick_node(kind, table) or validate_node(kind, table)


def one_edge(valid: st.SearchStrategy[list[Any]], edge: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A list of valid items with one edge value among them."""
    return st.tuples(valid, edge, st.integers(0, 3)).map(lambda t: [*t[0][: t[2]], t[1], *t[0][t[2] :]])


EDGES: dict[str, st.SearchStrategy[Any]] = {
    "hours": NUMBER,
    "level": NUMBER,
    "min_months_in_previous_role": NUMBER,
    "pick": NUMBER,
    "months": NUMBER,
    "job_search_months": NUMBER,
    "at_work": st.one_of(st.sampled_from([0, 1, "true", None]), JUNK),
    "experience_counts": st.one_of(
        st.dictionaries(
            st.one_of(TEXT, st.sampled_from(["a", "B", "a b"])), st.one_of(NUMBER, JUNK), max_size=2
        ),
        JUNK,
    ),
    "resources": st.one_of(
        one_edge(
            RESOURCES,
            st.fixed_dictionaries(
                {"title": st.one_of(TEXT, JUNK), "url": st.one_of(TEXT, JUNK)},
                optional={"kind": st.one_of(TEXT, JUNK), "note": TEXT},
            ),
        ),
        st.sets(st.just("a")),
        JUNK,
    ),
    "salary": st.one_of(
        SALARIES.map(lambda d: {**d, "low": -1}),
        SALARIES.map(lambda d: {**d, "x": 1}),
        st.fixed_dictionaries(
            {"low": NUMBER, "high": st.one_of(NUMBER, JUNK), "currency": st.one_of(TEXT, JUNK)}
        ),
        JUNK,
    ),
    "salaries": one_edge(
        st.lists(SALARIES, max_size=2),
        st.fixed_dictionaries(
            {"low": NUMBER}, optional={"note": st.one_of(TEXT, JUNK), "table": st.one_of(TEXT, JUNK)}
        ),
    ),
    "notes": st.one_of(
        one_edge(
            NOTES,
            st.one_of(
                st.fixed_dictionaries(
                    {"text": st.one_of(TEXT, JUNK)}, optional={"source": st.one_of(TEXT, JUNK), "url": TEXT}
                ),
                TEXT,
                JUNK,
            ),
        ),
        JUNK,
    ),
}
for key in ("requires", "recommends", "aliases", "one_of"):
    EDGES[key] = st.one_of(one_edge(IDS, st.one_of(TEXT, JUNK)), IDS.map(tuple), st.sets(st.just("a")), JUNK)


CASES = [(kind, key) for kind in sorted(NODE_TYPES) for key in (*keys_of(NODE_TYPES[kind]), "extra")]


@st.composite
def tables(draw: st.DrawFn, kind: str, edited: str) -> dict[str, Any]:
    """A valid table of some keys of a ``kind`` node, with the value of key ``edited``
    (or an extra key) at an edge of the rules, or missing."""
    keys = keys_of(NODE_TYPES[kind])
    table = {
        key: draw(VALID[key])
        for key in keys
        if key != "kind" and (key in ("id", "name", "hours", "one_of") or draw(st.booleans()))
    }
    if draw(st.booleans()):
        table["kind"] = kind
    if edited == "extra":
        table[draw(st.sampled_from(["hour", "zz", "Name"]))] = 1
    elif draw(st.integers(0, 9)) == 0:
        table.pop(edited, None)
    else:
        table[edited] = draw(EDGES.get(edited, st.one_of(TEXT, JUNK)))
    return table


@pytest.mark.parametrize(("kind", "edited"), CASES)
@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_quick_build_takes_only_what_pydantic_takes_and_builds_the_same(
    kind: str,
    edited: str,
    data: st.DataObject,
) -> None:
    table = data.draw(tables(kind, edited))
    quick = quick_node(kind, table)
    try:
        slow = validate_node(kind, table)
    except ValidationError:
        slow = None
    if quick is not None:
        assert slow is not None, f"pydantic refuses what the quick build took: {table!r}"
        assert repr(quick) == repr(slow)  # the repr tells 2 from 2.0
        assert quick == slow
    if slow is None:
        with pytest.raises(ValidationError):
            node_from_table(kind, table)


def test_every_node_of_the_shipped_graph_is_built_quickly() -> None:
    nodes = load_graph(shipped_graph_dir()).nodes
    assert isinstance(nodes, NodeTables)
    slow = [node_id for node_id in nodes if quick_node(nodes.kinds[node_id], nodes.table(node_id)) is None]
    assert slow == []


@pytest.mark.parametrize(
    ("table", "why"),
    [
        ({"id": "a", "name": "A", "hours": 2, "requires": {"b"}}, "a set"),
    ],
)
def test_what_the_quick_build_leaves_to_pydantic_still_builds(table: dict[str, Any], why: str) -> None:
    assert quick_node("skill", table) is None, why
    assert node_from_table("skill", table) == validate_node("skill", table)


def test_hours_are_floats_as_pydantic_makes_them() -> None:
    node = quick_node("skill", {"id": "a", "name": "A", "hours": 2})
    assert isinstance(node, Skill) and type(node.hours) is float


def test_a_quick_record_is_made_as_its_init_makes_it() -> None:
    """Defaults, a new dict from a field's factory for each record, fields in order, and
    a field the file does not give (a profile's source) set as ``__init__`` sets it."""
    table = {"id": "a", "name": "A", "requires": ["b"]}
    first, second = quick_node("stage", table), quick_node("stage", table)
    assert isinstance(first, Stage) and isinstance(second, Stage)
    assert vars(first) == vars(Stage(id="a", name="A", requires=("b",)))
    assert list(vars(first)) == [f.name for f in dataclasses.fields(Stage)]
    assert first.experience_counts == {} and first.experience_counts is not second.experience_counts
    profile = quick(Profile, {"target": "s", "hours_per_week": 5, "availability": {"mon": "19:00-21:00"}})
    assert profile is not None and profile.source == "profile" and profile.progress == {}
    assert list(vars(profile)) == [f.name for f in dataclasses.fields(Profile)]


def test_a_valid_graph_and_profile_are_planned_without_importing_pydantic(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from planner.cli import cli\n"
        "try:\n"
        "    cli.main(prog_name='planner')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "print('heavy:', sorted(m for m in ('networkx', 'pydantic') if m in sys.modules))\n"
    )
    for run in range(2):  # the first run parses the graph, the second reads the cache
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                probe,
                "roadmap",
                str(EXAMPLES / "profiles" / "priya.toml"),
                "-o",
                str(tmp_path / "roadmap.txt"),
            ],
            env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), SOURCE_DATE_EPOCH="1798761600"),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1] == "heavy: []", run


def _records(record: Any) -> set[Any]:
    """``record`` and every record or typed dict its fields hold, however nested."""
    found = {record}
    for hint in typing.get_type_hints(record, include_extras=True).values():
        for inner in _flatten(hint):
            record_type = isinstance(inner, type) and (dataclasses.is_dataclass(inner) or is_typeddict(inner))
            if record_type and inner not in found:
                found |= _records(inner)
    return found


def _flatten(hint: Any) -> list[Any]:
    return [hint, *(inner for arg in typing.get_args(hint) for inner in _flatten(arg))]


@pytest.mark.parametrize("record", [*NODE_TYPES.values(), Profile], ids=lambda r: r.__name__)
def test_the_quick_path_knows_every_field_it_may_read(record: Any) -> None:
    # Field builders are made when a table first gives their key; every declared field
    # must still be one the quick path knows (a TypeError here says which is not).
    for each in _records(record):
        hints = typing.get_type_hints(each, include_extras=True)
        if dataclasses.is_dataclass(each):
            hints = {f.name: hints[f.name] for f in dataclasses.fields(each) if f.init}
        for hint in hints.values():
            builder(hint)
