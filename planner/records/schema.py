"""The graph records' rules in pydantic: what validates a table the quick build of
:mod:`planner.records.quick` does not take, and words what is wrong with it.

Each constrained type that :mod:`planner.records` names in its annotations is made
here from :data:`~planner.records.RULES`, and the adapters resolve those names in this
module, so the rules are written once. Importing this module imports pydantic, which
a valid graph never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Final

from pydantic import AfterValidator, Field, StringConstraints, TypeAdapter, ValidationError

from planner.records import (
    NODE_TYPES,
    RULES,
    NumberRule,
    TextRule,
    control_problem,
)

if TYPE_CHECKING:
    import re

    from planner.records import Node

__all__ = ["ValidationError", "validate_node"]


def _no_control(pattern: re.Pattern[str]) -> AfterValidator:
    def check(value: str) -> str:
        problem = control_problem(value, pattern)
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


def _constrained(rule: TextRule | NumberRule) -> Any:
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


NodeId = _constrained(RULES["NodeId"])
Alias = _constrained(RULES["Alias"])
Name = _constrained(RULES["Name"])
Text = _constrained(RULES["Text"])
Title = _constrained(RULES["Title"])
Url = _constrained(RULES["Url"])
Category = _constrained(RULES["Category"])
Currency = _constrained(RULES["Currency"])
Years = _constrained(RULES["Years"])
Hours = _constrained(RULES["Hours"])
Amount = _constrained(RULES["Amount"])
Level = _constrained(RULES["Level"])
Months = _constrained(RULES["Months"])
Pick = _constrained(RULES["Pick"])


_ADAPTERS: Final[dict[str, TypeAdapter[Any]]] = {
    kind: TypeAdapter(record) for kind, record in NODE_TYPES.items()
}
for _adapter in _ADAPTERS.values():
    # Called here, at the module's level, the rebuild resolves the names in the records'
    # annotations among this module's (pydantic's default: the caller's namespace).
    _adapter.rebuild()


def validate_node(kind: str, table: Any) -> Node:
    """The record of a ``kind`` node (skill, project, stage or choice) from its table.

    Raises
    ------
    pydantic.ValidationError
        With every problem of the table.
    """
    node: Node = _ADAPTERS[kind].validate_python(table)
    return node
