"""``planner batch`` through the command line: one result line per input, in order,
the messages ``planner roadmap`` gives, exit codes, and files written whole or not at all."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli
from planner.cli import cohort as cli_cohort
from tests.hang import no_hang

from .conftest import ada, results

BAD_LINES = {
    "unknown target": json.dumps(ada(target="ml-enginer")),
    "JSON syntax": '{"name": "Bo", "target": "ml-engineer",',
    "not an object": "[1, 2]",
    "missing key": json.dumps(ada(availability=None)),
    "impossible window": json.dumps(ada(availability={"mon": ["21:00-19:00"]})),
    "no study time": json.dumps(ada(hours_per_week=0.25)),
}
"""Profiles that cannot be planned, each for another reason."""
LOCATION = re.compile(r"^.*?:(\d+:)? ")


def test_good_and_bad_lines_give_one_result_each_in_order_and_exit_1(
    batch: Callable[..., Result], write_cohort: Callable[..., Path], tmp_path: Path
) -> None:
    source = write_cohort([ada(), "", ada(name="Bo", target="ml-enginer"), "not json", ada(name="Cy")])
    out = tmp_path / "out.jsonl"
    result = batch(str(source), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f"{source}:3: key 'target': unknown stage id 'ml-enginer' (did you mean 'ml-engineer'?)\n"
        f"{source}:4: JSON syntax error: Expecting value (column 1)\n"
        f"Wrote {out}: 4 profiles, 2 planned, 2 failed.\n"
        f'Error: 2 of 4 profiles could not be planned; each has "ok": false and its error in {out}\n'
    )
    lines = results(out)
    assert [(r["input"], r["name"], r["ok"]) for r in lines] == [
        ("1", "Ada", True),
        ("3", "Bo", False),
        ("4", None, False),
        ("5", "Cy", True),
    ]
    assert lines[1] == {
        "input": "3",
        "name": "Bo",
        "ok": False,
        "target": None,
        "start": None,
        "finish": None,
        "hours": None,
        "milestones": None,
        "warnings": [],
        "error": f"{source}:3: key 'target': unknown stage id 'ml-enginer' (did you mean 'ml-engineer'?)",
    }
    assert list(lines[0]) == [
        "input",
        "name",
        "ok",
        "target",
        "start",
        "finish",
        "hours",
        "milestones",
        "warnings",
        "error",
    ]


def test_a_cohort_of_good_profiles_exits_0(
    batch: Callable[..., Result], write_cohort: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    result = batch(str(write_cohort([ada(), ada(name="Bo")])), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {out}: 2 profiles, 2 planned, 0 failed.\n"
    assert [r["ok"] for r in results(out)] == [True, True]


@pytest.mark.parametrize("reason", sorted(BAD_LINES))
def test_a_bad_line_gets_the_message_planner_roadmap_gives_at_its_line(
    reason: str,
    batch: Callable[..., Result],
    roadmap: Callable[..., Result],
    write_cohort: Callable[..., Path],
    tmp_path: Path,
) -> None:
    line = BAD_LINES[reason]
    source = write_cohort([ada(), line])
    result = batch(str(source), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 1
    [failed] = [r for r in results(tmp_path / "out.jsonl") if not r["ok"]]
    alone = tmp_path / "alone.json"
    alone.write_text(line, encoding="utf-8")
    alone_result = roadmap(str(alone))
    assert alone_result.exit_code in (1, 2)
    said = alone_result.stderr.removeprefix("Error: ").rstrip("\n")
    assert failed["error"].startswith(f"{source}:2: ")
    assert LOCATION.sub("", failed["error"]) == LOCATION.sub("", said.replace(str(alone), "FILE"))


def test_a_folder_of_profiles_is_planned_in_name_order_with_roadmap_s_own_messages(
    batch: Callable[..., Result],
    roadmap: Callable[..., Result],
    tmp_path: Path,
    profile_toml: str,
) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "b-tess.toml").write_text(profile_toml, encoding="utf-8")
    (folder / "a-ada.json").write_text(json.dumps(ada()), encoding="utf-8")
    (folder / "c-bad.toml").write_text(
        profile_toml.replace('target = "junior-ml-engineer"', 'target = "ml-enginer"'), encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    result = batch(str(folder), "-o", str(out))
    assert result.exit_code == 1
    lines = results(out)
    assert [(r["input"], r["name"], r["ok"]) for r in lines] == [
        ("a-ada.json", "Ada", True),
        ("b-tess.toml", "Tess", True),
        ("c-bad.toml", "Tess", False),
    ]
    assert f"Error: {lines[2]['error']}\n" == roadmap(str(folder / "c-bad.toml")).stderr


def test_results_are_the_roadmap_s_own_numbers(
    batch: Callable[..., Result],
    roadmap: Callable[..., Result],
    write_cohort: Callable[..., Path],
    tmp_path: Path,
) -> None:
    profile = ada(deadline="2027-01-10", focus=["git"])
    out = tmp_path / "out.jsonl"
    assert batch(str(write_cohort([profile])), "-o", str(out)).exit_code == 0
    [line] = results(out)
    alone = tmp_path / "alone.json"
    alone.write_text(json.dumps(profile), encoding="utf-8")
    alone_result = roadmap(str(alone), "--format", "json")
    plan = json.loads(alone_result.stdout)
    assert line["target"] == plan["target"] == "junior-ml-engineer"
    assert (line["start"], line["hours"], line["milestones"]) == (
        plan["start"],
        plan["total_hours"],
        plan["milestones"],
    )
    assert line["finish"] == plan["finish"][:10]
    assert alone_result.stderr.startswith("warning: the deadline 2027-01-10 cannot be met")
    assert line["warnings"] == [alone_result.stderr.removeprefix("warning: ").rstrip("\n")]


def test_a_profile_with_nothing_left_finishes_on_its_first_day(
    batch: Callable[..., Result], write_cohort: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    assert batch(str(write_cohort([ada(known=["eda-report", "git"])])), "-o", str(out)).exit_code == 0
    [line] = results(out)
    assert (line["finish"], line["hours"]) == ("2027-01-04", 0.0)


def test_names_that_break_lines_or_encodings_stay_on_one_line(
    batch: Callable[..., Result], write_cohort: Callable[..., Path], tmp_path: Path
) -> None:
    source = write_cohort([ada(name="Zoë\u2028Ünal"), '{"name": "\\ud800", "target": 1}'])
    out = tmp_path / "out.jsonl"
    batch(str(source), "-o", str(out))
    raw = out.read_bytes()
    assert raw.count(b"\n") == 2
    assert "Zoë\\u2028Ünal".encode() in raw
    assert [r["name"] for r in results(out)] == ["Zoë\u2028Ünal", "\ud800"]


def test_standard_output(batch: Callable[..., Result], write_cohort: Callable[..., Path]) -> None:
    result = batch(str(write_cohort([ada()])), "-o", "-")
    assert result.exit_code == 0
    assert [json.loads(x)["ok"] for x in result.stdout.splitlines()] == [True]
    assert result.stderr == "Wrote standard output: 1 profile, 1 planned, 0 failed.\n"


def test_progress_lines_when_standard_error_is_not_a_terminal(
    batch: Callable[..., Result],
    write_cohort: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli_cohort, "LINE_EVERY_SECONDS", 0.0)
    result = batch(str(write_cohort([ada()] * 40)), "-o", str(tmp_path / "out.jsonl"), "--workers", "1")
    assert result.exit_code == 0
    progress, done = result.stderr.splitlines()
    assert re.fullmatch(r"planner batch: 32 of 40 profiles \(80%\), [\d,]+/s, about \d+ s left", progress)
    assert done.startswith("Wrote ")


# --- nothing half-written -----------------------------------------------------------------


def test_invalid_graph_data_writes_nothing_and_keeps_an_old_out(
    runner: CliRunner, write_cohort: Callable[..., Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "g.toml").write_text('[[skills]]\nid = "a"\nname = "A"\nhours = 1\nrequires = ["b"]\n')
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"old")
    summary = tmp_path / "summary.json"
    result = runner.invoke(
        cli,
        [
            "batch",
            str(write_cohort([ada()])),
            "-o",
            str(out),
            "--summary",
            str(summary),
            "--graph",
            str(broken),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: graph data has 2 problems:\n")
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken", "cohort.jsonl", "out.jsonl"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--scheduler", "tcp://127.0.0.1:8786"],
            "Invalid value for '--scheduler': a scheduler is joined only with --engine dask",
        ),
        (
            ["--summary", "OUT"],
            "Invalid value for '--summary': OUT is also the output file; give the summary its own file",
        ),
        (["--workers", "0"], "Invalid value for '--workers': 0 is not in the range 1<=x<=1024."),
        (["--engine", "spark"], "Invalid value for '--engine': 'spark' is not one of 'local', 'dask'."),
    ],
)
def test_bad_options_are_usage_errors(
    args: list[str],
    message: str,
    batch: Callable[..., Result],
    write_cohort: Callable[..., Path],
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.jsonl"
    result = batch(str(write_cohort([ada()])), "-o", str(out), *[str(out) if a == "OUT" else a for a in args])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {message.replace('OUT', str(out))}\n")
    assert not out.exists()


def test_a_folder_without_profiles_is_a_usage_error(batch: Callable[..., Result], tmp_path: Path) -> None:
    result = batch(str(tmp_path), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for 'INPUT': {tmp_path} holds no profile files (*.toml or *.json)\n"
    )


def test_a_missing_output_folder_fails_before_any_work(
    batch: Callable[..., Result], write_cohort: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "nowhere" / "out.jsonl"
    result = batch(str(write_cohort([ada()])), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {out}: folder {out.parent} does not exist\n"


def test_dask_missing_is_a_clear_usage_error(
    batch: Callable[..., Result],
    write_cohort: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)  # as if not installed
    out = tmp_path / "out.jsonl"
    result = batch(str(write_cohort([ada()])), "-o", str(out), "--engine", "dask")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--engine': --engine dask needs dask.distributed, an optional extra: "
        "pip install 'ml-career-planner[dask]' (from a checkout: pip install '.[dask]')\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.jsonl", "graph"]


# --- outputs never replace inputs ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "option", "what"),
    [
        ("cohort", "--output", "the cohort file"),
        ("cohort", "--summary", "the cohort file"),
        ("folder profile", "--output", "the cohort's profile"),
        ("folder profile", "--summary", "the cohort's profile"),
        ("graph file", "--output", "the graph file"),
        ("graph file", "--summary", "the graph file"),
        ("symlink to the cohort", "--output", "the cohort file"),
        ("hard link to the cohort", "--summary", "the cohort file"),
    ],
)
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(
    case: str, option: str, what: str, *, runner: CliRunner, tiny_graph_dir: Path, tmp_path: Path
) -> None:
    """Regression: `batch c.jsonl -o c.jsonl` replaced the cohort with its results (exit 0);
    so did --summary, `-o folder/a.toml` and `-o g/g.toml --graph g`."""
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text(json.dumps(ada()) + "\n", encoding="utf-8")
    folder = tmp_path / "people"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(ada()), encoding="utf-8")
    source, victim = {
        "cohort": (cohort, cohort),
        "folder profile": (folder, folder / "a.json"),
        "graph file": (cohort, tiny_graph_dir / "skills.toml"),
        "symlink to the cohort": (cohort, tmp_path / "link.jsonl"),
        "hard link to the cohort": (cohort, tmp_path / "hard.jsonl"),
    }[case]
    if case.startswith("symlink"):
        victim.symlink_to(cohort.name)
    elif case.startswith("hard link"):
        os.link(cohort, victim)
    before = {path: path.read_bytes() for path in (cohort, folder / "a.json", *tiny_graph_dir.iterdir())}
    outputs = ["-o", str(victim)] if option == "--output" else ["-o", str(tmp_path / "out.jsonl")]
    outputs += ["--summary", str(victim)] if option == "--summary" else []
    result = runner.invoke(cli, ["batch", str(source), *outputs, "--graph", str(tiny_graph_dir)])
    assert result.exit_code == 2, result.stderr
    shown = cohort if case.endswith("link to the cohort") else victim
    assert result.stderr.endswith(
        f"Error: Invalid value for '{option}': {victim} is {what} {shown}; writing there would destroy it, "
        "so choose another file\n"
    )
    assert {path: path.read_bytes() for path in before} == before
    assert not (tmp_path / "out.jsonl").exists()


def test_the_summary_may_not_be_the_output_through_a_hard_link(
    batch: Callable[..., Result], write_cohort: Callable[..., Path], tmp_path: Path
) -> None:
    """Regression: the two were compared by path, so a hard link wrote both into one file."""
    out, link = tmp_path / "out.jsonl", tmp_path / "link.json"
    out.write_bytes(b"old")
    os.link(out, link)
    result = batch(str(write_cohort([ada()])), "-o", str(out), "--summary", str(link))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for '--summary': {link} is also the output file; "
        "give the summary its own file\n"
    )
    assert out.read_bytes() == b"old"


# --- pipes, odd folder entries, a closed standard output -------------------------------------------


def planner_process(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        text=True,
        timeout=120,  # a guard: a named pipe once waited forever on its second open
        check=False,
        **kwargs,
    )


@pytest.mark.parametrize("how", ["stdin", "fd", "fifo"])
def test_a_cohort_from_a_pipe_is_read_once(how: str, tiny_graph_dir: Path, tmp_path: Path) -> None:
    """Regression: `cat c.jsonl | planner batch /dev/stdin` (or `<(...)`) said "0 profiles",
    exit 0, as a counting pass used the stream up; a named pipe waited forever on the
    second open."""
    lines = "".join(json.dumps(ada(name=f"P{n}")) + "\n" for n in range(40))  # two chunks
    out = tmp_path / "out.jsonl"
    tail = ["-o", str(out), "--workers", "2", "--graph", str(tiny_graph_dir)]
    if how == "stdin":
        run = planner_process("batch", "/dev/stdin", *tail, input=lines)
    elif how == "fd":
        read, write = os.pipe()
        feeder = threading.Thread(target=lambda: (os.write(write, lines.encode()), os.close(write)))
        feeder.start()
        run = planner_process("batch", f"/dev/fd/{read}", *tail, pass_fds=(read,))
        os.close(read)
        feeder.join()
    else:
        fifo = tmp_path / "cohort.fifo"
        os.mkfifo(fifo)
        feeder = threading.Thread(target=lambda: fifo.write_text(lines, encoding="utf-8"))
        feeder.start()
        run = planner_process("batch", str(fifo), *tail)
        if feeder.is_alive():  # planner never opened it: release the writer
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        feeder.join()
    assert run.returncode == 0, run.stderr
    assert run.stderr.endswith(f"Wrote {out}: 40 profiles, 40 planned, 0 failed.\n")
    assert [json.loads(line)["name"] for line in out.read_text("utf-8").splitlines()] == [
        f"P{n}" for n in range(40)
    ]


def test_every_entry_of_a_folder_gets_a_result_line(batch: Callable[..., Result], tmp_path: Path) -> None:
    """Regression: dangling links, FIFOs and devices in a batch folder got no result line
    and were not counted. (The device is reached through a link.)"""
    folder = tmp_path / "people"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(ada()), encoding="utf-8")
    gone = tmp_path / "gone.toml"
    (folder / "b.toml").symlink_to(gone)
    os.mkfifo(folder / "c.json")
    (folder / "d.toml").symlink_to("/dev/zero")
    (folder / "e.json").mkdir()
    (folder / "notes.txt").write_text("not a profile", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with no_hang("a batch of a folder with a FIFO"):
        result = batch(str(folder), "-o", str(out))
    assert result.exit_code == 1
    assert [(r["input"], r["ok"], r["error"]) for r in results(out)] == [
        ("a.json", True, None),
        (
            "b.toml",
            False,
            f"{folder / 'b.toml'}: is a symbolic link to {tmp_path / 'gone.toml'}, which does not exist",
        ),
        ("c.json", False, f"{folder / 'c.json'}: is a named pipe (FIFO), not a regular file"),
        ("d.toml", False, f"{folder / 'd.toml'}: is a device, not a regular file"),
        ("e.json", False, f"{folder / 'e.json'}: is a folder, not a profile file"),
    ]
    assert f"Wrote {out}: 5 profiles, 1 planned, 4 failed." in result.stderr


def test_standard_output_closed_is_the_clean_message_roadmap_gives(
    tiny_graph_dir: Path, tmp_path: Path
) -> None:
    """Regression: `batch -o -` with standard output closed was "internal error:
    AttributeError"; roadmap says "cannot write to standard output: it is closed"."""
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text(json.dumps(ada()) + "\n", encoding="utf-8")
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps(ada()), encoding="utf-8")
    closed = {"preexec_fn": lambda: os.close(1), "cwd": tmp_path}
    graph = ["--graph", str(tiny_graph_dir)]
    runs = [
        planner_process("batch", str(cohort), "-o", "-", *graph, **closed),
        planner_process("roadmap", str(profile), *graph, **closed),
    ]
    assert [(run.returncode, run.stderr) for run in runs] == [
        (1, "Error: cannot write to standard output: it is closed\n")
    ] * 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.jsonl", "graph", "me.json"]
