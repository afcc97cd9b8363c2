"""The rules a value of a record keeps, each declared once, in an annotation.

A record's field says its type and its rules together, as ``Annotated[float,
Number(gt=0, le=168, ...)]``. The same rule object serves three readers:

- the quick path (:mod:`planner.records.quick`) calls :meth:`Rule.check` on a value it
  has read from a file, and builds the record without importing pydantic;
- pydantic (:mod:`planner.records.schema`) runs the same :meth:`Rule.check` as a
  validator, through :meth:`Rule.__get_pydantic_core_schema__`, and collects every
  problem of a file at once;
- the JSON Schema (``planner schema``) shows the rule through
  :meth:`Rule.__get_pydantic_json_schema__`.

A rule words what is wrong itself ("0 is out of range: it must be more than 0 and at
most 168 (the hours in a week)"), so the quick path, pydantic and every message agree.
Values under a rule are exactly typed: a number is never a string or a boolean.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final, Protocol
from zoneinfo import ZoneInfo, available_timezones

from planner.errors import UnknownIdError, did_you_mean
from planner.limits import MAX_DATE, MIN_DATE

CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters (C0, DEL, C1): none may be in a one-line text."""
CONTROL_IN_TEXT: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""The control characters a longer text may not hold: all but tab and line breaks."""


def show(value: Any) -> str:
    """A value as a message quotes it: JSON-like, cut at 60 characters."""
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def number(value: Any) -> str:
    """A number as a message shows it: ``8``, ``0.5``, ``1e+400``; a whole float without
    its ``.0`` (the file said ``8``, read as 8.0)."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return show(value)


def control_problem(text: str, pattern: re.Pattern[str] = CONTROL) -> str | None:
    """What is wrong with a text that holds a control character ``pattern`` matches
    (which would reach terminals, Graphviz and XML raw), or None."""
    found = pattern.search(text)
    if found is None:
        return None
    return (
        f"holds the control character U+{ord(found.group()):04X} at character "
        f"{found.start() + 1}; use plain text"
    )


