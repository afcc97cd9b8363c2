"""Profiles: what a valid one becomes, and the exact message and exit code of each bad one.

Bad profiles go through the CLI (``planner roadmap`` with ``-o`` and ``planner gaps``)
against the tiny graph folder, so ids and their suggestions do not depend on the
shipped graph's content.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.cli.options import terminal_safe
from planner.errors import ProfileError
from planner.graph import CareerGraph, load_graph
from planner.profile import check_profile, load_profile
from planner.records import Blackout, Window
from tests.hang import no_hang

VALID_KEYS = (
    "name, target, current_stage, current_stage_since, start, timezone, hours_per_week, known, "
    "progress, availability, blackouts, deadline, focus, recommended, study_ahead, choices, review_days, "
    "completed, experience"
)


def profile_text(middle: str = "", *, hours: str = "8", availability: str = 'mon = ["19:00-21:00"]') -> str:
    """A profile whose line 1 is target, line 2 hours_per_week, line 3 ``middle`` and line 4
    ``[availability]`` (when ``middle`` is one line)."""
    return (
        f'target = "junior-ml-engineer"\nhours_per_week = {hours}\n{middle}\n[availability]\n{availability}\n'
    )


@pytest.fixture
def rejects(runner: CliRunner, tmp_path: Path, tiny_graph_dir: Path) -> Callable[..., str]:
    """``rejects(text_or_bytes, name=...)``: run roadmap and gaps on the profile, check both
    exit 2 with the same message, no traceback and no output file; return standard error."""

    def run(content: str | bytes, name: str = "bad.toml") -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        out = tmp_path / "out" / "roadmap.txt"
        out.parent.mkdir(exist_ok=True)
        results = [
            runner.invoke(cli, ["roadmap", str(path), "--graph", str(tiny_graph_dir), "-o", str(out)]),
            runner.invoke(cli, ["gaps", str(path), "--graph", str(tiny_graph_dir)]),
        ]
        for result in results:
            assert result.exit_code == 2, result.output
            assert result.stdout == ""
            assert "Traceback" not in result.output
            assert result.exception is None or isinstance(result.exception, SystemExit)
        assert results[0].stderr == results[1].stderr
        assert list(out.parent.iterdir()) == []
        return results[0].stderr

    return run


def error(path_name: str, tmp_path: Path, rest: str) -> str:
    return f"Error: {tmp_path / path_name}{rest}\n"


# --- unknown keys and ids -------------------------------------------------------------


def test_unknown_key_suggests_the_key(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text('timezon = "UTC"')) == error(
        "bad.toml",
        tmp_path,
        f":3: key 'timezon': unknown key 'timezon' (did you mean 'timezone'?); valid keys: {VALID_KEYS}",
    )


def test_unknown_skill_id_suggests_the_id(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text('known = ["git", "pyhton"]')) == error(
        "bad.toml",
        tmp_path,
        ":3: key 'known': unknown skill, project or stage id 'pyhton' (did you mean 'python'?)",
    )


def test_unknown_focus_id(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text('focus = ["eda-reprt"]')) == error(
        "bad.toml",
        tmp_path,
        ":3: key 'focus': unknown skill, project or stage id 'eda-reprt' (did you mean 'eda-report'?)",
    )


def test_unknown_stage_id_suggests_the_stage(rejects: Callable[..., str], tmp_path: Path) -> None:
    text = profile_text().replace('"junior-ml-engineer"', '"ml-enginer"')
    assert rejects(text) == error(
        "bad.toml",
        tmp_path,
        ":1: key 'target': unknown stage id 'ml-enginer' (did you mean 'ml-engineer'?)",
    )


def test_unknown_stage_id_without_a_close_match_lists_the_stages(
    rejects: Callable[..., str], tmp_path: Path
) -> None:
    assert rejects(profile_text('current_stage = "astronaut"')) == error(
        "bad.toml",
        tmp_path,
        ":3: key 'current_stage': unknown stage id 'astronaut' (valid stages: junior-ml-engineer, "
        "ml-engineer)",
    )


def test_a_skill_given_as_target(rejects: Callable[..., str], tmp_path: Path) -> None:
    text = profile_text().replace('"junior-ml-engineer"', '"python"')
    assert rejects(text) == error(
        "bad.toml",
        tmp_path,
        ":1: key 'target': 'python' is a skill, but a stage id is needed "
        "(valid stages: junior-ml-engineer, ml-engineer)",
    )


def test_missing_required_key(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects('target = "ml-engineer"\n[availability]\nmon = ["19:00-21:00"]\n') == error(
        "bad.toml", tmp_path, ": key 'hours_per_week': missing required key 'hours_per_week'"
    )


# --- values ---------------------------------------------------------------------------


def test_a_zone_that_does_not_exist(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text('timezone = "Europe/Berln"')) == error(
        "bad.toml",
        tmp_path,
        ":3: key 'timezone': 'Europe/Berln' is not an IANA time zone, e.g. 'Europe/Berlin' or 'UTC' "
        "(did you mean 'Europe/Berlin'?)",
    )


@pytest.mark.parametrize("hours", ["0", "-1", "169", "-0.5", "168.5"])
def test_hours_per_week_out_of_range(rejects: Callable[..., str], tmp_path: Path, hours: str) -> None:
    assert rejects(profile_text(hours=hours)) == error(
        "bad.toml",
        tmp_path,
        f":2: key 'hours_per_week': {hours} is out of range: it must be more than 0 and at most 168 "
        "(the hours in a week)",
    )


@pytest.mark.parametrize(
    ("hours", "shown"), [('"8"', '"8"'), ("true", "true"), ("nan", "NaN"), ("[8]", "[8]")]
)
def test_hours_per_week_not_a_number(
    rejects: Callable[..., str], tmp_path: Path, hours: str, shown: str
) -> None:
    assert rejects(profile_text(hours=hours)) == error(
        "bad.toml", tmp_path, f":2: key 'hours_per_week': {shown} is not a number of hours (e.g. 8)"
    )


def test_window_that_ends_before_it_starts(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text(availability='mon = ["21:00-19:00"]')) == error(
        "bad.toml",
        tmp_path,
        ":5: key 'availability.mon': \"21:00-19:00\" ends before it starts; a window must end later "
        "the same day (use 24:00 for midnight)",
    )


@pytest.mark.parametrize(
    ("window", "bad"),
    [("25:00-26:00", "25:00"), ("19:60-20:00", "19:60"), ("24:00-24:30", "24:00"), ("08:00-24:01", "24:01")],
)
def test_window_with_an_impossible_time(
    rejects: Callable[..., str], tmp_path: Path, window: str, bad: str
) -> None:
    text = profile_text(availability=f'sat = ["09:00-10:00"]\nsun = ["{window}"]')
    assert rejects(text) == error(
        "bad.toml",
        tmp_path,
        f":6: key 'availability.sun': \"{window}\" has an impossible time {bad}; times run from "
        "00:00 to 24:00",
    )


def test_window_that_is_not_a_window(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text(availability='mon = ["7pm-9pm"]')) == error(
        "bad.toml",
        tmp_path,
        ':5: key \'availability.mon\': "7pm-9pm" is not a window; use 24-hour "HH:MM-HH:MM", '
        'e.g. "19:00-21:00"',
    )


def test_window_shorter_than_a_session(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text(availability='mon = ["19:00-19:20"]')) == error(
        "bad.toml",
        tmp_path,
        ":5: key 'availability.mon': \"19:00-19:20\" is 20 minutes long; a window must be at least "
        "30 minutes (the shortest session)",
    )


def test_overlapping_windows(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text(availability='wed = ["20:00-22:00", "19:00-21:00"]')) == error(
        "bad.toml",
        tmp_path,
        ":5: key 'availability.wed': windows 19:00-21:00 and 20:00-22:00 overlap; windows on one day "
        "must not overlap",
    )


def test_unknown_weekday(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text(availability='monday = ["19:00-21:00"]')) == error(
        "bad.toml",
        tmp_path,
        ":5: key 'availability.monday': unknown weekday 'monday'; use mon, tue, wed, thu, fri, sat, "
        "sun (did you mean 'mon'?)",
    )


NO_AVAILABILITY = (
    " key 'availability': no availability at all: give at least one weekly window, e.g. "
    'mon = ["19:00-21:00"]'
)


def test_no_availability_inline(rejects: Callable[..., str], tmp_path: Path) -> None:
    text = 'target = "junior-ml-engineer"\nhours_per_week = 8\navailability = {}\n'
    assert rejects(text) == error("bad.toml", tmp_path, f":3:{NO_AVAILABILITY}")


def test_no_availability_table_reports_its_line(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text(availability="")) == error("bad.toml", tmp_path, f":4:{NO_AVAILABILITY}")


@pytest.mark.parametrize("fraction", ["1.5", "-0.1", "nan"])
def test_progress_outside_zero_to_one(rejects: Callable[..., str], tmp_path: Path, fraction: str) -> None:
    text = profile_text(availability=f'mon = ["19:00-21:00"]\n\n[progress]\npandas = {fraction}')
    problem = (
        "NaN is not a fraction between 0 and 1"
        if fraction == "nan"
        else f"{fraction} is out of range: it must be at least 0 and at most 1"
    )
    assert rejects(text) == error(
        "bad.toml", tmp_path, f":8: key 'progress.pandas': {problem} (e.g. 0.5 for half done)"
    )


def test_progress_for_an_unknown_id(rejects: Callable[..., str], tmp_path: Path) -> None:
    text = profile_text(availability='mon = ["19:00-21:00"]\n[progress]\npandsa = 0.5')
    assert rejects(text) == error(
        "bad.toml",
        tmp_path,
        ":7: key 'progress.pandsa': unknown skill or project id 'pandsa' (did you mean 'pandas'?)",
    )


def test_progress_for_a_stage(rejects: Callable[..., str], tmp_path: Path) -> None:
    text = profile_text(availability='mon = ["19:00-21:00"]\n[progress]\nml-engineer = 0.5')
    assert rejects(text) == error(
        "bad.toml",
        tmp_path,
        ":7: key 'progress.ml-engineer': 'ml-engineer' is a stage, but a skill or project id is needed",
    )


def test_impossible_date_in_toml(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text("start = 2027-02-30")) == error(
        "bad.toml",
        tmp_path,
        ":3: impossible date 2027-02-30 in 'start = 2027-02-30'; use a real date YYYY-MM-DD",
    )


def test_impossible_month_in_toml(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text("deadline = 2027-13-01")) == error(
        "bad.toml",
        tmp_path,
        ":3: impossible date 2027-13-01 in 'deadline = 2027-13-01'; use a real date YYYY-MM-DD",
    )


def test_impossible_date_as_a_string(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text('start = "2027-02-30"')) == error(
        "bad.toml",
        tmp_path,
        ":3: key 'start': \"2027-02-30\" is not a valid date; use YYYY-MM-DD, e.g. 2027-01-04",
    )


def test_deadline_before_start(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(profile_text("start = 2027-05-01\ndeadline = 2027-04-01")) == error(
        "bad.toml", tmp_path, ":4: key 'deadline': 2027-04-01 is before start = 2027-05-01"
    )


def test_blackout_that_ends_before_it_starts(rejects: Callable[..., str], tmp_path: Path) -> None:
    text = profile_text(
        availability='mon = ["19:00-21:00"]\n\n[[blackouts]]\nfrom = 2027-01-01\nto = 2027-01-02\n\n'
        '[[blackouts]]\nfrom = 2027-04-10\nto = 2027-04-01\nreason = "oops"'
    )
    assert rejects(text) == error(
        "bad.toml", tmp_path, ":13: key 'blackouts[1].to': 2027-04-01 is before from = 2027-04-10"
    )


def test_blackout_with_an_unknown_key(rejects: Callable[..., str], tmp_path: Path) -> None:
    text = profile_text(
        availability='mon = ["19:00-21:00"]\n[[blackouts]]\nfrom = 2027-01-01\ntoo = 2027-01-02'
    )
    assert rejects(text) == error(
        "bad.toml",
        tmp_path,
        ":8: key 'blackouts[0].too': unknown key 'too' (did you mean 'to'?); valid keys: from, to, reason",
    )


# --- unreadable files -----------------------------------------------------------------


def test_toml_syntax_error_names_the_line(rejects: Callable[..., str], tmp_path: Path) -> None:
    message = rejects(profile_text(hours="= 8"))
    assert message.startswith(f"Error: {tmp_path / 'bad.toml'}:2: TOML syntax error: ")
    assert "line 2" in message


@pytest.mark.parametrize("content", ["", "  \n\n\t\n", "\ufeff"])
def test_empty_file(rejects: Callable[..., str], tmp_path: Path, content: str) -> None:
    assert rejects(content) == error(
        "bad.toml",
        tmp_path,
        ": is empty; a profile needs at least target, hours_per_week and availability (run `planner "
        "init` for a commented starter)",
    )


def test_binary_file(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == error(
        "bad.toml", tmp_path, ": is a binary file, not a TOML or JSON profile"
    )


def test_file_that_is_not_utf8(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects(b'name = "Andr\xe9"\n') == error(
        "bad.toml", tmp_path, ": is not UTF-8 text (bad byte at offset 12); save it as UTF-8"
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_file_is_told_to_save_as_utf8(
    rejects: Callable[..., str], tmp_path: Path, encoding: str
) -> None:
    """Regression: a UTF-16 profile was called a binary file."""
    name = "UTF-32" if encoding == "utf-32" else "UTF-16"
    assert rejects(profile_text().encode(encoding)) == error(
        "bad.toml", tmp_path, f": is {name} text; save it as UTF-8"
    )


def test_a_number_too_long_to_read_names_its_key(rejects: Callable[..., str], tmp_path: Path) -> None:
    """Regression: a 5000-digit number suggested sys.set_int_max_str_digits() and named no key."""
    assert rejects(profile_text(hours="9" * 5000)) == error(
        "bad.toml",
        tmp_path,
        ":2: key 'hours_per_week': a number with 5,000 digits is far too long; "
        "numbers may have at most 4,300 digits",
    )
    text = '{\n  "target": "junior-ml-engineer",\n  "hours_per_week": ' + "1" * 4301 + "\n}\n"
    assert rejects(text, name="bad.json") == error(
        "bad.json",
        tmp_path,
        ":3: key 'hours_per_week': a number with 4,301 digits is far too long; "
        "numbers may have at most 4,300 digits",
    )


def test_a_number_too_long_after_long_text_is_reported_at_once(
    rejects: Callable[..., str], tmp_path: Path
) -> None:
    """Regression: a long string before the number sent the error path into a regex that
    grew with the square of the line: hours for a profile the 1 MiB limit allows."""
    text = '{"note": "' + "x" * 600_000 + '", "hours_per_week": ' + "9" * 5000 + "}\n"
    with no_hang("roadmap and gaps of a 600 KB line"):
        message = rejects(text, name="bad.json")
    assert message == error(
        "bad.json",
        tmp_path,
        ":1: key 'hours_per_week': a number with 5,000 digits is far too long; "
        "numbers may have at most 4,300 digits",
    )


def test_json_keys_given_twice_are_refused(rejects: Callable[..., str], tmp_path: Path) -> None:
    """Regression: the last one won silently; TOML refuses a key given twice, and so does JSON now."""
    text = (
        '{\n  "target": "junior-ml-engineer",\n  "hours_per_week": 8,\n  "availability": '
        '{"mon": ["19:00-21:00"]},\n  "target": "ml-engineer"\n}\n'
    )
    assert rejects(text, name="bad.json") == error(
        "bad.json", tmp_path, ":5: key 'target': is given twice; each key may appear once in an object"
    )


def test_a_key_inside_a_multi_line_string_is_text(rejects: Callable[..., str], tmp_path: Path) -> None:
    """Regression: the line of a key that also appears in an earlier multi-line string
    was the string's."""
    text = (
        'target = "junior-ml-engineer"\nknown = ["""\nhours_per_week = 8\n[availability]\n"""]\n'
        'hours_per_week = -1\n[availability]\nmon = ["19:00-21:00"]\n'
    )
    stderr = rejects(text)
    assert stderr.startswith(f"Error: {tmp_path / 'bad.toml'} has 2 problems:\n")
    assert stderr.endswith(
        f"  {tmp_path / 'bad.toml'}:6: key 'hours_per_week': -1 is out of range: it must be more than 0 "
        "and at most 168 (the hours in a week)\n"
    )


