"""The starter profile: what a person may tick as known, their answers checked by the
profile's rules, and the commented profile written from them."""

from __future__ import annotations

import datetime as dt
import tomllib

from planner.graph import CareerGraph, shipped_graph
from planner.profile import check_profile
from planner.profile.starter import Answers, Checklist, check_answer, starter_profile, window_hours


def test_the_checklist_goes_by_category_basics_first() -> None:
    checklist = Checklist.from_graph(shipped_graph())
    names = [name for name, _ in checklist.categories]
    assert names[0] == "foundations" and names[-1] == "leadership"
    foundations = dict(checklist.categories)["foundations"]
    assert foundations.index("python") < foundations.index("optimization-techniques")
    every = [n for _, items in checklist.categories for n in items]
    graph = shipped_graph()
    assert sorted(every) == sorted(n for n in graph.nodes if graph.kind(n) in ("skill", "project"))


def test_a_tick_ticks_its_prerequisites_and_the_profile_lists_only_what_is_not_implied(
    tiny_graph: CareerGraph,
) -> None:
    checklist = Checklist.from_graph(tiny_graph)
    assert checklist.known({"pandas"}) == {"pandas", "numpy", "python"}
    assert checklist.essential({"pandas", "python", "git"}) == ("git", "pandas")  # python: pandas needs it
    assert checklist.known((), "junior-ml-engineer") >= {"eda-report", "git", "pandas"}
    assert checklist.essential({"git", "scikit-learn"}, "junior-ml-engineer") == ("scikit-learn",)


def test_an_answer_is_checked_by_the_profiles_own_rules(tiny_graph: CareerGraph) -> None:
    def check(key: str, value: object) -> str | None:
        return check_answer(tiny_graph, key, value, target="junior-ml-engineer")

    assert check("timezone", "Europe/Berlin") is None
    assert check("timezone", "Europe/Berln") == (
        "'Europe/Berln' is not an IANA time zone, e.g. 'Europe/Berlin' or 'UTC' "
        "(did you mean 'Europe/Berlin'?)"
    )
    assert check("hours_per_week", "eight") == '"eight" is not a number of hours (e.g. 8)'
    assert check("availability", {"mon": ["19:00-21:00", "20:00-22:00"]}) is not None  # they overlap
    assert check("availability", {"sat": ["09:00-13:00"]}) is None
    assert window_hours({"mon": ["19:00-21:00"], "sat": ["09:00-13:00", "14:00-15:30"]}) == 7.5


def test_the_answers_make_a_commented_profile_that_loads(tiny_graph: CareerGraph) -> None:
    answers = Answers(
        target="ml-engineer",
        start=dt.date(2027, 3, 1),
        name='Zoë "Z" Ng',
        current_stage="junior-ml-engineer",
        timezone="Europe/Berlin",
        hours_per_week=7.5,
        availability={"tue": ("19:00-21:00",), "sat": ("09:00-12:00", "14:00-16:00")},
        known=("scikit-learn",),
    )
    text = starter_profile(
        stages=["junior-ml-engineer", "ml-engineer"],
        answers=answers,
        examples=["numpy", "pandas"],
        names={"scikit-learn": "Scikit Learn (classical ML in Python)"},
    )
    assert 'name = "Zoë \\"Z\\" Ng"\n' in text
    assert 'current_stage = "junior-ml-engineer"\n' in text
    assert "\nstart = 2027-03-01\n" in text
    assert 'known = [\n    "scikit-learn",  # Scikit Learn\n]\n' in text
    assert 'tue = ["19:00-21:00"]\nsat = ["09:00-12:00", "14:00-16:00"]\n' in text
    profile = check_profile(tomllib.loads(text), tiny_graph, file="p.toml", text=text)
    assert (profile.name, profile.hours_per_week, profile.start) == ('Zoë "Z" Ng', 7.5, dt.date(2027, 3, 1))
