"""Mutators for fuzzing planner: profiles, graph folders and earlier .ics exports.

Shared by ``tests/fuzz/test_fuzz.py`` (in-process, driven by hypothesis) and
``tests/fuzz/run_fuzz.py`` (real subprocesses, driven by a seed). Every mutator takes
a :class:`random.Random`, so a failing case is reproduced from its kind and seed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PROFILES = sorted((ROOT / "examples" / "profiles").glob("*.*"))
GRAPH_DATA = ROOT / "graph_data"
MiB = 1024 * 1024


class Raw:
    """Text emitted verbatim by the serializers (deep nesting without recursion here)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Raw({self.text[:20]!r}...)"


# --- serializers -------------------------------------------------------------------------


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=True)


def toml_value(value: Any) -> str:
    """An inline TOML rendering of ``value`` (dicts become inline tables)."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _toml_str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_str(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"
    if value is None:
        return '""'  # TOML has no null
    raise TypeError(type(value))


def to_toml(data: dict[str, Any]) -> str:
    return "".join(f"{_toml_str(str(k))} = {toml_value(v)}\n" for k, v in data.items())


def json_value(value: Any) -> str:
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {json_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(json_value(v) for v in value) + "]"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return json.dumps(value.isoformat())
    return json.dumps(value)  # NaN / Infinity literals: Python's json reads them


def graph_toml(sections: dict[str, list[dict[str, Any]]]) -> str:
    """Graph data as ``[[skills]]`` / ``[[projects]]`` / ``[[stages]]`` tables."""
    out = []
    for section, entries in sections.items():
        if not isinstance(entries, list):
            out.append(f"{_toml_str(section)} = {toml_value(entries)}\n")
            continue
        for entry in entries:
            out.append(f"[[{section}]]\n")
            if isinstance(entry, dict):
                out.extend(f"{_toml_str(str(k))} = {toml_value(v)}\n" for k, v in entry.items())
            out.append("\n")
    return "".join(out)


# --- weird values ------------------------------------------------------------------------


def deep_list(levels: int) -> Raw:
    return Raw("[" * levels + "]" * levels)


def deep_table_toml(levels: int) -> Raw:
    return Raw("{a = " * levels + "1" + "}" * levels)


def deep_object_json(levels: int) -> Raw:
    return Raw('{"a": ' * levels + "1" + "}" * levels)


WEIRD_TEXT = [
    "",
    " ",
    "x" * 100_000,
    "nul\x00byte",
    "\ufeffbom",
    "línea\nnueva\r\n\t",
    "\u202eRTL override\u202c",
    "e\u0301\u0301\u0301 combining",
    "zero\u200bwidth",
    "\u2028line separator",
    "😀🧠" * 50,
    '"]; evil [label="x',
    "<script>alert(1)</script>",
    "A-->B; click A call x()",
    "BEGIN:VEVENT\r\nEND:VCALENDAR",
    "ML-ENGINEER",
    "ml-engineer ",
    "../../etc/passwd",
    "%s%n{0}",
]


CONTROL_TEXT = ["\x1b[31m", "\x07", "\x00", "\x9b2J", "\r", "\x7f", "\x0c"]
"""Control characters that must never reach a terminal or a picture raw."""


def weird_value(rng: random.Random, fmt: str) -> Any:
    """A value of a random, usually wrong, type or size."""
    choices: list[Callable[[], Any]] = [
        lambda: rng.choice([0, -1, 1, 2**63, -(2**63) - 1, 10**40, 168, 169]),
        lambda: rng.choice([math.nan, math.inf, -math.inf, 1e308, 5e-324, -0.0, 0.5, 1e-9]),
        lambda: rng.choice([True, False]),
        lambda: rng.choice(WEIRD_TEXT),
        lambda: [],
        lambda: [rng.choice(WEIRD_TEXT)],
        lambda: ["python"] * rng.choice([2, 1000]),
        lambda: {},
        lambda: {"a": 1},
        lambda: {"mon": ["19:00-21:00"]},
        lambda: deep_list(rng.choice([50, 900, 10_000])),
        lambda: rng.choice(
            [
                "24:00-24:30",
                "00:00-24:00",
                "99999:00-99999:30",
                "19:00-19:29",
                "7:00-8:00",
                "19:00 - 21:00",
                "21:00-19:00",
                "0:0-1:0",
            ]
        ),
        lambda: rng.choice(
            [
                "2027-02-30",
                "0001-01-01",
                "9999-12-31",
                "2027-01-04T10:00:00+05:00",
                "Europe/Atlantis",
                "UTC",
                "Etc/GMT+14",
                "localtime",
                "/etc/passwd",
            ]
        ),
    ]
    if fmt == "toml":
        choices += [
            lambda: rng.choice(
                [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(9999, 12, 1), dt.date(2027, 1, 4)]
            ),
            lambda: dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
            lambda: dt.datetime(9999, 12, 31, 23, 59),
            lambda: dt.time(10, 30),
            lambda: deep_table_toml(rng.choice([50, 10_000])),
        ]
    else:
        choices += [
            lambda: None,
            lambda: Raw('"\\ud800 lone surrogate"'),
            lambda: deep_object_json(rng.choice([50, 900, 10_000])),
        ]
    return rng.choice(choices)()


# --- profiles ----------------------------------------------------------------------------


def base_profile(rng: random.Random) -> tuple[dict[str, Any], str]:
    """A parsed example profile and its format ("toml" or "json")."""
    path = rng.choice(EXAMPLE_PROFILES)
    raw = path.read_bytes()
    if path.suffix == ".json":
        return json.loads(raw), "json"
    return tomllib.loads(raw.decode("utf-8")), "toml"


def _key_paths(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = []
    for key, value in data.items():
        paths.append((key,))
        if isinstance(value, dict):
            paths.extend((key, k) for k in value)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                paths.append((key, i))
                if isinstance(item, dict):
                    paths.extend((key, i, k) for k in item)
    return paths


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _delete(data: Any, path: tuple[Any, ...]) -> None:
    for part in path[:-1]:
        data = data[part]
    del data[path[-1]]


def serialize_profile(data: dict[str, Any], fmt: str) -> bytes:
    text = to_toml(data) if fmt == "toml" else json_value(data)
    return text.encode("utf-8", "surrogatepass")


def flip_bytes(rng: random.Random, raw: bytes, count: int | None = None) -> bytes:
    data = bytearray(raw)
    if not data:
        return bytes(data)
    for _ in range(count or rng.randint(1, 8)):
        i = rng.randrange(len(data))
        data[i] ^= 1 << rng.randrange(8)
    return bytes(data)


PROFILE_KEYS = (
    "name",
    "target",
    "current_stage",
    "start",
    "timezone",
    "hours_per_week",
    "known",
    "progress",
    "availability",
    "blackouts",
    "deadline",
    "focus",
)


def _mutate_profile_data(rng: random.Random, kind: str, data: dict[str, Any], fmt: str) -> None:
    if kind == "wrong_type":
        paths = _key_paths(data) + [(k,) for k in PROFILE_KEYS]
        _set(data, rng.choice(paths), weird_value(rng, fmt))
    elif kind == "missing_key":
        for _ in range(rng.randint(1, 3)):
            paths = _key_paths(data)
            if paths:
                _delete(data, rng.choice(paths))
    elif kind == "unknown_key":
        data[rng.choice(["Target", "hours", "avail", "x" * 1000, "\x00", ""])] = weird_value(rng, fmt)
    elif kind == "huge_number":
        key = rng.choice(["hours_per_week", "progress", "start", "deadline", "availability"])
        huge = rng.choice([10**400, 1e308, 2**63, -(10**40), 167.99999999, Raw("9" * 5000)])
        if key == "progress":
            data["progress"] = {"pandas": huge}
        elif key == "availability":
            data["availability"] = {"mon": [f"{huge}:00-{huge}:30"]}
        elif key in ("start", "deadline"):
            data[key] = dt.date(9999, 12, rng.randint(1, 31)) if fmt == "toml" else "9999-12-31"
        else:
            data[key] = huge
    elif kind == "nan_inf":
        value = rng.choice([math.nan, math.inf, -math.inf])
        key = rng.choice(["hours_per_week", "progress", "known", "name"])
        data[key] = {"pandas": value} if key == "progress" else value
    elif kind == "long_string":
        long = rng.choice(["x", "é", "😀", "a-"]) * 100_000
        key = rng.choice(["name", "target", "timezone", "known", "focus", "availability", "current_stage"])
        if key in ("known", "focus"):
            data[key] = [long]
        elif key == "availability":
            data[key] = {"mon": [long]}
        else:
            data[key] = long
    elif kind == "nul_string":
        key = rng.choice(["name", "target", "timezone", "known"])
        value = rng.choice(["Priya\x00", "\x00", "ml-engineer\x00", "Europe/Berlin\x00x"])
        data[key] = [value] if key == "known" else value
    elif kind == "deep_nesting":
        levels = rng.choice([100, 1000, 10_000])
        nest = rng.choice(
            [deep_list(levels), deep_table_toml(levels) if fmt == "toml" else deep_object_json(levels)]
        )
        data[rng.choice(PROFILE_KEYS)] = nest
    elif kind == "extreme_dates":
        lo, hi = (dt.date(1, 1, 1), dt.date(9999, 12, 31)) if fmt == "toml" else ("0001-01-01", "9999-12-31")
        choice = rng.randrange(5)
        if choice == 0:
            data["start"] = hi
        elif choice == 1:
            data["start"] = lo
        elif choice == 2:
            data["deadline"] = hi
        elif choice == 3:
            data["blackouts"] = [{"from": lo, "to": hi}]
        else:
            data["start"] = dt.date(9999, 1, 1) if fmt == "toml" else "9999-01-01"
            data["deadline"] = hi
    elif kind == "weird_unicode":
        data["name"] = rng.choice(WEIRD_TEXT[4:])
        if fmt == "json" and rng.random() < 0.5:
            data["name"] = Raw('"\\udc80\\ud800"')
    elif kind == "control_chars":
        text = "Priya" + rng.choice(CONTROL_TEXT)
        if rng.random() < 0.5:
            data["name"] = text
        else:
            data["blackouts"] = [{"from": "2027-03-01", "reason": text}]
    elif kind == "many_blackouts":
        first = dt.date(2027, 1, 1)
        days = [first + dt.timedelta(days=d) for d in range(rng.choice([100, 5_000, 5_001, 20_000]))]
        data["blackouts"] = [{"from": d if fmt == "toml" else d.isoformat()} for d in days]
    else:
        raise ValueError(kind)


PROFILE_MUTATIONS = (
    "byte_flip",
    "wrong_type",
    "missing_key",
    "duplicate_key",
    "unknown_key",
    "huge_number",
    "nan_inf",
    "long_string",
    "nul_string",
    "nul_byte",
    "bom",
    "deep_nesting",
    "big_file",
    "truncate",
    "extreme_dates",
    "weird_unicode",
    "stacked",
    "control_chars",
    "many_blackouts",
    "utf16",
    "crlf",
    "long_number",
    "far_future",
    "many_windows",
)
"""Every kind of profile mutation; the last three came with issue 26."""

LONG_DIGITS = (4_301, 5_000, 50_000, 400_000)
"""Digits of a number too long to read: just past Python's limit, and far past it."""