class FieldProblem(ValueError):
    """What is wrong with one key of a table a rule reads whole (a blackout's ``to``)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


class Resolver(Protocol):
    """What a rule about node ids needs of the graph it is checked against."""

    def resolve(
        self,
        text: str,
        *,
        kinds: Collection[str] | None = None,
        what: str = "node",
        option: str | None = None,
        names: bool = False,
    ) -> str: ...


class Rule:
    """A rule in an annotation: ``check`` takes a value (already of the annotated type,
    or raw for a rule that runs ``before``) and returns it, maybe converted, or raises
    ``ValueError`` with the message.

    Rules are constants of the record modules, made once when they are imported, so
    their dataclasses generate ``__init__`` alone (each generated method is compiled at
    start-up): they compare and hash by identity, are never changed after they are
    made, and share the ``repr`` below."""

    before: ClassVar[bool] = False
    """Whether the rule runs on the raw value, before its type is checked (a
    conversion from the file's form)."""
    expect: str = ""
    """What the value must be, for the message when it is of the wrong type ("a number
    of hours (e.g. 8)")."""

    def check(self, value: Any, context: Any) -> Any:
        return value

    def checker(self) -> Callable[[Any, Any], Any] | None:
        """``check`` as the quick path calls it, made once per rule: None for a rule
        that checks nothing (whose ``check`` is this class's)."""
        return None if type(self).check is Rule.check else self.check

    def schema(self) -> dict[str, Any]:
        """JSON Schema keywords of the rule."""
        return {}

    def __repr__(self) -> str:
        given = ", ".join(f"{key}={value!r}" for key, value in vars(self).items())
        return f"{type(self).__name__}({given})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema  # heavy: only when pydantic validates

        inner = handler(source)
        if inner.get("type") in {"str", "int", "float", "bool", "date"}:
            inner = {**inner, "strict": True}

        def run(value: Any, info: Any) -> Any:
            return self.check(value, info.context)

        if self.before:
            return core_schema.with_info_before_validator_function(run, inner)
        return core_schema.with_info_after_validator_function(run, inner)

    def __get_pydantic_json_schema__(self, core: Any, handler: Any) -> Any:
        found = dict(handler(core))
        found.update(self.schema())
        if self.expect:
            found.setdefault("description", self.expect)
        return found


@dataclass(eq=False, repr=False)
class Exact(Rule):
    """A value of exactly its type (never a string for a number, nor a number for a
    flag), with what it must be for the message."""

    expect: str = "a value of the right type"


@functools.cache
def _whole(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """The ``fullmatch`` of ``pattern``, compiled once (tens of thousands of ids a graph)."""
    return re.compile(pattern).fullmatch


@functools.cache
def _ascii_but(control: re.Pattern[str]) -> str:
    """A regular expression's class of the ASCII characters ``control`` does not find."""
    return "[" + "".join(re.escape(chr(c)) for c in range(128) if not control.search(chr(c))) + "]"


BROKEN: Final = "holds a broken character (an unpaired UTF-16 surrogate)"


def broken(value: str) -> bool:
    """Whether ``value`` holds an unpaired UTF-16 surrogate, which only a JSON escape
    such as ``"\\ud800"`` can put in a string."""
    if value.isascii():  # (constant time) only other text may hold a surrogate
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@dataclass(eq=False, repr=False)
class Text(Rule):
    """A text of ``min_length`` to ``max_length`` characters, matching ``pattern`` whole
    (when given), without the characters ``control`` finds."""

    max_length: int
    min_length: int = 0
    pattern: str | None = None
    control: re.Pattern[str] = CONTROL
    expect: str = "a string"
    """What a text of the wrong type, or one that does not match ``pattern``, is not."""

    def check(self, value: Any, context: Any) -> Any:
        if len(value) > self.max_length:
            raise ValueError(f"is {len(value):,} characters long; at most {self.max_length:,} are allowed")
        if len(value) < self.min_length:
            raise ValueError("is empty" if not value else f"is shorter than {self.min_length} characters")
        problem = control_problem(value, self.control)
        if problem:
            raise ValueError(f"{show(value)} {problem}")
        if broken(value):
            raise ValueError(BROKEN)
        if self.pattern is not None and not _whole(self.pattern)(value):
            raise ValueError(f"{show(value)} is not {self.expect}")
        return value

    def checker(self) -> Callable[[Any, Any], Any]:
        """``check`` with its test of a plain text compiled once, into one regular
        expression: a text of the right length, all ASCII, without control characters
        and matching ``pattern`` is taken at once; any other goes through ``check``,
        which words its problem (or takes it: a text beyond ASCII may be fine)."""
        plain = f"{_ascii_but(self.control)}{{{self.min_length},{self.max_length}}}"
        taken = _whole(plain if self.pattern is None else rf"(?={plain}\Z)(?:{self.pattern})")
        check = self.check

        def text(value: str, context: Any) -> Any:
            return value if taken(value) else check(value, context)

        return text

    def schema(self) -> dict[str, Any]:
        found: dict[str, Any] = {"maxLength": self.max_length}
        if self.min_length:
            found["minLength"] = self.min_length
        if self.pattern:
            found["pattern"] = self.pattern
        return found


@dataclass(eq=False, repr=False)
class Number(Rule):
    """A finite number (an ``int`` where ``integer``), within the bounds given."""

    gt: float | None = None
    ge: float | None = None
    le: float | None = None
    integer: bool = False
    expect: str = "a number"
    hint: str = ""
    """Said after the bounds: "(the hours in a week)"."""

    def check(self, value: Any, context: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{show(value)} is not {self.expect}")
        if (
            (self.gt is not None and not value > self.gt)
            or (self.ge is not None and not value >= self.ge)
            or (self.le is not None and not value <= self.le)
        ):
            raise ValueError(f"{number(value)} is out of range: it must be {self.bounds()}{self.hint}")
        return value

    def bounds(self) -> str:
        low = (
            f"more than {self.gt:,g}"
            if self.gt is not None
            else f"at least {self.ge:,g}"
            if self.ge is not None
            else ""
        )
        high = f"at most {self.le:,g}" if self.le is not None else ""
        return " and ".join(part for part in (low, high) if part) or "finite"

    def schema(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.gt is not None:
            found["exclusiveMinimum"] = self.gt
        if self.ge is not None:
            found["minimum"] = self.ge
        if self.le is not None:
            found["maximum"] = self.le
        return found


@dataclass(eq=False, repr=False)
class Day(Rule):
    """A day: a TOML date (or date-time, whose day counts) or a ``YYYY-MM-DD`` string,
    between the first and last day a plan may use."""

    before: ClassVar[bool] = True
    expect: str = "a valid date; use YYYY-MM-DD, e.g. 2027-01-04"

    def check(self, value: Any, context: Any) -> Any:
        day: dt.date | None = None
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, dt.date):
            day = value
        elif isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                day = None
        if day is None:
            raise ValueError(f"{show(value)} is not {self.expect}")
        if not MIN_DATE <= day <= MAX_DATE:
            raise ValueError(f"{day} is out of range; dates run from {MIN_DATE} to {MAX_DATE}")
        return day

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


@dataclass(eq=False, repr=False)
class OneOf(Rule):
    """A word among ``choices`` (a weekday, a kind of resource)."""

    choices: tuple[str, ...]
    what: str = "value"

    def check(self, value: Any, context: Any) -> Any:
        if value not in self.choices:
            hint = did_you_mean(
                str(value).lower()[:3] if self.what == "weekday" else str(value), self.choices
            )
            raise ValueError(f"unknown {self.what} '{value}'; use {', '.join(self.choices)}{hint}")
        return value

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


@dataclass(eq=False, repr=False)
class Zone(Rule):
    """An IANA time zone name."""

    expect: str = "an IANA time zone name"

    def check(self, value: Any, context: Any) -> Any:
        try:
            ZoneInfo(value)
        except (ValueError, OSError, KeyError):
            raise ValueError(
                f"'{value}' is not an IANA time zone, e.g. 'Europe/Berlin' or 'UTC'"
                f"{did_you_mean(value, available_timezones())}"
            ) from None
        return value


KIND_NOUNS: Final = {"stage": "stage", "skill": "skill", "project": "project", "choice": "choice"}


def kinds_phrase(kinds: Iterable[str]) -> str:
    """ "skill, project or stage" for the kinds given."""
    names = [KIND_NOUNS[k] for k in kinds]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


@dataclass(eq=False, repr=False)
class NodeRef(Rule):
    """An id, alias or exact name of a node of ``kinds`` in the graph the record is
    checked against (the validation context); the value becomes the node's id."""

    kinds: tuple[str, ...]
    expect: str = ""

    def __post_init__(self) -> None:
        if not self.expect:
            self.expect = f"a {kinds_phrase(self.kinds)} id"

    def check(self, value: Any, context: Any) -> Any:
        if context is None:  # no graph: the id's shape only
            return value
        resolver: Resolver = context
        try:
            return resolver.resolve(value, kinds=self.kinds, what=kinds_phrase(self.kinds), names=True)
        except UnknownIdError as exc:
            raise ValueError(exc.detail) from None

    def schema(self) -> dict[str, Any]:
        return {"description": f"an id, alias or name of a {kinds_phrase(self.kinds)}"}


@dataclass(eq=False, repr=False)
class OneOrMany(Rule):
    """A list, where a single value stands for a list of one."""

    before: ClassVar[bool] = True

    def check(self, value: Any, context: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def __get_pydantic_json_schema__(self, core: Any, handler: Any) -> Any:
        found = dict(handler(core))
        items = found.get("items")
        return {"anyOf": [items, found]} if isinstance(items, dict) else found


@dataclass(eq=False, repr=False)
class Unique(Rule):
    """A list kept sorted and without repeats."""

    def check(self, value: Any, context: Any) -> Any:
        return tuple(sorted(set(value)))


@dataclass(eq=False, repr=False)
class MaxItems(Rule):
    """A list of at most ``limit`` entries."""

    limit: int
    noun: str = "entries"
    hint: str = ""

    def check(self, value: Any, context: Any) -> Any:
        if len(value) > self.limit:
            raise ValueError(
                f"{len(value):,} {self.noun} are too many; give at most {self.limit:,}{self.hint}"
            )
        return value

    def schema(self) -> dict[str, Any]:
        return {"maxItems": self.limit}


@dataclass(eq=False, repr=False)
class Convert(Rule):
    """A value read in the form of ``source`` (checked by its own rules), then converted
    by ``convert`` into the record's value: "19:00-21:00" into a window, a blackout's
    table into a blackout."""

    source: Any
    convert: Callable[[Any], Any] = field(compare=False)

    def check(self, value: Any, context: Any) -> Any:
        return self.convert(value)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema  # heavy: only when pydantic validates

        def run(value: Any) -> Any:
            return self.convert(value)

        return core_schema.chain_schema(
            [handler.generate_schema(self.source), core_schema.no_info_plain_validator_function(run)]
        )

    def __get_pydantic_json_schema__(self, core: Any, handler: Any) -> Any:
        return handler(core)
