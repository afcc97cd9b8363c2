"""The profile form's values: read from a profile, read from a submitted form, and
turned into the change the profile use case makes.

A form shows text, so :class:`FormValues` holds what each input shows. A value that
is not what its key needs (``hours_per_week = "lots"``) is shown and passed on as
typed, so the profile check says what is wrong with it, in the command line's words.

The form carries the values it was drawn with (``original``). Saving changes only
the keys whose inputs were changed, and what is known by the items ticked and
unticked, so a ``done`` recorded or a line edited in a text editor since the form
was drawn is not undone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Final, NamedTuple
from urllib.parse import parse_qsl

from planner.graph import CareerGraph
from planner.limits import MAX_PROFILE_BYTES
from planner.profile.updating import WORK_KINDS, known_in, lenient_id
from planner.records import WEEKDAYS

SCALARS: Final = ("name", "target", "timezone", "hours_per_week", "start", "deadline")
DATES: Final = ("start", "deadline")
MAX_FORM_BYTES: Final = MAX_PROFILE_BYTES
"""The most a submitted form may hold: more than any profile needs."""
MAX_BLACKOUT_ROWS: Final = 1000
_BLACKOUT: Final = re.compile(r"^blackouts\.(\d{1,4})\.(from|to|reason|remove)$")


class FormError(ValueError):
    """A body that is not a form of this app (too big, not URL-encoded text)."""


def parse_form(body: bytes) -> list[tuple[str, str]]:
    """The fields of a URL-encoded form body, in order.

    Raises
    ------
    FormError
        When the body is too big or not UTF-8.
    """
    if len(body) > MAX_FORM_BYTES:
        raise FormError(f"the form is larger than {MAX_FORM_BYTES // 2**20} MiB")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise FormError("the form is not UTF-8 text") from None
    return parse_qsl(text, keep_blank_values=True, max_num_fields=20_000)


def first(pairs: Iterable[tuple[str, str]], name: str, default: str = "") -> str:
    """The first value of the field ``name``."""
    return next((v for k, v in pairs if k == name), default)


def every(pairs: Iterable[tuple[str, str]], name: str) -> list[str]:
    """Every value of the field ``name``, in order."""
    return [v for k, v in pairs if k == name]


@dataclass
class FormValues:
    """What the profile form's inputs show."""

    scalars: dict[str, str] = field(default_factory=dict)
    windows: dict[str, str] = field(default_factory=dict)
    """Weekday → its windows, ``18:00-21:00, 14:00-17:00``."""
    choices: dict[str, list[str]] = field(default_factory=dict)
    """Choice id → the members picked (none: the planner picks)."""
    blackouts: list[dict[str, str]] = field(default_factory=list)
    """Rows of ``from``, ``to`` and ``reason``."""
    known: list[str] = field(default_factory=list)
    """The skills and projects ticked, sorted."""

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> FormValues | None:
        """The values a form carried, or None when they are not readable."""
        try:
            data = json.loads(text)
            values = cls(**data)
        except (ValueError, TypeError):
            return None
        return values if _well_formed(values) else None


def _well_formed(values: FormValues) -> bool:
    return (
        isinstance(values.scalars, dict)
        and all(isinstance(v, str) for v in values.scalars.values())
        and isinstance(values.windows, dict)
        and all(isinstance(v, str) for v in values.windows.values())
        and isinstance(values.choices, dict)
        and all(isinstance(v, list) for v in values.choices.values())
        and isinstance(values.blackouts, list)
        and all(isinstance(row, dict) for row in values.blackouts)
        and isinstance(values.known, list)
        and all(isinstance(v, str) for v in values.known)
    )


