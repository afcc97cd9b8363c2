"""Typed, frozen records of the graph data and of a learner's profile.

Graph nodes are pydantic models with extra keys forbidden, so a misspelt key in a
TOML file is an error instead of a silently ignored value.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from planner.limits import MAX_DESCRIPTION_CHARS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_NODE_HOURS

ID_PATTERN: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters (C0, DEL, C1): none may be in a one-line text."""
_CONTROL_IN_TEXT: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_problem(text: str, pattern: re.Pattern[str] = CONTROL) -> str | None:
    """What is wrong with a text that holds a control character ``pattern`` matches
    (which would reach terminals, Graphviz and XML raw), or None."""
    found = pattern.search(text)
    if found is None:
        return None
    return (f"holds the control character U+{ord(found.group()):04X} at character "
            f"{found.start() + 1}; use plain text")


def _no_control(pattern: re.Pattern[str]) -> AfterValidator:
    def check(value: str) -> str:
        problem = control_problem(value, pattern)
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


ALIAS_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._+#-]*$"

NodeId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID_CHARS)]
Alias = Annotated[str, StringConstraints(pattern=ALIAS_PATTERN, max_length=MAX_ID_CHARS)]
Line = Annotated[str, _no_control(CONTROL)]
"""A one-line text: no control characters at all."""
Name = Annotated[Line, StringConstraints(min_length=1, max_length=MAX_NAME_CHARS)]
Text = Annotated[str, StringConstraints(max_length=MAX_DESCRIPTION_CHARS), _no_control(_CONTROL_IN_TEXT)]
"""A longer text: line breaks and tabs, no other control characters."""
Kind = Literal["skill", "project", "stage", "choice"]
ResourceKind = Literal["course", "book", "docs", "tutorial", "video", "article", "practice",
                       "community", "certification"]
WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Resource(_Frozen):
    """A learning resource: a course, book, page or practice site."""

    title: Annotated[Line, StringConstraints(min_length=1, max_length=500)]
    url: Annotated[Line, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)]
    kind: ResourceKind = "docs"


class Salary(_Frozen):
    """A salary figure a stage carries: a range (``low``-``high``), a single figure
    (``low`` only), with its currency, a note on its scope and where it comes from."""

    low: int = Field(ge=0, strict=True)
    high: int | None = Field(default=None, ge=0, strict=True)
    currency: Annotated[Line, StringConstraints(max_length=20)] = "USD"
    note: Text = ""
    source: Text = ""

    def __str__(self) -> str:
        amount = f"{self.low:,}" if self.high is None or self.high == self.low else (
            f"{self.low:,}-{self.high:,}")
        return f"{self.currency} {amount}"


class _Work(_Frozen):
    id: NodeId
    name: Name
    hours: float = Field(gt=0, le=MAX_NODE_HOURS, allow_inf_nan=False, strict=True)
    requires: tuple[NodeId, ...] = ()
    recommends: tuple[NodeId, ...] = ()
    aliases: tuple[Alias, ...] = ()
    category: Annotated[Line, StringConstraints(min_length=1, max_length=100)] = "uncategorized"
    description: Text = ""
    resources: tuple[Resource, ...] = ()


class Skill(_Work):
    """A skill, tool, practice or activity to learn, with its effort in hours."""

    kind: Literal["skill"] = "skill"


class Project(_Work):
    """A portfolio project that exercises the skills it requires."""

    kind: Literal["project"] = "project"


class Stage(_Frozen):
    """A career stage: reached when everything it requires is known."""

    kind: Literal["stage"] = "stage"
    id: NodeId
    name: Name
    requires: tuple[NodeId, ...] = ()
    recommends: tuple[NodeId, ...] = ()
    aliases: tuple[Alias, ...] = ()
    level: int | None = Field(default=None, ge=0, le=1_000_000, strict=True)
    description: Text = ""
    experience_years: Annotated[Line, StringConstraints(max_length=100)] | None = None
    salary: Salary | None = None
    """One salary figure; ``salaries`` holds more, each with its own source."""
    salaries: tuple[Salary, ...] = ()
    source: Text | None = None
    min_months_in_previous_role: int = Field(default=0, ge=0, le=600, strict=True)

    @property
    def all_salaries(self) -> tuple[Salary, ...]:
        """``salary`` and ``salaries`` together, in the order the data gives them."""
        return ((self.salary,) if self.salary else ()) + self.salaries


class Choice(_Frozen):
    """"One of these": satisfied when ``pick`` of its members (skills or projects)
    are done. A choice id may stand in any ``requires`` list."""

    kind: Literal["choice"] = "choice"
    id: NodeId
    name: Name
    one_of: tuple[NodeId, ...]
    pick: int = Field(default=1, strict=True)
    aliases: tuple[Alias, ...] = ()
    recommends: tuple[NodeId, ...] = ()
    category: Annotated[Line, StringConstraints(min_length=1, max_length=100)] = "choice"
    description: Text = ""

    @property
    def requires(self) -> tuple[str, ...]:
        """The members: the edges of the graph run from each member to the choice."""
        return self.one_of


Node = Skill | Project | Stage | Choice


class Blackout(BaseModel):
    """Days without study, inclusive on both ends, in the profile's zone."""

    model_config = ConfigDict(frozen=True)

    start: dt.date
    end: dt.date
    reason: str = ""


class Window(BaseModel):
    """A weekly availability window in local wall-clock minutes after midnight."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0, le=24 * 60)
    end: int = Field(ge=0, le=24 * 60)

    def __str__(self) -> str:
        return f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"


class Profile(BaseModel):
    """A learner: what they know, where they aim, and when they can study.

    Built by :func:`planner.profile.load_profile`, which checks every key against the
    graph and reports problems with their file and line.
    """

    model_config = ConfigDict(frozen=True)

    name: str = ""
    target: str
    current_stage: str | None = None
    start: dt.date | None = None
    timezone: str = "UTC"
    hours_per_week: float
    known: tuple[str, ...] = ()
    progress: dict[str, float] = Field(default_factory=dict)
    availability: dict[str, tuple[Window, ...]]
    blackouts: tuple[Blackout, ...] = ()
    deadline: dt.date | None = None
    focus: tuple[str, ...] = ()
    current_stage_since: dt.date | None = None
    """When the person started in ``current_stage`` (time in role counts from it)."""
    recommended: bool = False
    """Plan every recommended node too."""
    choices: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    """The person's picks for choices of the graph: choice id -> member ids."""
    review_days: tuple[int, ...] = ()
    """A 30-minute review this many days after an item's last session, for each entry."""
    completed: dict[str, dt.date] = Field(default_factory=dict)
    """The day each id was recorded done (``planner done``): the history pace is measured on."""
    source: str = "profile"
    """The file the profile came from, for messages and calendar UIDs."""
