"""The iCalendar export: round trips through two parsers, golden files, escaping and
folding, VTIMEZONE coverage past 2038, reproducibility, and the ``--previous`` rules.

Regenerate the golden files on purpose with
``PLANNER_REGEN_GOLDEN=1 python -m pytest tests/renderers``.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from planner.cli import cli
from planner.graph import CareerGraph, build_graph
from planner.planning import make_plan
from planner.profile import check_profile
from planner.records import Profile
from planner.renderers.ical.calendar import PRODID, render_ical
from planner.renderers.ical.previous import read_previous
from planner.scheduling import Availability, Schedule, schedule_plan
from tests.golden import check_golden

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("PLANNER_REGEN_GOLDEN") == "1"
STAMP = dt.datetime(2027, 1, 1, 12, 30, 15, tzinfo=dt.UTC)
UTC = dt.UTC
ESCAPE = re.compile(r"\\(.)", re.DOTALL)


# --- graphs, profiles, rendering --------------------------------------------------------


def work(
    node_id: str,
    name: str,
    hours: float,
    *requires: str,
    category: str = "core",
    description: str = "",
    resources: tuple[tuple[str, str], ...] = (),
) -> dict[str, Any]:
    return {
        "id": node_id,
        "name": name,
        "hours": hours,
        "requires": list(requires),
        "category": category,
        "description": description,
        "resources": [{"title": t, "url": u, "kind": "docs"} for t, u in resources],
    }


GRAPH: dict[str, Any] = {
    "skills": [
        work(
            "python",
            "Python",
            4,
            category="foundations",
            description="The language of ML.",
            resources=(("The Python Tutorial", "https://docs.python.org/3/tutorial/"),),
        ),
        work(
            "numpy",
            "NumPy",
            1.5,
            "python",
            category="data",
            description="Arrays.",
            resources=(
                ("NumPy quickstart", "https://numpy.org/doc/stable/user/quickstart.html"),
                ("From Python to NumPy", "https://www.labri.fr/perso/nrougier/from-python-to-numpy/"),
            ),
        ),
        work("pandas", "pandas", 6, "numpy", category="data"),
        work("git", "Git", 2, category="engineering", description="Version control."),
    ],
    "projects": [
        work(
            "eda-report",
            "EDA report",
            5,
            "pandas",
            "git",
            category="project",
            description="Explore a real data set and write it up.",
        ),
    ],
    "stages": [
        {"id": "junior-ml-engineer", "name": "Junior ML Engineer", "requires": ["numpy", "git"]},
        {"id": "ml-engineer", "name": "ML Engineer", "requires": ["junior-ml-engineer", "eda-report"]},
    ],
}
"""Two stages, four skills, one project: 18.5 hours, a few weeks at 6 h a week."""

BERLIN: dict[str, Any] = {
    "target": "ml-engineer",
    "start": dt.date(2027, 3, 15),
    "timezone": "Europe/Berlin",
    "hours_per_week": 6,
    "availability": {"mon": ["19:00-21:00"], "wed": ["19:00-21:00"], "sun": ["10:00-12:00"]},
}
"""Starts two weeks before the change to summer time of 2027-03-28 and runs past it."""


def graph_from(data: Mapping[str, Any]) -> CareerGraph:
    return build_graph([("g.toml", data, {})])


def profile_for(graph: CareerGraph, base: Mapping[str, Any] = BERLIN, **values: Any) -> Profile:
    data = {**base, **values}
    return check_profile({k: v for k, v in data.items() if v is not None}, graph, file="profile.toml")


def schedule_for(graph: CareerGraph, profile: Profile, start: dt.date | None = None) -> Schedule:
    plan = make_plan(graph, profile)
    first = start or profile.start
    assert first is not None
    return schedule_plan(plan, Availability.from_profile(profile), start=first)


def render(schedule: Schedule, graph: CareerGraph, previous: bytes | None = None, **kw: Any) -> bytes:
    old = read_previous(previous, file="old.ics") if previous is not None else None
    kw.setdefault("person", "Tess")
    kw.setdefault("stamp", STAMP)
    return render_ical(schedule, graph, previous=old, **kw)


@pytest.fixture(scope="module")
def graph() -> CareerGraph:
    return graph_from(GRAPH)


@pytest.fixture(scope="module")
def berlin(graph: CareerGraph) -> tuple[Schedule, bytes]:
    schedule = schedule_for(graph, profile_for(graph))
    return schedule, render(schedule, graph, calendar_name="Learning plan: Tess → ML Engineer")


# --- reading the output ----------------------------------------------------------------


def vevents(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def by_uid(data: bytes) -> dict[str, Any]:
    events = vevents(data)
    found = {str(ev["UID"]): ev for ev in events}
    assert len(found) == len(events), "duplicate UIDs"
    return found


def sessions_of(data: bytes) -> list[Any]:
    return [ev for ev in vevents(data) if "X-PLANNER-ITEM" in ev]


def blocks(data: bytes) -> dict[str, bytes]:
    """UID -> the exact bytes of its VEVENT, BEGIN to END."""
    found = {}
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.DOTALL):
        uid = re.search(rb"\r\nUID:([^\r]*)\r\n", block.replace(b"\r\n ", b""))
        assert uid is not None
        found[uid.group(1).decode()] = block
    return found


def logical_lines(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def raw_value(data: bytes, uid: str, name: str) -> str:
    """The raw (still escaped) value of property ``name`` of event ``uid``."""
    block = re.sub(rb"BEGIN:VALARM\r\n.*?END:VALARM\r\n", b"", blocks(data)[uid], flags=re.DOTALL)
    lines = logical_lines(block)
    values = [line.split(":", 1)[1] for line in lines if re.match(rf"{name}[;:]", line)]
    assert len(values) == 1, (name, values)
    return values[0]


def rfc_escape(text: str) -> str:
    """RFC 5545 3.3.11 TEXT escaping, written independently of icalendar."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def rfc_unescape(value: str) -> str:
    return ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def instant(value: dt.datetime | dt.date) -> dt.datetime | dt.date:
    """A comparable form: an aware datetime in UTC (PEP 495 makes inter-zone == unreliable
    for ambiguous local times), or the date of an all-day value."""
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, f"floating time {value}"
        return value.astimezone(UTC)
    return value


def sequence(ev: Any) -> int:
    return int(ev.get("SEQUENCE", 0))


def significant(ev: Any) -> tuple[Any, ...]:
    """What a calendar client shows: start, end, summary, description, status."""
    return (
        instant(ev.decoded("DTSTART")),
        instant(ev.decoded("DTEND")),
        str(ev.get("SUMMARY")),
        str(ev.get("DESCRIPTION")),
        str(ev.get("STATUS", "")),
    )


def expected_summary(graph: CareerGraph, item: str, index: int, count: int) -> str:
    node = graph.nodes[item]
    verb = "Project" if node.kind == "project" else "Study"
    name = " ".join(node.name.split())
    return f"{verb}: {name}" + (f" ({index}/{count})" if count > 1 else "")


# --- 1. round trip through icalendar ------------------------------------------------------


