"""The roadmaps of a small career graph that uses every key of careers at work
(tests/data/career), to the byte: periods, spans of work at a job, the job search, the
experience that counts, the degree note, a choice of stages and studying ahead.

Regenerate on purpose with ``PLANNER_REGEN_GOLDEN=1 python -m pytest tests/renderers``.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

import planner
from planner.graph import CareerGraph, load_graph
from planner.profile import check_profile
from planner.renderers.terminal import Terminal
from tests.golden import check_golden
from tests.paths import CAREER

GOLDEN = Path(__file__).parent / "golden" / "career"
NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
WEEK = """
timezone = "Europe/Berlin"
hours_per_week = 5
start = 2027-01-04

[availability]
tue = ["19:00-21:00"]
sat = ["09:00-12:00"]
"""
PROFILES = {
    # A beginner aiming at the top: the job search, the degree note, mentoring at work
    # while ML Engineer, management while Senior, Head of ML after the Manager.
    "ada": ('name = "Ada"\ntarget = "head"\n', ""),
    # A data analyst for two years, still in the role: the role is known, and its months
    # count toward the time in role (half for ML Engineer, a quarter for Senior).
    "bo": (
        'name = "Bo"\ntarget = "senior"\nknown = ["python"]\n',
        '[[experience]]\nrole = "analyst"\nfrom = 2025-01-06\n',
    ),
    # An architect who was a manager before, studying ahead: Head of ML without the
    # manager stage, both roles counting toward its 24 months.
    "cy": (
        'name = "Cy"\ntarget = "head"\ncurrent_stage = "architect"\ncurrent_stage_since = 2026-03-02\n'
        "study_ahead = true\n",
        '[[experience]]\nrole = "manager"\nfrom = 2024-09-02\nto = 2025-09-01\n',
    ),
}


@pytest.fixture(scope="module")
def graph() -> CareerGraph:
    return load_graph(CAREER)


def roadmap_of(graph: CareerGraph, name: str) -> planner.Roadmap:
    top, tables = PROFILES[name]
    profile = check_profile(tomllib.loads(top + WEEK + tables), graph, file=f"{name}.toml")
    return planner.roadmap(profile, graph=graph, now=NOW)


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_text_roadmap_at_80_columns(graph: CareerGraph, name: str) -> None:
    check_golden(GOLDEN / f"{name}.txt", roadmap_of(graph, name).render("text", terminal=Terminal(width=80)))


def test_markdown_and_json(graph: CareerGraph) -> None:
    roadmap = roadmap_of(graph, "ada")
    check_golden(GOLDEN / "ada.md", roadmap.render("markdown"))
    check_golden(GOLDEN / "ada.json", roadmap.render("json"))


def test_the_goldens_say_what_the_career_rules_promise(graph: CareerGraph) -> None:
    ada = (GOLDEN / "ada.txt").read_text(encoding="utf-8")
    assert "  Then Junior ML Engineer: skills ready 2027-06-05, then about 2 months of job\n" in ada
    assert "== While ML Engineer: 2028-08-05 → 2030-08-05 ==" in ada
    assert "  2028-08-15  2028-11-15  at work  Mentor a junior… [mentor-a-junior]    3 mo\n" in ada
    assert "Most postings for Junior ML Engineer list A degree in a related field [degree]" in ada
    data = json.loads((GOLDEN / "ada.json").read_text(encoding="utf-8"))
    mentor = next(i for i in data["items"] if i["id"] == "mentor-a-junior")
    assert (mentor["at_work"], mentor["months"], mentor["hours"], mentor["sessions"]) == (True, 3, 0.0, 0)
    junior = data["milestones"][0]
    assert [w["reason"] for w in junior["waits"]] == ["job_search"]


def test_the_timeline_and_the_calendar_count_a_span_in_months(graph: CareerGraph) -> None:
    """Regression: the timeline's tooltip said "0 h" for work done at a job, and the
    calendar's summary did not count its span event."""
    from planner.renderers.pictures.timeline import render_timeline

    roadmap = roadmap_of(graph, "ada")
    page, _ = render_timeline(roadmap.schedule)
    assert "Mentor a junior at work · 2028-08-15 → 2028-11-15 · 3 mo" in page
    assert " · 0 h" not in page
    calendar = planner.calendar(roadmap.profile, graph=graph, now=NOW)
    assert (calendar.at_work, calendar.to_dict()["at_work"]) == (1, 1)
