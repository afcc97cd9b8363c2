"""pydantic reads the records' declarations: it validates what the quick path does not
take, collects every problem of a table at once, and writes the JSON Schema.

Importing this module is cheap; pydantic is imported the first time a table needs it
(a valid graph or profile never does), or when a JSON Schema is asked for. Each
problem comes back as a :class:`Problem` with its path of keys and its message, worded
by the rule that found it or, for a value of the wrong type, by what the declaration
says the value must be.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple, NotRequired, Required

from typing_extensions import is_typeddict

from planner.errors import did_you_mean
from planner.records.graph import NODE_TYPES, GraphFile
from planner.records.profile import Profile
from planner.records.rules import BROKEN, FieldProblem, Rule, broken, show

if TYPE_CHECKING:
    from pydantic import TypeAdapter

SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS: Final = {"profile": Profile, "graph": GraphFile}
"""What ``planner schema`` describes."""


class Problem(NamedTuple):
    """One problem pydantic found: where (the keys and list positions leading to the
    value), the value, and what is wrong."""

    path: tuple[str | int, ...]
    message: str
    kind: str
    """pydantic's type of error (``missing``, ``extra_forbidden``, ``value_error``, ...)."""

    @property
    def key(self) -> str:
        """The key the problem is about, as a person finds it in the file:
        ``availability.mon``, ``blackouts[1].to``, ``resources[0].url``; an item of a list
        of plain values is its list's key (``known``)."""
        return key_text(self.path)

    def text(self) -> str:
        """The problem as one message: ``key 'hours': -1 is out of range: ...``."""
        key = key_text(self.path[:-1]) if self.kind in _UNKNOWN_KEY | _MISSING else key_text(self.path)
        return (f"key '{key}': " if key else "") + self.message


def key_text(path: tuple[str | int, ...]) -> str:
    """A path of keys and positions as a key in a file: ``blackouts[1].to``."""
    text = ""
    for at, part in enumerate(path):
        if isinstance(part, int):
            if at < len(path) - 1:
                text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


class SchemaErrors(Exception):
    """Raised by :func:`validate` with every problem of one table."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@functools.cache
def adapter(record: Any) -> TypeAdapter[Any]:
    """pydantic's adapter of a record type (built once)."""
    from pydantic import TypeAdapter  # heavy: only for a table the quick path does not take

    return TypeAdapter(record)


def validate(record: type[Any], table: Any, context: Any = None) -> Any:
    """``record`` from ``table``, validated by pydantic (``context``: the graph that
    rules about ids resolve them with).

    Raises
    ------
    SchemaErrors
        With every problem of the table.
    """
    from pydantic import ValidationError  # heavy: see adapter

    try:
        return adapter(record).validate_python(table, context=context)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SchemaErrors([word(record, dict(error)) for error in exc.errors()]) from None
    except UnicodeEncodeError:  # pydantic cannot read a lone surrogate (JSON can hold one)
        raise SchemaErrors(list(_broken_text(table, ()))) from None


def _broken_text(value: Any, path: tuple[str | int, ...]) -> Iterator[Problem]:
    """A problem for each key or text inside ``value`` that is :func:`broken`."""
    if isinstance(value, str):
        if broken(value):
            yield Problem(path, BROKEN, "value_error")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _broken_text(key, (*path, str(key)))
            yield from _broken_text(item, (*path, str(key)))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _broken_text(item, (*path, index))


def validate_node(kind: str, table: Any, context: Any = None) -> Any:
    """The record of a ``kind`` node (skill, project, stage or choice) from its table.

    Raises
    ------
    SchemaErrors
        With every problem of the table.
    """
    return validate(NODE_TYPES[kind], table, context)


# --- wording -------------------------------------------------------------------------------

_UNKNOWN_KEY: Final = {"extra_forbidden", "unexpected_keyword_argument"}
_MISSING: Final = {"missing", "missing_argument", "missing_keyword_only_argument"}


