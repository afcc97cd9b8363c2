"""The quick path: a record built straight from its table, without pydantic.

:func:`quick` reads a record's declaration (:mod:`planner.records.graph`,
:mod:`planner.records.profile`) and builds the record from a table whose values plainly
keep it: exact types, every rule's :meth:`~planner.records.rules.Rule.check` passing
(as the rule's :meth:`~planner.records.rules.Rule.checker` makes it, once), no unknown
key and no missing one. It takes nothing the declaration does not say, so a
key added to a record is read here with no change. Anything else (a problem, or a value
it does not know for sure) gives None, and pydantic (:mod:`planner.records.schema`)
decides and words every problem at once; a valid graph or profile never imports
pydantic. A property test holds the two to the same answers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Callable
from typing import Any, Final, Literal, NotRequired, Required, TypeVar

from typing_extensions import is_typeddict

from planner.records.rules import Convert, Rule

T = TypeVar("T")


class _No(Exception):
    """A value the quick path does not take."""


Build = Callable[[Any, Any], Any]
"""``(value, context) -> the record's value``; raises :class:`_No`."""

_SCALARS: Final[dict[type, tuple[type, ...]]] = {
    str: (str,),
    int: (int,),
    float: (int, float),
    bool: (bool,),
    dt.date: (dt.date,),
}


def quick(record: type[T], table: Any, context: Any = None) -> T | None:
    """``record`` built from ``table`` when every value plainly keeps the declaration
    (``context`` is what rules about ids resolve them with), else None."""
    build = builder(record)  # type: ignore[arg-type]  # a record type is hashable
    try:
        built: T = build(table, context)
    except (_No, ValueError):  # a rule's ValueError: pydantic words it
        return None
    return built


