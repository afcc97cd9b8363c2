"""The graph records' rules in pydantic: what validates a table the quick build of
:mod:`planner.records.quick` does not take, and words what is wrong with it.

Each constrained type that :mod:`planner.records` names in its annotations is made
here from :data:`~planner.records.RULES`, and the adapters resolve those names in this
module, so the rules are written once. Importing this module imports pydantic, which
a valid graph never needs.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

from planner.records import (
    NODE_TYPES,
    RULES,
    NumberRule,
    TextRule,
    control_problem,
    keys_of,
)

if TYPE_CHECKING:
    import re

    from pydantic import AfterValidator, TypeAdapter

    from planner.records import Node


def _no_control(pattern: re.Pattern[str]) -> AfterValidator:
    from pydantic import AfterValidator  # heavy: only for a table the quick build does not take

    def check(value: str) -> str:
        problem = control_problem(value, pattern)
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


def _constrained(rule: TextRule | NumberRule) -> Any:
    from pydantic import Field, StringConstraints  # heavy: see _no_control

    if isinstance(rule, TextRule):
        return Annotated[
            str,
            StringConstraints(
                min_length=rule.min_length or None, max_length=rule.max_length, pattern=rule.pattern
            ),
            _no_control(rule.control),
        ]
    return Annotated[
        rule.type,
        Field(
            strict=True,
            gt=rule.gt,
            ge=rule.ge,
            le=rule.le,
            allow_inf_nan=False if rule.type is float else None,
        ),
    ]


@functools.cache
def _adapters() -> dict[str, TypeAdapter[Any]]:
    from pydantic import Strict, TypeAdapter  # heavy: see _no_control

    # The names the records' annotations use, as locals: the rebuild resolves them in
    # its caller's namespace, which is this function's.
    NodeId = _constrained(RULES["NodeId"])  # noqa: F841 -- read by rebuild()
    Alias = _constrained(RULES["Alias"])  # noqa: F841
    Name = _constrained(RULES["Name"])  # noqa: F841
    Text = _constrained(RULES["Text"])  # noqa: F841
    Title = _constrained(RULES["Title"])  # noqa: F841
    Url = _constrained(RULES["Url"])  # noqa: F841
    Category = _constrained(RULES["Category"])  # noqa: F841
    Currency = _constrained(RULES["Currency"])  # noqa: F841
    Years = _constrained(RULES["Years"])  # noqa: F841
    Hours = _constrained(RULES["Hours"])  # noqa: F841
    Amount = _constrained(RULES["Amount"])  # noqa: F841
    Level = _constrained(RULES["Level"])  # noqa: F841
    Months = _constrained(RULES["Months"])  # noqa: F841
    Pick = _constrained(RULES["Pick"])  # noqa: F841
    Rate = _constrained(RULES["Rate"])  # noqa: F841
    Flag = Annotated[bool, Strict()]  # noqa: F841
    adapters: dict[str, TypeAdapter[Any]] = {kind: TypeAdapter(record) for kind, record in NODE_TYPES.items()}
    for adapter in adapters.values():
        adapter.rebuild()
    return adapters


class SchemaErrors(Exception):
    """The problems pydantic found in one table, as its structured errors."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} problems")


def validate_node(kind: str, table: Any) -> Node:
    """The record of a ``kind`` node (skill, project, stage or choice) from its table.

    Raises
    ------
    SchemaErrors
        With every problem of the table.
    """
    from pydantic import ValidationError  # heavy: see _no_control

    try:
        node: Node = _adapters()[kind].validate_python(table)
    except ValidationError as exc:
        raise SchemaErrors([dict(e) for e in exc.errors()]) from None
    return node


def describe_pydantic_error(err: Mapping[str, Any]) -> str:
    """One pydantic error as ``key 'x' = value: what is wrong``; an item of a list is
    counted from 1 (``resources item 2: key 'url' = ...``)."""
    where, keys = "", list[str]()
    for part in err["loc"]:
        if isinstance(part, int):
            where += f"{'.'.join(keys)} item {part + 1}: "
            keys = []
        else:
            keys.append(str(part))
    value = err.get("input")
    kind = err["type"]
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return f"{where}unknown key '{'.'.join(keys)}'"
    if kind == "missing":
        return f"{where}missing key '{'.'.join(keys)}'"
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    msg = str(err["msg"]).removeprefix("Value error, ")
    if msg[:1].isupper() and msg[1:2].islower():  # "String should ...", never "URL" or a pattern
        msg = msg[:1].lower() + msg[1:]
    if keys:
        return f"{where}key '{'.'.join(keys)}' = {shown}: {msg}"
    return f"{where.removesuffix(': ')} = {shown}: {msg}"


def allowed_keys(kind: str) -> tuple[str, ...]:
    """The keys a node of ``kind`` may have, in the record's order."""

    return keys_of(NODE_TYPES[kind])
