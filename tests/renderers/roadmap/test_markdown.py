"""The Markdown roadmap: golden file, escaping, the Mermaid gantt chart."""

from __future__ import annotations

from pathlib import Path

from planner.renderers.roadmap.markdown import md_escape, render_gantt, render_markdown, task_name
from planner.scheduling import Schedule
from tests.golden import check_golden

from ..support import ROADMAP_GRAPH, Shuffle, schedule_of

GOLDEN = Path(__file__).parent / "golden"


def test_golden(roadmap_schedule: Schedule) -> None:
    check_golden(GOLDEN / "roadmap.md", render_markdown(roadmap_schedule, name="Tess"))


def test_same_markdown_whatever_the_input_order(roadmap_schedule: Schedule, shuffle: Shuffle) -> None:
    expected = render_markdown(roadmap_schedule, name="Tess")
    for seed in range(3):
        assert render_markdown(schedule_of(shuffle(ROADMAP_GRAPH, seed))[1], name="Tess") == expected


def test_names_are_escaped(roadmap_schedule: Schedule) -> None:
    text = render_markdown(roadmap_schedule, name="<b>Tess</b>")
    assert "pandas \\*dataframes\\* \\[tabular\\]" in text
    assert "\\<b\\>Tess\\</b\\>" in text
    assert md_escape("a & b") == "a &amp; b"


def test_gantt_has_a_section_per_period_and_a_milestone(roadmap_schedule: Schedule) -> None:
    gantt = render_gantt(roadmap_schedule)
    assert gantt.startswith("```mermaid\ngantt\n")
    assert "    section Before Junior ML Engineer" in gantt
    assert "    section While Junior ML Engineer" in gantt
    assert ":milestone," in gantt
    assert task_name("a: b # c; d") == "a b c d"


def test_without_gantt(roadmap_schedule: Schedule) -> None:
    assert "```mermaid" not in render_markdown(roadmap_schedule, gantt=False)
