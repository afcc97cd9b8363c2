"""planner explain of a stage: its figures, each table named, and its notes, each with
its source."""

from __future__ import annotations

from planner.graph import CareerGraph, shipped_graph
from planner.renderers.explain import render_explanation
from planner.renderers.terminal import Terminal
from planner.reports.explain import explain_node
from planner.usecases.results import Explanation
from tests.conftest import graph_of


def noted_graph() -> CareerGraph:
    stage = {
        "id": "junior-ml-engineer",
        "name": "Junior ML Engineer",
        "requires": ["python"],
        "salary": {
            "low": 100000,
            "high": 182000,
            "note": "junior ML engineers",
            "source": "seed: 'Overview'",
        },
        "salaries": [{"low": 109900, "table": "US 2024", "note": "AI engineers, median", "source": "seed"}],
        "notes": [
            {"text": "Job growth: 23% from 2022 to 2032.", "source": "seed: 'Market Demand'"},
            {"text": "Hubs: San Francisco, New York and Seattle."},
        ],
    }
    skill = {"id": "python", "name": "Python", "hours": 10}
    return graph_of(("g.toml", {"skills": [skill], "stages": [stage]}))


def test_a_stage_shows_its_figures_with_their_tables_and_its_notes_with_their_sources() -> None:
    assert render_explanation(explain_node(noted_graph(), "junior-ml-engineer")) == (
        "Junior ML Engineer [junior-ml-engineer] — stage\n"
        "  salary: USD 100,000-182,000 (junior ML engineers) — seed: 'Overview'\n"
        "  salary: USD 109,900 (US 2024 table: AI engineers, median) — seed\n"
        "  note: Job growth: 23% from 2022 to 2032. — seed: 'Market Demand'\n"
        "  note: Hubs: San Francisco, New York and Seattle.\n"
        "  needs: Python\n"
        "  prerequisites in all: 1\n"
        "  unlocks: nothing\n"
        "  stages that need it: none\n"
    )


def test_notes_wrap_under_their_label() -> None:
    text = render_explanation(explain_node(noted_graph(), "junior-ml-engineer"), terminal=Terminal(width=40))
    assert "  note: Job growth: 23% from 2022 to\n      2032. — seed: 'Market Demand'\n" in text


def test_the_json_of_explain_holds_the_notes() -> None:
    report = explain_node(noted_graph(), "junior-ml-engineer")
    found = Explanation(*report).to_dict()
    assert found["notes"] == [
        {"text": "Job growth: 23% from 2022 to 2032.", "source": "seed: 'Market Demand'"},
        {"text": "Hubs: San Francisco, New York and Seattle.", "source": ""},
    ]
    skill = Explanation(*explain_node(noted_graph(), "python")).to_dict()
    assert skill["notes"] == []


def test_the_seeds_market_facts_are_the_junior_stages_notes() -> None:
    text = render_explanation(explain_node(shipped_graph(), "junior-ml-engineer"))
    assert (
        "  note: Job growth: the US Bureau of Labor Statistics projects 23% growth in jobs for "
        "computer and information research scientists, ML engineers included, from 2022 to 2032. "
        "— seed: 'Market Demand' -> 'Job Growth and Prospects'\n"
    ) in text
