"""Typed, frozen records of the graph data and of a learner's profile.

Graph nodes are pydantic models with extra keys forbidden, so a misspelt key in a
TOML file is an error instead of a silently ignored value.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from planner.limits import MAX_DESCRIPTION_CHARS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_NODE_HOURS

ID_PATTERN: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

ALIAS_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._+#-]*$"

NodeId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID_CHARS)]
Alias = Annotated[str, StringConstraints(pattern=ALIAS_PATTERN, max_length=MAX_ID_CHARS)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME_CHARS)]
Text = Annotated[str, StringConstraints(max_length=MAX_DESCRIPTION_CHARS)]
Kind = Literal["skill", "project", "stage", "choice"]
WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Resource(_Frozen):
    """A learning resource: a course, book, page or practice site."""

    title: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)]
    kind: Annotated[str, StringConstraints(min_length=1, max_length=50)] = "docs"


class Salary(_Frozen):
    """A salary figure a stage carries: a range (``low``-``high``), a single figure
    (``low`` only), with its currency, a note on its scope and where it comes from."""

    low: int = Field(ge=0, strict=True)
    high: int | None = Field(default=None, ge=0, strict=True)
    currency: str = "USD"
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
    category: Annotated[str, StringConstraints(min_length=1, max_length=100)] = "uncategorized"
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
    experience_years: Annotated[str, StringConstraints(max_length=100)] | None = None
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
    category: Annotated[str, StringConstraints(min_length=1, max_length=100)] = "choice"
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