def test_one_event_per_session_and_per_milestone(berlin: tuple[Schedule, bytes]) -> None:
    schedule, data = berlin
    assert len(schedule.sessions) >= 8 and len(schedule.milestones) == 2
    assert len(vevents(data)) == len(schedule.sessions) + len(schedule.milestones)
    assert data.count(b"BEGIN:VEVENT\r\n") == len(schedule.sessions) + len(schedule.milestones)
    assert len(sessions_of(data)) == len(schedule.sessions)


def test_session_times_are_the_schedule_times(berlin: tuple[Schedule, bytes]) -> None:
    schedule, data = berlin
    zone = ZoneInfo("Europe/Berlin")
    events = sorted(sessions_of(data), key=lambda ev: instant(ev.decoded("DTSTART")))
    assert len(events) == len(schedule.sessions)
    offsets = set()
    for ev, session in zip(events, sorted(schedule.sessions, key=lambda s: s.start), strict=True):
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        assert isinstance(start, dt.datetime) and start.tzinfo is not None
        assert instant(start) == session.start and instant(end) == session.end
        assert start.utcoffset() == session.start.astimezone(zone).utcoffset()
        assert start.replace(tzinfo=None) == session.start.astimezone(zone).replace(tzinfo=None)
        assert ev["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert str(ev["X-PLANNER-ITEM"]) == session.item
        offsets.add(start.utcoffset())
    # the plan crosses the change to summer time, and the wall-clock times stay put
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}


def test_summary_numbers_sessions_and_omits_one_of_one(
    graph: CareerGraph, berlin: tuple[Schedule, bytes]
) -> None:
    schedule, data = berlin
    events = {(str(ev["X-PLANNER-ITEM"]), instant(ev.decoded("DTSTART"))): ev for ev in sessions_of(data)}
    counts = {s.of for s in schedule.sessions}
    assert 1 in counts and max(counts) > 1, "the fixture plan needs single- and multi-session items"
    for session in schedule.sessions:
        summary = str(events[session.item, session.start]["SUMMARY"])
        assert summary == expected_summary(graph, session.item, session.number, session.of)
        assert ("(1/1)" in summary) is False
        assert summary.startswith("Project: " if session.item == "eda-report" else "Study: ")


def test_description_says_why_unlocks_resources_and_hours_left(
    graph: CareerGraph, berlin: tuple[Schedule, bytes]
) -> None:
    schedule, data = berlin
    left = {item.id: item.minutes for item in schedule.plan.items}
    events = {(str(ev["X-PLANNER-ITEM"]), instant(ev.decoded("DTSTART"))): ev for ev in sessions_of(data)}
    for session in schedule.sessions:
        node = graph.nodes[session.item]
        text = str(events[session.item, session.start]["DESCRIPTION"])
        left[session.item] -= session.minutes
        assert "Why: " in text
        if node.description:
            assert node.description in text
        for successor in graph.succ[session.item]:
            assert graph.nodes[successor].name in text.split("Unlocks: ", 1)[1]
        for resource in node.resources:
            assert f"{resource.title}: {resource.url}" in text
        total = schedule.plan.item(session.item).hours
        assert text.endswith(f"Hours left after this session: {left[session.item] / 60:g} of {total:g}")
    assert set(left.values()) == {0}


def test_a_long_chain_of_unlocks_is_cut_in_the_middle() -> None:
    """A description stays short however deep the plan (a regression: the whole chain
    made a chained plan's calendar grow with the square of its length)."""
    chain = [work(f"c{i:02d}", f"C{i}", 1, *([f"c{i - 1:02d}"] if i else [])) for i in range(30)]
    graph = graph_from({"skills": chain, "stages": [{"id": "top", "name": "Top", "requires": ["c29"]}]})
    schedule = schedule_for(
        graph, profile_for(graph, target="top", hours_per_week=40, availability={"mon": ["08:00-18:00"]})
    )
    why = {
        str(ev["X-PLANNER-ITEM"]): str(ev["DESCRIPTION"]).split("\n")[0]
        for ev in sessions_of(render(schedule, graph))
    }
    # the chain speaks in names, as the rest of the description does
    assert (
        why["c00"]
        == "Why: Top needs it (C0 → C1 → C2 → C3 → C4 → C5 → C6 → C7 → C8 → C9 → … (20 more) → Top)."
    )
    assert why["c18"] == (
        "Why: Top needs it (C18 → C19 → C20 → C21 → C22 → C23 → C24 → C25 → C26 → C27 → … (2 more) → Top)."
    )
    assert why["c19"] == (
        "Why: Top needs it (C19 → C20 → C21 → C22 → C23 → C24 → C25 → C26 → C27 → C28 → C29 → Top)."
    )


def test_categories_are_the_node_category(graph: CareerGraph, berlin: tuple[Schedule, bytes]) -> None:
    _, data = berlin
    for ev in sessions_of(data):
        categories = [str(c) for c in ev["CATEGORIES"].cats]
        assert categories == [graph.nodes[str(ev["X-PLANNER-ITEM"])].category]


def test_milestones_are_all_day_with_exclusive_end(berlin: tuple[Schedule, bytes]) -> None:
    schedule, data = berlin
    milestones = [ev for ev in vevents(data) if "X-PLANNER-ITEM" not in ev]
    assert sorted((str(ev["SUMMARY"]), ev.decoded("DTSTART")) for ev in milestones) == sorted(
        (f"Milestone: {m.name}", m.date) for m in schedule.milestones
    )
    for ev in milestones:
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date
        assert end == start + dt.timedelta(days=1)
        assert ev["DTSTART"].params.get("VALUE") == "DATE"
        assert "ALARM" not in [c.name for c in ev.subcomponents]


def test_calendar_properties_and_utc_dtstamp(berlin: tuple[Schedule, bytes]) -> None:
    _, data = berlin
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == PRODID
    assert str(cal["X-WR-CALNAME"]) == "Learning plan: Tess → ML Engineer"
    for ev in cal.walk("VEVENT"):
        assert ev.decoded("DTSTAMP") == STAMP
        assert ev.decoded("DTSTAMP").utcoffset() == dt.timedelta(0)
    stamps = [line for line in logical_lines(data) if line.startswith("DTSTAMP")]
    assert stamps and set(stamps) == {"DTSTAMP:20270101T123015Z"}


def test_reminder_adds_one_display_alarm_per_session(
    graph: CareerGraph, berlin: tuple[Schedule, bytes]
) -> None:
    schedule, _ = berlin
    data = render(schedule, graph, reminder=15)
    for ev in vevents(data):
        alarms = [c for c in ev.subcomponents if c.name == "VALARM"]
        if "X-PLANNER-ITEM" not in ev:
            assert alarms == []
            continue
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == dt.timedelta(minutes=-15)
        assert str(alarms[0]["DESCRIPTION"]) == str(ev["SUMMARY"])


# --- 2. a second, independent parser -----------------------------------------------------