def half_hour_windows(count: int) -> list[str]:
    """``count`` (at most 46) half-hour windows a day, a minute apart, so none merge."""
    return [
        f"{31 * i // 60:02}:{31 * i % 60:02}-{(31 * i + 30) // 60:02}:{(31 * i + 30) % 60:02}"
        for i in range(count)
    ]


def long_number_profile(rng: random.Random, data: dict[str, Any], fmt: str) -> bytes:
    """A profile holding a number too long to read, often after a long run of text on the
    same line (what made the error path's regex quadratic) or inside a string."""
    digits = "9" * rng.choice(LONG_DIGITS)
    run = "x" * rng.choice([0, 10, 10_000, 300_000])
    key = rng.choice(["hours_per_week", "progress", "review_days", "note"])
    if fmt == "json":
        body = json_value(data)[:-1]
        value = {"progress": f'{{"pandas": {digits}}}', "review_days": f"[{digits}]"}.get(key, digits)
        where = rng.choice(["after", "in-string"])
        text = f'{body}, "note": "{run}{digits if where == "in-string" else ""}", "{key}": {value}}}'
        return text.encode("utf-8")
    text = to_toml({k: v for k, v in data.items() if not isinstance(v, dict)})
    if rng.random() < 0.5:  # a long digit run in a multi-line string, before the real number
        text += f'description = """\n{run}{digits}\n"""\n'
    if key == "progress":
        text += f"[progress]\npandas = {digits}\n"
    elif key == "review_days":
        text += f"review_days = [{run and '1, ' * 1000}{digits}]\n"
    else:
        text += f"{key} = {rng.choice(['', '-', '+'])}{digits}\n"
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    text += "".join(f"[{k}]\n" + to_toml(v) for k, v in tables.items() if k != "progress")
    return text.encode("utf-8")


