"""What every record shares: equality, hashing and ``repr`` by its fields' values.

The dataclass decorator compiles each method it generates, for each class, when the
module is imported; ``__eq__`` and ``__repr__`` are about 0.4 ms of the 1.1 ms a frozen
record costs at every start-up (docs/performance.md). The records are declared with
``eq=False, repr=False`` and inherit the methods below, written once, which behave as
the generated ones do: two records are equal when they are of the same class and the
fields they compare are equal (a field declared ``compare=False``, such as a profile's
``source``, is left out), a record hashes by those fields, and its ``repr`` names each
field.
"""

from __future__ import annotations

import dataclasses
import reprlib
from typing import Any

_Names = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_NAMES: dict[type, _Names] = {}


def _fields(record: type) -> _Names:
    """The names of ``record``'s fields that it compares, hashes and shows, as the
    dataclass decorator would pick them (found once per class)."""
    found = _NAMES.get(record)
    if found is None:
        fields = dataclasses.fields(record)
        found = _NAMES[record] = (
            tuple(f.name for f in fields if f.compare),
            tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)),
            tuple(f.name for f in fields if f.repr),
        )
    return found


def _values(record: object, which: int) -> tuple[Any, ...]:
    return tuple(getattr(record, name) for name in _fields(type(record))[which])


class Record:
    """The base of a record: see the module's docstring."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self, 0) == _values(other, 0)

    def __hash__(self) -> int:
        return hash(_values(self, 1))

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        given = ", ".join(f"{name}={getattr(self, name)!r}" for name in _fields(type(self))[2])
        return f"{type(self).__qualname__}({given})"