def test_vobject_reads_the_same_events(berlin: tuple[Schedule, bytes]) -> None:
    vobject = pytest.importorskip("vobject")
    _, data = berlin
    parsed = vobject.readOne(data.decode("utf-8"))
    theirs = {ev.uid.value: ev for ev in parsed.vevent_list}
    ours = by_uid(data)
    assert set(theirs) == set(ours)
    for uid, ev in ours.items():
        assert instant(theirs[uid].dtstart.value) == instant(ev.decoded("DTSTART"))
        assert instant(theirs[uid].dtend.value) == instant(ev.decoded("DTEND"))
        assert theirs[uid].summary.value == str(ev["SUMMARY"])
        assert theirs[uid].description.value == str(ev["DESCRIPTION"])


# --- 3. golden files ---------------------------------------------------------------------


GOLDEN_CASES: dict[str, dict[str, Any]] = {
    "berlin-dst.ics": {},
    "berlin-reminder.ics": {"reminder": 15},
    "utc.ics": {"timezone": "UTC"},
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str, graph: CareerGraph) -> None:
    options = dict(GOLDEN_CASES[name])
    reminder = options.pop("reminder", None)
    schedule = schedule_for(graph, profile_for(graph, **options))
    data = render(schedule, graph, reminder=reminder, calendar_name="Learning plan: Tess → ML Engineer")
    check_golden(GOLDEN / name, data)


def test_golden_shapes() -> None:
    berlin = (GOLDEN / "berlin-dst.ics").read_bytes()
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n" in berlin
    assert b"DTSTART:20270328T020000\r\n" in berlin  # the change to summer time
    assert b"DTSTART;TZID=Europe/Berlin:20270328T100000\r\n" in berlin  # a session that day
    assert b"BEGIN:VALARM" not in berlin
    reminder = (GOLDEN / "berlin-reminder.ics").read_bytes()
    assert reminder.count(b"BEGIN:VALARM\r\n") == len(sessions_of(reminder))
    assert b"TRIGGER:-PT15M\r\n" in reminder
    utc = (GOLDEN / "utc.ics").read_bytes()
    assert b"VTIMEZONE" not in utc and b"TZID" not in utc
    times = re.findall(rb"^DT(?:START|END):(\d{8}T\d{6}Z?)\r$", utc, re.MULTILINE)
    assert times and all(t.endswith(b"Z") for t in times)


# --- work done at a job ------------------------------------------------------------------


def at_work_data() -> dict[str, Any]:
    """The graph, with ML Engineer asking for three months of mentoring at work while Junior."""
    data = copy.deepcopy(GRAPH)
    data["projects"].append(
        {
            "id": "mentor",
            "name": "Mentor a junior, at work",
            "at_work": True,
            "months": 3,
            "requires": ["junior-ml-engineer"],
            "category": "project",
            "description": "Three months of mentoring at work.",
        }
    )
    data["stages"][1]["requires"].append("mentor")
    return data


@pytest.fixture(scope="module")
def at_work() -> tuple[Schedule, bytes]:
    graph = graph_from(at_work_data())
    schedule = schedule_for(graph, profile_for(graph))
    return schedule, render(schedule, graph, calendar_name="Learning plan: Tess → ML Engineer")


def test_work_at_a_job_is_one_all_day_event_never_sessions(at_work: tuple[Schedule, bytes]) -> None:
    schedule, data = at_work
    (span,) = schedule.at_work
    assert span.start == schedule.milestones[0].date  # while holding Junior
    assert not [s for s in schedule.sessions if s.item == "mentor"]
    events = [ev for ev in vevents(data) if str(ev["SUMMARY"]).startswith("At work: ")]
    assert len(events) == 1
    (event,) = events
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (span.start, span.end)
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert "X-PLANNER-ITEM" not in event
    assert "At work, beside study: 3 months from" in str(event["DESCRIPTION"])
    assert len(sessions_of(data)) == len(schedule.sessions)


def test_a_calendar_with_work_at_a_job_round_trips(at_work: tuple[Schedule, bytes]) -> None:
    """icalendar writes it back byte for byte, and vobject reads the same span."""
    schedule, data = at_work
    assert Calendar.from_ical(data).to_ical() == data
    vobject = pytest.importorskip("vobject")
    parsed = vobject.readOne(data.decode("utf-8"))
    (event,) = [ev for ev in parsed.vevent_list if ev.summary.value.startswith("At work: ")]
    (span,) = schedule.at_work
    assert (event.dtstart.value, event.dtend.value) == (span.start, span.end)
    check_golden(GOLDEN / "at-work.ics", data)


# --- 4. escaping and folding ---------------------------------------------------------------

NASTY_NAME = 'Comma, semi; "quoted" back\\slash 🚀 👩🏽‍💻 深度学习 التعلم'
NASTY_TEXT = (
    'Commas, semicolons; "double quotes", a backslash \\ and \\n (not a newline),\n'
    "a second line, emoji 🚀👩🏽‍💻🇩🇪, CJK 机器学习と深層学習, Arabic التعلم الآلي العميق,\n"
    + "long words " * 40
    + "\n"
    + "🚀" * 60
    + "é" * 70
    + "漢" * 50
)
NASTY_CATEGORY = 'data, science; "ml" \\ 数据'


def nasty_data() -> dict[str, Any]:
    return {
        "skills": [
            work(
                "python",
                NASTY_NAME,
                4,
                category=NASTY_CATEGORY,
                description=NASTY_TEXT,
                resources=((NASTY_NAME + " — guide", 'https://example.org/a?x=1,2;3&y="q"'),),
            ),
            work(
                "numpy",
                "NumPy\u2028with a line break, and 漢字",
                1,
                "python",
                category="data",
                description="x" * 300,
            ),
        ],
        "projects": [
            work("eda-report", 'Projekt 👩🏽‍💻; "EDA"', 2, "numpy", category="project", description="ا" * 120)
        ],
        "stages": [
            {
                "id": "junior-ml-engineer",
                "name": 'Junior «ML» Engineer; "1", \\ 🚀',
                "requires": ["eda-report"],
            }
        ],
    }


@pytest.fixture(scope="module")
def nasty() -> tuple[CareerGraph, Schedule, bytes]:
    graph = graph_from(nasty_data())
    schedule = schedule_for(graph, profile_for(graph, target="junior-ml-engineer"))
    return graph, schedule, render(schedule, graph, person='Zoë "; \\', reminder=10, calendar_name=NASTY_NAME)


def test_crlf_everywhere_and_lines_of_at_most_75_octets(nasty: tuple[CareerGraph, Schedule, bytes]) -> None:
    _, _, data = nasty
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    physical = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) <= 75
    assert sum(line.startswith(b" ") for line in physical) > 20, "the fixture should need folding"


def test_hostile_text_is_written_as_icalendar_writes_it(nasty: tuple[CareerGraph, Schedule, bytes]) -> None:
    _, _, data = nasty
    assert Calendar.from_ical(data).to_ical() == data


def test_no_fold_splits_a_character(nasty: tuple[CareerGraph, Schedule, bytes]) -> None:
    _, _, data = nasty
    for number, line in enumerate(data.split(b"\r\n"), start=1):
        line.decode("utf-8")  # raises on a split multi-octet character
        assert line[:1] != b" " or len(line) > 1, f"line {number}: an empty continuation"


