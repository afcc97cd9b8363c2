"""The records of a career graph: skills, projects, stages and choices, declared once.

Each field's annotation is its type and its rules together (:mod:`planner.records.rules`),
so the quick path, pydantic, the messages and the JSON Schema (``planner schema graph``)
all read the same declaration. Extra keys are forbidden, so a misspelt key in a TOML file
is an error instead of a silently ignored value. Adding a key to a record touches this
file only.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Final, Literal, NotRequired

from typing_extensions import TypedDict

from planner.limits import MAX_DESCRIPTION_CHARS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_NODE_HOURS
from planner.records.record import Record
from planner.records.rules import CONTROL_IN_TEXT, Exact, Number, OneOf, Text

ID_PATTERN: Final = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ALIAS_PATTERN: Final = r"[A-Za-z0-9][A-Za-z0-9._+#-]*"

NodeId = Annotated[
    str,
    Text(
        MAX_ID_CHARS,
        pattern=ID_PATTERN,
        expect="an id in kebab-case (lowercase letters and digits joined by single hyphens, e.g. eda-report)",
    ),
]
Alias = Annotated[
    str,
    Text(
        MAX_ID_CHARS,
        pattern=ALIAS_PATTERN,
        expect="an alias (letters, digits and . _ + # -, starting with a letter or digit, e.g. torch)",
    ),
]
Name = Annotated[str, Text(MAX_NAME_CHARS, 1, expect="a name (one line of text)")]
ShortName = Annotated[str, Text(40, 1, expect="a short name of at most 40 characters")]
Description = Annotated[str, Text(MAX_DESCRIPTION_CHARS, control=CONTROL_IN_TEXT, expect="a text")]
Title = Annotated[str, Text(500, 1, expect="a title (one line of text)")]
Url = Annotated[str, Text(2000, pattern=r"https?://\S+", expect="an http(s) URL without spaces")]
Category = Annotated[str, Text(100, 1, expect="a category name")]
Currency = Annotated[str, Text(20, expect="a currency code, e.g. USD")]
Years = Annotated[str, Text(100, expect="a text such as '2-5'")]
TableName = Annotated[str, Text(100, 1, expect="a table's name (one line of text, e.g. US 2024)")]
NoteText = Annotated[str, Text(MAX_DESCRIPTION_CHARS, 1, control=CONTROL_IN_TEXT, expect="a text")]
Hours = Annotated[float, Number(gt=0, le=MAX_NODE_HOURS, expect="a number of hours (e.g. 40)", hint=" hours")]
Amount = Annotated[int, Number(ge=0, integer=True, expect="a whole amount (e.g. 100000)")]
Level = Annotated[int, Number(ge=0, le=1_000_000, integer=True, expect="a whole number")]
Months = Annotated[int, Number(ge=0, le=600, integer=True, expect="a whole number of months (e.g. 12)")]
Pick = Annotated[int, Number(integer=True, expect="a whole number of members (e.g. 1)")]
Rate = Annotated[float, Number(gt=0, le=1, expect="a rate from 0 to 1 (e.g. 0.5)")]
Flag = Annotated[bool, Exact(expect="true or false")]

Ids = Annotated[tuple[NodeId, ...], Exact(expect='a list of ids, e.g. ["python", "numpy"]')]
Aliases = Annotated[tuple[Alias, ...], Exact(expect='a list of aliases, e.g. ["torch"]')]

Kind = Literal["skill", "project", "stage", "choice"]
RESOURCE_KINDS: Final = (
    "course",
    "book",
    "docs",
    "tutorial",
    "video",
    "article",
    "practice",
    "community",
    "certification",
)
ResourceKind = Annotated[str, OneOf(RESOURCE_KINDS, what="resource kind")]

_FORBID_EXTRA: Final = {"extra": "forbid"}


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Resource(Record):
    """A learning resource: a course, book, page or practice site."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    title: Title
    url: Url
    kind: ResourceKind = "docs"


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Salary(Record):
    """A salary figure a stage carries: a range (``low``-``high``), a single figure
    (``low`` only), with its currency, a note on its scope and where it comes from."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    low: Amount
    high: Amount | None = None
    currency: Currency = "USD"
    note: Description = ""
    source: Description = ""
    table: TableName | None = None
    """The published table the figure is one of (e.g. ``US 2024``): shown with the
    figure, and where a stage's figures are summed up, counted with its table instead
    of merged with unlike figures."""

    def __str__(self) -> str:
        amount = (
            f"{self.low:,}" if self.high is None or self.high == self.low else f"{self.low:,}-{self.high:,}"
        )
        return f"{self.currency} {amount}"


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Note(Record):
    """A fact a stage carries beside its figures (a market figure, what pay depends
    on), with where it comes from."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    text: NoteText
    source: Description = ""


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class _Work(Record):
    """What skills and projects share: effort, prerequisites and resources.

    Study takes ``hours``; work done at a job (``at_work``: a role, an internship,
    mentoring, leading a project) takes ``months`` of calendar time instead, beside
    study (graph validation holds each node to one of the two).
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    id: NodeId
    name: Name
    short_name: ShortName | None = None
    """Shown where space is short (80 columns, calendar titles)."""
    hours: Hours | None = None
    """Effort to working proficiency from scratch; every node but one done at work has it."""
    requires: Ids = ()
    recommends: Ids = ()
    aliases: Aliases = ()
    category: Category = "uncategorized"
    description: Description = ""
    resources: Annotated[
        tuple[Resource, ...], Exact(expect="an array of tables [[skills.resources]] with title and url")
    ] = ()
    at_work: Flag = False
    """Done at a job, not in evening study: it takes ``months``, never study hours."""
    months: Months | None = None
    """The calendar months a node done at work takes."""


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Skill(_Work):
    """A skill, tool, practice or activity to learn, with its effort in hours."""

    kind: Literal["skill"] = "skill"


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Project(_Work):
    """A portfolio project that exercises the skills it requires."""

    kind: Literal["project"] = "project"


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Stage(Record):
    """A career stage: reached when everything it requires is known."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    kind: Literal["stage"] = "stage"
    id: NodeId
    name: Name
    short_name: ShortName | None = None
    requires: Ids = ()
    recommends: Ids = ()
    aliases: Aliases = ()
    level: Level | None = None
    description: Description = ""
    experience_years: Years | None = None
    salary: Salary | None = None
    """The headline figure, the one ``planner stages`` shows; ``salaries`` holds more,
    each with its own source."""
    salaries: Annotated[tuple[Salary, ...], Exact(expect="a list of salary tables with low")] = ()
    notes: Annotated[
        tuple[Annotated[Note, Exact(expect='a note table, e.g. { text = "...", source = "..." }')], ...],
        Exact(expect="a list of note tables with text and source"),
    ] = ()
    """Facts about the stage (the market, what pay depends on), each with its source."""
    source: Description | None = None
    min_months_in_previous_role: Months = 0
    experience_counts: Annotated[
        dict[NodeId, Rate], Exact(expect='a table of role = rate, e.g. { "software-developer-role" = 0.5 }')
    ] = field(default_factory=dict)
    """Roles (stages or nodes done at work) whose months in a profile's ``[[experience]]``
    count toward ``min_months_in_previous_role``, each at its rate (0 to 1)."""
    job_search_months: Months = 0
    """The months between the skills being ready and the stage being reached (a first job
    is searched for), unless the person holds it already."""

    @property
    def all_salaries(self) -> tuple[Salary, ...]:
        """``salary`` and ``salaries`` together, in the order the data gives them."""
        return ((self.salary,) if self.salary else ()) + self.salaries


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Choice(Record):
    """ "One of these": satisfied when ``pick`` of its members are done: skills or
    projects, or stages (the rung below a stage may be either of two stages). A choice
    id may stand in any ``requires`` list."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    kind: Literal["choice"] = "choice"
    id: NodeId
    name: Name
    short_name: ShortName | None = None
    one_of: Ids
    pick: Pick = 1
    aliases: Aliases = ()
    recommends: Ids = ()
    category: Category = "choice"
    description: Description = ""

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
SECTIONS: Final = {"skills": "skill", "projects": "project", "stages": "stage", "choices": "choice"}
"""The arrays of tables a graph file may hold, and the kind of node each defines."""


class GraphFile(TypedDict):
    """One TOML file of a graph folder (its JSON Schema is ``planner schema graph``)."""

    skills: NotRequired[list[Skill]]
    projects: NotRequired[list[Project]]
    stages: NotRequired[list[Stage]]
    choices: NotRequired[list[Choice]]


GraphFile.__pydantic_config__ = _FORBID_EXTRA  # type: ignore[attr-defined]


def keys_of(record: type[Any]) -> tuple[str, ...]:
    """The keys a table of ``record`` may have, in the record's order."""
    return tuple(f.name for f in dataclasses.fields(record) if f.init)
