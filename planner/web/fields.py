"""The profile form's fields, read from the profile's JSON Schema.

The form is drawn from the declaration that validates profiles: ``planner schema
profile`` (JSON Schema 2020-12) gives each key a title, a description, a type and a
format, and :func:`form_fields` reads them. How a key is drawn (a date, a number, the
weekly windows, a checklist) follows from its type and format, or from :data:`WIDGETS`
for the keys that need a picture of their own; :data:`FORM_NOTES` adds what the
schema cannot say: how each of those is typed or ticked in the form.

A validation problem names a key the way the command line does (``hours_per_week``,
``availability.mon``, ``blackouts[1].to``, ``choices.dl-framework``);
:func:`field_path` turns it into the path of the input it belongs beside.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final, NamedTuple

from planner.usecases import schema as schema_text

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

WIDGETS: Final = {
    "target": "stage",
    "timezone": "timezone",
    "availability": "windows",
    "known": "checklist",
    "choices": "choices",
    "blackouts": "blackouts",
    "date": "date",
}
"""How a key is drawn: by its key for the structured ones, else by its format."""

FORM_NOTES: Final = {
    "timezone": "Empty: UTC.",
    "availability": "In the form: a line a day, several windows separated by commas, "
    '"18:00-21:00, 14:00-17:00".',
    "known": "Ticking an item ticks its prerequisites; unticking one unticks what needs it.",
    "choices": "Leave one to the planner and it picks the least work.",
}
"""What the form adds to a key's description: how its input is filled in."""


@functools.cache
def profile_schema() -> Mapping[str, Any]:
    """The profile's JSON Schema, as ``planner schema profile`` prints it (built once)."""
    parsed: Mapping[str, Any] = json.loads(schema_text("profile"))
    return parsed


def title_case(title: str) -> str:
    """A schema title as a label reads it: ``Hours Per Week`` → ``Hours per week``."""
    words = title.split()
    return " ".join(words[:1] + [w if w.isupper() else w.lower() for w in words[1:]])


class Field(NamedTuple):
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
    schema: Mapping[str, Any] | None = None, keys: Sequence[str] = FORM_KEYS
) -> tuple[Field, ...]:
    """The fields of the form for ``keys``, as ``schema`` (default: the profile's JSON
    Schema) declares them; a key the schema lacks is left out."""
    schema = profile_schema() if schema is None else schema
    properties = schema.get("properties", {})
    required = set(schema.get("required", ()))
    fields = []
    for key in keys:
        spec = properties.get(key)
        if spec is None:
            continue
        description = " ".join(
            part for part in (str(spec.get("description", "")), FORM_NOTES.get(key, "")) if part
        )
        fields.append(
            Field(
                key=key,
                title=title_case(str(spec.get("title") or key.replace("_", " "))),
                description=description,
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


class FormProblem(NamedTuple):
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