@pytest.mark.parametrize(
    ("middle", "key", "line", "code", "at"),
    [
        ('name = "Tess\\u001b[31m"', "name", 3, "001B", 5),
        ('name = "bell\\u0007"', "name", 3, "0007", 5),
        ('name = "two\\nlines"', "name", 3, "000A", 4),
        ('[[blackouts]]\nfrom = 2027-01-04\nreason = "away\\u009b"', "blackouts[0].reason", 5, "009B", 5),
    ],
)
def test_control_characters_are_refused_with_their_place(
    rejects: Callable[..., str],
    tmp_path: Path,
    *,
    middle: str,
    key: str,
    line: int,
    code: str,
    at: int,
) -> None:
    """Regression: ESC, BEL and NUL in names reached the terminal raw (a message shows them
    escaped)."""
    value = tomllib.loads(middle.rsplit("\n", maxsplit=1)[-1])[key.rsplit(".", maxsplit=1)[-1]]
    shown = terminal_safe(json.dumps(value, ensure_ascii=False))
    assert rejects(profile_text(middle)) == error(
        "bad.toml",
        tmp_path,
        f":{line}: key '{key}': {shown} holds the control character U+{code} at character {at}; "
        "use plain text",
    )


def test_too_many_blackouts(rejects: Callable[..., str], tmp_path: Path) -> None:
    blackouts = "".join(f"[[blackouts]]\nfrom = 2027-01-{d % 28 + 1:02d}\n" for d in range(5_001))
    assert rejects(profile_text(availability='mon = ["19:00-21:00"]\n' + blackouts)) == error(
        "bad.toml",
        tmp_path,
        ":6: key 'blackouts': 5,001 blackouts are too many; give at most 5,000 "
        "(one blackout may span many days)",
    )


