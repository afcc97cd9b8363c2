"""Node records built straight from their TOML tables, without pydantic.

:func:`quick_node` takes a table only when every value plainly keeps the rules of
:data:`planner.records.RULES` (exact types, lengths, patterns, no control characters)
and builds its record as pydantic would; it leaves anything else (a problem, or a
value it does not know for sure) to :mod:`planner.records.schema`, which decides and words
what is wrong. So a valid graph is read without importing pydantic at all, and a
test holds the two to the same answers.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

from planner.records import (
    NODE_TYPES,
    RULES,
    Choice,
    NumberRule,
    Project,
    Resource,
    Salary,
    Skill,
    Stage,
    TextRule,
)
from planner.records.schema import validate_node

if TYPE_CHECKING:
    from planner.records import Node

_NO: Final = object()
"""What a check returns for a value it does not take."""

Check = Callable[[Any], Any]


def _text(rule: TextRule) -> Check:
    pattern = re.compile(rule.pattern) if rule.pattern else None
    low, high, control = rule.min_length, rule.max_length, rule.control

    def check(value: Any) -> Any:
        if type(value) is not str or not low <= len(value) <= high or control.search(value):
            return _NO
        # An ASCII text matched whole: Python's and pydantic's regular expressions agree.
        if pattern is not None and not (value.isascii() and pattern.fullmatch(value)):
            return _NO
        return value

    return check


def _number(rule: NumberRule) -> Check:
    types = (int, float) if rule.type is float else (int,)
    gt, ge, le = rule.gt, rule.ge, rule.le

    def check(value: Any) -> Any:
        if type(value) not in types or (type(value) is float and not math.isfinite(value)):
            return _NO
        if (
            (gt is not None and not value > gt)
            or (ge is not None and not value >= ge)
            or (le is not None and not value <= le)
        ):
            return _NO
        return rule.type(value)

    return check


_CHECKS: Final[dict[str, Check]] = {
    name: _text(rule) if isinstance(rule, TextRule) else _number(rule) for name, rule in RULES.items()
}


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _many(check: Check) -> Check:
    def many(values: Any) -> Any:
        if type(values) not in (list, tuple):
            return _NO
        checked = tuple(map(check, values))
        return _NO if _NO in checked else checked

    return many


def _boolean(value: Any) -> Any:
    return value if type(value) is bool else _NO


def _table(keys: Check, values: Check) -> Check:
    def table(value: Any) -> Any:
        if type(value) is not dict:
            return _NO
        checked = {keys(k): values(v) for k, v in value.items()}
        return _NO if _NO in checked or _NO in checked.values() else checked

    return table


def _literal(*allowed: str) -> Check:
    return lambda value: value if type(value) is str and value in allowed else _NO


def _record(record: type[Any], fields: dict[str, Check]) -> Callable[[Any], Any]:
    """A check of a table for ``record``: its keys, each value by ``fields``, and the
    required keys present; it gives the record."""
    required = frozenset(
        f.name
        for f in dataclasses.fields(record)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )

    def build(table: Any) -> Any:
        if type(table) is not dict or not required <= table.keys():
            return _NO
        values = {}
        for key, given in table.items():
            check = fields.get(key)
            if check is None:
                return _NO
            value = check(given)
            if value is _NO:
                return _NO
            values[key] = value
        return record(**values)

    return build


_C = _CHECKS
_RESOURCE: Final = _record(
    Resource,
    {
        "title": _C["Title"],
        "url": _C["Url"],
        "kind": _literal(
            "course", "book", "docs", "tutorial", "video", "article", "practice", "community", "certification"
        ),
    },
)
_SALARY: Final = _record(
    Salary,
    {
        "low": _C["Amount"],
        "high": _optional(_C["Amount"]),
        "currency": _C["Currency"],
        "note": _C["Text"],
        "source": _C["Text"],
    },
)
_WORK: Final = {
    "id": _C["NodeId"],
    "name": _C["Name"],
    "hours": _optional(_C["Hours"]),
    "requires": _many(_C["NodeId"]),
    "recommends": _many(_C["NodeId"]),
    "aliases": _many(_C["Alias"]),
    "category": _C["Category"],
    "description": _C["Text"],
    "resources": _many(_RESOURCE),
    "at_work": _boolean,
    "months": _optional(_C["Months"]),
}
_NODES: Final[dict[str, Callable[[Any], Any]]] = {
    "skill": _record(Skill, {**_WORK, "kind": _literal("skill")}),
    "project": _record(Project, {**_WORK, "kind": _literal("project")}),
    "stage": _record(
        Stage,
        {
            "kind": _literal("stage"),
            "id": _C["NodeId"],
            "name": _C["Name"],
            "requires": _many(_C["NodeId"]),
            "recommends": _many(_C["NodeId"]),
            "aliases": _many(_C["Alias"]),
            "level": _optional(_C["Level"]),
            "description": _C["Text"],
            "experience_years": _optional(_C["Years"]),
            "salary": _optional(_SALARY),
            "salaries": _many(_SALARY),
            "source": _optional(_C["Text"]),
            "min_months_in_previous_role": _C["Months"],
            "experience_counts": _table(_C["NodeId"], _C["Rate"]),
            "job_search_months": _C["Months"],
        },
    ),
    "choice": _record(
        Choice,
        {
            "kind": _literal("choice"),
            "id": _C["NodeId"],
            "name": _C["Name"],
            "one_of": _many(_C["NodeId"]),
            "pick": _C["Pick"],
            "aliases": _many(_C["Alias"]),
            "recommends": _many(_C["NodeId"]),
            "category": _C["Category"],
            "description": _C["Text"],
        },
    ),
}
assert _NODES.keys() == NODE_TYPES.keys()


def quick_node(kind: str, table: Mapping[str, Any]) -> Node | None:
    """The record of a ``kind`` node from ``table`` when every value plainly keeps the
    rules, else None: then :func:`planner.records.schema.validate_node` decides."""
    node = _NODES[kind](table)
    return None if node is _NO else node


def node_from_table(kind: str, table: Mapping[str, Any]) -> Node:
    """The record of a ``kind`` node from ``table``, quickly when the table is plainly
    valid, else through pydantic.

    Raises
    ------
    pydantic.ValidationError
        When the table breaks a rule.
    """
    node = quick_node(kind, table)
    if node is None:
        node = validate_node(kind, table)
    return node
