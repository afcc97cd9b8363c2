"""``planner done``: record progress in the user's own file, keeping comments and layout."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner import done as planner_done
from planner import load_graph, load_profile
from planner.cli import cli
from planner.errors import OptionError, UnknownIdError
from planner.graph import CareerGraph, build_graph, validation
from planner.profile.editing import record_progress
from planner.profile.knowledge import known_closure
from planner.records import Profile
from tests.paths import CURRICULUM, EXAMPLES

MakeProfile = Callable[..., Profile]

COMMENTED = """\
# My plan -- keep this comment
name = "Tess"   # that's me
target = "junior-ml-engineer"
start = 2027-01-04
timezone = "Europe/Berlin"
hours_per_week = 6
known = [
  "python",  # since school
]

[availability]   # evenings only
mon = ["19:00-21:00"]
sat = ["09:00-13:00"]
"""


@pytest.fixture
def setup(tmp_path: Path, tiny_graph_dir: Path) -> tuple[Path, Path]:
    profile = tmp_path / "me.toml"
    profile.write_text(COMMENTED, encoding="utf-8")
    return profile, tiny_graph_dir


def done(*args: str, graph: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["done", *args, "--graph", str(graph)], prog_name="planner")
    return result.exit_code, result.stdout, result.stderr


def test_done_adds_only_the_id_and_keeps_every_comment(setup: tuple[Path, Path]) -> None:
    profile, graph = setup
    code, out, _ = done(str(profile), "pandas", graph=graph)
    assert code == 0
    assert out == (
        f"Recorded in {profile}: pandas as known, completed on 2026-11-27.\n"
        "This also counts 1 prerequisite as known, without writing them (what you know implies them): "
        "NumPy.\n"
    )
    new = profile.read_text(encoding="utf-8")
    old_lines, new_lines = COMMENTED.splitlines(), new.splitlines()
    added = [line for line in new_lines if line not in old_lines]
    assert [line for line in old_lines if line not in new_lines] == []  # nothing removed
    assert added == ['  "pandas",', "[completed]", "pandas = 2026-11-27"]
    expected = COMMENTED.replace('"python",  # since school\n', '"python",  # since school\n  "pandas",\n')
    assert new.startswith(expected)
    assert "# My plan -- keep this comment" in new and "# since school" in new


def test_prerequisites_are_implied_not_written(setup: tuple[Path, Path]) -> None:
    profile, graph = setup
    code, out, _ = done(str(profile), "eda-report", graph=graph)
    assert code == 0
    assert "without writing them (what you know implies them): NumPy, pandas." in out
    text = profile.read_text(encoding="utf-8")
    assert '"eda-report"' in text and '"numpy"' not in text and '"pandas"' not in text


def test_the_next_roadmap_no_longer_holds_finished_items(setup: tuple[Path, Path]) -> None:
    profile, graph = setup
    runner = CliRunner()
    before = json.loads(
        runner.invoke(cli, ["roadmap", str(profile), "--graph", str(graph), "--format", "json"]).stdout
    )
    assert {"numpy", "pandas"} <= {i["id"] for i in before["items"]}
    assert done(str(profile), "pandas", graph=graph)[0] == 0
    after = json.loads(
        runner.invoke(cli, ["roadmap", str(profile), "--graph", str(graph), "--format", "json"]).stdout
    )
    assert not {"numpy", "pandas"} & {i["id"] for i in after["items"]}


def test_a_typo_exits_2_with_did_you_mean_and_leaves_the_file_byte_for_byte(
    setup: tuple[Path, Path],
) -> None:
    profile, graph = setup
    before = profile.read_bytes()
    code, _, err = done(str(profile), "pandas", "numpyy", graph=graph)
    assert code == 2
    assert err.endswith(
        "Error: Invalid value for 'ID...': unknown skill, project or stage id 'numpyy' "
        "(did you mean 'numpy'?)\n"
    )
    assert profile.read_bytes() == before


def test_partial_progress_goes_into_a_progress_table(setup: tuple[Path, Path]) -> None:
    profile, graph = setup
    code, out, _ = done(str(profile), "numpy", "--partial", "0.25", graph=graph)
    assert code == 0
    assert out == f"Recorded in {profile}: NumPy as 0.25 done.\n"
    text = profile.read_text(encoding="utf-8")
    assert text.startswith(COMMENTED)
    assert text.endswith("[progress]\nnumpy = 0.25\n")
    # and marking it done later removes the partial entry
    assert done(str(profile), "numpy", graph=graph)[0] == 0
    text = profile.read_text(encoding="utf-8")
    assert "numpy = 0.25" not in text and '"numpy"' in text


def test_partial_on_a_stage_is_refused(setup: tuple[Path, Path]) -> None:
    profile, graph = setup
    before = profile.read_bytes()
    code, _, err = done(str(profile), "junior-ml-engineer", "--partial", "0.5", graph=graph)
    assert code == 2
    assert err.endswith(
        "Error: Invalid value for 'ID...': 'junior-ml-engineer' is a stage, but a skill "
        "or project id is needed\n"
    )
    assert profile.read_bytes() == before


def test_already_known_ids_change_nothing(setup: tuple[Path, Path]) -> None:
    profile, graph = setup
    before = profile.read_bytes()
    code, out, _ = done(str(profile), "python", graph=graph)
    assert code == 0
    assert out == "Already known, nothing written: Python.\n"
    assert profile.read_bytes() == before


def test_json_profiles_are_edited_too(tmp_path: Path, tiny_graph_dir: Path) -> None:
    profile = tmp_path / "me.json"
    profile.write_text(
        json.dumps(
            {
                "target": "junior-ml-engineer",
                "hours_per_week": 5,
                "start": "2027-01-04",
                "availability": {"mon": ["19:00-21:00"]},
            }
        ),
        encoding="utf-8",
    )
    assert done(str(profile), "git", graph=tiny_graph_dir)[0] == 0
    assert json.loads(profile.read_text(encoding="utf-8"))["known"] == ["git"]


def test_a_profile_without_known_gets_the_key_before_its_tables(
    tmp_path: Path,
    tiny_graph_dir: Path,
) -> None:
    profile = tmp_path / "me.toml"
    text = COMMENTED.replace('known = [\n  "python",  # since school\n]\n', "")
    profile.write_text(text, encoding="utf-8")
    assert done(str(profile), "git", graph=tiny_graph_dir)[0] == 0
    new = profile.read_text(encoding="utf-8")
    assert new.index('known = ["git"]') < new.index("[availability]")


def test_done_on_an_example_profile_keeps_its_comments(tmp_path: Path) -> None:
    example = EXAMPLES / "profiles" / "marco.toml"
    profile = tmp_path / "marco.toml"
    shutil.copy(example, profile)
    result = CliRunner().invoke(cli, ["done", str(profile), "pandas"])
    assert result.exit_code == 0
    old, new = example.read_text().splitlines(), profile.read_text().splitlines()
    assert [line for line in new if line not in old] == [
        'known = ["statistics", "linear-algebra", "pandas"]',
        "[completed]",
        "pandas = 2026-11-26",
    ]
    assert [line for line in old if line not in new] == ['known = ["statistics", "linear-algebra"]']


# --- the day each item was done: [completed] ------------------------------------------------


def test_done_records_the_day_in_the_profiles_zone_or_the_given_one(setup: tuple[Path, Path]) -> None:
    profile, graph = setup
    assert done(str(profile), "git", graph=graph)[0] == 0
    code, out, _ = done(str(profile), "NumPy", "--on", "2027-02-18", graph=graph)
    assert code == 0
    assert out.startswith(f"Recorded in {profile}: NumPy as known, completed on 2027-02-18.\n")
    assert profile.read_text(encoding="utf-8").endswith("[completed]\ngit = 2026-11-27\nnumpy = 2027-02-18\n")
    text = profile.read_text(encoding="utf-8")
    again = CliRunner().invoke(cli, ["status", str(profile), "--graph", str(graph), "--from", "2027-03-01"])
    assert again.exit_code == 0, again.output  # the profile with [completed] loads
    assert done(str(profile), "numpy", "--on", "2027-03-01", graph=graph)[1] == (
        "Already known, nothing written: NumPy.\n"
    )
    assert profile.read_text(encoding="utf-8") == text


def test_partial_progress_records_no_day(setup: tuple[Path, Path]) -> None:
    profile, graph = setup
    assert done(str(profile), "numpy", "--partial", "0.5", "--on", "2027-02-18", graph=graph)[0] == 0
    assert "[completed]" not in profile.read_text(encoding="utf-8")


def test_json_profiles_get_the_day_as_a_string(tmp_path: Path, tiny_graph_dir: Path) -> None:
    profile = tmp_path / "me.json"
    profile.write_text(
        json.dumps(
            {
                "target": "junior-ml-engineer",
                "hours_per_week": 5,
                "start": "2027-01-04",
                "availability": {"mon": ["19:00-21:00"]},
            }
        ),
        encoding="utf-8",
    )
    assert done(str(profile), "git", "--on", "2027-01-20", graph=tiny_graph_dir)[0] == 0
    assert json.loads(profile.read_text(encoding="utf-8"))["completed"] == {"git": "2027-01-20"}


def test_an_impossible_day_is_a_usage_error(setup: tuple[Path, Path]) -> None:
    profile, graph = setup
    before = profile.read_bytes()
    code, _, err = done(str(profile), "git", "--on", "2027-02-30", graph=graph)
    assert code == 2
    assert "Error: Invalid value for '--on': '2027-02-30' is not a date: day is out of range for month" in err
    code, _, err = done(str(profile), "git", "--on", "0001-01-01", graph=graph)
    assert code == 2  # a day the profile could not hold afterwards
    assert err.endswith(
        "Error: Invalid value for '--on': 0001-01-01 is out of range; dates run from "
        "1900-01-01 to 2999-12-31\n"
    )
    for typed, why in [
        ("2027-13-01", "'2027-13-01' is not a date: month must be in 1..12"),
        ("tomorrow", "'tomorrow' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04"),
        ("2027-1-4", "'2027-1-4' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04"),
    ]:
        code, _, err = done(str(profile), "git", "--on", typed, graph=graph)
        assert (code, err.splitlines()[-1]) == (2, f"Error: Invalid value for '--on': {why}")
    assert profile.read_bytes() == before


# --- what a person types: ids, aliases and names ---------------------------------------------

LEARNER = """\
target = "junior-ml-engineer"
hours_per_week = 6
start = 2027-01-04

