"""The plain-text roadmap: golden file, input order, clipping of long names."""

from __future__ import annotations

from planner.exporters.text import render_text
from planner.scheduling import Schedule

from .support import ROADMAP_GRAPH, Shuffle, check_golden, schedule_of


def test_golden(roadmap_schedule: Schedule) -> None:
    check_golden("roadmap.txt", render_text(roadmap_schedule, name="Tess"))


def test_same_text_whatever_the_input_order(roadmap_schedule: Schedule, shuffle: Shuffle) -> None:
    expected = render_text(roadmap_schedule, name="Tess")
    for seed in range(3):
        assert render_text(schedule_of(shuffle(ROADMAP_GRAPH, seed))[1], name="Tess") == expected


def test_long_names_are_clipped_with_an_ellipsis(roadmap_schedule: Schedule) -> None:
    text = render_text(roadmap_schedule, name="Tess")
    assert "Natural language processing with a name lon…" in text
    assert "long enough to be clipped" not in text


def test_time_in_role_and_choices_are_shown(roadmap_schedule: Schedule) -> None:
    text = render_text(roadmap_schedule)
    assert "== ML Engineer — skills ready 2027-03-27; reached 2027-09-22 after 6 months as Junior ML " in text
    assert "  A deep learning framework [dl-framework]: pytorch (least work); instead of tensorflow\n" in text
    assert "Jupyter notebooks (recommended)" in text
