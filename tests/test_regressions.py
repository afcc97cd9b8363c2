"""Inputs that once broke the contract (exit 0/1/2, a clear message, no traceback).

Each case came out of the fuzzers (tests/test_fuzz.py, tests/fuzz/run_fuzz.py). Cases
were fixed; each case stays as a guard.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fuzz.mutators import shrink_ics

from planner.cli import cli

ROOT = Path(__file__).resolve().parent.parent
PRIYA = ROOT / "examples" / "profiles" / "priya.toml"
EPOCH = "1798761600"  # 2027-01-01

MINIMAL = 'target = "ml-engineer"\nhours_per_week = 8\n[availability]\nmon = ["19:00-21:00"]\n'


def run(args: list[str], epoch: str = EPOCH) -> Result:
    return CliRunner().invoke(cli, args, env={"SOURCE_DATE_EPOCH": epoch})


def assert_clean(result: Result, codes: tuple[int, ...]) -> None:
    shown = f"exit {result.exit_code}\nstdout: {result.stdout[-500:]!r}\nstderr: {result.stderr[-500:]!r}"
    assert result.exception is None or isinstance(result.exception, SystemExit), shown
    for text in (result.stdout, result.stderr):
        assert "Traceback" not in text, shown
        assert "internal error" not in text, shown
    assert result.exit_code in codes, shown
    if result.exit_code:
        assert result.stderr.strip(), shown


def profile_commands(p: str, out: str) -> dict[str, list[str]]:
    return {
        "roadmap": ["roadmap", p],
        "roadmap-json": ["roadmap", p, "--format", "json"],
        "calendar": ["calendar", p, "-o", out],
        "gaps": ["gaps", p],
        "status": ["status", p],
        "explain": ["explain", "pandas", "--profile", p],
        "graph-dot": ["graph", "--profile", p, "--format", "dot"],
        "done": ["done", p, "pandas"],
    }


# --- huge integers: math.isfinite(int) raises OverflowError --------------------------------------

HUGE = "9" * 400
OVERFLOW = ("OverflowError: a TOML/JSON integer too large for a float (here 400 digits) reaches "
            "math.isfinite() in profile.py _Checker.hours/_Checker.progress, which raises "
            "'int too large to convert to float' -> 'internal error' exit 1; expected exit 2 "
            "naming the key and the valid range")


@pytest.mark.parametrize("command", ["roadmap", "calendar", "gaps", "status", "explain", "graph-dot", "done"])
def test_huge_integer_hours_per_week(command: str, tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(MINIMAL.replace("hours_per_week = 8", f"hours_per_week = {HUGE}"))
    result = run(profile_commands(str(profile), str(tmp_path / "o.ics"))[command])
    assert_clean(result, (2,))
    assert "hours_per_week" in result.stderr


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_huge_integer_progress(suffix: str, tmp_path: Path) -> None:
    profile = tmp_path / f"p{suffix}"
    if suffix == ".toml":
        profile.write_text(MINIMAL + f"[progress]\npandas = {HUGE}\n")
    else:
        profile.write_text('{"target": "ml-engineer", "hours_per_week": 8, "availability": '
                           f'{{"mon": ["19:00-21:00"]}}, "progress": {{"pandas": {HUGE}}}}}')
    result = run(["gaps", str(profile)])
    assert_clean(result, (2,))
    assert "progress.pandas" in result.stderr


def test_huge_float_hours_per_week_is_a_clean_error(tmp_path: Path) -> None:
    """Guard: the float cousins of the cases above already work."""
    for value in ("1e308", "inf", "nan", "-inf"):
        profile = tmp_path / "p.toml"
        profile.write_text(MINIMAL.replace("hours_per_week = 8", f"hours_per_week = {value}"))
        assert_clean(run(["roadmap", str(profile)]), (2,))


# --- dates near the end of the calendar: the 50-year horizon passes year 9999 --------------------

YEAR_10K = ("ValueError 'year 10049 is out of range': a plan starting after 9949-12-31 computes its "
            "50-year horizon (scheduling.add_months(start, 12 * MAX_YEARS)) past datetime.MAXYEAR -> "
            "'internal error' exit 1; expected a clean error (exit 2 naming 'start' / '--from', or "
            "exit 1 'cannot be planned')")


@pytest.mark.parametrize("command", ["roadmap", "roadmap-json", "calendar", "status", "explain", "graph-dot"])
def test_start_near_year_9999(command: str, tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text("start = 9999-06-01\n" + MINIMAL)
    assert_clean(run(profile_commands(str(profile), str(tmp_path / "o.ics"))[command]), (1, 2))


@pytest.mark.parametrize("command", ["roadmap", "status", "calendar"])
def test_from_option_near_year_9999(command: str, tmp_path: Path) -> None:
    args = {"roadmap": ["roadmap", str(PRIYA)], "status": ["status", str(PRIYA)],
            "calendar": ["calendar", str(PRIYA), "-o", str(tmp_path / "o.ics")]}[command]
    assert_clean(run([*args, "--from", "9999-12-01"]), (1, 2))


def test_start_9960_with_deadline(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text("start = 9960-01-01\ndeadline = 9961-01-02\n" + MINIMAL)
    assert_clean(run(["roadmap", str(profile)]), (1, 2))


def test_today_near_year_9999(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(MINIMAL)  # no start: the plan starts today
    assert_clean(run(["roadmap", str(profile)], epoch="253402300799"), (1, 2))


# --- lone UTF-16 surrogates from JSON escapes ----------------------------------------------------

SURROGATE = ("UnicodeEncodeError 'surrogates not allowed': json.loads accepts the escape \\ud800, "
             "_Checker.string lets it into 'name', and encoding the output as UTF-8 (cli.emit, "
             "render_ical, write_atomic) fails -> 'internal error' exit 1; expected exit 2 naming "
             "key 'name' (not valid Unicode text)")


@pytest.mark.parametrize("command", ["roadmap", "roadmap-json", "calendar", "graph-dot", "done"])
def test_lone_surrogate_in_json_name(command: str, tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text('{"name": "\\ud800x", "target": "ml-engineer", "hours_per_week": 8, '
                       '"start": "2027-01-04", "availability": {"mon": ["19:00-21:00"]}}')
    before = profile.read_bytes()
    result = run(profile_commands(str(profile), str(tmp_path / "o.ics"))[command])
    assert_clean(result, (2,))
    assert "name" in result.stderr
    assert profile.read_bytes() == before


# --- calendar --previous with a damaged earlier export -------------------------------------------


def _event_line(ics: bytes, prop: bytes) -> tuple[int, int]:
    start = ics.index(b"BEGIN:VEVENT")
    at = ics.index(b"\r\n" + prop, start) + 2
    return at, ics.index(b"\r\n", at) + 2


def damaged(how: str) -> bytes:
    ics = shrink_ics((ROOT / "examples" / "calendars" / "priya.ics").read_bytes(), 3)
    if how.startswith("duplicate-"):
        at, end = _event_line(ics, how.removeprefix("duplicate-").upper().encode())
        return ics[:end] + ics[at:end] + ics[end:]
    prop, value = {
        "garbage-dtend": (b"DTEND", b"DTEND:garbage\r\n"),
        "garbage-dtstart": (b"DTSTART", b"DTSTART;TZID=Europe/Berlin:2027x210T190000\r\n"),
        "period-dtend": (b"DTEND", b"DTEND;VALUE=PERIOD:20270101T100000Z/PT1H\r\n"),
    }[how]
    at, end = _event_line(ics, prop)
    return ics[:at] + value + ics[end:]


PREVIOUS = {
    "duplicate-dtend": ("a VEVENT with two DTEND lines: ev.get('DTEND') is a list, read_previous "
                        "does end.dt -> AttributeError 'list' object has no attribute 'dt'"),
    "duplicate-dtstart": ("a VEVENT with two DTSTART lines: _differs/_sort_key call .to_ical()/.dt on "
                          "a list -> AttributeError"),
    "duplicate-status": ("a VEVENT with two STATUS lines: _differs calls .to_ical() on a list -> "
                         "AttributeError 'list' object has no attribute 'to_ical'"),
    "garbage-dtend": ("DTEND:garbage: icalendar keeps a broken property and read_previous's end.dt "
                      "raises BrokenCalendarProperty"),
    "garbage-dtstart": ("a byte flip in DTSTART (2027x210T190000): with --from the kept old events "
                        "enter render_ical's VTIMEZONE date range, where ev.get('DTSTART').dt raises "
                        "BrokenCalendarProperty"),
    "period-dtend": ("DTEND;VALUE=PERIOD: .dt is a tuple, and with --from the VTIMEZONE range "
                     "min(dates) compares tuple < date -> TypeError"),
}


@pytest.mark.parametrize("how", sorted(PREVIOUS))
@pytest.mark.parametrize("frm", [[], ["--from", "2027-03-01"]], ids=["same-start", "from"])
def test_damaged_previous_calendar(how: str, frm: list[str], tmp_path: Path) -> None:
    old = tmp_path / "old.ics"
    old.write_bytes(damaged(how))
    out = tmp_path / "new.ics"
    out.write_bytes(b"keep me")
    result = run(["calendar", str(PRIYA), "-o", str(out), "--previous", str(old), *frm])
    assert_clean(result, (0, 2))
    if result.exit_code:
        assert out.read_bytes() == b"keep me"
