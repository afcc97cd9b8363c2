"""A learner's profile, declared once: its keys, their types and their rules.

The profile file (TOML, or JSON with the same keys) is read straight into
:class:`Profile`; the annotations say what each key may hold, and the rules convert the
file's forms into the planner's (``"19:00-21:00"`` into a :class:`Window`, a blackout's
table into a :class:`Blackout`, an id, alias or name into the node's id). What depends
on several keys at once (a deadline after the start, a choice's members) is checked in
:mod:`planner.profile.validation`. ``planner schema profile`` prints this declaration as
a JSON Schema.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Final, NotRequired

from typing_extensions import TypedDict

from planner.limits import (
    MAX_BLACKOUTS,
    MAX_HOURS_PER_WEEK,
    MAX_REVIEW_DAYS,
    MAX_REVIEWS,
    MAX_TEXT_CHARS,
    MIN_SESSION_MINUTES,
)
from planner.records.record import Record
from planner.records.rules import (
    Convert,
    Day,
    Exact,
    FieldProblem,
    MaxItems,
    NodeRef,
    Number,
    OneOf,
    OneOrMany,
    Rule,
    Text,
    Unique,
    Zone,
)

WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*")
_FORBID_EXTRA: Final = {"extra": "forbid"}


@dataclass(frozen=True, eq=False, repr=False)
class Window(Record):
    """A weekly availability window in local wall-clock minutes after midnight (0 to
    1440)."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"

    @classmethod
    def parse(cls, span: str) -> Window:
        """The window ``"HH:MM-HH:MM"`` (24-hour; 24:00 is midnight at its end).

        Raises
        ------
        ValueError
            Saying what is wrong with the text.
        """
        match = _WINDOW.fullmatch(span)
        if not match:
            raise ValueError(f'"{span}" is not a window; use 24-hour "HH:MM-HH:MM", e.g. "19:00-21:00"')
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        for hour, minute, is_end in ((h1, m1, False), (h2, m2, True)):
            if minute > 59 or hour > 24 or (hour == 24 and (minute or not is_end)):
                raise ValueError(
                    f'"{span.strip()}" has an impossible time {hour:02d}:{minute:02d}; times run from '
                    "00:00 to 24:00"
                )
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:
            raise ValueError(
                f'"{span.strip()}" ends before it starts; a window must end later the same day (use 24:00 '
                "for midnight)"
            )
        if end - start < MIN_SESSION_MINUTES:
            raise ValueError(
                f'"{span.strip()}" is {end - start} minutes long; a window must be at least '
                f"{MIN_SESSION_MINUTES} minutes (the shortest session)"
            )
        return cls(start=start, end=end)


@dataclass(eq=False, repr=False)
class DayWindows(Rule):
    """The windows of one day, sorted, none overlapping another; touching ones merge."""

    def check(self, value: Any, context: Any) -> Any:
        merged: list[Window] = []
        for window in sorted(value, key=lambda w: w.start):
            if merged and window.start < merged[-1].end:
                raise ValueError(
                    f"windows {merged[-1]} and {window} overlap; windows on one day must not overlap"
                )
            if merged and window.start == merged[-1].end:
                merged[-1] = Window(start=merged[-1].start, end=window.end)
            else:
                merged.append(window)
        return tuple(merged)


@dataclass(eq=False, repr=False)
class Week(Rule):
    """A week's windows by weekday, in weekday order; at least one window in all."""

    expect: str = 'a table of weekday = ["HH:MM-HH:MM", ...]'

    def check(self, value: Any, context: Any) -> Any:
        found = {day: value[day] for day in WEEKDAYS if value.get(day)}
        if not found:
            raise ValueError(
                'no availability at all: give at least one weekly window, e.g. mon = ["19:00-21:00"]'
            )
        return found


@dataclass(frozen=True, order=True)
class Blackout:
    """Days without study, inclusive on both ends, in the profile's zone."""

    start: dt.date
    end: dt.date
    reason: str = ""

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> Blackout:
        """The blackout of a ``[[blackouts]]`` table (``to`` defaults to ``from``)."""
        start, end = table["from"], table.get("to", table["from"])
        if end < start:
            raise FieldProblem("to", f"{end} is before from = {start}")
        return cls(start=start, end=end, reason=table.get("reason", ""))


@dataclass(frozen=True, eq=False, repr=False)
class Experience(Record):
    """A role held before or beside the plan: a stage, or a job done at work."""

    role: str
    start: dt.date
    end: dt.date | None = None
    """None: still in it."""

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> Experience:
        """The experience of an ``[[experience]]`` table."""
        start, end = table["from"], table.get("to")
        if end is not None and end < start:
            raise FieldProblem("to", f"{end} is before from = {start}")
        return cls(role=table["role"], start=start, end=end)


Date = Annotated[dt.date, Day()]
PlainText = Annotated[str, Text(MAX_TEXT_CHARS)]
StageRef = Annotated[str, NodeRef(("stage",))]
WorkRef = Annotated[str, NodeRef(("skill", "project"))]
KnownRef = Annotated[str, NodeRef(("skill", "project", "stage"))]
ChoiceRef = Annotated[str, NodeRef(("choice",))]
MemberText = Annotated[str, Text(MAX_TEXT_CHARS, 1, expect="a member's id")]
Weekday = Annotated[str, OneOf(WEEKDAYS, what="weekday")]
Fraction = Annotated[
    float,
    Number(
        ge=0,
        le=1,
        expect="a fraction between 0 and 1 (e.g. 0.5 for half done)",
        hint=" (e.g. 0.5 for half done)",
    ),
]
Flag = Annotated[bool, Exact(expect="true or false")]
WindowText = Annotated[
    str,
    Text(
        20,
        pattern=_WINDOW.pattern,
        expect='a window; use 24-hour "HH:MM-HH:MM", e.g. "19:00-21:00"',
    ),
]
IdList = Annotated[
    tuple[KnownRef, ...], OneOrMany(), Unique(), Exact(expect='a list of ids, e.g. ["python", "git"]')
]


