"""The cohort's page: it opens with the summary in words and numbers, and its shades
say what differs between people (``planner graph --cohort SUMMARY.json --format html``)."""

from __future__ import annotations

import datetime as dt
import re

from planner.graph import CareerGraph
from planner.renderers.pictures.cohort import cohort_lede, render_cohort_panel
from planner.renderers.pictures.ladder import Sheet, render_ladder
from planner.renderers.pictures.view import GraphView
from planner.reports.cohort import CohortHeat, MissingNode, StageShare

from .support import Elements

HEAT = CohortHeat(
    10,
    {"python": 7, "numpy": 6, "pandas": 3, "docker": 9},
    {"python": 70.0, "numpy": 24.0, "pandas": 18.0, "docker": 27.0},
    profiles=11,
    failed=1,
    finish={"p10": dt.date(2027, 3, 1), "p50": dt.date(2027, 9, 1), "p90": dt.date(2028, 6, 1)},
    stages=(
        StageShare("junior-ml-engineer", "Junior ML Engineer", ready=3, studying=7),
        StageShare("ml-engineer", "ML Engineer", ready=0, studying=10),
    ),
    top_missing=(MissingNode("python", "Python", 7, 70.0), MissingNode("docker", "Docker", 9, 27.0)),
)


def test_the_page_opens_with_the_summary_in_one_sentence(ladder: CareerGraph) -> None:
    """The regression: the cohort's page opened on the plain ladder; its readiness, finish
    quantiles and top-missing list appeared nowhere."""
    assert cohort_lede(GraphView.from_graph(ladder, heat=HEAT)) == (
        "10 people planned (1 could not be); half of them finish by 2027-09-01 (10 % by 2027-03-01, "
        "90 % by 2028-06-01); 30% are ready for Junior ML Engineer; most missing: Python (70 learner-hours)."
    )


def test_the_panel_gives_finish_readiness_and_what_is_missing_most(ladder: CareerGraph) -> None:
    panel = render_cohort_panel(GraphView.from_graph(ladder, heat=HEAT))
    text = " ".join(" ".join(Elements(panel).texts).split())
    assert "10 people planned of 11 profiles (1 failed)." in text
    assert "10 % by 2027-03-01 half by 2027-09-01 90 % by 2028-06-01" in text
    assert "Junior ML Engineer 30% 3 7 ML Engineer 0% 0 10" in text
    assert "Python 7 people · 70 h Docker 9 people · 27 h" in text
    buttons = [a.get("data-id") for tag, a in Elements(panel).tags if tag == "button"]
    assert buttons == ["python", "docker"]  # each shows its chain


def test_cards_say_who_is_ready_and_chips_the_share_still_needing_them(ladder: CareerGraph) -> None:
    view = GraphView.from_graph(ladder, heat=HEAT)
    ladder_html = render_ladder(view, Sheet())
    text = " ".join(" ".join(Elements(ladder_html).texts).split())
    assert "30% ready now (3 of 10) · 7 on the way" in text
    chips = dict(re.findall(r'data-id="([^"]+)" title="[^"]*">([^<]+)</button>', ladder_html))
    assert chips["python"] == "Python 100%" and chips["numpy"] == "NumPy 86%"
    assert 'class="mix"' not in ladder_html  # on this page colours are shares, not categories