def test_missing_file(runner: CliRunner, tmp_path: Path, tiny_graph_dir: Path) -> None:
    result = runner.invoke(cli, ["roadmap", str(tmp_path / "nope.toml"), "--graph", str(tiny_graph_dir)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path / 'nope.toml'}: no such file (run `planner init` to write a starter profile)\n"
    )


def test_json_syntax_error(rejects: Callable[..., str], tmp_path: Path) -> None:
    text = '{\n  "target": "junior-ml-engineer",\n  "hours_per_week": 8,\n}\n'
    assert rejects(text, name="bad.json") == error(
        "bad.json",
        tmp_path,
        ":4: JSON syntax error: Expecting property name enclosed in double quotes (column 1)",
    )


def test_json_that_is_not_an_object(rejects: Callable[..., str], tmp_path: Path) -> None:
    assert rejects("[1, 2]", name="bad.json") == error(
        "bad.json", tmp_path, ": must be a table of keys (a JSON object), not list"
    )


def test_json_errors_report_the_line_of_the_key(rejects: Callable[..., str], tmp_path: Path) -> None:
    text = json.dumps(
        {
            "target": "junior-ml-engineer",
            "hours_per_week": 8,
            "timezon": "UTC",
            "availability": {"mon": ["19:00-21:00"]},
        },
        indent=2,
    )
    assert rejects(text, name="bad.json") == error(
        "bad.json",
        tmp_path,
        f":4: key 'timezon': unknown key 'timezon' (did you mean 'timezone'?); valid keys: {VALID_KEYS}",
    )


