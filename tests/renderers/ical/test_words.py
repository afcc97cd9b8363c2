"""What a calendar's events say: titles of at most 60 characters in whole words, with
the graph's short name where it gives one, and the reason for a session in names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from planner.cli import cli
from planner.graph import CareerGraph, shipped_graph
from planner.planning import make_plan
from planner.profile import check_profile
from planner.renderers.ical.calendar import render_ical
from planner.renderers.ical.words import MAX_TITLE, brief_name, title
from planner.scheduling import Availability, schedule_plan
from tests.renderers.support import with_short_names

DEEP = "Deep learning fundamentals (neural networks, backpropagation, CNNs, RNNs)"
STAMP = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)


def test_a_title_uses_the_short_name_and_whole_words() -> None:
    assert title("Study", DEEP, number="12/33") == "Study: Deep learning fundamentals (12/33)"
    assert title("Study", DEEP, "Deep learning", "12/33") == "Study: Deep learning (12/33)"
    assert title("Review", "PyTorch", number="1/3") == "Review: PyTorch (1/3)"
    assert title("Milestone", "Junior ML Engineer") == "Milestone: Junior ML Engineer"
    long = "Tabular classifier interpretable baseline versus gradient boosting with cross validation"
    assert title("Project", long, number="3/9") == "Project: Tabular classifier interpretable baseline… (3/9)"
    assert len(title("Study", "x" * 200, number="1/2")) == MAX_TITLE  # one endless word: cut, the last resort


def _calendar(graph: CareerGraph) -> list[dict[str, str]]:
    profile = check_profile(
        {
            "name": "Sam",
            "target": "ml-engineer",
            "timezone": "Europe/Berlin",
            "hours_per_week": 10,
            "availability": {"mon": ["19:00-21:00"], "sat": ["09:00-17:00"]},
        },
        graph,
        file="sam.toml",
    )
    schedule = schedule_plan(
        make_plan(graph, profile), Availability.from_profile(profile), start=dt.date(2027, 1, 4)
    )
    data = render_ical(schedule, graph, person="Sam", stamp=STAMP)
    return [
        {
            "item": str(ev.get("X-PLANNER-ITEM", "")),
            "summary": str(ev["SUMMARY"]),
            "description": str(ev["DESCRIPTION"]),
        }
        for ev in Calendar.from_ical(data).walk("VEVENT")
    ]


@pytest.fixture(scope="module")
def shipped_events() -> list[dict[str, str]]:
    return _calendar(shipped_graph())


def test_every_title_of_a_real_plan_fits_in_60_characters_of_whole_words(
    shipped_events: list[dict[str, str]],
) -> None:
    graph, events = shipped_graph(), shipped_events
    assert max(len(graph.nodes[e["item"]].name) for e in events if e["item"]) > 100  # names that need it
    for event in events:
        assert len(event["summary"]) <= MAX_TITLE, event["summary"]
        if event["item"]:
            shown = re.sub(r"^\w+: | \(\d+/\d+\)$", "", event["summary"]).removesuffix("…")
            name = graph.nodes[event["item"]].name
            for word in shown.split():  # a whole word of the name
                assert re.search(rf"(?<!\w){re.escape(word)}(?!\w)", name), event["summary"]


def test_the_reason_for_a_session_is_a_chain_of_names_not_ids(shipped_events: list[dict[str, str]]) -> None:
    graph = shipped_graph()
    for event in shipped_events:
        why = next((line for line in event["description"].split("\n") if line.startswith("Why: ")), None)
        if why is None or "(" not in why:
            continue
        chain = why.split(" needs it (", 1)[1].removesuffix(").").split(" → ")
        assert not {link for link in chain if link in graph.nodes and link != brief_name(graph, link)}, why
        assert chain[0] == brief_name(graph, event["item"])


def test_titles_and_reasons_use_the_graphs_short_names() -> None:
    graph = with_short_names(shipped_graph(), {"deep-learning": "Deep learning", "ml-engineer": "MLE"})
    events = _calendar(graph)
    studies = [e for e in events if e["item"] == "deep-learning"]
    assert studies and all(re.fullmatch(r"Study: Deep learning \(\d+/\d+\)", e["summary"]) for e in studies)
    assert all("needs it (Deep learning → " in e["description"] for e in studies)
    assert "Milestone: MLE" in {e["summary"] for e in events}


def test_the_cli_calendar_has_short_titles(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    examples = Path(__file__).resolve().parents[3] / "examples" / "profiles" / "priya.toml"
    result = CliRunner().invoke(cli, ["calendar", str(examples), "-o", str(out)])
    assert result.exit_code == 0, result.output
    summaries = [str(ev["SUMMARY"]) for ev in Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
    assert max(map(len, summaries)) <= MAX_TITLE
    assert "Study: Deep learning fundamentals (1/" in "\n".join(summaries)
