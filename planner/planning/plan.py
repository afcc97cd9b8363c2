"""Decide what a learner must still learn and build, and in which order.

The plan is the prerequisite closure of the target stage (and of the profile's
``focus`` ids, and with ``recommended = true`` of every recommended node that brings no
work done at a job, such as a degree) minus what is known. Knowing a node implies
knowing its prerequisites, ``current_stage`` implies everything that stage requires,
a role of the profile's ``[[experience]]`` is known as a node
(:mod:`planner.profile.knowledge`), and progress shortens an item's remaining effort.
A "one of these" choice is walked through the members picked for it
(:mod:`planner.planning.choices`), never through the others; a choice of stages is the
rung below a stage.

The order is a learner's order within tiers by stage (:mod:`planner.planning.order`).

When the work happens
---------------------
Each item says which planned stages must be reached before it starts
(:attr:`PlanItem.holding`), which the scheduler turns into dates:

- **study while holding the stage below** (the default): the work for a stage that
  has a stage below it starts no earlier than the milestone of that stage below (or at
  once, for the stage the person holds now), so the study for Senior happens during
  the years as ML Engineer. With the profile's ``study_ahead = true`` study has no
  such wait, and everything comes as early as prerequisites and hours allow;
- **work done at a job** (``at_work``) takes calendar months beside study, and a stage
  among its prerequisites means "while holding that stage".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple

from planner.graph import CareerGraph
from planner.planning.choices import ChoicePick, ChoiceResolver
from planner.planning.effort import remaining_minutes
from planner.planning.order import ZERO_WORK, PlanEdges, Tiers, learner_order, stage_tiers
from planner.profile.knowledge import experience_in, progress_of
from planner.records import Experience, Profile


class PlanItem(NamedTuple):
    """A skill or project still to do, with its remaining effort."""

    id: str
    kind: str
    name: str
    category: str
    minutes: int
    """Remaining study effort in minutes (0 for work done at a job)."""
    total_hours: float
    """Study effort from scratch, as the graph gives it (0 for work done at a job)."""
    requires: tuple[str, ...]
    """Direct prerequisites in the graph (known or not)."""
    after: tuple[str, ...]
    """Planned items that must end before this one starts."""
    stage: str | None
    """The lowest planned stage that needs the item (None for focus and recommended extras)."""
    focus: bool = False
    recommended: bool = False
    """Planned only because something in the plan recommends it (``recommended = true``)."""
    picked_for: tuple[str, ...] = ()
    """The choices of the plan this item was picked for."""
    short_name: str = ""
    """The graph's ``short_name`` of the item, for narrow terminals and calendar titles."""
    at_work: bool = False
    """Done at a job: it takes :attr:`months` of calendar time beside study, no sessions."""
    months: float = 0.0
    """The calendar months left of work done at a job."""
    holding: tuple[str, ...] = ()
    """Planned stages whose milestones come before the item starts: the stage below
    its own (unless the profile studies ahead), and for work done at a job the stages
    it requires (it happens while holding them)."""

    @property
    def hours(self) -> float:
        return self.minutes / 60.0


class StageGoal(NamedTuple):
    """A stage on the way to the target, with the planned items it needs."""

    id: str
    name: str
    items: frozenset[str]
    previous: tuple[str, ...]
    """The rung below: the stages this one directly requires, and the stage picked for a
    choice of stages it requires (planned or already reached)."""
    min_months_in_previous_role: int = 0
    job_search_months: int = 0
    """Months between the skills being ready and the stage being reached."""
    experience: tuple[tuple[Experience, float], ...] = ()
    """The profile's experience that counts toward the time in role, each entry with
    the rate a month of it counts (a month in the rung below itself counts in full)."""


class Credential(NamedTuple):
    """Something most postings for a first job ask for that the plan cannot give: work
    done outside study (``at_work``, such as a degree) that the job's stage recommends,
    and the person neither knows nor plans."""

    stage: str
    stage_name: str
    id: str
    name: str