# --- valid profiles -------------------------------------------------------------------

FULL_TOML = """\
name = "Priya"
target = "ml-engineer"
current_stage = "junior-ml-engineer"
start = 2027-01-04
timezone = "Europe/Berlin"
hours_per_week = 8
known = ["python", "git", "python"]
deadline = 2027-09-30
focus = "numpy"

[progress]
pandas = 0.5

[availability]
wed = ["20:00-21:00", "19:00-20:00"]
mon = "19:00-21:00"
sat = ["09:00-13:00", "14:00-24:00"]

[[blackouts]]
from = 2027-04-10
to = 2027-04-20
reason = "vacation"

[[blackouts]]
from = 2027-02-01
"""


def test_a_full_toml_profile(tmp_path: Path, tiny_graph_dir: Path) -> None:
    graph = load_graph(tiny_graph_dir)
    path = tmp_path / "p.toml"
    path.write_text(FULL_TOML)
    profile = load_profile(path, graph=graph)
    assert profile.name == "Priya"
    assert (profile.target, profile.current_stage) == ("ml-engineer", "junior-ml-engineer")
    assert (profile.start, profile.deadline) == (dt.date(2027, 1, 4), dt.date(2027, 9, 30))
    assert profile.timezone == "Europe/Berlin"
    assert profile.hours_per_week == 8.0
    assert profile.known == ("git", "python")
    assert profile.focus == ("numpy",)
    assert profile.progress == {"pandas": 0.5}
    # adjacent windows merge; days come in weekday order; 24:00 is midnight
    assert profile.availability == {
        "mon": (Window(start=19 * 60, end=21 * 60),),
        "wed": (Window(start=19 * 60, end=21 * 60),),
        "sat": (Window(start=9 * 60, end=13 * 60), Window(start=14 * 60, end=24 * 60)),
    }
    assert list(profile.availability) == ["mon", "wed", "sat"]
    # sorted by date; a blackout without `to` is one day
    assert profile.blackouts == (
        Blackout(start=dt.date(2027, 2, 1), end=dt.date(2027, 2, 1)),
        Blackout(start=dt.date(2027, 4, 10), end=dt.date(2027, 4, 20), reason="vacation"),
    )
    assert profile.source == str(path)