def test_text_round_trips_exactly(nasty: tuple[CareerGraph, Schedule, bytes]) -> None:
    _, schedule, data = nasty
    events = sessions_of(data)
    assert len(events) == len(schedule.sessions)
    python = [ev for ev in events if str(ev["X-PLANNER-ITEM"]) == "python"]
    assert python
    for ev in python:
        text = str(ev["DESCRIPTION"])
        assert text.startswith(NASTY_TEXT + "\nWhy: ")
        assert f'- {NASTY_NAME} — guide: https://example.org/a?x=1,2;3&y="q"' in text
        assert [str(c) for c in ev["CATEGORIES"].cats] == [NASTY_CATEGORY]
        # a title is at most 60 characters, the name cut after a whole word
        assert str(ev["SUMMARY"]).startswith('Study: Comma, semi; "quoted" back\\slash 🚀 👩🏽\u200d💻… (')
        assert len(str(ev["SUMMARY"])) <= 60
    numpy = next(ev for ev in events if str(ev["X-PLANNER-ITEM"]) == "numpy")
    # a SUMMARY is one line: whitespace in the name is collapsed; the DESCRIPTION keeps it
    assert str(numpy["SUMMARY"]) == "Study: NumPy with a line break, and 漢字"
    assert "Unlocks: NumPy\u2028with a line break, and 漢字" in str(python[0]["DESCRIPTION"])
    project = next(ev for ev in events if str(ev["X-PLANNER-ITEM"]) == "eda-report")
    assert str(project["SUMMARY"]).startswith('Project: Projekt 👩🏽‍💻; "EDA"')
    milestone = next(ev for ev in vevents(data) if "X-PLANNER-ITEM" not in ev)
    assert str(milestone["SUMMARY"]) == 'Milestone: Junior «ML» Engineer; "1", \\ 🚀'
    # icalendar hands an X- property back raw; X-WR-CALNAME is TEXT, so unescape it.
    assert rfc_unescape(str(Calendar.from_ical(data)["X-WR-CALNAME"])) == NASTY_NAME


def test_raw_text_escaping_follows_rfc_5545(nasty: tuple[CareerGraph, Schedule, bytes]) -> None:
    _, _, data = nasty
    for uid, ev in by_uid(data).items():
        for name in ("SUMMARY", "DESCRIPTION"):
            raw = raw_value(data, uid, name)
            assert raw == rfc_escape(str(ev[name]))
            assert rfc_unescape(raw) == str(ev[name])
            # every backslash starts one of the four escapes; nothing is left bare
            assert re.fullmatch(r"(?:[^\\;,]|\\[\\;,nN])*", raw), raw


def test_calendar_name_is_escaped_text(nasty: tuple[CareerGraph, Schedule, bytes]) -> None:
    vobject = pytest.importorskip("vobject")
    _, _, data = nasty
    assert f"X-WR-CALNAME:{rfc_escape(NASTY_NAME)}" in logical_lines(data)
    assert vobject.readOne(data.decode("utf-8")).x_wr_calname.value == NASTY_NAME


def test_vobject_reads_the_hostile_text_the_same(nasty: tuple[CareerGraph, Schedule, bytes]) -> None:
    vobject = pytest.importorskip("vobject")
    _, _, data = nasty
    parsed = vobject.readOne(data.decode("utf-8"))
    ours = by_uid(data)
    assert len(parsed.vevent_list) == len(ours)
    for ev in parsed.vevent_list:
        mine = ours[ev.uid.value]
        assert ev.summary.value == str(mine["SUMMARY"])
        assert ev.description.value == str(mine["DESCRIPTION"])
        assert instant(ev.dtstart.value) == instant(mine.decoded("DTSTART"))


def test_carriage_returns_become_line_breaks(graph: CareerGraph) -> None:
    """RFC 5545 has one line break (``\\n``): CR LF and a lone CR are written as it."""
    data = copy.deepcopy(GRAPH)
    data["skills"][0]["description"] = "one\r\ntwo\rthree\nfour"
    cal_graph = graph_from(data)
    out = render(schedule_for(cal_graph, profile_for(cal_graph)), cal_graph)
    assert b"\r" not in out.replace(b"\r\n", b"")
    python = next(ev for ev in sessions_of(out) if str(ev["X-PLANNER-ITEM"]) == "python")
    assert str(python["DESCRIPTION"]).startswith("one\ntwo\nthree\nfour\nWhy: ")


def test_control_characters_are_not_written_raw(graph: CareerGraph) -> None:
    """Validation refuses control characters in names; a graph built without it (from
    the Python API) still never has them written raw."""
    valid = graph_from(copy.deepcopy(GRAPH))
    python = dataclasses.replace(
        valid.nodes["python"],
        description="bell \x07 escape \x1b[31m nul-ish \x01 tab\tkept",
        name="Py\x07thon",
    )
    cal_graph = CareerGraph(nodes={**valid.nodes, "python": python}, files=valid.files, pred=valid.pred)
    out = render(schedule_for(cal_graph, profile_for(cal_graph)), cal_graph)
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", out.replace(b"\r\n", b""))


# --- 5. VTIMEZONE over long plans ----------------------------------------------------------

LONG_GRAPH: dict[str, Any] = {
    "skills": [work("basics", "Basics", 2), work("marathon", "Marathon", 700, "basics")],
    "projects": [work("capstone", "Capstone", 3, "marathon", category="project")],
    "stages": [{"id": "junior-ml-engineer", "name": "Junior ML Engineer", "requires": ["capstone"]}],
}
"""705 hours: about four and a half years at 3 hours a week."""

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "UTC"]


@pytest.fixture(scope="module")
def long_graph() -> CareerGraph:
    return graph_from(LONG_GRAPH)


def long_calendar(graph: CareerGraph, zone: str) -> tuple[Schedule, bytes]:
    profile = profile_for(
        graph,
        target="junior-ml-engineer",
        timezone=zone,
        start=dt.date(2036, 1, 7),
        hours_per_week=3,
        availability={"tue": ["19:00-20:30"], "sat": ["09:00-10:30"]},
    )
    schedule = schedule_for(graph, profile)
    return schedule, render(schedule, graph)


def observances(data: bytes) -> list[tuple[str, dt.datetime, dt.timedelta, dt.timedelta]]:
    (vtz,) = Calendar.from_ical(data).walk("VTIMEZONE")
    return sorted(
        (
            (c.name, c.decoded("DTSTART"), c.decoded("TZOFFSETFROM"), c.decoded("TZOFFSETTO"))
            for c in vtz.subcomponents
        ),
        key=lambda o: o[1],
    )


