"""Checking a profile's keys and values against the graph, each problem located.

Every problem raises :class:`~planner.errors.ProfileError` naming the file, the key,
the line where the source shows it, the bad value and what would be valid.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from typing import Any, Final
from zoneinfo import ZoneInfo, available_timezones

from planner.errors import ProfileError, UnknownIdError, did_you_mean
from planner.graph import CareerGraph
from planner.io.reading import continued_lines
from planner.limits import (
    MAX_BLACKOUTS,
    MAX_DATE,
    MAX_HOURS_PER_WEEK,
    MAX_REVIEW_DAYS,
    MAX_REVIEWS,
    MAX_TEXT_CHARS,
    MIN_DATE,
    MIN_SESSION_MINUTES,
)
from planner.records import WEEKDAYS, Blackout, Window, control_problem

KEYS: Final = (
    "name",
    "target",
    "current_stage",
    "current_stage_since",
    "start",
    "timezone",
    "hours_per_week",
    "known",
    "progress",
    "availability",
    "blackouts",
    "deadline",
    "focus",
    "recommended",
    "choices",
    "review_days",
    "completed",
    "study_ahead",
    "experience",
)
REQUIRED: Final = ("target", "hours_per_week", "availability")
_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class _Locator:
    """Find the line of a key in the profile's source text (best effort)."""

    def __init__(self, text: str, is_json: bool) -> None:
        self.lines = text.splitlines()
        self.is_json = is_json
        self.inside = set() if is_json else continued_lines(text)  # lines in multi-line strings

    def line(self, key: str, table: str | None = None, index: int | None = None) -> int | None:
        if self.is_json:
            pattern = re.compile(rf'"{re.escape(key)}"\s*:')
            for number, line in enumerate(self.lines, start=1):
                if pattern.search(line):
                    return number
            return None
        current: str | None = None
        seen_tables = -1
        key_re = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
        for number, line in enumerate(self.lines, start=1):
            if number in self.inside:
                continue
            header = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
            if header:
                current = header.group(1)
                if table is not None and current == table:
                    seen_tables += 1
                    if table == key and (index is None or index == seen_tables):
                        return number
                continue
            if current == table and (index is None or seen_tables == index) and key_re.match(line):
                return number
        if table is not None:
            return self.line(table) if table != key else None
        for number, line in enumerate(self.lines, start=1):
            header = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
            if header and header.group(1) == key and number not in self.inside:
                return number
        return None


def _show(value: Any) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