@dataclass(frozen=True, eq=False)  # compared by identity: no __eq__ to generate
class Plan:
    """The ordered items to do, the stages they lead to, and the choices made."""

    target: str
    items: tuple[PlanItem, ...]
    stages: tuple[StageGoal, ...]
    known: frozenset[str]
    """Every id known, with the implied prerequisites and satisfied choices."""
    needed: frozenset[str] = field(default_factory=frozenset)
    """Every id the target, the focus ids (and recommendations) need, known or not."""
    target_name: str = ""
    choices: tuple[ChoicePick, ...] = ()
    """How each choice the plan needs is satisfied, by id."""
    role_since: Mapping[str, dt.date] = field(default_factory=dict)
    """For a stage the person holds: when they took the role (time in role counts from it)."""
    stage_names: Mapping[str, str] = field(default_factory=dict)
    """Names of the stages the planned stages directly require, planned or not."""
    study_ahead: bool = False
    """Study for every stage as early as possible (the profile's ``study_ahead``)."""
    current_stage: str | None = None
    """The stage the person holds now, if the profile says."""
    credentials: tuple[Credential, ...] = ()
    """What most postings for a planned first job ask for that the plan cannot give."""

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    @property
    def study(self) -> tuple[PlanItem, ...]:
        """The items studied in sessions (all but work done at a job)."""
        return tuple(item for item in self.items if not item.at_work)

    def item(self, item_id: str) -> PlanItem:
        return self._by_id[item_id]

    @cached_property
    def _by_id(self) -> dict[str, PlanItem]:
        return {item.id: item for item in self.items}

    def choice(self, choice_id: str) -> ChoicePick | None:
        return next((c for c in self.choices if c.id == choice_id), None)


def make_plan(graph: CareerGraph, profile: Profile, *, target: str | None = None) -> Plan:
    """Compute the ordered plan of ``profile`` towards ``target`` (default: its own).

    Parameters
    ----------
    graph:
        The validated career graph.
    profile:
        A profile checked against ``graph``.
    target:
        A stage id that overrides ``profile.target``.

    Returns
    -------
    Plan
        Items in roadmap order (see :mod:`planner.planning.order`), the planned
        stages, lowest first, and the choices made.
    """
    target = target or profile.target
    resolver = ChoiceResolver.for_profile(graph, profile)
    known = resolver.known
    focus = [f for f in profile.focus if f not in known]
    required = resolver.closure([target, *focus])
    needed = set(required)
    if profile.recommended:
        fresh = _recommended(resolver, needed)
        while fresh:
            needed |= resolver.closure(fresh)
            fresh = _recommended(resolver, needed)
    plan = order_plan(
        graph,
        target,
        needed - known,
        known,
        resolver=resolver,
        focus=set(focus),
        progress=progress_of(graph, profile),
        needed=frozenset(needed),
        recommended=frozenset(needed - required),
        study_ahead=profile.study_ahead,
        finished=profile.completed,
    )
    stages = tuple(goal._replace(experience=_counted(graph, profile, goal)) for goal in plan.stages)
    held, since = profile.current_stage, profile.current_stage_since
    role_since = {held: since} if held and since else {}
    return replace(
        plan,
        stages=stages,
        role_since=role_since,
        current_stage=held,
        credentials=_credentials(graph, plan),
    )


def _recommended(resolver: ChoiceResolver, needed: set[str]) -> set[str]:
    """What ``needed`` recommends and does not hold yet, but what would bring work done
    at a job that is neither known nor needed: a recommended degree or role is a
    credential the roadmap names, never months of a life the plan takes unasked
    (``focus`` plans it)."""
    graph, known = resolver.graph, resolver.known
    found = set()
    for node in {r for n in needed for r in graph.recommends(n)} - needed:
        brings = resolver.closure([node]) - needed - known
        if not any(graph.at_work(n) for n in brings):
            found.add(node)
    return found


def _credentials(graph: CareerGraph, plan: Plan) -> tuple[Credential, ...]:
    """The work outside study that a planned first job (a stage with
    ``job_search_months``) recommends and the plan neither knows nor plans."""
    planned = {item.id for item in plan.items}
    found = []
    for goal in plan.stages:
        if not goal.job_search_months:
            continue
        for node in graph.recommends(goal.id):
            if graph.at_work(node) and node not in plan.known and node not in planned:
                found.append(Credential(goal.id, goal.name, node, graph.nodes[node].name))
    return tuple(found)


def _counted(graph: CareerGraph, profile: Profile, goal: StageGoal) -> tuple[tuple[Experience, float], ...]:
    """The profile's experience that counts toward ``goal``'s time in role."""
    if not goal.min_months_in_previous_role or not profile.experience:
        return ()
    rates = dict(graph.nodes[goal.id].experience_counts)  # type: ignore[union-attr]
    for below in goal.previous:
        rates[below] = 1.0
    return experience_in(profile, rates)