BlackoutTable = TypedDict(  # "from" is a keyword, so the functional form
    "BlackoutTable",
    {"from": Date, "to": NotRequired[Date], "reason": NotRequired[PlainText]},
)
BlackoutTable.__pydantic_config__ = _FORBID_EXTRA  # type: ignore[attr-defined]
ExperienceTable = TypedDict(
    "ExperienceTable",
    {"role": KnownRef, "from": Date, "to": NotRequired[Date]},
)
ExperienceTable.__pydantic_config__ = _FORBID_EXTRA  # type: ignore[attr-defined]


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Profile(Record):
    """A learner: what they know, where they aim, and when they can study.

    Read from a file by :func:`planner.profile.load_profile`, which also checks what
    depends on several keys and on the graph, and reports every problem with its line.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {**_FORBID_EXTRA, "use_attribute_docstrings": True}

    name: PlainText = ""
    """The learner's name, for the roadmap's title and the calendar."""
    target: StageRef
    """The stage to reach (`planner stages` lists them)."""
    current_stage: StageRef | None = None
    """The stage held now: everything it requires is known."""
    current_stage_since: Date | None = None
    """When the person took current_stage (time in role counts from it)."""
    start: Date | None = None
    """The plan's first day (default: today)."""
    timezone: Annotated[str, Zone()] = "UTC"
    """The IANA time zone of the windows and the calendar, e.g. Europe/Berlin."""
    hours_per_week: Annotated[
        float,
        Number(
            gt=0, le=MAX_HOURS_PER_WEEK, expect="a number of hours (e.g. 8)", hint=" (the hours in a week)"
        ),
    ]
    """The most study time in any calendar week (Monday to Sunday)."""
    known: IdList = ()
    """What is already mastered (ids, aliases or names); their prerequisites count too."""
    progress: Annotated[
        dict[WorkRef, Fraction], Exact(expect="a table of id = fraction, e.g. pandas = 0.5")
    ] = field(default_factory=dict)
    """The fraction (0 to 1) of a skill or project already done."""
    availability: Annotated[
        dict[
            Weekday,
            Annotated[
                tuple[Annotated[Window, Convert(WindowText, Window.parse)], ...],
                OneOrMany(),
                DayWindows(),
                Exact(expect='a list of windows like ["19:00-21:00"]'),
            ],
        ],
        Week(),
    ]
    """Weekly windows, local time, 24-hour: mon = ["19:00-21:00"]."""
    blackouts: Annotated[
        tuple[Annotated[Blackout, Convert(BlackoutTable, Blackout.from_table)], ...],
        MaxItems(MAX_BLACKOUTS, "blackouts", hint=" (one blackout may span many days)"),
        Unique(),
        Exact(expect="an array of tables [[blackouts]] with from, to and an optional reason"),
    ] = ()
    """Days without study: [[blackouts]] with from, to (inclusive) and an optional reason."""
    deadline: Date | None = None
    """Reach the target by this day (a missed deadline is a warning, not an error)."""
    focus: IdList = ()
    """Ids to learn too, as early as their prerequisites allow."""
    recommended: Flag = False
    """Plan what the graph recommends, not only what it requires."""
    study_ahead: Flag = False
    """Plan every stage's study as early as possible, not while holding the stage below."""
    choices: Annotated[
        dict[ChoiceRef, Annotated[tuple[MemberText, ...], OneOrMany()]],
        Exact(expect='a table of choice id = member id, e.g. dl-framework = "pytorch"'),
    ] = field(default_factory=dict)
    """Your pick for a "one of these" choice (a list when it takes several members)."""
    review_days: Annotated[
        tuple[
            Annotated[int, Number(ge=1, le=MAX_REVIEW_DAYS, integer=True, expect="a whole number of days")],
            ...,
        ],
        MaxItems(MAX_REVIEWS, "review days"),
        Unique(),
        Exact(expect="a list of whole numbers of days, e.g. [7, 30, 90]"),
    ] = ()
    """A 30-minute review this many days after each item ends."""
    completed: Annotated[
        dict[KnownRef, Date], Exact(expect="a table of id = date, e.g. python = 2027-02-18")
    ] = field(default_factory=dict)
    """Written by `planner done`: the day each item was finished."""
    experience: Annotated[
        tuple[Annotated[Experience, Convert(ExperienceTable, Experience.from_table)], ...],
        Exact(expect="an array of tables [[experience]] with role, from and an optional to"),
    ] = ()
    """Roles held before or beside the plan: [[experience]] with role, from and to."""
    source: str = field(default="profile", init=False, compare=False)
    """The file the profile came from, for messages and calendar UIDs (not a key)."""

    def located(self, file: str) -> Profile:
        """This profile, as read from ``file``."""
        object.__setattr__(self, "source", file)  # where the record came from: set once, on reading
        return self

    def changed(self, **changes: Any) -> Profile:
        """A copy with ``changes``, from the same file."""
        return dataclasses.replace(self, **changes).located(self.source)


__all__ = [
    "WEEKDAYS",
    "Blackout",
    "BlackoutTable",
    "Experience",
    "ExperienceTable",
    "Profile",
    "Window",
]
