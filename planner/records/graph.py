"""Typed, frozen records of the graph data and of a learner's profile.

The records are plain dataclasses, so reading a graph or a profile costs no more than
building them. What a graph file's values must be is said once, in :data:`RULES`:
:mod:`planner.records.quick` builds a node from a table whose values plainly keep
them, and :mod:`planner.records.schema` gives the same rules to pydantic, which validates any
other table and words what is wrong with it. Extra keys are forbidden, so a misspelt
key in a TOML file is an error instead of a silently ignored value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, NamedTuple

from planner.limits import MAX_DESCRIPTION_CHARS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_NODE_HOURS

if TYPE_CHECKING:
    from typing import TypeAlias

    # To a type checker the constrained types of the fields below are plain; at run
    # time the names are resolved by planner.records.schema, with the constraints of RULES.
    NodeId: TypeAlias = str
    Alias: TypeAlias = str
    Name: TypeAlias = str
    Text: TypeAlias = str
    Title: TypeAlias = str
    Url: TypeAlias = str
    Category: TypeAlias = str
    Currency: TypeAlias = str
    Years: TypeAlias = str
    Hours: TypeAlias = float
    Amount: TypeAlias = int
    Level: TypeAlias = int
    Months: TypeAlias = int
    Pick: TypeAlias = int
    Rate: TypeAlias = float
    Flag: TypeAlias = bool

ID_PATTERN: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ALIAS_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._+#-]*$"
CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters (C0, DEL, C1): none may be in a one-line text."""
CONTROL_IN_TEXT: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""The control characters a longer text may not hold: all but tab and line breaks."""


def control_problem(text: str, pattern: re.Pattern[str] = CONTROL) -> str | None:
    """What is wrong with a text that holds a control character ``pattern`` matches
    (which would reach terminals, Graphviz and XML raw), or None."""
    found = pattern.search(text)
    if found is None:
        return None
    return (
        f"holds the control character U+{ord(found.group()):04X} at character "
        f"{found.start() + 1}; use plain text"
    )


class TextRule(NamedTuple):
    """What a text value must be: at most ``max_length`` characters and at least
    ``min_length``, matching ``pattern`` (when given) and free of the characters
    ``control`` finds."""

    max_length: int
    min_length: int = 0
    pattern: str | None = None
    control: re.Pattern[str] = CONTROL


class NumberRule(NamedTuple):
    """What a number must be: an ``int`` (never a boolean), or a finite ``float``
    (which an ``int`` also gives), within the bounds given."""

    type: type[int] | type[float]
    gt: float | None = None
    ge: float | None = None
    le: float | None = None


RULES: Final[dict[str, TextRule | NumberRule]] = {
    "NodeId": TextRule(MAX_ID_CHARS, pattern=ID_PATTERN),
    "Alias": TextRule(MAX_ID_CHARS, pattern=ALIAS_PATTERN),
    "Name": TextRule(MAX_NAME_CHARS, 1),
    "Text": TextRule(MAX_DESCRIPTION_CHARS, control=CONTROL_IN_TEXT),
    "Title": TextRule(500, 1),
    "Url": TextRule(2000, pattern=r"^https?://\S+$"),
    "Category": TextRule(100, 1),
    "Currency": TextRule(20),
    "Years": TextRule(100),
    "Hours": NumberRule(float, gt=0, le=MAX_NODE_HOURS),
    "Amount": NumberRule(int, ge=0),
    "Level": NumberRule(int, ge=0, le=1_000_000),
    "Months": NumberRule(int, ge=0, le=600),
    "Pick": NumberRule(int),
    "Rate": NumberRule(float, gt=0, le=1),
}
"""The constrained types of the graph records' fields, by the name their annotations
use. (``Flag``, a true or false that is never a number or a text, needs no rule.)"""

Kind = Literal["skill", "project", "stage", "choice"]
ResourceKind = Literal[
    "course", "book", "docs", "tutorial", "video", "article", "practice", "community", "certification"
]
WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_FORBID_EXTRA: Final = {"extra": "forbid"}


@dataclass(frozen=True, kw_only=True)
class Resource:
    """A learning resource: a course, book, page or practice site."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    title: Title
    url: Url
    kind: ResourceKind = "docs"


@dataclass(frozen=True, kw_only=True)
class Salary:
    """A salary figure a stage carries: a range (``low``-``high``), a single figure
    (``low`` only), with its currency, a note on its scope and where it comes from."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    low: Amount
    high: Amount | None = None
    currency: Currency = "USD"
    note: Text = ""
    source: Text = ""

    def __str__(self) -> str:
        amount = (
            f"{self.low:,}" if self.high is None or self.high == self.low else (f"{self.low:,}-{self.high:,}")
        )
        return f"{self.currency} {amount}"


@dataclass(frozen=True, kw_only=True)
class _Work:
    """What skills and projects share: effort, prerequisites and resources.

    Study takes ``hours``; an ``at_work`` node (a role, an internship, mentoring,
    leading a project) takes ``months`` of calendar time at a job instead, beside study.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    id: NodeId
    name: Name
    hours: Hours | None = None
    """Effort to working proficiency from scratch; every node but an at_work one has it."""
    requires: tuple[NodeId, ...] = ()
    recommends: tuple[NodeId, ...] = ()
    aliases: tuple[Alias, ...] = ()
    category: Category = "uncategorized"
    description: Text = ""
    resources: tuple[Resource, ...] = ()
    at_work: Flag = False
    """Done at a job, not in evening study: it takes ``months``, never study hours."""
    months: Months | None = None
    """The calendar months an ``at_work`` node takes."""


