"""The pages show what the command line shows, from the same use cases, and never fail."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import planner
from planner.cli import cli
from planner.graph import CareerGraph

from .conftest import ClientFor
from .support import EPOCH, MOMENT, forms, post_form


def text(html: str) -> str:
    """A page's words, tags removed and spaces collapsed."""
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" (?=[,.;:](?:\s|$))", "", words)


def cli_text(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env={"SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_week_shows_each_session_by_day_with_its_id_and_a_done_button(
    client: TestClient, marco: Path, graph: CareerGraph
) -> None:
    page = client.get("/")
    assert page.status_code == 200
    week = planner.week(planner.load_profile(marco), graph=graph, now=MOMENT).to_dict()
    words = text(page.text)
    head = cli_text("week", str(marco)).splitlines()[0]
    assert head == "Tue 2027-02-02 – Sun 2027-02-07: 5 sessions, 15.0 h of study"
    assert head in words
    overdue = re.search(r"^Overdue: (.+)$", cli_text("week", str(marco)), re.MULTILINE)
    assert overdue is not None and overdue.group(1) in words
    for day in ("Tue 2027-02-02", "Thu 2027-02-04", "Sat 2027-02-06", "Sun 2027-02-07"):
        assert day in words
    sessions = text(page.text.split('id="days-title"')[1].split("<aside")[0])
    assert sessions.count("18:00–21:00 Python programming python") == 2
    buttons = [b for f in forms(page.text, "/done") for b in f.buttons()]
    assert len(buttons) >= len(week["sessions"])
    assert {value for _, value in buttons} >= {s["item"] for s in week["sessions"]}
    assert 'aria-label="Done: Python programming [python]"' in page.text


def test_the_week_shows_milestone_progress_and_pace_as_status_does(client: TestClient, marco: Path) -> None:
    words = text(client.get("/").text)
    status = cli_text("status", str(marco))
    progress = re.search(r"Junior ML Engineer\s+\S+\s+([\d.]+%)\s+([\d.]+ / [\d.]+ h)", status)
    assert progress is not None
    assert f"{progress.group(1)} · {progress.group(2)}" in words
    pace = status.split("Pace\n", 1)[1].split("\n\n", 1)[0]
    sentences = [" ".join(s.split()) for s in re.split(r"^  (?=\S)", pace, flags=re.MULTILINE) if s.strip()]
    assert len(sentences) == 3
    for sentence in sentences:  # a command in backticks shows as code, without them
        assert (sentence[0].upper() + sentence[1:]).replace("`", "") in words
    week = cli_text("week", str(marco))
    milestone = re.search(r"Next milestone: (.+?), ((?:skills ready|reached) .+)", week)
    assert milestone is not None
    assert f"Next milestone {milestone.group(1)}, {milestone.group(2)}" in words


def test_other_weeks_are_a_link_away(client: TestClient) -> None:
    words = text(client.get("/?from=2027-02-08").text)
    assert "Mon 2027-02-08 – Sun 2027-02-14" in words
    assert "is not a day" in text(client.get("/?from=soon").text)
    empty = text(client.get("/?from=2027-05-10").text)  # final exams: a blackout
    assert "Nothing planned these days. Next:" in empty


def test_the_roadmap_is_grouped_as_the_text_roadmap_with_the_summary_first(
    client: TestClient, marco: Path
) -> None:
    page = client.get("/roadmap")
    assert page.status_code == 200
    words = text(page.text)
    roadmap = cli_text("roadmap", str(marco))
    titles = re.findall(r"^== (.+) ==$", roadmap, re.MULTILINE)
    assert titles
    places = [words.index(title) for title in titles]
    assert places == sorted(places)
    for then in re.findall(r"^  (Then .+)$", roadmap, re.MULTILINE):
        assert then.replace("Then", "then", 1) in words
    summary = roadmap.splitlines()[2].split(" · ")
    for part in summary:
        assert part.strip() in words
    assert words.index("Start 2027-01-11") < places[0]
    for line in re.findall(
        r"^  (\S.*\[[a-z-]+\]: .*)$", roadmap.split("Choices:\n", 1)[1].split("\n\n")[0], re.M
    ):
        assert line.split(":")[0] in words
    for item in planner.roadmap(planner.load_profile(marco), now=MOMENT).to_dict()["items"]:
        assert f"{item['start']} {item['end']} {item['kind']} {item['name']}" in words


def test_the_graph_page_frames_today_s_picture_under_its_own_policy(
    client: TestClient, marco: Path, graph: CareerGraph
) -> None:
    frame = client.get("/graph")
    assert '<iframe class="picture" src="/graph/page"' in frame.text
    picture = client.get("/graph/page")
    expected = planner.picture(graph=graph, profile=planner.load_profile(marco), now=MOMENT).render("html")
    assert picture.text == expected
    policy = picture.headers["content-security-policy"]
    assert policy.endswith("; frame-ancestors 'self'")
    assert "script-src 'sha256-" in policy and "unsafe" not in policy
    assert picture.headers["x-frame-options"] == "SAMEORIGIN"


def test_the_calendar_is_the_cli_s_file_byte_for_byte(
    client: TestClient, marco: Path, tmp_path: Path
) -> None:
    answer = client.get("/calendar.ics")
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    written = tmp_path / "out.ics"
    cli_text("calendar", str(marco), "-o", str(written))
    assert answer.content == written.read_bytes()


def test_an_edit_in_a_text_editor_shows_on_the_next_load(client: TestClient, marco: Path) -> None:
    assert "15 h/week" in text(client.get("/roadmap").text)
    marco.write_text(marco.read_text().replace("hours_per_week = 15", "hours_per_week = 6"))
    assert "6 h/week" in text(client.get("/roadmap").text)


BROKEN = {
    "syntax": ("hours_per_week = 15", "hours_per_week = = 15"),
    "value": ("hours_per_week = 15", "hours_per_week = 500"),
    "id": ('known = ["statistics", "linear-algebra"]', 'known = ["statistcs"]'),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
@pytest.mark.parametrize("path", ["/", "/roadmap", "/graph", "/graph/page", "/profile"])
def test_a_broken_file_shows_the_cli_s_message_never_a_500(
    client: TestClient, marco: Path, kind: str, path: str
) -> None:
    old, new = BROKEN[kind]
    marco.write_text(marco.read_text().replace(old, new))
    result = CliRunner().invoke(cli, ["roadmap", str(marco)], env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 2
    message = result.stderr.removeprefix("Error: ").strip()
    page = client.get(path)
    assert page.status_code == 200
    words = text(page.text)
    if path == "/profile" and kind != "syntax":  # the form, with the problem beside its field
        detail = message.split(": ", 2)[-1]
        assert detail in words
    else:
        assert message in words


def test_a_missing_file_is_shown_too(client: TestClient, marco: Path) -> None:
    marco.unlink()
    for path in ("/", "/roadmap", "/profile"):
        assert "no such file" in text(client.get(path).text)
    assert client.get("/calendar.ics").status_code == 422
    assert client.get("/api/roadmap").status_code == 422


def test_a_plan_that_cannot_be_made_is_shown(client: TestClient, marco: Path) -> None:
    marco.write_text(
        marco.read_text().replace("start = 2027-01-11", "start = 2027-01-11\ndeadline = 2027-03-01")
    )
    words = text(client.get("/roadmap").text)
    assert "Warning: the deadline 2027-03-01 cannot be met" in words


def test_done_records_the_item_and_says_so_in_the_cli_s_words(client: TestClient, marco: Path) -> None:
    form = forms(client.get("/").text, "/done")[0]
    answer = post_form(client, "/done", form.submit(("id", "python")))
    assert answer.status_code == 200
    assert answer.url.path == "/"
    words = text(answer.text)
    assert f"Recorded in {marco}: Python programming [python] as known, completed on 2027-02-02." in words
    saved = marco.read_text()
    assert 'known = ["statistics", "linear-algebra", "python"]' in saved
    assert saved.startswith("# Marco: a statistics student")
    assert "[completed]\npython = 2027-02-02" in saved
    again = post_form(client, "/done", form.submit(("id", "python")))
    assert "Already known, nothing written: Python programming [python]." in text(again.text)


def test_done_with_an_unknown_id_says_what_the_cli_says(client: TestClient, marco: Path) -> None:
    form = forms(client.get("/").text, "/done")[0]
    before = marco.read_bytes()
    answer = post_form(client, "/done", form.submit(("id", "pyhton")))
    assert "unknown skill, project or stage id 'pyhton' (did you mean 'python'?)" in text(answer.text)
    assert marco.read_bytes() == before


def test_done_goes_back_to_the_page_and_week_it_came_from(client: TestClient) -> None:
    form = forms(client.get("/?from=2027-02-08").text, "/done")[0]
    answer = post_form(client, "/done", form.submit(form.buttons()[0]), follow_redirects=False)
    assert answer.headers["location"].startswith("/?from=2027-02-08&note=")
    evil = [(k, "https://evil.example/" if k == "back" else v) for k, v in form.submit(form.buttons()[0])]
    answer = post_form(client, "/done", evil, follow_redirects=False)
    assert answer.headers["location"].startswith("/?note=")


@pytest.mark.parametrize("path", ["/", "/roadmap", "/graph", "/profile", "/docs"])
def test_every_page_has_a_title_landmarks_and_one_heading(client: TestClient, path: str) -> None:
    page = client.get(path).text
    assert re.search(r"<title>\S[^<]* · planner</title>", page)
    assert '<html lang="en">' in page
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in page
    assert page.count("<h1") == 1
    assert 'aria-current="page"' in page or path == "/docs"


def test_unknown_pages_and_methods_are_answered_politely(client: TestClient) -> None:
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and "There is no such page here." in missing.text
    assert client.get("/api/nowhere").json() == {"error": "Not Found"}
    assert client.put("/profile", headers={"origin": "http://127.0.0.1:8765"}).status_code == 405


def test_fifty_requests_at_once_are_all_served(client_for: ClientFor, marco: Path) -> None:
    import concurrent.futures

    client = client_for(marco)
    paths = ["/", "/roadmap", "/api/week", "/api/status", "/calendar.ics"] * 10
    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        codes = list(pool.map(lambda p: client.get(p).status_code, paths))
    assert codes == [200] * 50


def test_before_the_plan_starts_the_next_item_can_be_marked_done(client_for: ClientFor, marco: Path) -> None:
    client = client_for(marco)
    page = client.get("/?from=2026-12-06")
    words = text(page.text)
    assert "Nothing planned these days. Next: Tue 2027-01-12 18:00–21:00, Python programming python." in words
    form = forms(page.text, "/done")[0]
    assert form.buttons()[0] == ("id", "python")
    assert 'aria-label="Done already: Python programming [python]"' in page.text


def test_a_graph_that_cannot_be_drawn_shows_why_inside_the_frame(client: TestClient, marco: Path) -> None:
    marco.write_text(
        marco.read_text().replace('sun = ["14:00-17:00"]', 'sun = ["14:00-17:00"]\n[progress]\npython = 2')
    )
    answer = client.get("/graph/page")
    assert answer.status_code == 200 and "cannot be drawn" in answer.text
    assert "frame-ancestors 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-frame-options"] == "SAMEORIGIN"


def test_commands_in_prose_show_as_code_and_stay_escaped() -> None:
    """Regression: the pace's hint showed its backticks on the page."""
    from planner.web.views import commands

    assert str(commands("record with `planner done me.toml ID...` today")) == (
        "record with <code>planner done me.toml ID...</code> today"
    )
    assert str(commands("<b>`x`</b>")) == "&lt;b&gt;<code>x</code>&lt;/b&gt;"
    assert str(commands("one ` tick")) == "one ` tick"