def test_a_json_profile_with_the_same_keys_is_the_same_profile(tmp_path: Path, tiny_graph_dir: Path) -> None:
    import tomllib

    graph = load_graph(tiny_graph_dir)
    toml_path = tmp_path / "p.toml"
    toml_path.write_text(FULL_TOML)
    json_path = tmp_path / "p.json"
    json_path.write_text(json.dumps(tomllib.loads(FULL_TOML), default=str, indent=2))
    from_toml = load_profile(toml_path, graph=graph)
    from_json = load_profile(json_path, graph=graph)
    assert from_json == from_toml


def test_json_profile_is_detected_without_the_suffix(tmp_path: Path, tiny_graph: CareerGraph) -> None:
    path = tmp_path / "profile"
    path.write_text('{"target": "ml-engineer", "hours_per_week": 5, "availability": {"sun": "10:00-12:00"}}')
    assert load_profile(path, graph=tiny_graph).hours_per_week == 5.0


@pytest.mark.parametrize("hours", [0.5, 1, 168, 7.5])
def test_hours_per_week_bounds_are_inclusive(
    tiny_graph: CareerGraph, make_profile: Callable[..., Any], hours: float
) -> None:
    assert make_profile(tiny_graph, hours_per_week=hours).hours_per_week == hours


@pytest.mark.parametrize("fraction", [0, 1, 0.25])
def test_progress_bounds_are_inclusive(
    tiny_graph: CareerGraph, make_profile: Callable[..., Any], fraction: float
) -> None:
    assert make_profile(tiny_graph, progress={"pandas": fraction}).progress == {"pandas": float(fraction)}