class ProfileChecker:
    def __init__(self, file: str, text: str, is_json: bool, graph: CareerGraph) -> None:
        self.file = file
        self.where = _Locator(text, is_json)
        self.graph = graph

    def fail(
        self, key: str, message: str, table: str | None = None, index: int | None = None
    ) -> ProfileError:
        line = self.where.line(key.rsplit(".", maxsplit=1)[-1].split("[", maxsplit=1)[0], table, index)
        return ProfileError(self.file, message, key=key, line=line)

    def string(self, data: Mapping[str, Any], key: str) -> str:
        return self.text(data[key], key)

    def text(self, value: Any, key: str, table: str | None = None, index: int | None = None) -> str:
        if not isinstance(value, str):
            raise self.fail(key, f"{_show(value)} is not a string", table, index)
        if len(value) > MAX_TEXT_CHARS:
            raise self.fail(
                key,
                f"is {len(value):,} characters long; a text may have at most {MAX_TEXT_CHARS:,}",
                table,
                index,
            )
        control = control_problem(value)
        if control:
            raise self.fail(key, control, table, index)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise self.fail(
                key, "holds a broken character (an unpaired UTF-16 surrogate)", table, index
            ) from None
        return value

    def node_id(self, value: Any, key: str, kinds: tuple[str, ...], table: str | None = None) -> str:
        nouns = {"stage": "stage", "skill": "skill", "project": "project", "choice": "choice"}
        names = [nouns[k] for k in kinds]
        valid = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        if not isinstance(value, str):
            raise self.fail(key, f"{_show(value)} is not a {valid} id", table)
        try:
            return self.graph.resolve(value, kinds=kinds, what=valid)
        except UnknownIdError as exc:
            raise self.fail(key, exc.detail, table) from None

    def id_list(self, data: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(key, f'{_show(value)} is not a list of ids, e.g. ["python", "git"]')
        ids = [self.node_id(v, key, ("skill", "project", "stage")) for v in value]
        return tuple(sorted(set(ids)))

    def date(self, value: Any, key: str, table: str | None = None, index: int | None = None) -> dt.date:
        day: dt.date | None = None
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, dt.date):
            day = value
        elif isinstance(value, str):
            with contextlib.suppress(ValueError):
                day = dt.date.fromisoformat(value.strip())
        if day is not None:
            if not MIN_DATE <= day <= MAX_DATE:
                raise self.fail(
                    key, f"{day} is out of range; dates run from {MIN_DATE} to {MAX_DATE}", table, index
                )
            return day
        raise self.fail(
            key, f"{_show(value)} is not a valid date; use YYYY-MM-DD, e.g. 2027-01-04", table, index
        )

    def hours(self, data: Mapping[str, Any]) -> float:
        value = data["hours_per_week"]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (isinstance(value, float) and math.isnan(value))
        ):
            raise self.fail("hours_per_week", f"{_show(value)} is not a number of hours (e.g. 8)")
        if not 0 < value <= MAX_HOURS_PER_WEEK:
            raise self.fail(
                "hours_per_week",
                f"{_show(value)} is out of range: it must be more "
                f"than 0 and at most {MAX_HOURS_PER_WEEK:g} (the hours in a week)",
            )
        return float(value)

    def timezone(self, data: Mapping[str, Any]) -> str:
        value = self.string(data, "timezone")
        try:
            ZoneInfo(value)
        except (ValueError, OSError, KeyError):
            raise self.fail(
                "timezone",
                f"'{value}' is not an IANA time zone, e.g. "
                f"'Europe/Berlin' or 'UTC'{did_you_mean(value, available_timezones())}",
            ) from None
        return value

    def progress(self, data: Mapping[str, Any]) -> dict[str, float]:
        value = data["progress"]
        if not isinstance(value, dict):
            raise self.fail("progress", f"{_show(value)} is not a table of id = fraction")
        result: dict[str, float] = {}
        for node_id, fraction in sorted(value.items()):
            key = f"progress.{node_id}"
            canonical = self.node_id(node_id, key, ("skill", "project"), "progress")
            if (
                isinstance(fraction, bool)
                or not isinstance(fraction, int | float)
                or not (0 <= fraction <= 1)
            ):
                raise self.fail(
                    key,
                    f"{_show(fraction)} is not a fraction between 0 and 1 (e.g. 0.5 for half done)",
                    "progress",
                )
            result[canonical] = float(fraction)
        return result

    def boolean(self, data: Mapping[str, Any], key: str) -> bool:
        value = data[key]
        if not isinstance(value, bool):
            raise self.fail(key, f"{_show(value)} is not true or false")
        return value

    def choices(self, data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
        """``[choices]``: choice id = member id, or a list of ``pick`` member ids."""
        value = data["choices"]
        if not isinstance(value, dict):
            raise self.fail(
                "choices",
                f'{_show(value)} is not a table of choice id = member id, e.g. dl-framework = "pytorch"',
            )
        result: dict[str, tuple[str, ...]] = {}
        for choice_text, picked in sorted(value.items()):
            key = f"choices.{choice_text}"
            choice = self.node_id(choice_text, key, ("choice",), "choices")
            members = self.graph.members(choice)
            pick = self.graph.pick(choice)
            listed = [picked] if isinstance(picked, str) else picked
            if not isinstance(listed, list) or not all(isinstance(m, str) for m in listed):
                raise self.fail(
                    key,
                    f"{_show(picked)} is not a member id or a list of member ids "
                    f"(members: {', '.join(members)})",
                    "choices",
                )
            ids: list[str] = []
            for member_text in listed:
                member = self.graph.lookup(member_text)
                if member not in members:
                    raise self.fail(
                        key,
                        f"'{member_text}' is not a member of {choice} (members: "
                        f"{', '.join(members)}){did_you_mean(member_text, members)}",
                        "choices",
                    )
                if member not in ids:
                    ids.append(member)
            if len(ids) != pick:
                raise self.fail(
                    key,
                    f"{choice} takes {pick} member{'s' if pick > 1 else ''}, "
                    f"{len(ids)} given (members: {', '.join(members)})",
                    "choices",
                )
            result[choice] = tuple(ids)
        return result

    def review_days(self, data: Mapping[str, Any]) -> tuple[int, ...]:
        """``review_days``: whole numbers of days after an item's last session."""
        value = data["review_days"]
        if (
            not isinstance(value, list)
            or len(value) > MAX_REVIEWS
            or not all(
                isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= MAX_REVIEW_DAYS for d in value
            )
        ):
            raise self.fail(
                "review_days",
                f"{_show(value)} is not a list of at most {MAX_REVIEWS} whole "
                f"numbers of days from 1 to {MAX_REVIEW_DAYS}, e.g. [7, 30, 90]",
            )
        return tuple(sorted(set(value)))

    def completed(self, data: Mapping[str, Any]) -> dict[str, dt.date]:
        """``[completed]``: id = the day it was recorded done."""
        value = data["completed"]
        if not isinstance(value, dict):
            raise self.fail(
                "completed", f"{_show(value)} is not a table of id = date, e.g. python = 2027-02-18"
            )
        result: dict[str, dt.date] = {}
        for node_text, day in sorted(value.items()):
            key = f"completed.{node_text}"
            node_id = self.node_id(node_text, key, ("skill", "project", "stage"), "completed")
            result[node_id] = max(self.date(day, key, "completed"), result.get(node_id, MIN_DATE))
        return result

    def windows(self, data: Mapping[str, Any]) -> dict[str, tuple[Window, ...]]:
        value = data["availability"]
        if not isinstance(value, dict):
            raise self.fail(
                "availability", f'{_show(value)} is not a table of weekday = ["HH:MM-HH:MM", ...]'
            )
        result: dict[str, tuple[Window, ...]] = {}
        for day, spans in value.items():
            key = f"availability.{day}"
            if day not in WEEKDAYS:
                raise self.fail(
                    key,
                    f"unknown weekday '{day}'; use {', '.join(WEEKDAYS)}"
                    f"{did_you_mean(str(day).lower()[:3], WEEKDAYS)}",
                    "availability",
                )
            listed = [spans] if isinstance(spans, str) else spans
            if not isinstance(listed, list):
                raise self.fail(
                    key, f'{_show(spans)} is not a list of windows like ["19:00-21:00"]', "availability"
                )
            windows = sorted((self.window(s, key) for s in listed), key=lambda w: w.start)
            merged: list[Window] = []
            for window in windows:
                if merged and window.start < merged[-1].end:
                    raise self.fail(
                        key,
                        f"windows {merged[-1]} and {window} overlap; windows on one day must not overlap",
                        "availability",
                    )
                if merged and window.start == merged[-1].end:
                    merged[-1] = Window(start=merged[-1].start, end=window.end)
                else:
                    merged.append(window)
            if merged:
                result[day] = tuple(merged)
        if not result:
            raise self.fail(
                "availability",
                'no availability at all: give at least one weekly window, e.g. mon = ["19:00-21:00"]',
            )
        return {day: result[day] for day in WEEKDAYS if day in result}

    def window(self, span: Any, key: str) -> Window:
        match = _WINDOW.match(span) if isinstance(span, str) else None
        if not match:
            raise self.fail(
                key,
                f'{_show(span)} is not a window; use 24-hour "HH:MM-HH:MM", e.g. "19:00-21:00"',
                "availability",
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        for hour, minute, is_end in ((h1, m1, False), (h2, m2, True)):
            if minute > 59 or hour > 24 or (hour == 24 and (minute or not is_end)):
                raise self.fail(
                    key,
                    f'"{span.strip()}" has an impossible time '
                    f"{hour:02d}:{minute:02d}; times run from 00:00 to 24:00",
                    "availability",
                )
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:
            raise self.fail(
                key,
                f'"{span.strip()}" ends before it starts; a window must end '
                "later the same day (use 24:00 for midnight)",
                "availability",
            )
        if end - start < MIN_SESSION_MINUTES:
            raise self.fail(
                key,
                f'"{span.strip()}" is {end - start} minutes long; a window '
                f"must be at least {MIN_SESSION_MINUTES} minutes (the shortest session)",
                "availability",
            )
        return Window(start=start, end=end)

    def blackouts(self, data: Mapping[str, Any]) -> tuple[Blackout, ...]:
        value = data["blackouts"]
        if not isinstance(value, list):
            raise self.fail(
                "blackouts", "must be an array of tables [[blackouts]] with from, to and an optional reason"
            )
        if len(value) > MAX_BLACKOUTS:
            raise self.fail(
                "blackouts",
                f"{len(value):,} blackouts are too many; give at most "
                f"{MAX_BLACKOUTS:,} (one blackout may span many days)",
            )
        result = []
        for index, entry in enumerate(value):
            key = f"blackouts[{index}]"
            if not isinstance(entry, dict):
                raise self.fail(key, f"{_show(entry)} is not a table with from and to", "blackouts", index)
            for extra in sorted(set(entry) - {"from", "to", "reason"}):
                raise self.fail(
                    f"{key}.{extra}",
                    f"unknown key '{extra}'; a blackout has from, to "
                    f"and reason{did_you_mean(extra, ('from', 'to', 'reason'))}",
                    "blackouts",
                    index,
                )
            if "from" not in entry:
                raise self.fail(key, "missing 'from' date", "blackouts", index)
            start = self.date(entry["from"], f"{key}.from", "blackouts", index)
            end = self.date(entry.get("to", entry["from"]), f"{key}.to", "blackouts", index)
            if end < start:
                raise self.fail(f"{key}.to", f"{end} is before from = {start}", "blackouts", index)
            reason = self.text(entry.get("reason", ""), f"{key}.reason", "blackouts", index)
            result.append(Blackout(start=start, end=end, reason=reason))
        return tuple(sorted(result, key=lambda b: (b.start, b.end, b.reason)))