def shown(value: Any) -> str:
    """A value of the file as an input shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date | int | float | str):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return json.dumps(value, default=str, ensure_ascii=False)


def _listed(value: Any) -> list[Any]:
    return [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []


def from_data(data: Mapping[str, Any], graph: CareerGraph) -> FormValues:
    """The form's values for a profile's parsed data (valid or not)."""
    scalars = {key: shown(data.get(key)) for key in SCALARS}
    target = lenient_id(graph, data.get("target"))
    if target is not None and graph.kind(target) == "stage":
        scalars["target"] = target
    windows: dict[str, str] = {}
    availability = data.get("availability")
    if isinstance(availability, Mapping):
        windows = {
            str(day): ", ".join(shown(w) for w in _listed(spans)) for day, spans in availability.items()
        }
    choices: dict[str, list[str]] = {}
    picks = data.get("choices")
    if isinstance(picks, Mapping):
        for choice, picked in picks.items():
            choice_id = lenient_id(graph, choice) or str(choice)
            choices[choice_id] = [lenient_id(graph, m) or shown(m) for m in _listed(picked)]
    rows = []
    for entry in _listed(data.get("blackouts")):
        if isinstance(entry, Mapping):
            rows.append({part: shown(entry.get(part)) for part in ("from", "to", "reason")})
    known = sorted(n for n in known_in(graph, data) if graph.kind(n) in WORK_KINDS)
    return FormValues(scalars, windows, choices, rows, known)


def from_form(pairs: Sequence[tuple[str, str]]) -> FormValues:
    """The form's values as submitted; blackout rows marked for removal, and empty
    ones, are left out."""
    scalars = {key: first(pairs, key).strip() for key in SCALARS}
    windows = {day: first(pairs, f"availability.{day}").strip() for day in WEEKDAYS}
    choices = {
        name.split(".", 1)[1]: [v for v in every(pairs, name) if v]
        for name in dict.fromkeys(k for k, _ in pairs if k.startswith("choices."))
    }
    rows: dict[int, dict[str, str]] = {}
    for name, value in pairs:
        match = _BLACKOUT.match(name)
        if match:
            rows.setdefault(int(match.group(1)), {})[match.group(2)] = value.strip()
    blackouts = [
        {part: row.get(part, "") for part in ("from", "to", "reason")}
        for _, row in sorted(rows.items())[:MAX_BLACKOUT_ROWS]
        if not row.get("remove") and (row.get("from") or row.get("to") or row.get("reason"))
    ]
    return FormValues(scalars, windows, choices, blackouts, sorted(set(every(pairs, "known"))))


def _number(text: str) -> Any:
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _date(text: str) -> Any:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def _windows(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]


def typed(key: str, values: FormValues) -> Any:
    """The value ``key`` takes in the profile file for these form values (None:
    the key is left out)."""
    if key in SCALARS:
        text = values.scalars.get(key, "")
        if not text:
            return None
        if key == "hours_per_week":
            return _number(text)
        return _date(text) if key in DATES else text
    if key == "availability":
        return {
            day: _windows(values.windows[day]) for day in WEEKDAYS if _windows(values.windows.get(day, ""))
        }
    if key == "choices":
        return {
            choice: picked[0] if len(picked) == 1 else picked
            for choice, picked in values.choices.items()
            if picked
        } or None
    if key == "blackouts":
        rows = []
        for row in values.blackouts:
            entry: dict[str, Any] = {"from": _date(row["from"])}
            if row.get("to"):
                entry["to"] = _date(row["to"])
            if row.get("reason"):
                entry["reason"] = row["reason"]
            rows.append(entry)
        return rows or None
    raise KeyError(key)


class Change(NamedTuple):
    """What saving the form changes: keys and their values, and what is (no longer) known."""

    values: dict[str, Any]
    learned: frozenset[str]
    unlearned: frozenset[str]


def _part(values: FormValues, key: str) -> Any:
    if key in SCALARS:
        return values.scalars.get(key, "")
    if key == "availability":
        return {day: _windows(text) for day, text in values.windows.items() if _windows(text)}
    if key == "choices":
        return {choice: picked for choice, picked in values.choices.items() if picked}
    return getattr(values, key)


def change(submitted: FormValues, original: FormValues, keys: Iterable[str]) -> Change:
    """The keys among ``keys`` whose inputs differ from the values the form was drawn
    with, and the items ticked and unticked since."""
    values = {key: typed(key, submitted) for key in keys if _part(submitted, key) != _part(original, key)}
    before, after = set(original.known), set(submitted.known)
    return Change(values, frozenset(after - before), frozenset(before - after))


def relevant_choices(graph: CareerGraph, target: str | None, values: FormValues) -> list[str]:
    """The choices the form offers: those on the way to ``target`` (prerequisites
    first), then those the profile picks already."""
    on_the_way = graph.topological_order(graph.closure([target])) if target is not None else []
    ids = [n for n in on_the_way if graph.kind(n) == "choice"]
    return ids + sorted(c for c in values.choices if c in graph.nodes and c not in ids)