@functools.cache
def builder(annotation: Any) -> Build:
    """The quick builder of a type as a record's annotation declares it."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _annotated(annotation.__origin__, annotation.__metadata__)
    if origin in (NotRequired, Required):
        return builder(typing.get_args(annotation)[0])
    if origin is Literal:
        allowed = frozenset(typing.get_args(annotation))
        return _check(lambda v, _: type(v) is str and v in allowed)
    if origin in (types.UnionType, typing.Union):
        return _optional(annotation)
    if origin is tuple:
        return _sequence(typing.get_args(annotation)[0], tuple)
    if origin is list:
        return _sequence(typing.get_args(annotation)[0], list)
    if origin is dict:
        return _mapping(*typing.get_args(annotation))
    if dataclasses.is_dataclass(annotation):
        return _dataclass(annotation)  # type: ignore[arg-type]  # a dataclass type
    if is_typeddict(annotation):
        return _typeddict(annotation)
    exact = _SCALARS.get(annotation)
    if exact is None:
        raise TypeError(f"the quick path does not know {annotation!r}")
    convert = float if annotation is float else None

    def scalar(value: Any, context: Any) -> Any:
        if type(value) not in exact:
            raise _No
        try:
            return convert(value) if convert is not None else value
        except OverflowError:  # an int too large for a float: pydantic words it
            raise _No from None

    return scalar


def _check(test: Callable[[Any, Any], bool]) -> Build:
    def check(value: Any, context: Any) -> Any:
        if not test(value, context):
            raise _No
        return value

    return check


def _annotated(base: Any, metadata: tuple[Any, ...]) -> Build:
    rules = [m for m in metadata if isinstance(m, Rule)]
    convert = next((r for r in rules if isinstance(r, Convert)), None)
    if convert is not None:
        source = builder(convert.source)
        return lambda value, context: convert.convert(source(value, context))
    inner = builder(base)
    before = [check for r in rules if r.before and (check := r.checker()) is not None]
    after = [check for r in rules if not r.before and (check := r.checker()) is not None]
    if not before and not after:
        return inner
    exact = _SCALARS.get(base)
    if not before and len(after) == 1 and exact is not None and base is not float:
        return _checked(exact, after[0])

    def build(value: Any, context: Any) -> Any:
        for check in before:
            value = check(value, context)
        value = inner(value, context)
        for check in after:
            value = check(value, context)
        return value

    return build


def _checked(exact: tuple[type, ...], check: Build) -> Build:
    """A value of exactly a scalar type (not float, which is converted) under one rule:
    the common field, in one call."""

    def build(value: Any, context: Any) -> Any:
        if type(value) not in exact:
            raise _No
        return check(value, context)

    return build


def _optional(annotation: Any) -> Build:
    options = [a for a in typing.get_args(annotation) if a is not type(None)]
    if len(options) != 1 or len(typing.get_args(annotation)) != 2:
        raise TypeError(f"the quick path knows X | None, not {annotation!r}")
    inner = builder(options[0])
    return lambda value, context: None if value is None else inner(value, context)


def _sequence(item: Any, kind: type) -> Build:
    inner = builder(item)

    def build(value: Any, context: Any) -> Any:
        if type(value) not in (list, tuple):
            raise _No
        return kind([inner(v, context) for v in value])

    return build


def _mapping(key: Any, item: Any) -> Build:
    keys, values = builder(key), builder(item)

    def build(value: Any, context: Any) -> Any:
        if type(value) is not dict:
            raise _No
        return {keys(k, context): values(v, context) for k, v in value.items()}

    return build


def _hints(record: type) -> dict[str, Any]:
    return typing.get_type_hints(record, include_extras=True)


class _Fields(dict[str, Build]):
    """A record's field builders by key, each made the first time a table gives its
    key: a run pays only for the fields its tables use (each Text rule compiles a
    regular expression). A key that is not a field raises :class:`_No`."""

    def __init__(self, hints: dict[str, Any]) -> None:
        super().__init__()
        self._hints = hints

    def __missing__(self, key: str) -> Build:
        hint = self._hints.get(key)
        if hint is None:
            raise _No
        made = self[key] = builder(hint)
        return made


def _dataclass(record: type) -> Build:
    hints = _hints(record)
    fields = _Fields({f.name: hints[f.name] for f in dataclasses.fields(record) if f.init})
    required = frozenset(
        f.name
        for f in dataclasses.fields(record)
        if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    make = _maker(record)

    def build(value: Any, context: Any) -> Any:
        if type(value) is not dict or not required <= value.keys():
            raise _No
        values = {key: fields[key](given, context) for key, given in value.items()}
        return make(values)

    return build


def _maker(record: type) -> Callable[[dict[str, Any]], Any]:
    """What makes a ``record`` of its init values. A frozen dataclass's ``__init__``
    sets each field through ``object.__setattr__``; where it does nothing more (no
    ``__post_init__``, a ``__dict__``, every field given or defaulted), the instance's
    ``__dict__`` is filled at once instead, as that ``__init__`` would: every field in
    order, its default or a new one from its factory where no value is given."""
    fields = dataclasses.fields(record)
    if (
        hasattr(record, "__post_init__")
        or not record.__dictoffset__  # slots, no __dict__
        or any(
            not f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            for f in fields
        )
    ):
        return lambda values: record(**values)
    defaults = {f.name: f.default for f in fields}
    factories = {f.name: f.default_factory for f in fields if f.default_factory is not dataclasses.MISSING}
    new = object.__new__

    def make(values: dict[str, Any]) -> Any:
        made: Any = new(record)
        found = made.__dict__
        found.update(defaults)
        found.update(values)
        for name, factory in factories.items():
            if name not in values:
                found[name] = factory()
        return made

    return make


def _typeddict(record: type) -> Build:
    fields = _Fields(_hints(record))
    required: frozenset[str] = record.__required_keys__  # type: ignore[attr-defined]

    def build(value: Any, context: Any) -> Any:
        if type(value) is not dict or not required <= value.keys():
            raise _No
        return {key: fields[key](given, context) for key, given in value.items()}

    return build