def test_defaults(tiny_graph: CareerGraph) -> None:
    profile = check_profile(
        {"target": "ml-engineer", "hours_per_week": 3, "availability": {"fri": ["00:00-24:00"]}},
        tiny_graph,
        file="p.toml",
    )
    assert profile.timezone == "UTC"
    assert profile.start is None and profile.deadline is None and profile.current_stage is None
    assert profile.known == () and profile.focus == () and profile.blackouts == ()
    assert profile.availability == {"fri": (Window(start=0, end=24 * 60),)}


def test_check_profile_errors_carry_file_key_and_line(tiny_graph: CareerGraph) -> None:
    text = textwrap.dedent("""\
        target = "ml-engineer"
        hours_per_week = 8
        known = ["pyton"]
        [availability]
        mon = ["19:00-21:00"]
        """)
    import tomllib

    with pytest.raises(ProfileError) as info:
        check_profile(tomllib.loads(text), tiny_graph, file="me.toml", text=text)
    assert (info.value.file, info.value.key, info.value.line) == ("me.toml", "known", 3)
    assert info.value.exit_code == 2
    assert str(info.value) == (
        "me.toml:3: key 'known': unknown skill, project or stage id 'pyton' (did you mean 'python'?)"
    )


# --- review_days and [completed] ----------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["[7, 0]", '"weekly"', "[7, 3651]", "[true]", "[1.5]", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]"],
)
def test_review_days_must_be_a_short_list_of_days(
    rejects: Callable[..., str], tmp_path: Path, value: str
) -> None:
    problem = {
        "[7, 0]": "0 is out of range: it must be at least 1 and at most 3,650",
        '"weekly"': '"weekly" is not a list of whole numbers of days, e.g. [7, 30, 90]',
        "[7, 3651]": "3651 is out of range: it must be at least 1 and at most 3,650",
        "[true]": "true is not a whole number of days",
        "[1.5]": "1.5 is not a whole number of days",
    }.get(value, "13 review days are too many; give at most 12")
    assert rejects(profile_text(f"review_days = {value}")) == (
        f"Error: {tmp_path / 'bad.toml'}:3: key 'review_days': {problem}\n"
    )