@pytest.mark.slow
@pytest.mark.parametrize("zone", ZONES)
def test_offsets_equal_zoneinfo_past_2038(zone: str, long_graph: CareerGraph) -> None:
    schedule, data = long_calendar(long_graph, zone)
    last = max(s.end for s in schedule.sessions)
    assert last.year >= 2040, "the plan must run well past 2038"
    events = sorted(sessions_of(data), key=lambda ev: instant(ev.decoded("DTSTART")))
    sessions = sorted(schedule.sessions, key=lambda s: s.start)
    assert len(events) == len(sessions)
    info = ZoneInfo(zone)
    for ev, session in zip(events, sessions, strict=True):
        for key, moment in (("DTSTART", session.start), ("DTEND", session.end)):
            value = ev.decoded(key)
            assert instant(value) == moment, (key, value, moment)
            assert value.utcoffset() == moment.astimezone(info).utcoffset(), (key, value, moment)


@pytest.mark.slow
@pytest.mark.parametrize("zone", [z for z in ZONES if z != "UTC"])
def test_vtimezone_covers_every_event_date(zone: str, long_graph: CareerGraph) -> None:
    schedule, data = long_calendar(long_graph, zone)
    assert data.count(b"BEGIN:VTIMEZONE") == 1
    assert f"TZID:{zone}\r\n".encode() in data
    (vtz,) = Calendar.from_ical(data).walk("VTIMEZONE")
    assert str(vtz["TZID"]) == zone
    found = observances(data)
    info = ZoneInfo(zone)
    first = min(s.start for s in schedule.sessions).astimezone(info).replace(tzinfo=None)
    last = max(s.end for s in schedule.sessions).astimezone(info).replace(tzinfo=None)
    assert found[0][1] <= first, "the zone's rules start after the first event"
    for kind, start, before, after in found:
        # each observance is the zone's real offset change, read independently from zoneinfo
        moment = (start - before).replace(tzinfo=UTC)
        assert (moment - dt.timedelta(minutes=1)).astimezone(info).utcoffset() == before, (kind, start)
        assert moment.astimezone(info).utcoffset() == after, (kind, start)
        assert (kind == "DAYLIGHT") == bool(moment.astimezone(info).dst()), (kind, start)
    # every real transition of the zone up to the last event is in the VTIMEZONE
    changes = {start for _, start, before, after in found if before != after}
    probe = dt.datetime(first.year, 1, 1, tzinfo=UTC)
    previous = probe.astimezone(info).utcoffset()
    while probe < last.replace(tzinfo=UTC) + dt.timedelta(days=1):
        probe += dt.timedelta(hours=1)
        offset = probe.astimezone(info).utcoffset()
        if offset != previous:
            assert previous is not None
            assert (probe + previous).replace(tzinfo=None) in changes, (zone, probe)
            previous = offset
    if zone in ("Asia/Kolkata", "America/Sao_Paulo"):
        assert not changes and {kind for kind, *_ in found} == {"STANDARD"}
    else:
        assert max(changes).year >= last.year, "the DST rules stop before the plan ends"


@pytest.mark.slow
def test_southern_hemisphere_summer_is_daylight(long_graph: CareerGraph) -> None:
    _, data = long_calendar(long_graph, "Australia/Sydney")
    for kind, start, before, after in observances(data):
        if before != after:
            assert (kind, start.month) in {("DAYLIGHT", 10), ("STANDARD", 4)}, (kind, start)
            assert after == dt.timedelta(hours=11 if kind == "DAYLIGHT" else 10)


def test_utc_profile_writes_z_times_and_no_vtimezone(long_graph: CareerGraph) -> None:
    _, data = long_calendar(long_graph, "UTC")
    assert b"VTIMEZONE" not in data and b"TZID" not in data
    times = [line for line in logical_lines(data) if re.match(r"DT(START|END)[:;]", line)]
    assert all(line.endswith("Z") or "VALUE=DATE" in line for line in times)


# --- 6. SOURCE_DATE_EPOCH ------------------------------------------------------------------

EPOCH = "1798761600"  # 2027-01-01T00:00:00Z


@pytest.fixture
def tess(tmp_path: Path, profile_toml: str) -> Path:
    path = tmp_path / "tess.toml"
    path.write_text(profile_toml, encoding="utf-8")
    return path


@pytest.fixture
def cal(runner: CliRunner, tiny_graph_dir: Path) -> Callable[..., Result]:
    """``cal(*args, env=...)``: ``planner calendar`` on the tiny graph, with SOURCE_DATE_EPOCH."""

    def invoke(*args: str, env: Mapping[str, str] | None = None) -> Result:
        return runner.invoke(
            cli,
            ["calendar", *args, "--graph", str(tiny_graph_dir)],
            env={"SOURCE_DATE_EPOCH": EPOCH, **(env or {})},
        )

    return invoke


def test_source_date_epoch_gives_identical_bytes(
    cal: Callable[..., Result], tess: Path, tmp_path: Path
) -> None:
    one, two = tmp_path / "one.ics", tmp_path / "two.ics"
    assert cal(str(tess), "-o", str(one)).exit_code == 0
    assert cal(str(tess), "-o", str(two)).exit_code == 0
    assert one.read_bytes() == two.read_bytes()
    stdout = cal(str(tess), "-o", "-")
    assert stdout.exit_code == 0 and stdout.stdout_bytes == one.read_bytes()
    stamps = {ev.decoded("DTSTAMP") for ev in vevents(one.read_bytes())}
    assert stamps == {dt.datetime.fromtimestamp(int(EPOCH), tz=UTC)}
    assert b"DTSTAMP:20270101T000000Z\r\n" in one.read_bytes()


def test_another_epoch_before_the_plan_starts_changes_only_dtstamp(
    cal: Callable[..., Result], tess: Path, tmp_path: Path
) -> None:
    one, two = tmp_path / "one.ics", tmp_path / "two.ics"
    assert cal(str(tess), "-o", str(one)).exit_code == 0
    assert cal(str(tess), "-o", str(two), env={"SOURCE_DATE_EPOCH": "1798977600"}).exit_code == 0
    a, b = one.read_bytes(), two.read_bytes()
    assert a != b
    assert a.replace(b"DTSTAMP:20270101T000000Z", b"") == b.replace(b"DTSTAMP:20270103T120000Z", b"")


def test_a_calendar_made_after_the_plan_began_has_no_session_in_the_past(
    cal: Callable[..., Result], tess: Path, tmp_path: Path
) -> None:
    """The plan began on 2027-01-04; exported on 2027-01-15 at 08:00 with nothing recorded
    done, its sessions start from that moment instead of filling the days gone by."""
    out = tmp_path / "late.ics"
    assert cal(str(tess), "-o", str(out), env={"SOURCE_DATE_EPOCH": "1800000000"}).exit_code == 0
    made = dt.datetime.fromtimestamp(1800000000, tz=UTC)
    starts = [instant(ev.decoded("DTSTART")) for ev in sessions_of(out.read_bytes())]
    assert starts and min(starts) >= made


# --- 7. --previous ---------------------------------------------------------------------------


