"""The exception hierarchy of planner.

Library code raises these; the CLI turns them into messages and exit codes in one
place (:mod:`planner.cli`). Each error builds its message from its parts, so every
message names the file, the key or line, the offending value and what would be valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final, NamedTuple

from planner.words import count, name_head

EXIT_DATA: Final = 1
"""Exit status for invalid graph data or a plan that cannot be made."""
EXIT_USAGE: Final = 2
"""Exit status for a usage error, an invalid option value or an invalid profile."""
EXIT_INTERRUPTED: Final = 130
"""Exit status for a run stopped by Ctrl-C (128 + SIGINT, as shells report it)."""


PREFIX_CHARS: Final = 3
PREFIXES_SHOWN: Final = 3


def did_you_mean(word: str, candidates: Iterable[str], names: Mapping[str, str] | None = None) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest candidate, or ``""``.

    Case does not count as a difference: ``PYTHON`` suggests ``python``. Words find the
    nodes whose ``names`` (id to name) hold them all, those that begin with the words
    first: ``machine learning`` suggests ``'ml-fundamentals' (Machine learning
    fundamentals)`` before ``'head-of-ml' (Head of Machine Learning)``. A word of three
    or more characters that begins ids (or other one-word candidates) suggests the
    shortest three of them: ``pan`` suggests ``pandas``. Else the closest spelling.
    """
    folded: dict[str, str] = {}
    for candidate in candidates:  # the first spelling of a word wins: callers list ids first
        folded.setdefault(candidate.casefold(), candidate)
    key = word.casefold()
    if key in folded:
        return _listed([f"'{folded[key]}'"])
    named = _named(word, names or {})
    if named and len(_tokens(word)) > 1:
        return _listed(named)
    begun = [
        k
        for k in folded
        if len(key) >= PREFIX_CHARS and k.startswith(key) and not any(c.isspace() for c in k)
    ]
    matches = sorted(begun, key=lambda k: (len(k), k))[:PREFIXES_SHOWN]
    if not matches and named:
        return _listed(named)
    import difflib  # a spelling is matched only when a mistake is reported

    matches = matches or difflib.get_close_matches(key, sorted(folded), n=1, cutoff=0.6)
    return _listed([f"'{folded[m]}'" for m in matches])


def _listed(quoted: list[str]) -> str:
    if not quoted:
        return ""
    listed = f"{', '.join(quoted[:-1])} or {quoted[-1]}" if len(quoted) > 1 else quoted[0]
    return f" (did you mean {listed}?)"


def _tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _same(typed: str, word: str) -> bool:
    """Whether a typed word is a word of a name: the same, its start (three letters or
    more), or the same but for a plural s."""
    return (
        word == typed
        or (len(typed) >= PREFIX_CHARS and word.startswith(typed))
        or (word.rstrip("s") == typed.rstrip("s"))
    )


def _named(word: str, names: Mapping[str, str]) -> list[str]:
    """``'id' (name)`` of the nodes whose names hold every word of ``word``, best first:
    the words beginning the name's head (the part before its details), then in a row
    in the head, then anywhere in it, then anywhere in the name; then the shortest
    head, then the order of ``names`` (callers give prerequisites first)."""
    typed = _tokens(word)
    if not typed or all(len(t) < 2 for t in typed):
        return []

    def runs(words: list[str]) -> list[int]:
        return [i for i in range(len(words) - len(typed) + 1) if all(map(_same, typed, words[i:]))]

    def holds(words: list[str]) -> bool:
        return all(any(_same(t, w) for w in words) for t in typed)

    found = []
    for order, (node_id, name) in enumerate(names.items()):
        words, head = _tokens(name), name_head(name)
        if not holds(words):
            continue
        in_head = _tokens(head)
        rank = (runs(in_head)[:1] != [0], not runs(in_head), not holds(in_head), not runs(words))
        found.append(((*rank, len(in_head), order), f"'{node_id}' ({head})"))
    return [shown for _, shown in sorted(found)[:PREFIXES_SHOWN]]


def location(file: str | None, line: int | None = None) -> str:
    """Format ``file:line: `` (or less, when parts are unknown)."""
    if file is None:
        return ""
    return f"{file}:{line}: " if line else f"{file}: "


class PlannerError(Exception):
    """Base class of every error planner raises on purpose."""

    exit_code: int = EXIT_DATA


@dataclass(frozen=True)
class Problem:
    """One located problem in graph data: where it is and what is wrong.

    ``kind`` and ``ids`` say the same as ``message`` as data (for
    ``planner validate --format json`` and for tests); they are empty for problems
    found while reading a file.
    """

    file: str
    line: int
    message: str
    kind: str = field(default="", compare=False)
    ids: tuple[str, ...] = field(default=(), compare=False)

    def as_dict(self) -> dict[str, object]:
        """The problem as plain data, for JSON."""
        return {
            "file": self.file,
            "line": self.line or None,
            "kind": self.kind or "read",
            "ids": list(self.ids),
            "message": self.message,
        }

    def __str__(self) -> str:
        return f"{location(self.file, self.line)}{self.message}"


