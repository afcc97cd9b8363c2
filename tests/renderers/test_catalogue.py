"""The catalogue's tables: a stage's pay is its headline figure, with the figures of
published tables counted under their name, never merged with unlike figures."""

from __future__ import annotations

from typing import Any

import pytest

from planner.graph import CareerGraph, shipped_graph
from planner.records import Salary
from planner.renderers.catalogue import render_stage_list, salary_span
from planner.renderers.terminal import Terminal
from planner.reports.stages import stage_hours
from tests.conftest import graph_of

TABLE_2024 = [
    Salary(low=70000, high=124805, table="US 2024", note="AI engineers, salary range"),
    Salary(low=52700, table="US 2024", note="AI engineers, bottom 10%"),
    Salary(low=250000, table="US 2024", note="ML engineers, top 10%"),
]


@pytest.mark.parametrize(
    ("headline", "more", "shown"),
    [
        (None, [], ""),
        (Salary(low=100000, high=182000), [], "USD 100,000-182,000"),
        (Salary(low=100000, high=182000), [Salary(low=91849)], "USD 100,000-182,000 (+1 more)"),
        (Salary(low=100000, high=182000), TABLE_2024, "USD 100,000-182,000 (+3 in US 2024 tables)"),
        (
            Salary(low=100000, high=182000),
            [Salary(low=133000), *TABLE_2024, Salary(low=47586, high=83368)],
            "USD 100,000-182,000 (+5: 3 in US 2024 tables)",
        ),
        # Without a headline, the first figure in no table leads: unlike figures, even in
        # two currencies, are counted, never merged into one span.
        (None, [Salary(low=135629)], "USD 135,629"),
        (
            None,
            [Salary(low=80000, high=120000, currency="EUR"), Salary(low=110000, high=170000)],
            "EUR 80,000-120,000 (+1 more)",
        ),
        (None, [Salary(low=135629), *TABLE_2024], "USD 135,629 (+3 in US 2024 tables)"),
        (None, TABLE_2024, "3 in US 2024 tables"),
    ],
)
def test_a_stages_pay_leads_with_its_headline(
    headline: Salary | None, more: list[Salary], shown: str
) -> None:
    assert salary_span(headline, more) == shown


def test_the_2024_tables_are_never_merged_with_the_headline() -> None:
    """The regression: Junior showed "USD 47,586-250,000 (12 figures)", the span of the
    seed's junior figures, its 2024 tables and the entry roles' pay together."""
    junior = next(s for s in shipped_graph().stages if s.id == "junior-ml-engineer")
    assert salary_span(junior.salary, junior.salaries) == "USD 100,000-182,000 (+11: 8 in US 2024 tables)"


def stages_graph() -> CareerGraph:
    skill: dict[str, Any] = {"id": "python", "name": "Python", "hours": 10}
    pay = {"low": 100000, "high": 182000, "note": "junior ML engineers", "source": "seed"}
    stages = [
        {
            "id": "junior-ml-engineer",
            "name": "Junior ML Engineer",
            "requires": ["python"],
            "experience_years": "0-1",
            "salary": pay,
            "salaries": [
                {"low": 91849, "note": "entry level", "source": "seed"},
                {"low": 109900, "table": "US 2024", "note": "AI engineers, median", "source": "seed"},
            ],
        },
        {
            "id": "head-of-ml",
            "name": "Head of Machine Learning",
            "short_name": "Head of ML",
            "requires": ["junior-ml-engineer"],
        },
    ]
    return graph_of(("g.toml", {"skills": [skill], "stages": stages}))


@pytest.mark.parametrize(
    ("width", "lines"),
    [
        (
            None,
            [
                "id                  name                      needs  hours  years  salary",
                "junior-ml-engineer  Junior ML Engineer            1   10.0  0-1    "
                "USD 100,000-182,000 (+2: 1 in US 2024 tables)",
                "head-of-ml          Head of Machine Learning      1   10.0",
            ],
        ),
        (
            # The years go first; the headline stays whole, never cut inside.
            75,
            [
                "id                  name                needs  hours  salary",
                "junior-ml-engineer  Junior ML Engineer      1   10.0  USD 100,000-182,000",
                "head-of-ml          Head of ML              1   10.0",
            ],
        ),
        (
            # No room for the headline whole: no pay column, not a cut figure; the years
            # come back.
            74,
            [
                "id                  name                      needs  hours  years",
                "junior-ml-engineer  Junior ML Engineer            1   10.0  0-1",
                "head-of-ml          Head of Machine Learning      1   10.0",
            ],
        ),
    ],
)
def test_the_stage_list_shows_the_headline_whole_or_not_at_all(width: int | None, lines: list[str]) -> None:
    graph = stages_graph()
    text = render_stage_list(stage_hours(graph), graph, terminal=Terminal(width=width))
    assert text.splitlines() == lines