@dataclass(frozen=True, kw_only=True)
class Skill(_Work):
    """A skill, tool, practice or activity to learn, with its effort in hours."""

    kind: Literal["skill"] = "skill"


@dataclass(frozen=True, kw_only=True)
class Project(_Work):
    """A portfolio project that exercises the skills it requires."""

    kind: Literal["project"] = "project"


@dataclass(frozen=True, kw_only=True)
class Stage:
    """A career stage: reached when everything it requires is known."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    kind: Literal["stage"] = "stage"
    id: NodeId
    name: Name
    requires: tuple[NodeId, ...] = ()
    recommends: tuple[NodeId, ...] = ()
    aliases: tuple[Alias, ...] = ()
    level: Level | None = None
    description: Text = ""
    experience_years: Years | None = None
    salary: Salary | None = None
    """One salary figure; ``salaries`` holds more, each with its own source."""
    salaries: tuple[Salary, ...] = ()
    source: Text | None = None
    min_months_in_previous_role: Months = 0
    experience_counts: dict[NodeId, Rate] = field(default_factory=dict)
    """Roles (stage or at_work node ids) whose months in a profile's ``[[experience]]``
    count toward ``min_months_in_previous_role``, each at its rate (0 to 1)."""
    job_search_months: Months = 0
    """The months between the stage's skills being ready and reaching it (a first job
    is searched for), unless the person holds it already."""

    @property
    def all_salaries(self) -> tuple[Salary, ...]:
        """``salary`` and ``salaries`` together, in the order the data gives them."""
        return ((self.salary,) if self.salary else ()) + self.salaries


@dataclass(frozen=True, kw_only=True)
class Choice:
    """ "One of these": satisfied when ``pick`` of its members are done: skills or
    projects, or stages (the rung below a stage may be either of two stages). A
    choice id may stand in any ``requires`` list."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    kind: Literal["choice"] = "choice"
    id: NodeId
    name: Name
    one_of: tuple[NodeId, ...]
    pick: Pick = 1
    aliases: tuple[Alias, ...] = ()
    recommends: tuple[NodeId, ...] = ()
    category: Category = "choice"
    description: Text = ""

    @property
    def requires(self) -> tuple[str, ...]:
        """The members: the edges of the graph run from each member to the choice."""
        return self.one_of


Node = Skill | Project | Stage | Choice
NODE_TYPES: Final[dict[str, type[Node]]] = {
    "skill": Skill,
    "project": Project,
    "stage": Stage,
    "choice": Choice,
}
"""Each kind of node and its record."""


def keys_of(record: type[Any]) -> tuple[str, ...]:
    """The keys a table of ``record`` may have, in the record's order."""
    return tuple(f.name for f in dataclasses.fields(record))


@dataclass(frozen=True)
class Blackout:
    """Days without study, inclusive on both ends, in the profile's zone."""

    start: dt.date
    end: dt.date
    reason: str = ""


@dataclass(frozen=True)
class Experience:
    """A role held before or beside the plan: a stage or an at_work node, from a day
    to a day (``end`` None: still in it)."""

    role: str
    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True)
class Window:
    """A weekly availability window in local wall-clock minutes after midnight (0 to
    1440)."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"


@dataclass(frozen=True, kw_only=True)
class Profile:
    """A learner: what they know, where they aim, and when they can study.

    Built by :func:`planner.profile.load_profile`, which checks every key against the
    graph and reports problems with their file and line; the record holds the values
    as that check leaves them (tuples, floats, dates).
    """

    name: str = ""
    target: str
    current_stage: str | None = None
    start: dt.date | None = None
    timezone: str = "UTC"
    hours_per_week: float
    known: tuple[str, ...] = ()
    progress: dict[str, float] = field(default_factory=dict)
    availability: dict[str, tuple[Window, ...]]
    blackouts: tuple[Blackout, ...] = ()
    deadline: dt.date | None = None
    focus: tuple[str, ...] = ()
    current_stage_since: dt.date | None = None
    """When the person started in ``current_stage`` (time in role counts from it)."""
    recommended: bool = False
    """Plan every recommended node too."""
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The person's picks for choices of the graph: choice id -> member ids."""
    review_days: tuple[int, ...] = ()
    """A 30-minute review this many days after an item's last session, for each entry."""
    completed: dict[str, dt.date] = field(default_factory=dict)
    """The day each id was recorded done (``planner done``): the history pace is measured on."""
    study_ahead: bool = False
    """Plan every stage's work as early as possible, instead of while holding the stage below."""
    experience: tuple[Experience, ...] = ()
    """Roles held before or beside the plan (``[[experience]]``), by start."""
    source: str = "profile"
    """The file the profile came from, for messages and calendar UIDs."""
