"""What the web app serves from: the profile file, read afresh for every request.

The file is the one source of truth, so every request reads it again (a profile is
at most 1 MiB, read in microseconds). Checking it against the graph is only redone
when its bytes change; the graph itself is parsed once, at start. A file that cannot
be read, parsed or checked is not a failure of the app: :class:`Snapshot` carries its
error, and the pages show it in the command line's words.

The current moment comes from the clock the front door hands in (the command line
honours ``SOURCE_DATE_EPOCH``), read once per request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, NamedTuple
from zoneinfo import ZoneInfo

from planner.errors import PlannerError, ProfileError
from planner.graph import CareerGraph
from planner.profile import check_profile, parse_profile, read_profile_bytes
from planner.records import Profile
from planner.usecases import Picture, picture

Clock = Callable[[], dt.datetime]
NOTES_KEPT: Final = 32


class Snapshot(NamedTuple):
    """The profile file as one request sees it."""

    digest: str
    """A hash of the file's bytes ("" when they could not be read)."""
    data: dict[str, Any] | None = None
    """The parsed keys and values (None: the file could not be read or parsed)."""
    text: str = ""
    is_json: bool = False
    profile: Profile | None = None
    """The checked profile (None: see ``error``)."""
    error: PlannerError | None = None


class Note(NamedTuple):
    """A message for the next page: what a change did, or why it failed."""

    text: str
    ok: bool = True


@dataclass
class Site:
    """The profile served, the graph it is checked against, and the clock."""

    path: Path
    graph: CareerGraph
    clock: Clock
    _last: Snapshot | None = field(default=None, repr=False)
    _pictures: dict[tuple[str, dt.date], str] = field(default_factory=dict, repr=False)
    _notes: OrderedDict[str, Note] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def shown_path(self) -> str:
        return str(self.path)

    def now(self) -> dt.datetime:
        return self.clock()

    def read(self) -> Snapshot:
        """The profile file as it is now (parsed and checked again only when its bytes changed)."""
        try:
            raw = read_profile_bytes(self.path)
        except ProfileError as exc:
            return Snapshot("", error=exc)
        digest = hashlib.sha256(raw).hexdigest()
        last = self._last
        if last is not None and last.digest == digest:
            return last
        snapshot = self._check(raw, digest)
        with self._lock:
            self._last = snapshot
        return snapshot

    def _check(self, raw: bytes, digest: str) -> Snapshot:
        file = str(self.path)
        try:
            data, text, is_json = parse_profile(raw, file=file, suffix=self.path.suffix)
        except ProfileError as exc:
            return Snapshot(digest, error=exc)
        try:
            profile = check_profile(data, self.graph, file=file, text=text, is_json=is_json)
        except PlannerError as exc:
            return Snapshot(digest, data, text, is_json, error=exc)
        return Snapshot(digest, data, text, is_json, profile)

    def picture_html(self, snapshot: Snapshot, profile: Profile, now: dt.datetime) -> str:
        """Today's career graph page for the profile (drawn by Graphviz once per file and day).

        Raises
        ------
        PlannerError
            When the plan cannot be made, or Graphviz is missing.
        """
        key = (snapshot.digest, now.astimezone(ZoneInfo(profile.timezone)).date())
        cached = self._pictures.get(key)
        if cached is not None:
            return cached
        drawn: Picture = picture(graph=self.graph, profile=profile, now=now)
        page = drawn.render("html")
        text = page if isinstance(page, str) else page.decode("utf-8")
        with self._lock:
            self._pictures.clear()  # one day's page of one file is all that is worth keeping
            self._pictures[key] = text
        return text

    def remember(self, note: Note) -> str:
        """Keep ``note`` for the page the browser goes to next; the key to ask for it."""
        key = secrets.token_urlsafe(12)
        with self._lock:
            self._notes[key] = note
            while len(self._notes) > NOTES_KEPT:
                self._notes.popitem(last=False)
        return key

    def recall(self, key: str | None) -> Note | None:
        if not key:
            return None
        with self._lock:
            return self._notes.get(key)
