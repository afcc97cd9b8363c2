"""Inputs that once broke the contract (exit 0/1/2, a clear message, no traceback).

Each case came out of the fuzzers (tests/fuzz/test_fuzz.py, tests/fuzz/run_fuzz.py). Cases
were fixed; each case stays as a guard.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli
from tests.fuzz.mutators import shrink_ics
from tests.paths import ROOT

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
OVERFLOW = (
    "OverflowError: a TOML/JSON integer too large for a float (here 400 digits) reaches "
    "math.isfinite() in profile ProfileChecker.hours/ProfileChecker.progress, which raises "
    "'int too large to convert to float' -> 'internal error' exit 1; expected exit 2 "
    "naming the key and the valid range"
)


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
        profile.write_text(
            '{"target": "ml-engineer", "hours_per_week": 8, "availability": '
            f'{{"mon": ["19:00-21:00"]}}, "progress": {{"pandas": {HUGE}}}}}'
        )
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

YEAR_10K = (
    "ValueError 'year 10049 is out of range': a plan starting after 9949-12-31 computes its "
    "50-year horizon (scheduling.add_months(start, 12 * MAX_YEARS)) past datetime.MAXYEAR -> "
    "'internal error' exit 1; expected a clean error (exit 2 naming 'start' / '--from', or "
    "exit 1 'cannot be planned')"
)


@pytest.mark.parametrize("command", ["roadmap", "roadmap-json", "calendar", "status", "explain", "graph-dot"])
def test_start_near_year_9999(command: str, tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text("start = 9999-06-01\n" + MINIMAL)
    assert_clean(run(profile_commands(str(profile), str(tmp_path / "o.ics"))[command]), (1, 2))


@pytest.mark.parametrize("command", ["roadmap", "status", "calendar"])
def test_from_option_near_year_9999(command: str, tmp_path: Path) -> None:
    args = {
        "roadmap": ["roadmap", str(PRIYA)],
        "status": ["status", str(PRIYA)],
        "calendar": ["calendar", str(PRIYA), "-o", str(tmp_path / "o.ics")],
    }[command]
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

SURROGATE = (
    "UnicodeEncodeError 'surrogates not allowed': json.loads accepts the escape \\ud800, "
    "ProfileChecker.string lets it into 'name', and encoding the output as UTF-8 (cli.emit, "
    "render_ical, write_atomic) fails -> 'internal error' exit 1; expected exit 2 naming "
    "key 'name' (not valid Unicode text)"
)


@pytest.mark.parametrize("command", ["roadmap", "roadmap-json", "calendar", "graph-dot", "done"])
def test_lone_surrogate_in_json_name(command: str, tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(
        '{"name": "\\ud800x", "target": "ml-engineer", "hours_per_week": 8, '
        '"start": "2027-01-04", "availability": {"mon": ["19:00-21:00"]}}'
    )
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
    "duplicate-dtend": (
        "a VEVENT with two DTEND lines: ev.get('DTEND') is a list, read_previous "
        "does end.dt -> AttributeError 'list' object has no attribute 'dt'"
    ),
    "duplicate-dtstart": (
        "a VEVENT with two DTSTART lines: _differs/_sort_key call .to_ical()/.dt on a list -> AttributeError"
    ),
    "duplicate-status": (
        "a VEVENT with two STATUS lines: _differs calls .to_ical() on a list -> "
        "AttributeError 'list' object has no attribute 'to_ical'"
    ),
    "garbage-dtend": (
        "DTEND:garbage: icalendar keeps a broken property and read_previous's end.dt "
        "raises BrokenCalendarProperty"
    ),
    "garbage-dtstart": (
        "a byte flip in DTSTART (2027x210T190000): with --from the kept old events "
        "enter render_ical's VTIMEZONE date range, where ev.get('DTSTART').dt raises "
        "BrokenCalendarProperty"
    ),
    "period-dtend": (
        "DTEND;VALUE=PERIOD: .dt is a tuple, and with --from the VTIMEZONE range "
        "min(dates) compares tuple < date -> TypeError"
    ),
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


# --- issue 16: crashes that became clean messages ------------------------------------------------


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The first five events of an export of Priya's plan."""
    out = tmp_path_factory.mktemp("export") / "first.ics"
    assert run(["calendar", str(PRIYA), "-o", str(out)]).exit_code == 0
    return shrink_ics(out.read_bytes(), 5)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            b"SEQUENCE:0",
            b"SEQUENCE:2147483647",
            "has SEQUENCE 2147483647; an update raises it, and iCalendar allows at most 2147483647: export "
            "afresh, without --previous",
        ),
        (
            b"DTSTART;TZID=Europe/Berlin:20270201T190000",
            b"DTSTART;TZID=Europe/Berlin:99991231T190000",
            ": DTSTART 9999-12-31 is out of range; dates run from 1900-01-01 to 3050-12-31",
        ),
        (
            b"DTSTART;TZID=Europe/Berlin:20270201T190000",
            b"DTSTART;TZID=Europe/Berlin:00010101T190000",
            ": DTSTART 0001-01-01 is out of range; dates run from 1900-01-01 to 3050-12-31",
        ),
        (
            b"DTEND;TZID=Europe/Berlin:20270201T210000",
            b"DTEND:99991231T235959Z",
            ": DTEND 9999-12-31 is out of range; dates run from 1900-01-01 to 3050-12-31",
        ),
    ],
)
def test_previous_calendar_with_values_past_the_limits(
    tmp_path: Path, export: bytes, old: bytes, new: bytes, message: str
) -> None:
    """Regression: SEQUENCE 2147483647 could not be raised, and the VTIMEZONE of an event
    in year 9999 or 1 ran past the calendar: both ended as "internal error"."""
    previous = tmp_path / "old.ics"
    data = export
    assert old in data
    previous.write_bytes(data.replace(old, new, 1))
    out = tmp_path / "new.ics"
    result = run(
        ["calendar", str(PRIYA), "-o", str(out), "--previous", str(previous), "--from", "2027-03-01"]
    )
    assert_clean(result, (2,))
    assert result.stderr.startswith(f"Error: {previous}: event ")
    assert result.stderr.endswith(message + "\n")
    assert not out.exists()