def word(record: Any, error: dict[str, Any]) -> Problem:
    """One pydantic error about a table of ``record`` as a :class:`Problem` worded as
    planner words it."""
    path: tuple[str | int, ...] = tuple(p for p in error["loc"] if p != "[key]")
    kind = str(error["type"])
    if kind in _UNKNOWN_KEY:
        keys = keys_at(record, path[:-1])
        key = str(path[-1])
        valid = f"; valid keys: {', '.join(keys)}" if keys else ""
        return Problem(path, f"unknown key '{key}'{did_you_mean(key, keys)}{valid}", kind)
    if kind in _MISSING:
        return Problem(path, f"missing key '{path[-1]}'", kind)
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, FieldProblem):
        return Problem((*path, cause.key), str(cause), kind)
    if isinstance(cause, ValueError):
        return Problem(path, str(cause), kind)
    expect = expected(record, tuple(error["loc"]))
    if expect:
        return Problem(path, f"{show(error.get('input'))} is not {expect}", kind)
    message = str(error["msg"])
    return Problem(path, f"{show(error.get('input'))}: {message[:1].lower()}{message[1:]}", kind)


def _strip(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """An annotation without ``Annotated``, ``NotRequired`` and ``| None``, and the
    metadata found on the way, outermost first."""
    metadata: tuple[Any, ...] = ()
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata += annotation.__metadata__
            annotation = annotation.__origin__
        elif origin in (NotRequired, Required):
            annotation = typing.get_args(annotation)[0]
        elif origin is not None and type(None) in typing.get_args(annotation):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation, metadata


def _walk(record: Any, loc: tuple[Any, ...]) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """The annotations met from ``record`` down ``loc``, each with its metadata."""
    annotation, metadata = _strip(record)
    yield annotation, metadata
    for part in loc:
        for rule in metadata:
            if hasattr(rule, "source"):  # a Convert: what the file gives is its source
                annotation, metadata = _strip(rule.source)
                break
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if (part == "[key]" and origin is dict) or (origin in (tuple, list) and isinstance(part, int)):
            annotation, metadata = _strip(args[0])
        elif origin is dict:
            annotation, metadata = _strip(args[1])
        elif dataclasses.is_dataclass(annotation) or is_typeddict(annotation):
            hints = typing.get_type_hints(annotation, include_extras=True)
            if part not in hints:
                return
            annotation, metadata = _strip(hints[part])
        else:
            return
        yield annotation, metadata


def expected(record: Any, loc: tuple[Any, ...]) -> str:
    """What the declaration says the value at ``loc`` must be ("" when it says nothing)."""
    found = list(_walk(record, loc))
    if len(found) != len(loc) + 1:
        return ""
    _, metadata = found[-1]
    return next((m.expect for m in metadata if isinstance(m, Rule) and m.expect), "")


def keys_at(record: Any, loc: tuple[Any, ...]) -> tuple[str, ...]:
    """The keys the table at ``loc`` may have, in the declaration's order."""
    found = list(_walk(record, loc))
    if len(found) != len(loc) + 1:
        return ()
    annotation, metadata = found[-1]
    for rule in metadata:
        if hasattr(rule, "source"):
            annotation, _ = _strip(rule.source)
    if dataclasses.is_dataclass(annotation):
        return tuple(f.name for f in dataclasses.fields(annotation) if f.init)
    if is_typeddict(annotation):
        return tuple(typing.get_type_hints(annotation))
    return ()


def allowed_keys(kind: str) -> tuple[str, ...]:
    """The keys a node of ``kind`` may have, in the record's order."""
    return keys_at(NODE_TYPES[kind], ())


# --- JSON Schema ------------------------------------------------------------------------------


def shipped_schema(which: str) -> Path:
    """The JSON Schema file of ``which`` shipped with planner (the same text as
    :func:`json_schema_text`): what ``planner init`` points editors at."""
    return Path(__file__).resolve().parent / f"{which}.schema.json"


def json_schema_text(which: str) -> str:
    """The JSON Schema of ``which`` as the text ``planner schema`` prints."""
    return json.dumps(json_schema(which), indent=2, ensure_ascii=False) + "\n"


def json_schema(which: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a profile file (``profile``) or of one graph file
    (``graph``), from the declarations that validate them.

    Raises
    ------
    KeyError
        For anything but ``profile`` and ``graph``.
    """
    schema = adapter(SCHEMAS[which]).json_schema(mode="validation")
    if which == "profile":
        schema.get("properties", {}).pop("source", None)  # where the record came from, not a key
        schema["title"] = "planner profile"
        schema["description"] = "A learner's profile for planner (TOML, or JSON with the same keys)."
    else:
        schema["title"] = "planner graph file"
        schema["description"] = "One TOML file of a planner graph folder."
    return {"$schema": SCHEMA_DIALECT, **schema}