def _far_future(rng: random.Random, data: dict[str, Any], fmt: str) -> None:
    """Dates at the end of the calendar a profile may use, and reviews decades away."""

    def day(value: dt.date) -> Any:
        return value if fmt == "toml" else value.isoformat()

    end = dt.date(2999, 12, 31)
    late = [end, dt.date(2999, 1, 1), dt.date(2998, 12, 1), dt.date(2977, 6, 1), dt.date(3000, 1, 1)]
    choice = rng.randrange(5)
    if choice == 0:
        data["start"] = day(rng.choice(late))
    elif choice == 1:
        data["completed"] = {"python": day(rng.choice(late)), "git": day(dt.date(2027, 1, 4))}
        data["known"] = (
            [*data.get("known", []), "python"] if isinstance(data.get("known"), list) else ["python"]
        )
    elif choice == 2:
        data["deadline"] = day(rng.choice(late))
        data["start"] = day(rng.choice(late[1:3]))
    elif choice == 3:
        data["blackouts"] = [{"from": day(dt.date(2998, 1, 1)), "to": day(end)}]
        data["start"] = day(dt.date(2997, 12, 1))
    else:
        data["current_stage_since"] = day(rng.choice([dt.date(1900, 1, 1), end]))
    data["review_days"] = rng.choice([[3650], [1, 3650], list(range(1, 13)), [7, 30, 90]])