@pytest.mark.parametrize("command", ["roadmap", "calendar", "status"])
@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "3000-01-01"])
def test_from_stays_in_the_profile_date_range(command: str, day: str, tmp_path: Path) -> None:
    """Regression: `--from 0001-01-01` ended as "internal error" (year 0 is out of range)."""
    args = {
        "roadmap": ["roadmap", str(PRIYA)],
        "status": ["status", str(PRIYA)],
        "calendar": ["calendar", str(PRIYA), "-o", str(tmp_path / "o.ics")],
    }[command]
    result = run([*args, "--from", day])
    assert_clean(result, (2,))
    assert result.stderr.endswith(
        f"Error: Invalid value for '--from': {day} is out of range; dates run from 1900-01-01 to 2999-12-31\n"
    )


@pytest.mark.slow  # real processes: a closed standard output cannot be had in-process
@pytest.mark.parametrize("args", [["roadmap", str(PRIYA)], ["stages"], ["init", "-"], ["status", str(PRIYA)]])
def test_closed_standard_output(args: list[str]) -> None:
    """Regression: `planner roadmap p.toml >&-` ended as "internal error"."""
    result = subprocess.run(
        [sys.executable, "-m", "planner", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        pass_fds=(),
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 1
    assert result.stderr.decode().endswith("Error: cannot write to standard output: it is closed\n")


def write_big_graph(folder: Path, files: int = 120, skills: int = 600) -> None:
    """About 19 MB of TOML: seconds of reading and validating."""
    folder.mkdir()
    for f in range(files):
        parts = [
            f'[[skills]]\nid = "s-{f}-{i}"\nname = "Skill {i}"\nhours = 1\ndescription = "{"x" * 200}"\n\n'
            for i in range(skills)
        ]
        (folder / f"f{f:03d}.toml").write_text("".join(parts))
    (folder / "stages.toml").write_text('[[stages]]\nid = "s"\nname = "S"\nrequires = ["s-0-0"]\n')


@pytest.mark.slow  # a real process, interrupted
def test_ctrl_c_while_a_big_folder_is_read(tmp_path: Path) -> None:
    """Regression: Ctrl-C printed tracebacks, or hung and left processes behind (when
    big folders were parsed in worker processes). As a terminal does, SIGINT goes to
    the whole process group."""
    folder = tmp_path / "graph"
    write_big_graph(folder)
    process = subprocess.Popen(
        [sys.executable, "-m", "planner", "validate", "--graph", str(folder), "--no-cache"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    time.sleep(0.5)  # start-up is over: the folder is being read
    assert process.poll() is None, "the folder was read before Ctrl-C; make it bigger"
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert (process.returncode, out, err.decode()) == (130, b"", "\nAborted!\n")
    with pytest.raises(ProcessLookupError):  # nobody left in the group
        os.killpg(process.pid, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph"]


# --- issue 16: inputs that never end are read only up to their limit --------------------------


def run_limited(args: list[str], stdin: int | IO[bytes] | None = None) -> tuple[int, str]:
    """Run planner in a process of at most 1 GiB, so reading without end fails fast."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    result = subprocess.run(
        [sys.executable, "-m", "planner", *args],
        stdin=stdin,
        capture_output=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        preexec_fn=limit,
        check=False,
    )
    return result.returncode, result.stderr.decode()


@pytest.mark.slow  # real processes, with a memory limit
def test_a_device_that_never_ends_is_read_up_to_the_limit(tmp_path: Path) -> None:
    """Regression: the 1 MiB limit trusted the size the file system reports (0 for
    /dev/zero), and reading went on until memory ran out; so did `--previous`."""
    assert run_limited(["roadmap", "/dev/zero"]) == (
        2,
        "Error: /dev/zero: is larger than 1 MiB, the most a profile may hold\n",
    )
    previous = tmp_path / "old.ics"
    previous.symlink_to("/dev/zero")
    assert run_limited(
        ["calendar", str(PRIYA), "-o", str(tmp_path / "new.ics"), "--previous", str(previous)]
    ) == (2, f"Error: {previous}: is larger than 32 MiB, the most an earlier calendar may hold\n")


@pytest.mark.slow  # real processes: `yes | planner roadmap /dev/stdin`
def test_standard_input_fed_without_end() -> None:
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    assert yes.stdout is not None
    try:
        assert run_limited(["roadmap", "/dev/stdin"], stdin=yes.stdout) == (
            2,
            "Error: /dev/stdin: is larger than 1 MiB, the most a profile may hold\n",
        )
    finally:
        yes.kill()
        yes.wait()
        yes.stdout.close()


def test_a_profile_on_standard_input_is_read(tmp_path: Path) -> None:
    """A pipe reports size 0: it is read, not refused, up to the limit."""
    read, write = os.pipe()
    os.write(write, MINIMAL.encode())
    os.close(write)
    link = tmp_path / "stdin.toml"
    link.symlink_to(f"/proc/self/fd/{read}")
    try:
        result = run(["gaps", str(link)])
    finally:
        os.close(read)
    assert_clean(result, (0,))


# --- issue 26: time in role past the year 9999, "today" at the calendar's edges --------------------


def chained_stages(folder: Path, count: int, months: int) -> Path:
    """A graph of one skill and ``count`` chained stages, each asking ``months`` in the one below."""
    folder.mkdir()
    tables = ['[[skills]]\nid = "basics"\nname = "Basics"\nhours = 10\n']
    for n in range(count):
        below = f"s{n - 1}" if n else "basics"
        role = f"min_months_in_previous_role = {months}\n" if n else ""
        tables.append(f'[[stages]]\nid = "s{n}"\nname = "Stage {n}"\nrequires = ["{below}"]\n{role}')
    (folder / "g.toml").write_text("\n".join(tables), encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", ["roadmap", "status", "week", "calendar", "explain", "graph"])
def test_time_in_role_past_the_year_9999_is_refused_under_the_50_year_limit(
    command: str, tmp_path: Path
) -> None:
    """Regression: 170 chained stages at 600 months, which validate accepts, gave "internal
    error: ValueError: year 10027 is out of range" in roadmap, status, week, calendar and
    explain."""
    graph = chained_stages(tmp_path / "g", 170, 600)
    assert run(["validate", "--graph", str(graph)]).exit_code == 0
    profile = tmp_path / "p.toml"
    profile.write_text('target = "s169"\nhours_per_week = 5\n[availability]\nmon = ["19:00-21:00"]\n')
    args = {
        "roadmap": ["roadmap", str(profile)],
        "status": ["status", str(profile)],
        "week": ["week", str(profile)],
        "calendar": ["calendar", str(profile), "-o", str(tmp_path / "o.ics")],
        "explain": ["explain", "s169", "--profile", str(profile)],
        "graph": ["graph", "--profile", str(profile)],
    }[command]
    result = run([*args, "--graph", str(graph)])
    assert_clean(result, (1,))
    assert result.stderr == (
        "Error: Stage 1 (s1) would be reached only on 2077-02-01, after 600 months as Stage 0: past "
        "2077-01-01, the end of a plan's 50 years from 2027-01-01 (the stages' min_months_in_previous_role "
        "add up to more)\n"
    )
    assert not (tmp_path / "o.ics").exists()


@pytest.mark.slow  # 24 runs of the whole command line
@pytest.mark.parametrize("command", ["roadmap", "status", "week", "calendar", "done", "explain"])
@pytest.mark.parametrize(
    ("epoch", "today", "zone"),
    [
        ("-62135596800", "0001-01-01", "UTC"),
        ("253402300799", "9999-12-31", "UTC"),
        ("32503680000", "3000-01-01", "UTC"),
        ("32503676400", "3000-01-01", "Pacific/Kiritimati"),  # 2999-12-31 23:00 UTC, already 3000 there
    ],
)
def test_today_at_the_calendar_s_edges_is_refused_and_done_writes_nothing(
    command: str, epoch: str, today: str, zone: str, tmp_path: Path
) -> None:
    """Regression: SOURCE_DATE_EPOCH in the year 1 or 9999 was "internal error:
    OverflowError" in roadmap, status, week and calendar; in the year 3000, `done` wrote
    `completed.pandas = 3000-01-01`, which the reader then refused, so every later command
    failed on a file done itself wrote."""
    profile = tmp_path / "p.toml"
    profile.write_text(f'timezone = "{zone}"\n' + MINIMAL)
    before = profile.read_bytes()
    args = {
        "roadmap": ["roadmap", str(profile)],
        "status": ["status", str(profile)],
        "week": ["week", str(profile)],
        "calendar": ["calendar", str(profile), "-o", str(tmp_path / "o.ics")],
        "done": ["done", str(profile), "pandas"],
        "explain": ["explain", "pandas", "--profile", str(profile)],
    }[command]
    result = run(args, epoch=epoch)
    assert_clean(result, (2,))
    assert result.stderr.endswith(
        f"Error: today is {today} by the clock (or SOURCE_DATE_EPOCH), out of the range a plan may use: "
        "1900-01-01 to 2999-12-31\n"
    )
    assert profile.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.toml"]