def test_completed_needs_known_ids(rejects: Callable[..., str], tmp_path: Path) -> None:
    text = profile_text(availability='mon = ["19:00-21:00"]\n[completed]\npandsa = 2027-01-04')
    assert rejects(text) == error(
        "bad.toml",
        tmp_path,
        ":7: key 'completed.pandsa': unknown skill, project or stage id 'pandsa' (did you mean 'pandas'?)",
    )


def test_completed_needs_dates(rejects: Callable[..., str], tmp_path: Path) -> None:
    text = profile_text(availability='mon = ["19:00-21:00"]\n[completed]\npandas = "soon"')
    assert rejects(text) == error(
        "bad.toml",
        tmp_path,
        ":7: key 'completed.pandas': \"soon\" is not a valid date; use YYYY-MM-DD, e.g. 2027-01-04",
    )
    assert rejects(profile_text('completed = ["pandas"]')) == error(
        "bad.toml",
        tmp_path,
        ":3: key 'completed': [\"pandas\"] is not a table of id = date, e.g. python = 2027-02-18",
    )


def test_review_days_and_completed_are_read(
    tiny_graph: CareerGraph, make_profile: Callable[..., Any]
) -> None:
    profile = make_profile(
        tiny_graph, review_days=[90, 7, 30, 7], completed={"Numpy": dt.date(2027, 1, 5), "git": "2027-01-06"}
    )
    assert profile.review_days == (7, 30, 90)
    assert profile.completed == {"numpy": dt.date(2027, 1, 5), "git": dt.date(2027, 1, 6)}


# --- one run, every mistake; names wherever an id goes ---------------------------------------


def test_every_mistake_of_a_profile_is_reported_at_once(rejects: Callable[..., str], tmp_path: Path) -> None:
    """Regression: a profile with three mistakes reported one per run."""
    text = (
        'target = "ml-enginer"\nhours_per_week = 0\nknown = ["python", "pyton"]\n'
        '[availability]\nmon = ["19:00-21:00"]\n'
    )
    file = tmp_path / "bad.toml"
    assert rejects(text) == (
        f"Error: {file} has 3 problems:\n"
        f"  {file}:1: key 'target': unknown stage id 'ml-enginer' (did you mean 'ml-engineer'?)\n"
        f"  {file}:2: key 'hours_per_week': 0 is out of range: it must be more than 0 and at most 168 "
        "(the hours in a week)\n"
        f"  {file}:3: key 'known': unknown skill, project or stage id 'pyton' (did you mean 'python'?)\n"
    )


def test_names_and_aliases_work_in_every_profile_list(tmp_path: Path) -> None:
    """Regression: known = ["Python programming"] was refused while `done "Python programming"`
    worked."""
    path = tmp_path / "me.toml"
    path.write_text(
        'target = "ML Engineer"\nhours_per_week = 8\nknown = ["Python programming", "torch"]\n'
        'focus = ["Natural-Language-Processing"]\n[progress]\n"pandas" = 0.5\n[completed]\n'
        '"Python programming" = 2027-01-02\n[choices]\n"A deep learning framework" = "PyTorch"\n'
        '[availability]\nmon = ["19:00-21:00"]\n',
        encoding="utf-8",
    )
    profile = load_profile(path)
    assert (profile.target, profile.known, profile.focus) == ("ml-engineer", ("python", "pytorch"), ("nlp",))
    assert profile.completed == {"python": dt.date(2027, 1, 2)}
    assert profile.choices == {"dl-framework": ("pytorch",)}