def _place(problem: Problem) -> tuple[str, int, str]:
    return problem.file, problem.line, problem.message


class GraphError(PlannerError):
    """Raised when graph data cannot be read or fails validation (exit 1)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(set(problems), key=_place))
        super().__init__("\n".join(str(p) for p in self.problems))


class ProfileProblem(NamedTuple):
    """One mistake in a profile: the key it is about, its line, and what is wrong."""

    key: str | None
    line: int | None
    message: str

    def located(self, file: str) -> str:
        where = f"key '{self.key}': " if self.key else ""
        return f"{location(file, self.line)}{where}{self.message}"


class ProfileError(PlannerError):
    """Raised when a profile is missing, unreadable or invalid (exit 2): with every
    mistake of the file at once in ``problems``, in the order of their lines."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        file: str,
        message: str = "",
        *,
        key: str | None = None,
        line: int | None = None,
        problems: Iterable[ProfileProblem] = (),
    ) -> None:
        found = tuple(problems) or (ProfileProblem(key, line, message),)
        self.file = file
        self.problems = tuple(sorted(found, key=lambda p: (p.line or 0, p.key or "")))
        first = self.problems[0]
        self.key, self.line, self.detail = first.key, first.line, first.message
        if len(self.problems) == 1:
            super().__init__(first.located(file))
        else:
            shown = "\n".join(f"  {p.located(file)}" for p in self.problems)
            super().__init__(f"{file} has {count(len(self.problems), 'problem')}:\n{shown}")


class OptionError(PlannerError):
    """Raised when an option, argument or setting has an invalid value (exit 2).

    ``option`` names it as the user typed it (``--target``, ``ID``), or is None for a
    setting such as ``SOURCE_DATE_EPOCH`` that the message names itself.
    """

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, option: str | None = None) -> None:
        self.option = option
        self.detail = message
        super().__init__(message)


class UnknownIdError(OptionError):
    """Raised when a command is given an id that the graph does not define, or one of
    the wrong kind (exit 2). ``names`` (id to name, of the nodes of the wanted kind)
    lets "did you mean" find nodes by the words of their names."""

    def __init__(
        self,
        node_id: str,
        known: Iterable[str],
        *,
        what: str = "node",
        option: str | None = None,
        kind: str | None = None,
        valid: Iterable[str] = (),
        ambiguous: tuple[str, ...] = (),
        names: Mapping[str, str] | None = None,
        by_id: str | None = None,
    ) -> None:
        self.node_id = node_id
        if ambiguous and by_id is not None:
            others = ", ".join(n for n in ambiguous if n != by_id)
            super().__init__(
                f"'{node_id}' is ambiguous: it is '{by_id}' (an id or alias) and the name of {others}; "
                "give one of their ids (and fix the graph data: `planner validate` says where)",
                option=option,
            )
            return
        if ambiguous:
            super().__init__(
                f"'{node_id}' is the name of {len(ambiguous)} nodes "
                f"({', '.join(ambiguous)}); give one of their ids",
                option=option,
            )
            return
        if kind is not None:
            message = f"'{node_id}' is a {kind}, but a {what} id is needed"
        else:
            message = f"unknown {what} id '{node_id}'"
        hint = did_you_mean(node_id, known, names)
        shown = list(valid)
        if not hint and shown:
            hint = f" (valid {what}s: {', '.join(shown)})"
        super().__init__(message + hint, option=option)


class PlanError(PlannerError):
    """Raised when a plan cannot be made from valid inputs (exit 1)."""


class OutputError(PlannerError):
    """Raised when an output file cannot be written (exit 1).

    ``detail`` is the message without the file's name (``cannot write it: No space
    left on device``), for a caller that names the file itself.
    """

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        self.detail = message if detail is None else detail
        super().__init__(message)


class WorkerError(PlannerError):
    """Raised when a worker process of ``planner batch`` or its Dask cluster fails (exit 1)."""


class ToolMissingError(PlannerError):
    """Raised when an external program (Graphviz ``dot``) is needed but missing (exit 1)."""


class CalendarError(PlannerError):
    """Raised when a previous calendar file cannot be read (exit 2)."""

    exit_code = EXIT_USAGE


class ForeignCalendarError(CalendarError):
    """Raised when an earlier export shares no event with the new plan (another
    person's calendar?), so updating it would cancel every future event it holds
    (exit 2)."""

    def __init__(self, events: int) -> None:
        self.events = events
        super().__init__(
            f"the earlier calendar shares no event with this plan; updating it would "
            f"cancel its {count(events, 'future event')}"
        )


class SourceError(PlannerError):
    """Raised by the shared readers of :mod:`planner.io.reading` when a file cannot be read
    as text (too big, binary, not UTF-8, a number too long); each reader words it for
    its kind of file."""

    def __init__(self, message: str, *, line: int | None = None, key: str | None = None) -> None:
        self.detail, self.line, self.key = message, line, key
        super().__init__(message)