def check_update(old: bytes, new: bytes) -> None:
    """The update rules between an earlier export and a re-export over it."""
    assert Calendar.from_ical(new).to_ical() == new, "not what icalendar writes"
    before, after = by_uid(old), by_uid(new)
    assert set(before) <= set(after), "an earlier UID left the file"
    for uid, was in before.items():
        now = after[uid]
        assert sequence(now) >= sequence(was), uid
        if significant(now) != significant(was):
            assert sequence(now) > sequence(was), (uid, significant(was), significant(now))
        if str(was.get("STATUS")) == "CANCELLED" and str(now.get("STATUS")) == "CANCELLED":
            assert sequence(now) == sequence(was), "a cancelled event was cancelled again"


def new_profile(graph: CareerGraph, **values: Any) -> tuple[Schedule, Profile]:
    profile = profile_for(graph, **values)
    return schedule_for(graph, profile), profile


def test_same_plan_again_is_identical(graph: CareerGraph, berlin: tuple[Schedule, bytes]) -> None:
    schedule, _ = berlin
    old = render(schedule, graph)
    again = render(schedule, graph, previous=old)
    assert again == old
    assert {sequence(ev) for ev in vevents(again)} == {0}


@pytest.mark.parametrize(
    "change",
    [
        {"hours_per_week": 4},
        {"progress": {"pandas": 0.5}, "known": ["python"]},
        {"blackouts": [{"from": dt.date(2027, 3, 21), "to": dt.date(2027, 3, 24), "reason": "trip"}]},
    ],
)
def test_changed_plan_updates_without_orphans(graph: CareerGraph, change: dict[str, Any]) -> None:
    old_schedule, _ = new_profile(graph)
    new_schedule, _ = new_profile(graph, **change)
    old = render(old_schedule, graph)
    new = render(new_schedule, graph, previous=old)
    check_update(old, new)
    before, after = by_uid(old), by_uid(new)
    fresh = {str(ev["UID"]) for ev in sessions_of(render(new_schedule, graph))}
    unchanged = changed = cancelled = 0
    for uid, was in before.items():
        now = after[uid]
        if uid not in fresh and "X-PLANNER-ITEM" in was:
            assert str(now["STATUS"]) == "CANCELLED"
            assert sequence(now) == sequence(was) + 1
            cancelled += 1
        elif significant(now) == significant(was):
            assert sequence(now) == sequence(was)
            unchanged += 1
        else:
            assert str(now["STATUS"]) == "CONFIRMED"
            assert sequence(now) == sequence(was) + 1
            changed += 1
    assert changed > 0 and cancelled + unchanged > 0
    # one event per session and milestone of the new plan, plus the cancelled ones
    live = [ev for ev in vevents(new) if str(ev["STATUS"]) != "CANCELLED"]
    assert len(live) == len(new_schedule.sessions) + len(new_schedule.milestones)
    # re-exporting over the new file changes nothing, and nothing is cancelled twice
    assert render(new_schedule, graph, previous=new) == new


def test_a_cancelled_session_that_returns_is_confirmed_with_a_higher_sequence(graph: CareerGraph) -> None:
    first, _ = new_profile(graph)
    second, _ = new_profile(graph, progress={"pandas": 0.5, "python": 0.5})
    a = render(first, graph)
    b = render(second, graph, previous=a)
    c = render(first, graph, previous=b)
    check_update(a, b)
    check_update(b, c)
    returned = [uid for uid, ev in by_uid(b).items() if str(ev["STATUS"]) == "CANCELLED"]
    assert returned
    for uid in returned:
        assert str(by_uid(c)[uid]["STATUS"]) == "CONFIRMED"
        assert sequence(by_uid(c)[uid]) == sequence(by_uid(b)[uid]) + 1


def test_replan_from_keeps_past_sessions_byte_identical(graph: CareerGraph) -> None:
    schedule, profile = new_profile(graph)
    old = render(schedule, graph)
    cut = dt.date(2027, 3, 25)
    moved = profile_for(graph, progress={"pandas": 0.5}, hours_per_week=4)
    new = render(schedule_for(graph, moved, start=cut), graph, previous=old)
    check_update(old, new)
    cut_moment = dt.datetime.combine(cut, dt.time(), tzinfo=ZoneInfo(profile.timezone))
    past = {
        uid for uid, ev in by_uid(old).items() if "X-PLANNER-ITEM" in ev and ev.decoded("DTEND") <= cut_moment
    }
    assert past, "the cut should leave some past sessions"
    old_blocks, new_blocks = blocks(old), blocks(new)
    for uid in past:
        assert new_blocks[uid] == old_blocks[uid]
    later = [ev for ev in sessions_of(new) if str(ev["STATUS"]) == "CONFIRMED" and str(ev["UID"]) not in past]
    assert later and all(instant(ev.decoded("DTSTART")) >= cut_moment for ev in later)
    assert {str(ev["UID"]) for ev in later}.isdisjoint(past)
    # the numbering of an item goes on after its sessions already past
    started = {str(by_uid(old)[uid]["X-PLANNER-ITEM"]) for uid in past}
    for ev in later:
        if str(ev["X-PLANNER-ITEM"]) in started:
            assert "(1/" not in str(ev["SUMMARY"]), str(ev["SUMMARY"])
    # idempotent when re-planned again from the same day
    assert render(schedule_for(graph, moved, start=cut), graph, previous=new) == new


def test_replan_never_reuses_a_past_uid(graph: CareerGraph) -> None:
    """An item whose early sessions are past starts its new sessions under new UIDs."""
    schedule, _ = new_profile(graph)
    old = render(schedule, graph)
    first_python = min((s for s in schedule.sessions if s.item == "python"), key=lambda s: s.start)
    cut = first_python.end.astimezone(ZoneInfo("Europe/Berlin")).date() + dt.timedelta(days=1)
    # nothing recorded as done: python is planned again from the cut, numbered after the past ones
    new = render(schedule_for(graph, profile_for(graph), start=cut), graph, previous=old)
    check_update(old, new)
    past = {
        uid
        for uid, ev in by_uid(old).items()
        if "X-PLANNER-ITEM" in ev and instant(ev.decoded("DTEND")) <= first_python.end
    }
    assert past
    fresh = [ev for ev in sessions_of(new) if str(ev["STATUS"]) == "CONFIRMED" and str(ev["UID"]) not in past]
    assert {str(ev["UID"]) for ev in fresh}.isdisjoint(past)
    python_new = sorted(str(ev["SUMMARY"]) for ev in fresh if str(ev["X-PLANNER-ITEM"]) == "python")
    assert python_new and all(not s.startswith("Study: Python (1/") for s in python_new)


# --- 7b. --previous through the CLI ---------------------------------------------------------


def test_cli_previous_same_plan_is_byte_identical(
    cal: Callable[..., Result], tess: Path, tmp_path: Path
) -> None:
    old, new = tmp_path / "old.ics", tmp_path / "new.ics"
    assert cal(str(tess), "-o", str(old)).exit_code == 0
    result = cal(str(tess), "-o", str(new), "--previous", str(old))
    assert result.exit_code == 0, result.output
    assert new.read_bytes() == old.read_bytes()