def _many_windows(rng: random.Random, data: dict[str, Any]) -> None:
    """Dozens of half-hour windows a day, often with a cap far below them."""
    windows = half_hour_windows(rng.choice([46, 46, 20, 2]))
    days = rng.sample(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], rng.randint(1, 7))
    data["availability"] = {d: windows for d in days}
    data["hours_per_week"] = rng.choice([0.5, 0.51, 0.99, 1, 3.5, 168])
    if rng.random() < 0.5:
        data["review_days"] = rng.choice([[3650], list(range(1, 13)), [1, 2, 3]])


def mutate_profile(rng: random.Random, kind: str) -> tuple[bytes, str]:
    """A mutated profile: its bytes and its suffix (".toml" or ".json")."""
    data, fmt = base_profile(rng)
    suffix = "." + fmt
    if rng.random() < 0.1:
        suffix = rng.choice([".txt", "", ".TOML", ".json" if fmt == "toml" else ".toml"])
    if kind == "long_number":
        return long_number_profile(rng, data, fmt), suffix
    if kind == "far_future":
        _far_future(rng, data, fmt)
        return serialize_profile(data, fmt), suffix
    if kind == "many_windows":
        _many_windows(rng, data)
        return serialize_profile(data, fmt), suffix
    if kind == "stacked":
        for _ in range(rng.randint(2, 4)):
            _mutate_profile_data(
                rng,
                rng.choice(
                    ["wrong_type", "missing_key", "unknown_key", "huge_number", "nan_inf", "extreme_dates"]
                ),
                data,
                fmt,
            )
        return serialize_profile(data, fmt), suffix
    if kind in ("byte_flip", "duplicate_key", "nul_byte", "bom", "big_file", "truncate", "utf16", "crlf"):
        raw = (
            serialize_profile(data, fmt)
            if rng.random() < 0.5
            else (rng.choice([p for p in EXAMPLE_PROFILES if p.suffix == "." + fmt]).read_bytes())
        )
        if kind == "byte_flip":
            raw = flip_bytes(rng, raw)
        elif kind == "duplicate_key":
            lines = raw.splitlines(keepends=True)
            if fmt == "toml":
                candidates = [ln for ln in lines if b"=" in ln] or lines
                raw = raw + b"\n" + rng.choice(candidates)
            else:
                key = rng.choice(list(data))
                raw = (
                    b"{"
                    + json.dumps(key).encode()
                    + b": "
                    + json_value(weird_value(rng, fmt)).encode("utf-8", "surrogatepass")
                    + b", "
                    + raw.lstrip()[1:]
                )
        elif kind == "nul_byte":
            i = rng.randrange(len(raw) + 1)
            raw = raw[:i] + b"\x00" + raw[i:]
        elif kind == "bom":
            raw = rng.choice([b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe"]) + raw
        elif kind == "big_file":
            size = rng.choice([MiB + 1, MiB + 100, 2 * MiB, MiB - len(raw) - 10])
            pad = max(0, size - len(raw))
            raw = raw + (b"#" + b"x" * (pad - 2) + b"\n" if fmt == "toml" else b" " * pad)
        elif kind == "truncate":
            raw = raw[: rng.randrange(len(raw) + 1)]
        elif kind == "utf16":
            raw = raw.decode("utf-8", "surrogatepass").encode(
                rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"]), "surrogatepass"
            )
        elif kind == "crlf":
            raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        return raw, suffix
    _mutate_profile_data(rng, kind, data, fmt)
    return serialize_profile(data, fmt), suffix


# --- graph folders -----------------------------------------------------------------------


def read_graph(folder: Path = GRAPH_DATA) -> dict[str, dict[str, Any]]:
    return {p.name: tomllib.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.toml"))}


def write_graph(folder: Path, files: dict[str, Any]) -> None:
    """Write ``files`` (name -> parsed data, or raw bytes) into an empty ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(graph_toml(content), encoding="utf-8", errors="surrogatepass")


def _all_nodes(files: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        e
        for data in files.values()
        for entries in data.values()
        if isinstance(entries, list)
        for e in entries
        if isinstance(e, dict)
    ]


GRAPH_MUTATIONS = (
    "byte_flip",
    "wrong_type",
    "missing_key",
    "duplicate_id",
    "cycle",
    "huge_hours",
    "nan_hours",
    "weird_unicode",
    "deep_nesting",
    "many_files",
    "too_many_files",
    "big_chain",
    "nul_bom",
    "drop_file",
    "unknown_table",
    "stacked",
    "control_chars",
    "resource_kind",
    "subfolder",
    "long_number",
    "role_months",
    "name_clash",
    "odd_entries",
)
"""Every kind of graph mutation; the last four came with issue 26."""
NODE_KEYS = (
    "id",
    "name",
    "hours",
    "requires",
    "category",
    "description",
    "resources",
    "level",
    "salary",
    "kind",
    "min_months_in_previous_role",
    "experience_years",
    "notes",
    "source",
)


STAGE_IDS = frozenset(
    ("ml-engineer", "senior-ml-engineer", "ml-architect", "head-of-ml", "ml-engineering-manager")
)


def _mutate_graph_data(rng: random.Random, kind: str, files: dict[str, Any]) -> None:
    nodes = _all_nodes(files)
    node = rng.choice(nodes)
    if kind == "wrong_type":
        node[rng.choice(NODE_KEYS)] = weird_value(rng, "toml")
    elif kind == "missing_key":
        key = rng.choice([k for k in node if k != "kind"] or ["id"])
        node.pop(key, None)
    elif kind == "duplicate_id":
        name = rng.choice(sorted(files))
        section = rng.choice(["skills", "projects", "stages"])
        files[name].setdefault(section, []).append(dict(node))
    elif kind == "cycle":  # earlier stacked mutations may have broken ids and lists: pass them by
        by_id = {n["id"]: n for n in nodes if isinstance(n.get("id"), str)}
        with_reqs = [n for n in by_id.values() if isinstance(n.get("requires"), list) and n["requires"]]
        if not with_reqs:
            return
        a = rng.choice(with_reqs)
        chain = [a]
        for _ in range(rng.randint(1, 6)):  # walk down some prerequisites, then close the loop
            reqs = [r for r in chain[-1].get("requires", []) if isinstance(r, str) and r in by_id]
            if not reqs or not isinstance(by_id[reqs[0]].get("requires", []), list):
                break
            chain.append(by_id[rng.choice(reqs)])
        last = chain[-1].get("requires", [])
        chain[-1]["requires"] = [*(last if isinstance(last, list) else []), a["id"]]
    elif kind == "huge_hours":
        work = [n for n in nodes if "hours" in n]
        for n in rng.sample(work, rng.randint(1, min(5, len(work)))):
            n["hours"] = rng.choice([100_000, 99_999.99, 100_000.01, 1e308, 10**40, 5e-324, 1e-9])
    elif kind == "nan_hours":
        work = [n for n in nodes if "hours" in n]
        rng.choice(work)["hours"] = rng.choice([math.nan, math.inf, -math.inf, -0.0])
    elif kind == "weird_unicode":
        for n in rng.sample(nodes, min(10, len(nodes))):
            n[rng.choice(["name", "description", "category"])] = rng.choice(WEIRD_TEXT[1:])
        if rng.random() < 0.3:
            node["id"] = rng.choice(["pyth\u043en", "\u0130d", "a" * 201, "ÿ", "python\n"])
    elif kind == "deep_nesting":
        levels = rng.choice([100, 1000, 10_000])
        node[rng.choice(["description", "requires", "resources", "salary", "zzz"])] = rng.choice(
            [deep_list(levels), deep_table_toml(levels)]
        )
    elif kind == "big_chain":
        count = rng.choice([500, 3000])
        chain = [
            {
                "id": f"chain-{i}",
                "name": f"Chain {i}",
                "hours": rng.choice([0.5, 1, 40]),
                "requires": [f"chain-{i - 1}"] if i else [],
            }
            for i in range(count)
        ]
        files["zz-chain.toml"] = {"skills": chain}
        python = next((n for n in nodes if n.get("id") == "python"), node)
        python["requires"] = [*python.get("requires", []), f"chain-{count - 1}"]
    elif kind == "unknown_table":
        files[rng.choice(sorted(files))][rng.choice(["skill", "Stages", "x", "skills.extra"])] = [{"id": "x"}]
    elif kind == "control_chars":
        for n in rng.sample(nodes, min(3, len(nodes))):
            key = rng.choice(["name", "description", "category"])
            n[key] = str(n.get(key, "")) + rng.choice(CONTROL_TEXT)
    elif kind == "long_number":
        digits = "9" * rng.choice(LONG_DIGITS)
        run = "x" * rng.choice([0, 100_000, 2_000_000])
        node["description"] = Raw(f'"""\n{run}{digits}\n"""')
        node[rng.choice(["hours", "min_months_in_previous_role", "pick", "zzz"])] = Raw(digits)
    elif kind == "role_months":  # time in role that adds up past the plan's 50 years
        for stage in (n for n in nodes if n.get("id") in STAGE_IDS or "min_months_in_previous_role" in n):
            stage["min_months_in_previous_role"] = rng.choice([120, 300, 600])
    elif kind == "name_clash":  # a name that is another node's id or alias
        other = rng.choice(nodes)
        aliases = other.get("aliases") or []
        node["name"] = rng.choice([str(other.get("id", "x")).upper(), *aliases]) if other is not node else "x"
    elif kind == "resource_kind":
        with_resources = [n for n in nodes if n.get("resources")] or [node]
        chosen = rng.choice(with_resources)
        chosen["resources"] = [
            {
                "title": "T",
                "url": "https://example.org",
                "kind": rng.choice(["blog", "", "Docs", "docs", "podcast"]),
            }
        ]
    else:
        raise ValueError(kind)


def mutate_graph(rng: random.Random, kind: str, folder: Path) -> None:
    """Write a mutated copy of the shipped graph data into the new folder ``folder``."""
    files: dict[str, Any] = read_graph()
    if kind == "byte_flip":
        shutil.copytree(GRAPH_DATA, folder)
        target = rng.choice(sorted(folder.glob("*.toml")))
        target.write_bytes(flip_bytes(rng, target.read_bytes()))
        return
    if kind == "nul_bom":
        shutil.copytree(GRAPH_DATA, folder)
        target = rng.choice(sorted(folder.glob("*.toml")))
        raw = target.read_bytes()
        choice = rng.randrange(4)
        if choice == 0:
            raw = b"\xef\xbb\xbf" + raw
        elif choice == 1:
            i = rng.randrange(len(raw))
            raw = raw[:i] + b"\x00" + raw[i:]
        elif choice == 2:
            raw = raw.decode("utf-8").encode("utf-16")
        else:
            raw = b""
        target.write_bytes(raw)
        return
    if kind == "odd_entries":  # the data as shipped, beside entries that are not files
        write_graph(folder, files)
        odd_entries(rng, folder, ".toml")
        return
    if kind == "drop_file":
        del files[rng.choice(sorted(files))]
    elif kind == "many_files":
        # the same nodes, one per file, plus empty files: thousands of small files
        nodes: dict[str, Any] = {}
        for name, data in files.items():
            for section, entries in data.items():
                for i, entry in enumerate(entries):
                    nodes[f"{name[:-5]}-{section}-{i:03d}.toml"] = {section: [entry]}
        for i in range(rng.choice([200, 1500]) - len(nodes)):
            nodes[f"empty-{i:05d}.toml"] = b"" if i % 2 else b"# nothing here\n"
        files = nodes
    elif kind == "too_many_files":
        for i in range(2100):
            files[f"pad-{i:05d}.toml"] = b""
    elif kind == "subfolder":
        moved = rng.sample(sorted(files), rng.randint(1, len(files)))
        for name in moved:
            files[f"sub/{name}"] = files.pop(name)
    elif kind == "stacked":
        for _ in range(rng.randint(2, 4)):
            _mutate_graph_data(
                rng,
                rng.choice(
                    ["wrong_type", "missing_key", "duplicate_id", "cycle", "huge_hours", "weird_unicode"]
                ),
                files,
            )
    else:
        _mutate_graph_data(rng, kind, files)
    write_graph(folder, files)


# --- earlier calendar exports ------------------------------------------------------------

ICS_MUTATIONS = (
    "byte_flip",
    "drop_lines",
    "duplicate_lines",
    "bad_values",
    "truncate",
    "deep_nesting",
    "nul_bom",
    "long_lines",
    "not_a_calendar",
    "foreign_uids",
)
BAD_ICS_LINES = [
    b"DTEND:99999999T999999",
    b"DTEND;VALUE=DATE:20270230",
    b"DTEND;TZID=Nowhere/Zone:20270101T100000",
    b"DTEND:20270101T100000",
    b"DTEND:00010101T000000Z",
    b"DTEND:99991231T235959Z",
    b"DTEND;VALUE=PERIOD:20270101T100000Z/PT1H",
    b"DTEND:",
    b"DTSTART:garbage",
    b"SEQUENCE:99999999999999999999999",
    b"SEQUENCE:2147483647",
    b"DTSTART;TZID=Europe/Berlin:99991231T190000",
    b"DTSTART;TZID=Europe/Berlin:00010101T190000",
    b"SEQUENCE:-1",
    b"SEQUENCE:abc",
    b"UID:",
    b"STATUS:CANCELLED",
    b"X-PLANNER-ITEM:no-such-item",
    b"X-PLANNER-ITEM:",
    b"DURATION:P99999999W",
    b"RRULE:FREQ=SECONDLY",
    b"SUMMARY;ENCODING=BASE64:!!!",
]


def shrink_ics(ics: bytes, events: int = 30) -> bytes:
    """The calendar cut to its VTIMEZONE and first ``events`` events, still valid."""
    parts = ics.split(b"BEGIN:VEVENT\r\n")
    kept = parts[: events + 1]
    tail = kept[-1].split(b"END:VEVENT\r\n")[0] + b"END:VEVENT\r\n" if len(kept) > 1 else kept[-1]
    return b"BEGIN:VEVENT\r\n".join([*kept[:-1], tail]) + b"END:VCALENDAR\r\n"


def mutate_ics(rng: random.Random, kind: str, ics: bytes) -> bytes:
    lines = ics.split(b"\r\n")
    if kind == "byte_flip":
        return flip_bytes(rng, ics, rng.randint(1, 30))
    if kind == "drop_lines":
        for _ in range(rng.randint(1, 20)):
            if lines:
                del lines[rng.randrange(len(lines))]
    elif kind == "duplicate_lines":
        for _ in range(rng.randint(1, 20)):
            i = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines)), lines[i])
    elif kind == "bad_values":
        events = [i for i, ln in enumerate(lines) if ln in (b"BEGIN:VEVENT",)]
        for _ in range(rng.randint(1, 5)):
            at = rng.choice(events) + 1 if events else 1
            lines.insert(at, rng.choice(BAD_ICS_LINES))
        if rng.random() < 0.5:  # replace a real DTEND / SEQUENCE / UID line
            props = [
                i
                for i, ln in enumerate(lines)
                if ln.split(b":")[0].split(b";")[0] in (b"DTEND", b"DTSTART", b"SEQUENCE", b"UID")
            ]
            if props:
                lines[rng.choice(props)] = rng.choice(BAD_ICS_LINES)
    elif kind == "truncate":
        return ics[: rng.randrange(len(ics) + 1)]
    elif kind == "deep_nesting":
        levels = rng.choice([100, 10_000])
        inner = [b"BEGIN:VEVENT"] * levels + [b"END:VEVENT"] * levels
        lines[2:2] = inner
    elif kind == "nul_bom":
        return rng.choice(
            [
                b"\xef\xbb\xbf" + ics,
                ics.replace(b"SUMMARY:", b"SUMMARY:\x00", 3),
                ics.decode("utf-8").encode("utf-16"),
            ]
        )
    elif kind == "long_lines":
        lines.insert(3, b"X-LONG:" + b"x" * 1_000_000)
    elif kind == "foreign_uids":  # another person's export: no UID in common
        lines = [
            b"UID:%032x@planner.invalid" % rng.getrandbits(128) if ln.startswith(b"UID:") else ln
            for ln in lines
        ]
    elif kind == "not_a_calendar":
        return rng.choice(
            [
                b"",
                b"\x00" * 100,
                b"BEGIN:VCARD\r\nEND:VCARD\r\n",
                b"hello",
                b"BEGIN:VCALENDAR\r\n",
                b"END:VCALENDAR\r\n" * 1000,
            ]
        )
    return b"\r\n".join(lines)


# --- odd folder entries ----------------------------------------------------------------------


def odd_entries(rng: random.Random, folder: Path, suffix: str, count: int | None = None) -> list[str]:
    """Entries named ``*{suffix}`` in ``folder`` that are not regular files: dangling
    links, FIFOs nobody writes to, links to devices, folders, link loops, links to a
    folder, hidden files. Devices are reached through links, never by their names.
    Returns the names made."""
    import os

    made: list[str] = []
    number = 0
    while len(made) < (count or rng.randint(1, 5)):
        number += 1
        name = f"odd-{number}{suffix}"
        path = folder / name
        if os.path.lexists(path) or os.path.lexists(folder / f".{name}"):
            continue
        what = rng.choice(["dangling", "fifo", "zero", "null", "folder", "loop", "to-folder", "hidden"])
        if what == "dangling":
            path.symlink_to(folder / "nowhere" / name)
        elif what == "fifo":
            os.mkfifo(path)
        elif what in ("zero", "null"):
            path.symlink_to(f"/dev/{what}")
        elif what == "folder":
            path.mkdir()
        elif what == "loop":
            path.symlink_to(name)
        elif what == "to-folder":
            path.symlink_to(folder)
        else:
            path = folder / f".{name}"
            path.write_bytes(b"[[skills]]\nid = 1\n" if suffix == ".toml" else b"{")
        made.append(path.name)
    return made
