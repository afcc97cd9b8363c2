"""The plain-text roadmap: golden file, input order, fitting the terminal, what to do first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from planner.graph import CareerGraph
from planner.planning import make_plan
from planner.records import Profile
from planner.renderers.roadmap.markdown import render_markdown
from planner.renderers.roadmap.text import render_text
from planner.renderers.terminal import Terminal, cells
from planner.scheduling import Availability, Schedule, schedule_plan
from tests.golden import check_golden

from ..support import ROADMAP_GRAPH, Shuffle, schedule_of

GOLDEN = Path(__file__).parent / "golden"


def test_golden(roadmap_schedule: Schedule) -> None:
    check_golden(GOLDEN / "roadmap.txt", render_text(roadmap_schedule, name="Tess"))


def test_same_text_whatever_the_input_order(roadmap_schedule: Schedule, shuffle: Shuffle) -> None:
    expected = render_text(roadmap_schedule, name="Tess")
    for seed in range(3):
        assert render_text(schedule_of(shuffle(ROADMAP_GRAPH, seed))[1], name="Tess") == expected


def test_long_names_are_shortened_in_whole_words_to_the_terminal_and_whole_in_a_file(
    roadmap_schedule: Schedule,
) -> None:
    narrow = render_text(roadmap_schedule, name="Tess", terminal=Terminal(width=60))
    assert "  start       end         item                         hours\n" in narrow  # no kind
    assert "  2027-03-01  2027-03-06  Natural language… [nlp]        4.0\n" in narrow
    assert "  2027-03-20  2027-03-22  EDA report [eda-report]        4.0\n" in narrow
    assert max(cells(line) for line in narrow.splitlines()) <= 60
    whole = render_text(roadmap_schedule, name="Tess")
    assert "  Natural language processing with a name long enough to be clipped [nlp]    4.0\n" in whole


def test_the_top_says_what_to_do_first_and_warnings_close_it(roadmap_schedule: Schedule) -> None:
    text = render_text(roadmap_schedule, name="Tess", warnings=("the deadline 2027-04-01 cannot be met.",))
    assert text.splitlines()[3:5] == [
        "Next: Mon 2027-03-01 19:00–20:00, NumPy",
        "First milestone: Junior ML Engineer, reached 2027-03-22",
    ]
    assert text.endswith(
        "Total: 7 items, 19.5 h in 13 sessions\n"
        "Reviews: 14 sessions, 7.0 h, in the time study leaves free (up to 19 days after they are due)\n"
        "warning: the deadline 2027-04-01 cannot be met.\n"
    )


def test_ascii_under_no_color(roadmap_schedule: Schedule) -> None:
    text = render_text(roadmap_schedule, name="Tess", terminal=Terminal(width=80, no_color=True))
    assert text.isascii()
    assert text.startswith("Roadmap: Tess > ML Engineer\n\nStart 2027-03-01 | 5 h/week |")
    assert "  2027-03-01  2027-03-06  skill    Natural language processing... [nlp]      4.0\n" in text


def test_time_in_role_and_choices_are_shown(roadmap_schedule: Schedule) -> None:
    text = render_text(roadmap_schedule)
    assert (
        "  Then ML Engineer: skills ready 2027-03-27; reached 2027-09-22 after 6 months as Junior ML " in text
    )
    assert "  A deep learning framework [dl-framework]: pytorch (least work); instead of tensorflow\n" in text
    assert "Jupyter notebooks (recommended)" in text


def test_a_window_up_to_midnight_finishes_on_its_own_day(
    tiny_graph: CareerGraph, make_profile: Callable[..., Profile]
) -> None:
    """Regression: a last session of 23:30–24:00 on Sunday gave "finish" as Monday, a day
    after the milestone, in the text and Markdown roadmaps."""
    profile = make_profile(
        tiny_graph, hours_per_week=2, timezone="Asia/Kolkata", availability={"sun": ["23:30-24:00"]}
    )
    schedule = schedule_plan(
        make_plan(tiny_graph, profile), Availability.from_profile(profile), start=dt.date(2027, 3, 1)
    )
    last = schedule.milestones[-1].date
    assert schedule.local(schedule.sessions[-1].end).date() == last + dt.timedelta(days=1)
    assert schedule.finish_day == last
    assert f"finish {last}\n" in render_text(schedule)
    assert f"**Finish** {last} · " in render_markdown(schedule)
