"""Plans on the shipped graph that make sense as a career (issue 23's "done when"): a
beginner studies each stage while holding the stage below, finds a first job after a
search, is Senior after real years as ML Engineer and studies management while Senior;
experience brings Senior sooner; an entry role costs no evening study; an Architect
becomes Head of ML without the manager stage."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import planner
from planner.graph import CareerGraph, shipped_graph
from planner.profile import check_profile
from planner.scheduling import Schedule

WINDOWS = {
    "mon": ["19:00-21:00"],
    "tue": ["19:00-21:00"],
    "wed": ["19:00-21:00"],
    "thu": ["19:00-21:00"],
    "sat": ["09:00-13:00"],
    "sun": ["09:00-12:00"],
}
"""Fifteen hours a week."""
NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
DEVELOPER = [
    "python",
    "git",
    "sql",
    "unit-testing",
    "docker",
    "software-engineering-practices",
    "data-structures-algorithms",
    "code-review",
    "static-analysis",
    "virtual-environments",
    "linux-command-line",
    "api-development",
    "ci-cd",
]
"""What five years as a software developer teach, of this graph."""


@pytest.fixture(scope="module")
def graph() -> CareerGraph:
    return shipped_graph()


def schedule_of(graph: CareerGraph, **values: Any) -> Schedule:
    raw = {
        "target": "head-of-ml",
        "start": dt.date(2027, 1, 4),
        "timezone": "Europe/Berlin",
        "hours_per_week": 15,
        "availability": WINDOWS,
    } | values
    return planner.roadmap(check_profile(raw, graph, file="p.toml"), graph=graph, now=NOW).schedule


@pytest.fixture(scope="module")
def beginner(graph: CareerGraph) -> Schedule:
    return schedule_of(graph)


def test_a_beginner_studies_each_stage_while_holding_the_stage_below(beginner: Schedule) -> None:
    reached = {m.stage: m.date for m in beginner.milestones}
    days = beginner.days()
    early = [
        item.id
        for item in beginner.plan.items
        if not item.at_work
        for below in item.holding
        if days[item.id][0] < reached[below]
    ]
    assert early == []
    owners = {item.stage for item in beginner.plan.items if item.holding}
    assert owners == {"ml-engineer", "senior-ml-engineer", "ml-engineering-manager", "head-of-ml"}


def test_a_beginner_studies_management_while_senior_and_org_design_while_manager(beginner: Schedule) -> None:
    reached = {m.stage: m.date for m in beginner.milestones}
    days = beginner.days()
    assert reached["ml-engineer"] <= days["mentoring-others"][0] < reached["senior-ml-engineer"]
    assert reached["senior-ml-engineer"] <= days["people-management"][0] < reached["ml-engineering-manager"]
    assert reached["ml-engineering-manager"] <= days["org-design"][0] < reached["head-of-ml"]
    mentor = beginner.span("mentor-a-junior")
    assert mentor is not None and reached["ml-engineer"] <= mentor.start  # a Junior mentors no junior


def test_the_first_job_after_a_search_and_senior_after_years_as_ml_engineer(beginner: Schedule) -> None:
    junior, ml, senior = (
        beginner.milestone(s) for s in ("junior-ml-engineer", "ml-engineer", "senior-ml-engineer")
    )
    assert junior is not None and ml is not None and senior is not None
    (search,) = junior.waits
    assert (search.reason, search.required, search.start, search.end) == (
        "job_search",
        3,
        junior.skills_ready,
        junior.date,
    )
    assert senior.date >= dt.date(ml.date.year + 3, ml.date.month, ml.date.day)
    assert [w.reason for w in senior.waits] == ["time_in_role"]


def test_the_beginner_is_told_that_most_postings_ask_for_a_degree(
    graph: CareerGraph, beginner: Schedule
) -> None:
    assert [(c.stage, c.id) for c in beginner.plan.credentials] == [
        ("junior-ml-engineer", "bachelors-degree")
    ]
    graduate = schedule_of(graph, known=["bachelors-degree"])
    assert graduate.plan.credentials == ()


def test_the_degree_is_never_evening_study(graph: CareerGraph) -> None:
    everything = schedule_of(graph, target="junior-ml-engineer", recommended=True)
    degree = everything.plan.item("bachelors-degree")
    assert (degree.at_work, degree.minutes, degree.months) == (True, 0, 36)
    assert not [s for s in everything.sessions if s.item == "bachelors-degree"]
    assert everything.plan.credentials == ()


def test_a_developer_with_five_years_reaches_senior_sooner(graph: CareerGraph, beginner: Schedule) -> None:
    years = [{"role": "software-developer-role", "from": dt.date(2022, 1, 3), "to": dt.date(2026, 12, 31)}]
    developer = schedule_of(graph, target="senior-ml-engineer", experience=years)
    only_skills = schedule_of(
        graph, target="senior-ml-engineer", known=[*DEVELOPER, "software-developer-role"]
    )
    with_skills = schedule_of(graph, target="senior-ml-engineer", known=DEVELOPER, experience=years)
    senior = {
        name: s.milestone("senior-ml-engineer")
        for name, s in (
            ("beginner", beginner),
            ("developer", developer),
            ("skills", only_skills),
            ("both", with_skills),
        )
    }
    assert all(m is not None for m in senior.values())
    dates = {name: m.date for name, m in senior.items() if m is not None}
    assert dates["developer"] < dates["beginner"]
    assert dates["both"] < dates["skills"]
    ml = developer.milestone("ml-engineer")
    assert ml is not None and not ml.waits_for_role  # half of 60 months covers the year as Junior
    assert ml.experience == 30
    role = senior["developer"].wait("time_in_role") if senior["developer"] else None
    assert role is not None and role.experience == 15 and role.required == 21


def test_a_data_analyst_job_as_the_way_in_costs_no_evening_study(graph: CareerGraph) -> None:
    kaggle = schedule_of(
        graph, target="junior-ml-engineer", choices={"practical-experience": "kaggle-competition"}
    )
    analyst = schedule_of(
        graph, target="junior-ml-engineer", choices={"practical-experience": "data-analyst-role"}
    )
    role = analyst.plan.item("data-analyst-role")
    assert (role.at_work, role.minutes, role.months) == (True, 0, 12)
    assert not [s for s in analyst.sessions if s.item == "data-analyst-role"]
    kaggle_hours = kaggle.plan.item("kaggle-competition").minutes
    assert analyst.plan.minutes == kaggle.plan.minutes - kaggle_hours
    span = analyst.span("data-analyst-role")
    junior = analyst.milestone("junior-ml-engineer")
    assert span is not None and junior is not None and span.end <= junior.skills_ready


def test_an_architect_becomes_head_of_ml_without_management(graph: CareerGraph) -> None:
    architect = schedule_of(graph, current_stage="ml-architect", current_stage_since=dt.date(2025, 1, 6))
    assert [m.stage for m in architect.milestones] == ["head-of-ml"]
    assert "ml-engineering-manager" not in architect.plan.needed
    (head,) = architect.milestones
    role = head.wait("time_in_role")
    assert role is not None and role.role == "ml-architect"
    assert head.date == dt.date(2028, 1, 6)  # 36 months as Architect
    assert {"people-management", "hiring-interviewing"} <= {i.id for i in architect.plan.items}
    pick = architect.plan.choice("head-entry")
    assert pick is not None and (pick.picked, pick.reason) == (("ml-architect",), "known")