def order_plan(
    graph: CareerGraph,
    target: str,
    todo: Iterable[str],
    known: frozenset[str],
    *,
    resolver: ChoiceResolver | None = None,
    focus: Collection[str] = (),
    progress: Mapping[str, float] | None = None,
    needed: frozenset[str] = frozenset(),
    recommended: frozenset[str] = frozenset(),
    study_ahead: bool = False,
    finished: Mapping[str, dt.date] | None = None,
) -> Plan:
    """Order the ids in ``todo`` (items, stages and choices) by the rule of
    :mod:`planner.planning.order`, and say what each item waits for."""
    progress = progress or {}
    resolver = resolver or ChoiceResolver(graph, known=known, progress=progress, focus=focus)
    todo = set(todo)
    edges = PlanEdges.of(todo, resolver)
    tiers = stage_tiers(graph, edges, todo)
    ordered = learner_order(graph, edges, tiers, todo, focus=focus, finished=finished or {})
    goals = _stage_goals(graph, resolver, tiers)
    choices = tuple(resolver.picks(c) for c in sorted(needed or todo) if graph.kind(c) == "choice")
    items = _items(
        graph,
        ordered,
        edges,
        tiers,
        goals,
        progress=progress,
        focus=focus,
        recommended=recommended,
        choices=choices,
        study_ahead=study_ahead,
    )
    below = {p for goal in goals for p in goal.previous}
    return Plan(
        target=target,
        items=tuple(items),
        stages=goals,
        known=known,
        needed=needed,
        target_name=graph.nodes[target].name if target in graph.nodes else target,
        choices=choices,
        stage_names={s: graph.nodes[s].name for s in sorted(below)},
        study_ahead=study_ahead,
    )


def rung_below(graph: CareerGraph, resolver: ChoiceResolver, stage: str) -> tuple[str, ...]:
    """The stages ``stage`` directly requires, and the stage picked (or held) for each
    choice of stages it requires: where its time in role is counted."""
    found: set[str] = set()
    for p in graph.pred[stage]:
        if graph.kind(p) == "stage":
            found.add(p)
        elif graph.kind(p) == "choice":
            found.update(m for m in resolver.requirements(p) if graph.kind(m) == "stage")
    return tuple(sorted(found))


def _stage_goals(graph: CareerGraph, resolver: ChoiceResolver, tiers: Tiers) -> tuple[StageGoal, ...]:
    goals = []
    for s in tiers.stages:
        node = graph.nodes[s]
        goals.append(
            StageGoal(
                id=s,
                name=node.name,
                items=tiers.items[s],
                previous=rung_below(graph, resolver, s),
                min_months_in_previous_role=node.min_months_in_previous_role,  # type: ignore[union-attr]
                job_search_months=node.job_search_months,  # type: ignore[union-attr]
            )
        )
    return tuple(goals)


def _items(
    graph: CareerGraph,
    ordered: list[str],
    edges: PlanEdges,
    tiers: Tiers,
    goals: tuple[StageGoal, ...],
    *,
    progress: Mapping[str, float],
    focus: Collection[str],
    recommended: Collection[str],
    choices: tuple[ChoicePick, ...],
    study_ahead: bool,
) -> list[PlanItem]:
    """The plan's work items in ``ordered`` order, with what each waits for."""
    kinds, nodes, owners = graph.kinds, graph.nodes, tiers.owner
    planned_stages = set(tiers.stages)
    # The planned stages of the rung below each stage, sorted as ``previous`` is.
    below = {goal.id: tuple(p for p in goal.previous if p in planned_stages) for goal in goals}
    # "after": planned items that must end first, looking through stages and choices;
    # "holding": the planned stages among the requirements, looking through choices.
    after: dict[str, set[str]] = {}
    held: dict[str, set[str]] = {}
    for node in ordered:
        deps: set[str] = set()
        stages: set[str] = set()
        for p in edges.pred[node]:
            kind = kinds[p]
            if kind in ZERO_WORK:
                deps |= after[p]
            else:
                deps.add(p)
            if kind == "stage":
                stages.add(p)
            elif kind == "choice":
                stages |= held[p]
        after[node] = deps
        held[node] = stages
    picked_for: dict[str, list[str]] = {}
    for choice in choices:
        for member in choice.picked:
            picked_for.setdefault(member, []).append(choice.id)
    items = []
    for node in ordered:
        if kinds[node] in ZERO_WORK:
            continue
        data = nodes[node]
        done = progress.get(node, 0.0)
        hours = graph.hours(node)
        at_work = graph.at_work(node)
        minutes = remaining_minutes(hours, done)
        months = graph.months(node) * (1.0 - done) if at_work else 0.0
        if minutes == 0 and months <= 0:
            continue
        owner = owners.get(node)
        holding = below[owner] if owner is not None and not study_ahead else ()
        if at_work:
            holding = tuple(sorted(held[node].union(holding)))
        # In field order: matching sixteen keywords would cost a quarter of this loop.
        items.append(
            PlanItem(
                node,  # id
                data.kind,
                data.name,
                data.category,  # type: ignore[union-attr]
                minutes,
                hours,  # total_hours
                tuple(sorted(data.requires)),
                tuple(sorted(after[node])),
                owner,  # stage
                node in focus,
                node in recommended,
                tuple(picked_for.get(node, ())),
                data.short_name or "",
                at_work,
                round(months, 4),
                holding,
            )
        )
    return items
