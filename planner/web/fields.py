"""The profile form's fields, read from a JSON Schema of the profile.

The form is drawn from a declaration of the profile's keys, the way validation reads
them: a title, a description, a type and a format per key. :data:`PROFILE_SCHEMA` is
that declaration in JSON Schema (2020-12) words, for the keys the form edits; when the
profile's own schema is published by the library, :func:`form_fields` reads it instead
and this module is the only one that changes. How a key is drawn (a stage picker, the
weekly windows, a checklist) follows from its type and format, or from :data:`WIDGETS`
for the keys that need a picture of their own.

A validation problem names a key the way the command line does (``hours_per_week``,
``availability.mon``, ``blackouts[1].to``, ``choices.dl-framework``);
:func:`field_path` turns it into the path of the input it belongs beside.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

FORM_KEYS: Final = (
    "name",
    "target",
    "timezone",
    "hours_per_week",
    "start",
    "deadline",
    "availability",
    "known",
    "choices",
    "blackouts",
)
"""The keys the form edits, in the form's order. The others (focus, progress,
review_days, completed, ...) are kept as the file has them."""

_DATE: Final = {"type": "string", "format": "date"}
PROFILE_SCHEMA: Final[Mapping[str, Any]] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "planner profile",
    "type": "object",
    "required": ["target", "hours_per_week", "availability"],
    "properties": {
        "name": {"type": "string", "title": "Name", "description": "How the plan and the calendar name you."},
        "target": {
            "type": "string",
            "format": "stage-id",
            "title": "Target stage",
            "description": "The stage you aim at.",
        },
        "timezone": {
            "type": "string",
            "format": "iana-time-zone",
            "title": "Time zone",
            "description": "Your windows are in this zone, and so is the calendar (e.g. Europe/Berlin). "
            "Empty: UTC.",
        },
        "hours_per_week": {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 168,
            "title": "Hours per week",
            "description": "The most study time in any calendar week (Monday to Sunday).",
        },
        "start": {**_DATE, "title": "Start", "description": "The plan's first day. Empty: today."},
        "deadline": {
            **_DATE,
            "title": "Deadline",
            "description": "Reach the target by this day (optional). A deadline the plan misses "
            "is a warning, with the hours a week that would meet it.",
        },
        "availability": {
            "type": "object",
            "title": "Weekly windows",
            "description": 'When you can study, in your time zone: 24-hour "HH:MM-HH:MM", '
            "several separated by commas.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "known": {
            "type": "array",
            "items": {"type": "string", "format": "node-id"},
            "title": "What you know",
            "description": "Tick what you have mastered. Ticking an item ticks its prerequisites; "
            "unticking one unticks what needs it.",
        },
        "choices": {
            "type": "object",
            "title": "Choices",
            "description": "Where the career graph offers one of several, your pick. "
            "Leave it to the planner and it picks the least work.",
            "additionalProperties": {"type": ["string", "array"]},
        },
        "blackouts": {
            "type": "array",
            "title": "Blackouts",
            "description": "Days with no study (both days included).",
            "items": {
                "type": "object",
                "properties": {"from": _DATE, "to": _DATE, "reason": {"type": "string"}},
                "required": ["from"],
            },
        },
    },
}
"""The declaration the form is drawn from (JSON Schema 2020-12), for the keys it edits."""

WIDGETS: Final = {
    "stage-id": "stage",
    "iana-time-zone": "timezone",
    "date": "date",
    "availability": "windows",
    "known": "checklist",
    "choices": "choices",
    "blackouts": "blackouts",
}
"""How a key is drawn, by its format, or by its key for the structured ones."""


@dataclass(frozen=True)
class Field:
    """One key of the form."""

    key: str
    title: str
    description: str
    widget: str
    """``text``, ``number``, ``date``, ``stage``, ``timezone``, ``windows``,
    ``checklist``, ``choices`` or ``blackouts``."""
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None

    @property
    def input_id(self) -> str:
        return input_id(self.key)


def _widget(key: str, spec: Mapping[str, Any]) -> str:
    if key in WIDGETS:
        return WIDGETS[key]
    options = [spec, *spec.get("anyOf", ()), *spec.get("oneOf", ())]
    for option in options:
        if option.get("format") in WIDGETS:
            return WIDGETS[option["format"]]
    types = {t for option in options for t in _types(option)}
    return "number" if types & {"number", "integer"} else "text"


def _types(spec: Mapping[str, Any]) -> list[str]:
    kind = spec.get("type", [])
    return [kind] if isinstance(kind, str) else list(kind)


def form_fields(
    schema: Mapping[str, Any] = PROFILE_SCHEMA, keys: Sequence[str] = FORM_KEYS
) -> tuple[Field, ...]:
    """The fields of the form for ``keys``, as ``schema`` (the profile's JSON Schema)
    declares them; a key the schema lacks is left out."""
    properties = schema.get("properties", {})
    required = set(schema.get("required", ()))
    fields = []
    for key in keys:
        spec = properties.get(key)
        if spec is None:
            continue
        fields.append(
            Field(
                key=key,
                title=str(spec.get("title") or key.replace("_", " ").capitalize()),
                description=str(spec.get("description", "")),
                widget=_widget(key, spec),
                required=key in required,
                minimum=spec.get("exclusiveMinimum", spec.get("minimum")),
                maximum=spec.get("maximum"),
            )
        )
    return tuple(fields)


_PART: Final = re.compile(r"\[(\d+)\]")


def field_path(key: str | None) -> str:
    """The path of the input a problem with ``key`` belongs beside: ``blackouts[1].to``
    → ``blackouts.1.to``; a key the form does not edit → ``""`` (the whole form)."""
    if not key:
        return ""
    path = _PART.sub(r".\1", key)
    return path if path.split(".", 1)[0] in FORM_KEYS else ""


def input_id(path: str) -> str:
    """The HTML id of the input at ``path`` (``availability.mon`` → ``f-availability-mon``)."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", path)


@dataclass(frozen=True)
class FormProblem:
    """One problem of a profile, as the form shows it."""

    path: str
    """The input it belongs beside (``""``: the form as a whole)."""
    key: str
    line: int | None
    message: str
    """What is wrong, in the command line's words."""

    @property
    def said(self) -> str:
        """The problem as the command line words it, without the file and line (they
        are the edited text's, which was not written)."""
        return f"key '{self.key}': {self.message}" if self.key else self.message


def problems(error: Exception) -> list[FormProblem]:
    """Every problem an error reports: a profile error with several problems lists
    them in ``problems``; one with a single problem is its own."""
    found = getattr(error, "problems", None) or [error]
    result = []
    for problem in found:
        key = getattr(problem, "key", None)
        message = getattr(problem, "message", None) or getattr(problem, "detail", None) or str(problem)
        result.append(FormProblem(field_path(key), key or "", getattr(problem, "line", None), str(message)))
    return result


def by_path(found: Sequence[FormProblem]) -> dict[str, list[FormProblem]]:
    """Problems by the path they belong beside."""
    grouped: dict[str, list[FormProblem]] = {}
    for problem in found:
        grouped.setdefault(problem.path, []).append(problem)
    return grouped