def test_cli_more_hours_then_idempotent(cal: Callable[..., Result], tess: Path, tmp_path: Path) -> None:
    old, new, again = tmp_path / "old.ics", tmp_path / "new.ics", tmp_path / "again.ics"
    assert cal(str(tess), "-o", str(old)).exit_code == 0
    tess.write_text(tess.read_text().replace("hours_per_week = 6", "hours_per_week = 3"))
    assert cal(str(tess), "-o", str(new), "--previous", str(old)).exit_code == 0
    check_update(old.read_bytes(), new.read_bytes())
    assert new.read_bytes() != old.read_bytes()
    assert cal(str(tess), "-o", str(again), "--previous", str(new)).exit_code == 0
    assert again.read_bytes() == new.read_bytes()


def test_cli_done_cancels_the_items_future_sessions(
    runner: CliRunner, cal: Callable[..., Result], tess: Path, tiny_graph_dir: Path, tmp_path: Path
) -> None:
    old, new = tmp_path / "old.ics", tmp_path / "new.ics"
    assert cal(str(tess), "-o", str(old)).exit_code == 0
    numpy = {uid for uid, ev in by_uid(old.read_bytes()).items() if str(ev.get("X-PLANNER-ITEM")) == "numpy"}
    assert numpy
    done = runner.invoke(cli, ["done", str(tess), "numpy", "--graph", str(tiny_graph_dir)])
    assert done.exit_code == 0, done.output
    result = cal(str(tess), "-o", str(new), "--previous", str(old))
    assert result.exit_code == 0, result.output
    check_update(old.read_bytes(), new.read_bytes())
    after = by_uid(new.read_bytes())
    for uid in numpy:
        assert str(after[uid]["STATUS"]) == "CANCELLED"
        assert sequence(after[uid]) == 1
    live = [ev for ev in after.values() if str(ev["STATUS"]) == "CONFIRMED"]
    assert all(str(ev.get("X-PLANNER-ITEM")) != "numpy" for ev in live)


def test_cli_from_keeps_the_past_and_cancels_the_rest(
    runner: CliRunner, cal: Callable[..., Result], tess: Path, tiny_graph_dir: Path, tmp_path: Path
) -> None:
    old, new = tmp_path / "old.ics", tmp_path / "new.ics"
    assert cal(str(tess), "-o", str(old)).exit_code == 0
    before = by_uid(old.read_bytes())
    cut = dt.datetime(2027, 1, 20, tzinfo=ZoneInfo("Europe/Berlin"))
    past = {uid for uid, ev in before.items() if "X-PLANNER-ITEM" in ev and ev.decoded("DTEND") <= cut}
    assert past and len(past) < len(before)
    assert runner.invoke(cli, ["done", str(tess), "numpy", "--graph", str(tiny_graph_dir)]).exit_code == 0
    result = cal(str(tess), "-o", str(new), "--previous", str(old), "--from", "2027-01-20")
    assert result.exit_code == 0, result.output
    check_update(old.read_bytes(), new.read_bytes())
    old_blocks, new_blocks = blocks(old.read_bytes()), blocks(new.read_bytes())
    assert all(new_blocks[uid] == old_blocks[uid] for uid in past)
    after = by_uid(new.read_bytes())
    for uid, ev in before.items():
        if uid not in past and str(ev.get("X-PLANNER-ITEM")) == "numpy":
            assert str(after[uid]["STATUS"]) == "CANCELLED"
    for uid, ev in after.items():
        if uid not in past and str(ev["STATUS"]) == "CONFIRMED" and "X-PLANNER-ITEM" in ev:
            assert ev.decoded("DTSTART") >= cut
    again = tmp_path / "again.ics"
    assert cal(str(tess), "-o", str(again), "--previous", str(new), "--from", "2027-01-20").exit_code == 0
    assert again.read_bytes() == new.read_bytes()


# --- 7c. the rules as a property over random plans and changes ------------------------------


@st.composite
def graphs(draw: st.DrawFn) -> dict[str, Any]:
    size = draw(st.integers(2, 6))
    skills = []
    for i in range(size):
        requires = draw(
            st.lists(st.sampled_from([f"s{j}" for j in range(i)]), unique=True, max_size=2)
            if i
            else st.just([])
        )
        hours = draw(st.sampled_from([0.5, 1, 1.5, 2, 3, 4.5, 7]))
        skills.append(
            work(f"s{i}", f"Skill {i}", hours, *requires, category=draw(st.sampled_from(["core", "data"])))
        )
    return {
        "skills": skills,
        "stages": [
            {"id": "junior-ml-engineer", "name": "Junior", "requires": [s["id"] for s in skills[-2:]]}
        ],
    }


@st.composite
def variants(draw: st.DrawFn, ids: list[str]) -> dict[str, Any]:
    day = st.integers(0, 40).map(lambda n: dt.date(2027, 3, 15) + dt.timedelta(days=n))
    blackouts = []
    for first, length in draw(st.lists(st.tuples(day, st.integers(0, 5)), max_size=2)):
        blackouts.append({"from": first, "to": first + dt.timedelta(days=length)})
    progress = draw(st.dictionaries(st.sampled_from(ids), st.sampled_from([0.25, 0.5, 0.9]), max_size=2))
    known = draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))
    return {
        "hours_per_week": draw(st.sampled_from([2, 3.5, 6, 9])),
        "blackouts": blackouts,
        "progress": {k: v for k, v in progress.items() if k not in known},
        "known": known,
    }


@pytest.mark.slow
@given(data=st.data())
def test_update_rules_hold_for_random_changes(data: st.DataObject) -> None:
    graph_data = data.draw(graphs())
    graph = graph_from(graph_data)
    ids = [s["id"] for s in graph_data["skills"]]
    previous: bytes | None = None
    for step in range(3):
        values = data.draw(variants(ids), label=f"profile {step}")
        profile = profile_for(graph, target="junior-ml-engineer", **values)
        start = profile.start
        assert start is not None
        if data.draw(st.booleans(), label=f"re-plan later {step}"):
            start += dt.timedelta(days=data.draw(st.integers(1, 30)))
        schedule = schedule_for(graph, profile, start=start)
        if previous is None and not schedule.sessions:
            continue
        out = render(schedule, graph, previous=previous)
        live = [ev for ev in vevents(out) if str(ev["STATUS"]) != "CANCELLED"]
        if previous is None:
            assert len(live) == len(schedule.sessions) + len(schedule.milestones)
        else:
            check_update(previous, out)
            assert render(schedule, graph, previous=out) == out
        previous = out


# --- 8. CLI edge cases ---------------------------------------------------------------------


def test_empty_plan_is_an_error_and_writes_nothing(
    cal: Callable[..., Result], tess: Path, tmp_path: Path
) -> None:
    tess.write_text(tess.read_text().replace('known = ["python"]', 'known = ["eda-report", "git"]'))
    out = tmp_path / "plan.ics"
    result = cal(str(tess), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: nothing to put in a calendar")
    assert "Junior ML Engineer" in result.stderr and "no file written" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    "content",
    [b"name = 'not a calendar'\n", b"", b"\x00\xff\xfe\x00", b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n"],
)
def test_previous_that_is_not_a_calendar_is_a_usage_error(
    cal: Callable[..., Result], tess: Path, tmp_path: Path, content: bytes
) -> None:
    bogus = tmp_path / "bogus.ics"
    bogus.write_bytes(content)
    out = tmp_path / "plan.ics"
    result = cal(str(tess), "-o", str(out), "--previous", str(bogus))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ")
    assert str(bogus) in result.stderr and "iCalendar" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["bogus.ics", "tess.toml", "graph"])