[availability]
mon = ["19:00-21:00"]
"""


@pytest.mark.parametrize(
    ("typed", "recorded", "shown"),
    [
        ("numpy", "numpy", "NumPy"),  # an id
        ("torch", "pytorch", "PyTorch"),  # an alias
        ("Python programming", "python", "Python programming [python]"),  # the name people read
        ("  JUPYTER   notebooks ", "jupyter", "Jupyter notebooks [jupyter]"),  # another case and spacing
        ("PY", "python", "Python programming [python]"),  # an alias in another case
    ],
)
def test_done_accepts_ids_aliases_and_names_in_any_case(
    tmp_path: Path, typed: str, recorded: str, shown: str
) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text(LEARNER, encoding="utf-8")
    code, out, err = done(str(profile), typed, "--on", "2027-01-11", graph=CURRICULUM)
    assert (code, err) == (0, "")
    assert out.startswith(f"Recorded in {profile}: {shown} as known, completed on 2027-01-11.\n")
    text = profile.read_text(encoding="utf-8")
    assert f'known = ["{recorded}"]' in text and f"{recorded} = 2027-01-11" in text


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("PyTroch", "pytorch"),
        ("Pyhton programming", "Python programming"),
        ("tensorflwo", "tensorflow"),
    ],
)
def test_a_typo_in_any_case_suggests_the_id_alias_or_name(tmp_path: Path, typed: str, hint: str) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text(LEARNER, encoding="utf-8")
    code, out, err = done(str(profile), typed, graph=CURRICULUM)
    assert (code, out) == (2, "")
    assert err.endswith(
        f"Error: Invalid value for 'ID...': unknown skill, project or stage id '{typed}' "
        f"(did you mean '{hint}'?)\n"
    )
    assert profile.read_text(encoding="utf-8") == LEARNER


# --- the file system: links, permissions, line breaks, runs at the same time --------------


def test_a_symlinked_profile_is_updated_through_the_link(setup: tuple[Path, Path]) -> None:
    """Regression: the link was replaced by an edited copy; the real profile kept the old text."""
    profile, graph = setup
    link = profile.with_name("link.toml")
    link.symlink_to(profile.name)
    assert done(str(link), "git", graph=graph)[0] == 0
    assert link.is_symlink()
    assert '"git"' in profile.read_text(encoding="utf-8")


def test_a_hard_linked_profile_stays_one_file(setup: tuple[Path, Path]) -> None:
    """Regression: the rename split the hard links; the other name kept the old text."""
    profile, graph = setup
    other = profile.with_name("other.toml")
    os.link(profile, other)
    assert done(str(other), "git", graph=graph)[0] == 0
    assert os.path.samefile(profile, other)
    assert '"git"' in profile.read_text(encoding="utf-8")


def test_a_read_only_profile_is_refused(setup: tuple[Path, Path]) -> None:
    """Regression: mode 444 was rewritten without a word (as root, who may write it)."""
    profile, graph = setup
    profile.chmod(0o444)
    before = profile.read_bytes()
    code, out, err = done(str(profile), "git", graph=graph)
    assert (code, out) == (2, "")
    assert err == (f"Error: {profile}: is read-only; make it writable (chmod u+w) to record progress in it\n")
    assert profile.read_bytes() == before
    assert sorted(p.name for p in profile.parent.iterdir()) == ["graph", "me.toml"]


@contextlib.contextmanager
def unwritable_folder(folder: Path) -> Iterator[None]:
    """``folder`` made read-only: by its mode, or for root (whom modes do not stop) by
    the immutable attribute; skips the test where neither holds."""
    folder.chmod(0o555)
    immutable = False
    try:
        if os.access(folder, os.W_OK):
            chattr = ["chattr", "+i", str(folder)]
            immutable = shutil.which("chattr") is not None and (
                subprocess.run(chattr, capture_output=True, check=False).returncode == 0
            )
            if not immutable:
                pytest.skip("cannot make a folder read-only for this user here")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_a_profile_in_a_read_only_folder_is_refused_like_a_read_only_profile(
    setup: tuple[Path, Path],
) -> None:
    """Regression: a read-only folder exited 1 ("cannot lock ..."), a read-only profile 2.
    Both are the profile done cannot update: exit 2, the file unchanged."""
    profile, graph = setup
    before = profile.read_bytes()
    with unwritable_folder(profile.parent):
        code, out, err = done(str(profile), "git", graph=graph)
    assert (code, out) == (2, "")
    assert err.startswith(f"Error: {profile}: cannot lock it for editing: ")
    assert err.endswith("; nothing was recorded\n")
    assert profile.read_bytes() == before


def test_a_file_size_limit_leaves_a_hard_linked_profile_whole(setup: tuple[Path, Path]) -> None:
    """Regression: on a full disk or at a file-size limit, the reservation's error was
    swallowed and `done` rewrote a hard-linked profile in place, cut at the limit; every
    later command then failed on its syntax. Now it is exit 2 and the bytes are kept."""
    profile, graph = setup
    profile.write_text(COMMENTED + "# padding\n" * 400, encoding="utf-8")
    other = profile.with_name("other.toml")
    os.link(profile, other)
    before = profile.read_bytes()

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(before), resource.RLIM_INFINITY))

    run = subprocess.run(
        [sys.executable, "-m", "planner", "done", str(profile), "git", "--graph", str(graph)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1798761600"},
        preexec_fn=limit,
        check=False,
    )
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"Error: {profile}: cannot write it: File too large; nothing was recorded\n"
    assert profile.read_bytes() == before == other.read_bytes()
    assert os.path.samefile(profile, other)
    assert sorted(p.name for p in profile.parent.iterdir()) == ["graph", "me.toml", "other.toml"]


def test_windows_line_breaks_are_kept(setup: tuple[Path, Path]) -> None:
    """Regression: a CRLF profile got one LF-only line."""
    profile, graph = setup
    profile.write_bytes(COMMENTED.replace("\n", "\r\n").encode("utf-8"))
    assert done(str(profile), "git", "--partial", "0.5", graph=graph)[0] == 0
    assert done(str(profile), "pandas", graph=graph)[0] == 0
    raw = profile.read_bytes()
    assert b'"pandas"' in raw and b"git = 0.5\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "inf"])
def test_partial_must_be_a_number(setup: tuple[Path, Path], value: str) -> None:
    """Regression: `--partial nan` passed the range check and recorded the item as known."""
    profile, graph = setup
    before = profile.read_bytes()
    code, _, err = done(str(profile), "git", "--partial", value, graph=graph)
    assert code == 2
    assert "Error: Invalid value for '--partial': " in err
    assert profile.read_bytes() == before


@pytest.mark.parametrize(
    ("value", "said", "written"),
    [
        ("0.12345", "NumPy as 0.123 done (--partial 0.12345, rounded to the thousandth).", "numpy = 0.123\n"),
        ("0.5", "NumPy as 0.5 done.", "numpy = 0.5\n"),
        ("0.0005", "NumPy as 0.001 done (--partial 0.0005, rounded to the thousandth).", "numpy = 0.001\n"),
        (
            "0.9999999",
            "NumPy as known, completed on 2026-11-27 (--partial 0.9999999 rounds to 1, the whole item).",
            "numpy = 2026-11-27\n",
        ),
    ],
)
def test_partial_says_exactly_what_it_records(
    setup: tuple[Path, Path], value: str, said: str, written: str
) -> None:
    """Regression: `--partial 0.9999999` said "as 1 done" but recorded 0.9999999."""
    profile, graph = setup
    code, out, _ = done(str(profile), "numpy", "--partial", value, graph=graph)
    assert code == 0
    assert out.splitlines()[0] == f"Recorded in {profile}: {said}"
    assert written in profile.read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["1e-320", "0.0004"])
def test_partial_that_rounds_to_nothing_is_refused(setup: tuple[Path, Path], value: str) -> None:
    """Regression: `--partial 1e-320` said "as 9.99989e-321 done" and recorded it."""
    profile, graph = setup
    before = profile.read_bytes()
    code, out, err = done(str(profile), "numpy", "--partial", value, graph=graph)
    assert (code, out) == (2, "")
    assert err.endswith(
        f"Error: Invalid value for '--partial': {value} rounds to 0: a fraction is recorded to the "
        "thousandth of the work (0.001); give at least 0.001\n"
    )
    assert profile.read_bytes() == before


def test_record_progress_refuses_nan_from_the_api(tiny_graph: CareerGraph, make_profile: MakeProfile) -> None:
    with pytest.raises(OptionError) as info:
        record_progress(
            COMMENTED,
            is_json=False,
            graph=tiny_graph,
            profile=make_profile(tiny_graph),
            ids=["git"],
            fraction=math.nan,
        )
    assert info.value.detail == "nan is not a fraction above 0 and at most 1, e.g. 0.5"


@pytest.mark.slow  # 16 planner processes at once
def test_runs_at_the_same_time_each_add_their_id(tmp_path: Path) -> None:
    """Regression: 16 parallel runs all said "Recorded" and only 3-6 ids survived."""
    profile = tmp_path / "me.toml"
    profile.write_text(
        'target = "head-of-ml"\nhours_per_week = 5\n[availability]\nmon = ["19:00-21:00"]\n', encoding="utf-8"
    )
    ids = [
        "python",
        "git",
        "sql",
        "docker",
        "statistics",
        "linear-algebra",
        "numpy",
        "pandas",
        "data-visualization",
        "scikit-learn",
        "pytorch",
        "tensorflow",
        "unit-testing",
        "mlflow",
        "spark",
        "communication",
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1798761600"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "planner", "done", str(profile), node_id],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for node_id in ids
    ]
    results = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [0] * len(ids), results
    graph = load_graph()
    assert set(ids) <= known_closure(graph, load_profile(profile, graph=graph))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.toml"]


# --- a name that is another node's alias ---------------------------------------------------------

CLASH = (
    '[[skills]]\nid = "vc"\nname = "Version control"\naliases = ["VCS"]\nhours = 1\n\n'
    '[[skills]]\nid = "vcs-tools"\nname = "vcs"\nhours = 2\n\n'
    '[[stages]]\nid = "s"\nname = "Stage"\nrequires = ["vc", "vcs-tools"]\n'
)


def test_done_refuses_a_graph_whose_name_is_another_node_s_alias(tmp_path: Path) -> None:
    """Regression: `done p.toml vcs`, the name the roadmap shows for `vcs-tools`, silently
    recorded `vc`, whose alias is `VCS`. Such a graph is now invalid data: nothing is written."""
    graph = tmp_path / "graph"
    graph.mkdir()
    (graph / "g.toml").write_text(CLASH, encoding="utf-8")
    profile = tmp_path / "me.toml"
    profile.write_text('target = "s"\nhours_per_week = 5\n[availability]\nmon = ["19:00-21:00"]\n')
    before = profile.read_bytes()
    code, out, err = done(str(profile), "vcs", graph=graph)
    assert (code, out) == (1, "")
    assert err == (
        f"Error: {graph / 'g.toml'}:9: the name 'vcs' of 'vcs-tools' is the alias 'VCS' of 'vc', so "
        "`planner done vcs` could mean either; rename one (names, ids and aliases are matched "
        "case-insensitively)\n"
    )
    assert profile.read_bytes() == before


def test_until_the_data_is_fixed_done_says_the_name_is_ambiguous(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A graph that skipped the rule (built by an older planner, say) never makes `done`
    guess: the name is ambiguous, and nothing is written."""
    monkeypatch.setattr(validation, "find_name_problems", lambda nodes, files: [])
    graph = build_graph([("g.toml", tomllib.loads(CLASH), {})])
    profile = tmp_path / "me.toml"
    profile.write_text('target = "s"\nhours_per_week = 5\n[availability]\nmon = ["19:00-21:00"]\n')
    before = profile.read_bytes()
    with pytest.raises(UnknownIdError) as info:
        planner_done(profile, ["vcs"], graph=graph, now=dt.datetime(2027, 1, 4, tzinfo=dt.UTC))
    assert info.value.detail == (
        "'vcs' is ambiguous: it is 'vc' (an id or alias) and the name of vcs-tools; give one of their ids "
        "(and fix the graph data: `planner validate` says where)"
    )
    assert profile.read_bytes() == before
    assert graph.resolve("vc", names=True) == "vc" and graph.resolve("vcs-tools", names=True) == "vcs-tools"
