"""The profile as a form: it shows the file, saves into it in place, and puts every
problem beside its field in the command line's words."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from planner.cli import cli
from planner.graph import CareerGraph

from .support import EPOCH, Form, forms, post_form
from .test_pages import text


def form_of(client: TestClient) -> Form:
    found = forms(client.get("/profile").text, "/profile")
    assert len(found) == 1
    return found[0]


def value(form: Form, name: str) -> str:
    return next(f.attrs.get("value", "") for f in form.fields if f.name == name)


def ticked(form: Form) -> set[str]:
    return {f.attrs["value"] for f in form.fields if f.name == "known" and "checked" in f.attrs}


def test_the_form_shows_the_file(client: TestClient) -> None:
    form = form_of(client)
    assert value(form, "hours_per_week") == "15"
    assert value(form, "timezone") == "America/New_York"
    assert value(form, "start") == "2027-01-11"
    assert value(form, "availability.sat") == "10:00-13:00, 14:00-17:00"
    assert value(form, "availability.mon") == ""
    assert value(form, "blackouts.1.reason") == "summer trip"
    target = next(f for f in form.fields if f.name == "target")
    assert [v for v, selected in target.options if selected] == ["junior-ml-engineer"]
    choice = next(f for f in form.fields if f.name == "choices.practical-experience")
    assert [v for v, selected in choice.options if selected] == ["kaggle-competition"]
    assert ticked(form) == {"statistics", "linear-algebra", "probability"}  # with the prerequisites


def test_the_checklist_is_every_skill_and_project_by_category_with_names(
    client: TestClient, graph: CareerGraph
) -> None:
    page = client.get("/profile").text
    boxes = re.findall(r'<input type="checkbox" id="k-([a-z0-9-]+)" name="known"', page)
    work = sorted(n for n in graph.nodes if graph.kind(n) in ("skill", "project"))
    assert sorted(boxes) == work
    assert len(re.findall(r'<details class="category"', page)) == len({graph.nodes[n].category for n in work})
    assert '<label for="k-pandas">pandas <code class="id">pandas</code></label>' in page
    requires = re.search(r'id="k-pandas" name="known" value="pandas" data-requires="([^"]*)"', page)
    assert requires is not None and requires.group(1) == " ".join(sorted(graph.pred["pandas"]))


def test_saving_writes_the_toml_in_place_keeping_comments(client: TestClient, marco: Path) -> None:
    before = marco.read_text()
    form = form_of(client)
    pairs = form.submit(hours_per_week="10", known=[*sorted(ticked(form)), "numpy", "python"])
    answer = post_form(client, "/profile", pairs)
    assert answer.status_code == 200 and answer.url.path == "/profile"
    assert f"Saved {marco}: changed 2 keys (hours_per_week, known), keeping its comments." in text(
        answer.text
    )
    after = marco.read_text()
    assert after == before.replace("hours_per_week = 15", "hours_per_week = 10").replace(
        '"linear-algebra"]', '"linear-algebra", "numpy"]'
    )
    assert value(form_of(client), "hours_per_week") == "10"


def test_saving_an_unchanged_form_writes_nothing(client: TestClient, marco: Path) -> None:
    inode = marco.stat().st_ino
    answer = post_form(client, "/profile", form_of(client).submit())
    assert "Nothing to save" in text(answer.text)
    assert marco.stat().st_ino == inode


def test_windows_blackouts_choices_and_target(client: TestClient, marco: Path) -> None:
    form = form_of(client)
    pairs = form.submit(
        **{
            "availability.mon": "19:00-21:00",
            "availability.sun": "",
            "blackouts.0.remove": "1",
            "blackouts.2.from": "2027-12-24",
            "blackouts.2.to": "2027-12-26",
            "blackouts.2.reason": "holidays",
            "choices.dl-framework": "tensorflow",
            "target": "ml-engineer",
        }
    )
    assert post_form(client, "/profile", pairs).status_code == 200
    data = tomllib.loads(marco.read_text())
    assert data["availability"] == {
        "mon": ["19:00-21:00"],
        "tue": ["18:00-21:00"],
        "thu": ["18:00-21:00"],
        "sat": ["10:00-13:00", "14:00-17:00"],
    }
    assert [b["reason"] for b in data["blackouts"]] == ["summer trip", "holidays"]
    assert data["choices"] == {"practical-experience": "kaggle-competition", "dl-framework": "tensorflow"}
    assert data["target"] == "ml-engineer"
    assert marco.read_text().startswith("# Marco: a statistics student")


def cli_problem(marco: Path, old: str, new: str, tmp_path: Path) -> str:
    """What ``planner roadmap`` says about the profile with ``old`` replaced by ``new``."""
    copy = tmp_path / "copy.toml"
    copy.write_text(marco.read_text().replace(old, new))
    result = CliRunner().invoke(cli, ["roadmap", str(copy)], env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 2
    return result.stderr.strip().split(": ", 3)[-1]


class Mistake(NamedTuple):
    field: str
    given: str
    """What is typed into the field."""
    old: str
    new: str
    """The same mistake made in the file: ``old`` replaced by ``new``."""
    input_id: str


MISTAKES = [
    Mistake("hours_per_week", "500", "hours_per_week = 15", "hours_per_week = 500", "f-hours_per_week"),
    Mistake("hours_per_week", "lots", "hours_per_week = 15", 'hours_per_week = "lots"', "f-hours_per_week"),
    Mistake("hours_per_week", "", "hours_per_week = 15\n", "", "f-hours_per_week"),
    Mistake("timezone", "Mars/Olympus", "America/New_York", "Mars/Olympus", "f-timezone"),
    Mistake(
        "availability.tue", "21:00-19:00", '"18:00-21:00"]\nthu', '"21:00-19:00"]\nthu', "f-availability-tue"
    ),
    Mistake("blackouts.1.to", "2027-07-01", "to = 2027-08-08", "to = 2027-07-01", "f-blackouts-1-to"),
    Mistake("start", "2027-02-30", "start = 2027-01-11", 'start = "2027-02-30"', "f-start"),
]


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: f"{m.field}={m.given}")
def test_a_problem_shows_beside_its_field_in_the_cli_s_words_and_nothing_is_written(
    client: TestClient, marco: Path, tmp_path: Path, mistake: Mistake
) -> None:
    field, given, old, new, input_id = mistake
    before = marco.read_bytes()
    answer = post_form(client, "/profile", form_of(client).submit(**{field: given}))
    assert answer.status_code == 422
    assert marco.read_bytes() == before
    message = cli_problem(marco, old, new, tmp_path)
    beside = re.search(rf'<p class="field-error" id="{input_id}-error-1">(.*?)</p>', answer.text, re.S)
    assert beside is not None, answer.text
    assert text(beside.group(1)) == f"Problem: {text(message)}"
    assert re.search(
        rf'id="{input_id}"[^>]*aria-describedby="[^"]*{input_id}-error-1"[^>]*aria-invalid="true"',
        answer.text,
    )
    resubmitted = forms(answer.text, "/profile")[0]
    assert value(resubmitted, field) == given  # what the person typed stays


def test_a_problem_the_form_cannot_show_is_listed_with_where_to_fix_it(
    client: TestClient, marco: Path
) -> None:
    marco.write_text(marco.read_text().replace('focus = ["nlp"]', 'focus = ["nlpp"]'))
    page = client.get("/profile")
    assert page.status_code == 200
    words = text(page.text)
    assert "key 'focus': unknown skill, project or stage id 'nlpp'" in words
    assert "fix it in your editor" in words


def test_a_save_keeps_what_done_recorded_since_the_form_was_drawn(client: TestClient, marco: Path) -> None:
    form = form_of(client)
    done = forms(client.get("/").text, "/done")[0]
    post_form(client, "/done", done.submit(("id", "python")))
    post_form(client, "/profile", form.submit(hours_per_week="12"))
    data = tomllib.loads(marco.read_text())
    assert data["hours_per_week"] == 12
    assert "python" in data["known"] and "python" in data["completed"]


def test_unticking_an_item_unticks_what_needs_it_and_its_history(client: TestClient, marco: Path) -> None:
    done = forms(client.get("/").text, "/done")[0]
    post_form(client, "/done", done.submit(("id", "pandas")))
    form = form_of(client)
    assert {"pandas", "numpy", "python"} <= ticked(form)
    post_form(client, "/profile", form.submit(known=sorted(ticked(form) - {"numpy"})))
    data = tomllib.loads(marco.read_text())
    assert "pandas" not in data["known"] and "numpy" not in data["known"]
    assert "python" in data["known"]
    assert "pandas" not in data.get("completed", {})


def test_a_file_that_does_not_parse_shows_its_error_and_no_form(client: TestClient, marco: Path) -> None:
    marco.write_text("hours_per_week = = 3\n")
    page = client.get("/profile")
    assert page.status_code == 200
    assert not forms(page.text, "/profile")
    assert "TOML syntax error" in text(page.text)


def test_every_mistake_of_one_save_is_shown_beside_its_own_field(client: TestClient, marco: Path) -> None:
    answer = post_form(
        client,
        "/profile",
        form_of(client).submit(
            **{"hours_per_week": "0", "availability.sat": "13:00-10:00", "timezone": "Nowhere"}
        ),
    )
    assert answer.status_code == 422
    beside = dict(re.findall(r'<p class="field-error" id="(f-[\w-]+)-error-1">(.*?)</p>', answer.text, re.S))
    assert set(beside) == {"f-hours_per_week", "f-availability-sat", "f-timezone"}
    assert "3 problems to fix" in text(answer.text)