def test_previous_that_does_not_exist_is_a_usage_error(
    cal: Callable[..., Result], tess: Path, tmp_path: Path
) -> None:
    out = tmp_path / "plan.ics"
    result = cal(str(tess), "-o", str(out), "--previous", str(tmp_path / "missing.ics"))
    assert result.exit_code == 2
    assert "--previous" in result.stderr and "does not exist" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("value", ["-5", "abc", "40321"])
def test_bad_reminder_is_a_usage_error(
    cal: Callable[..., Result], tess: Path, tmp_path: Path, value: str
) -> None:
    out = tmp_path / "plan.ics"
    result = cal(str(tess), "-o", str(out), "--reminder", value)
    assert result.exit_code == 2
    assert "--reminder" in result.stderr
    assert not out.exists()


# --- regressions: bugs found by these tests, fixed since ------------------------------


def test_timezone_change_raises_sequence(graph: CareerGraph) -> None:
    old_schedule, _ = new_profile(graph)
    new_schedule, _ = new_profile(graph, timezone="Europe/London")
    old = render(old_schedule, graph)
    check_update(old, render(new_schedule, graph, previous=old))


@pytest.mark.parametrize("zone", ["Europe/London", "UTC"])
def test_every_tzid_has_a_vtimezone_after_a_zone_change(graph: CareerGraph, zone: str) -> None:
    old_schedule, _ = new_profile(graph)
    new_schedule, _ = new_profile(graph, timezone=zone, progress={"pandas": 0.5, "python": 0.5})
    old = render(old_schedule, graph)
    new = render(new_schedule, graph, previous=old)
    assert b"STATUS:CANCELLED" in new
    used = set(re.findall(r"TZID=([^:;]+)", "\n".join(logical_lines(new))))
    defined = {str(vtz["TZID"]) for vtz in Calendar.from_ical(new).walk("VTIMEZONE")}
    assert used <= defined


@pytest.mark.parametrize(
    ("zone", "day"), [("America/New_York", dt.date(2027, 11, 7)), ("Europe/Berlin", dt.date(2027, 10, 31))]
)
def test_sessions_in_the_repeated_hour_keep_their_instants(zone: str, day: dt.date) -> None:
    data = {
        "skills": [work(f"k{i}", f"K{i}", 1) for i in range(6)],
        "stages": [{"id": "junior-ml-engineer", "name": "Junior", "requires": [f"k{i}" for i in range(6)]}],
    }
    graph = graph_from(data)
    profile = profile_for(
        graph,
        target="junior-ml-engineer",
        timezone=zone,
        start=day,
        hours_per_week=20,
        availability={"sun": ["00:00-06:00"]},
    )
    schedule = schedule_for(graph, profile)
    out = render(schedule, graph)
    events = sorted(sessions_of(out), key=lambda ev: (str(ev["X-PLANNER-ITEM"]), str(ev["SUMMARY"])))
    for ev, session in zip(events, sorted(schedule.sessions, key=lambda s: s.item), strict=True):
        assert (instant(ev.decoded("DTSTART")), instant(ev.decoded("DTEND"))) == (session.start, session.end)


@pytest.mark.parametrize(
    ("zone", "start"), [("Europe/Amsterdam", dt.date(1930, 5, 5)), ("Europe/Dublin", dt.date(1916, 5, 1))]
)
def test_offsets_with_seconds_survive_a_client_that_reads_the_vtimezone(
    graph: CareerGraph, zone: str, start: dt.date
) -> None:
    """Regression: Amsterdam was +00:19:32 before 1937 (Dublin -00:25:21 before 1916).
    Transitions were cut to the minute, so each observance carried the previous offset,
    and a client that reads the VTIMEZONE moved nearly every session by an hour. The
    client here is dateutil's VTIMEZONE reader, which vobject uses."""
    from dateutil.tz import tzical

    schedule = schedule_for(graph, profile_for(graph, timezone=zone, start=start))
    data = render(schedule, graph)
    info = ZoneInfo(zone)
    assert len({schedule.local(s.start).utcoffset() for s in schedule.sessions}) == 2, "a change"
    (vtz,) = Calendar.from_ical(data).walk("VTIMEZONE")
    for obs in vtz.subcomponents[1:]:
        change = (obs.decoded("DTSTART") - obs.decoded("TZOFFSETFROM")).replace(tzinfo=UTC)
        for before, after in (
            (change - dt.timedelta(hours=1), change + dt.timedelta(hours=1)),
            (change - dt.timedelta(seconds=1), change),
        ):  # to the second
            assert (obs.decoded("TZOFFSETFROM"), obs.decoded("TZOFFSETTO")) == (
                before.astimezone(info).utcoffset(),
                after.astimezone(info).utcoffset(),
            )
        assert obs.name == ("DAYLIGHT" if change.astimezone(info).dst() else "STANDARD")
    text = data.decode("utf-8")
    client = tzical(io.StringIO(text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE") + 13]))
    read = client.get(zone)
    events = sorted(sessions_of(data), key=lambda ev: instant(ev.decoded("DTSTART")))
    for ev, session in zip(events, sorted(schedule.sessions, key=lambda s: s.start), strict=True):
        local = ev.decoded("DTSTART").replace(tzinfo=None)
        assert local.replace(tzinfo=read).astimezone(UTC) == session.start, ev["UID"]


def test_a_previous_calendar_of_another_person_needs_force(
    cal: Callable[..., Result], tess: Path, tmp_path: Path
) -> None:
    """Regression: an export with no UID in common was accepted, and all its future events
    were written back as CANCELLED into the new file."""
    old, new = tmp_path / "old.ics", tmp_path / "new.ics"
    assert cal(str(tess), "-o", str(old)).exit_code == 0
    events = len(vevents(old.read_bytes()))
    tess.write_text(tess.read_text().replace('name = "Tess"', 'name = "Someone Else"'))
    refused = cal(str(tess), "-o", str(new), "--previous", str(old))
    assert refused.exit_code == 2
    assert refused.stderr.endswith(
        f"Error: Invalid value for '--previous': {old} shares no event with Someone Else's plan (is it "
        f"another person's calendar?): updating it cancels its {events} future events; check the "
        "file, or add --force to cancel them\n"
    )
    assert not new.exists()
    forced = cal(str(tess), "-o", str(new), "--previous", str(old), "--force")
    assert forced.exit_code == 0, forced.output
    assert (
        f"warning: {old} shares no event with Someone Else's plan (is it another person's "
        f"calendar?): updating it cancels its {events} future events, as --force asks.\n"
    ) in forced.stderr
    statuses = [str(ev["STATUS"]) for ev in vevents(new.read_bytes())]
    assert statuses.count("CANCELLED") == events
