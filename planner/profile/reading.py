"""Reading a profile file: bounded, decoded, parsed as TOML or JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import tomli

from planner.errors import ProfileError, SourceError
from planner.io.reading import decode_text, number_too_long, read_limited, read_regular, toml_error_line
from planner.limits import (
    MAX_PROFILE_BYTES,
)


def read_profile_data(path: Path) -> tuple[dict[str, Any], str, bool]:
    """Read a profile file into a dict; return it with its text and whether it was JSON."""
    return parse_profile(read_profile_bytes(path), file=str(path), suffix=path.suffix)


def read_profile_bytes(path: Path, *, regular: bool = False) -> bytes:
    """The bytes of the profile file at ``path``, refused when it is too big to be one.

    With ``regular``, only a regular file is read: a FIFO, a device or a socket is
    refused without waiting on it (a cohort folder's entries are read so). Otherwise a
    pipe is read too (``<(...)``), within the same limit.

    Raises
    ------
    ProfileError
        When the file is missing (or a broken link), a folder, larger than 1 MiB or
        unreadable, or with ``regular`` not a regular file.
    """
    file = str(path)
    shown = "1 MiB, the most a profile may hold"
    try:
        if regular:
            return read_regular(path, MAX_PROFILE_BYTES, shown=shown)
        return read_limited(path, MAX_PROFILE_BYTES, shown=shown)
    except IsADirectoryError:
        raise ProfileError(file, "is a folder, not a profile file") from None
    except SourceError as exc:
        detail = "is a folder, not a profile file" if path.is_dir() else exc.detail
        raise ProfileError(file, detail) from None
    except FileNotFoundError:
        if path.is_symlink():
            raise ProfileError(
                file, f"is a symbolic link to {os.readlink(path)}, which does not exist"
            ) from None
        raise ProfileError(file, "no such file (run `planner init` to write a starter profile)") from None
    except OSError as exc:
        raise ProfileError(file, f"cannot read: {exc.strerror or exc}") from None


def parse_profile(raw: bytes, *, file: str, suffix: str = "") -> tuple[dict[str, Any], str, bool]:
    """Parse a profile's bytes (TOML, or JSON for a ``.json`` suffix or text that
    starts with ``{``) into a dict; return it with its text and whether it was JSON.

    Raises
    ------
    ProfileError
        When the bytes are not UTF-8 text, hold a syntax error, or are not a table.
    """
    try:
        text = decode_text(raw, what="a TOML or JSON profile")
    except SourceError as exc:
        raise ProfileError(file, exc.detail) from None
    if not text.strip():
        raise ProfileError(
            file,
            "is empty; a profile needs at least target, hours_per_week and "
            "availability (run `planner init` for a commented starter)",
        )
    is_json = suffix.lower() == ".json" or (suffix.lower() != ".toml" and text.lstrip().startswith("{"))
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys) if is_json else tomli.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(
            file, f"JSON syntax error: {exc.msg} (column {exc.colno})", line=exc.lineno
        ) from None
    except tomli.TOMLDecodeError as exc:
        line = toml_error_line(exc)
        detail = f"TOML syntax error: {exc}"
        source = text.splitlines()[line - 1].strip() if line and line <= len(text.splitlines()) else ""
        for token in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", source):
            try:
                dt.date.fromisoformat(token)
            except ValueError:
                detail = f"impossible date {token} in '{source[:80]}'; use a real date YYYY-MM-DD"
                break
        raise ProfileError(file, detail, line=line) from None
    except SourceError as exc:  # a JSON key given twice
        lines = [
            text.count("\n", 0, m.start()) + 1 for m in re.finditer(rf'"{re.escape(str(exc.key))}"\s*:', text)
        ]
        raise ProfileError(file, exc.detail, key=exc.key, line=lines[1] if len(lines) > 1 else None) from None
    except RecursionError:
        raise ProfileError(file, "nests tables or arrays too deeply to be a profile") from None
    except ValueError:  # a number with more digits than Python reads
        long = number_too_long(text)
        raise ProfileError(file, long.detail, key=long.key, line=long.line) from None
    if not isinstance(data, dict):
        raise ProfileError(file, f"must be a table of keys (a JSON object), not {type(data).__name__}")
    return data, text, is_json


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's keys and values, refusing a key given twice (TOML refuses it too)."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise SourceError("is given twice; each key may appear once in an object", key=key)
        data[key] = value
    return data
