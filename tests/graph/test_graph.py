"""Loading and validating graph data: every error, with its exact, located message."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.errors import GraphError, Problem
from planner.graph import CareerGraph, build_graph, load_graph, shipped_graph_dir
from tests.hang import no_hang

SPEC_STAGES = (
    "junior-ml-engineer",
    "ml-engineer",
    "senior-ml-engineer",
    "ml-engineering-manager",
    "ml-architect",
    "head-of-ml",
)
CANONICAL_SKILLS = (
    "python",
    "git",
    "sql",
    "statistics",
    "linear-algebra",
    "numpy",
    "pandas",
    "data-visualization",
    "scikit-learn",
    "pytorch",
    "tensorflow",
    "unit-testing",
    "docker",
    "mlflow",
    "spark",
    "nlp",
    "computer-vision",
    "communication",
)


def problems_of(*files: tuple[str, dict[str, Any], dict[str, int]]) -> list[str]:
    """The messages of the GraphError that building ``files`` must raise."""
    with pytest.raises(GraphError) as info:
        build_graph(list(files))
    return [str(p) for p in info.value.problems]


def node(node_id: str, hours: Any = 1, *requires: str) -> dict[str, Any]:
    return {"id": node_id, "name": node_id.upper(), "hours": hours, "requires": list(requires)}


def stage(stage_id: str, *requires: str) -> dict[str, Any]:
    return {"id": stage_id, "name": stage_id.upper(), "requires": list(requires)}


# --- duplicates and dangling ids ------------------------------------------------------


def test_duplicate_id_names_both_files_and_lines() -> None:
    assert problems_of(
        ("a.toml", {"skills": [node("python")], "stages": [stage("s", "python")]}, {"python": 2, "s": 8}),
        ("b.toml", {"skills": [node("python", 3)]}, {"python": 5}),
    ) == ["b.toml:5: duplicate id 'python': also defined in a.toml line 2"]


def test_duplicate_id_across_sections_of_one_file() -> None:
    assert problems_of(
        ("g.toml", {"skills": [node("x")], "projects": [node("x")], "stages": [stage("s", "x")]}, {}),
    ) == ["g.toml: duplicate id 'x': also defined in g.toml"]


def test_duplicate_id_from_real_files_names_both_paths(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        '[[skills]]\nid = "python"\nname = "Python"\nhours = 1\n\n'
        '[[stages]]\nid = "s"\nname = "S"\nrequires = ["python"]\n'
    )
    (tmp_path / "b.toml").write_text('# more\n\n[[skills]]\nid = "python"\nname = "Py"\nhours = 2\n')
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert str(info.value) == (
        f"{tmp_path / 'b.toml'}:4: duplicate id 'python': also defined in {tmp_path / 'a.toml'} line 2"
    )


def test_dangling_requires_names_file_node_and_suggestion() -> None:
    assert problems_of(
        (
            "g.toml",
            {"skills": [node("numpy"), node("pandas", 1, "nunpy")], "stages": [stage("s", "numpy")]},
            {"numpy": 1, "pandas": 5, "s": 9},
        ),
    ) == ["g.toml:5: skill 'pandas' requires 'nunpy', which no file defines (did you mean 'numpy'?)"]


def test_dangling_requires_without_a_close_id_has_no_suggestion() -> None:
    assert problems_of(
        ("g.toml", {"skills": [node("numpy")], "stages": [stage("s", "numpy", "zzz-unrelated")]}, {"s": 3}),
    ) == ["g.toml:3: stage 's' requires 'zzz-unrelated', which no file defines"]


def test_stage_unreachable_because_of_a_broken_prerequisite() -> None:
    assert problems_of(
        ("skills.toml", {"skills": [node("numpy"), node("pandas", 1, "nunpy")]}, {"pandas": 7}),
        (
            "stages.toml",
            {"stages": [stage("junior", "pandas"), stage("fine", "numpy")]},
            {"junior": 2, "fine": 6},
        ),
    ) == [
        "skills.toml:7: skill 'pandas' requires 'nunpy', which no file defines (did you mean 'numpy'?)",
        "stages.toml:2: stage 'junior' is unreachable: its prerequisite 'pandas' requires 'nunpy', "
        "which no file defines",
    ]


def test_unreachable_stage_through_another_stage_names_every_broken_prerequisite() -> None:
    messages = problems_of(
        (
            "g.toml",
            {
                "skills": [node("a", 1, "missing-one"), node("b", 1, "missing-two")],
                "stages": [stage("low", "a", "b"), stage("high", "low")],
            },
            {"a": 1, "b": 2, "low": 3, "high": 4},
        ),
    )
    assert messages == [
        "g.toml:1: skill 'a' requires 'missing-one', which no file defines",
        "g.toml:2: skill 'b' requires 'missing-two', which no file defines",
        "g.toml:3: stage 'low' is unreachable: its prerequisite 'a' requires 'missing-one', which no "
        "file defines; 'b' requires 'missing-two', which no file defines",
        "g.toml:4: stage 'high' is unreachable: its prerequisite 'a' requires 'missing-one', which no "
        "file defines; 'b' requires 'missing-two', which no file defines",
    ]


def test_unreachable_stage_names_at_most_three_broken_prerequisites() -> None:
    messages = problems_of(
        (
            "g.toml",
            {
                "skills": [node(f"k{i}", 1, f"gone-{i}") for i in range(5)],
                "stages": [stage("s", *(f"k{i}" for i in range(5)))],
            },
            {"s": 9},
        ),
    )
    assert messages[-1] == (
        "g.toml:9: stage 's' is unreachable: its prerequisite 'k0' requires 'gone-0', which no file "
        "defines; 'k1' requires 'gone-1', which no file defines; 'k2' requires 'gone-2', which no "
        "file defines; and 2 more are broken"
    )


# --- cycles ---------------------------------------------------------------------------


def test_cycle_is_printed_as_an_arrow_chain_back_to_its_start() -> None:
    messages = problems_of(
        (
            "g.toml",
            {
                "skills": [node("a", 1, "c"), node("b", 1, "a"), node("c", 1, "b")],
                "stages": [stage("s", "a")],
            },
            {"a": 1, "b": 5, "c": 9, "s": 13},
        ),
    )
    assert messages == [
        "g.toml:1: prerequisite cycle: a → b → c → a (a in g.toml, b in g.toml, c in g.toml)",
        "g.toml:13: stage 's' is unreachable: its prerequisite 'a' is in the cycle a → b → c → a",
    ]


def test_cycle_across_files_names_each_file() -> None:
    messages = problems_of(
        ("one.toml", {"skills": [node("x", 1, "y")], "stages": [stage("s", "z")]}, {"x": 3, "s": 9}),
        ("two.toml", {"projects": [node("y", 1, "x")], "skills": [node("z")]}, {"y": 4, "z": 1}),
    )
    assert messages == ["one.toml:3: prerequisite cycle: x → y → x (x in one.toml, y in two.toml)"]


def test_two_separate_cycles_are_both_reported() -> None:
    messages = problems_of(
        (
            "g.toml",
            {
                "skills": [
                    node("a", 1, "b"),
                    node("b", 1, "a"),
                    node("c", 1, "d"),
                    node("d", 1, "c"),
                    node("e"),
                ],
                "stages": [stage("s", "e")],
            },
            {"a": 1, "b": 2, "c": 3, "d": 4},
        ),
    )
    assert messages == [
        "g.toml:1: prerequisite cycle: a → b → a (a in g.toml, b in g.toml)",
        "g.toml:3: prerequisite cycle: c → d → c (c in g.toml, d in g.toml)",
    ]


def test_a_node_requiring_itself() -> None:
    assert problems_of(
        ("g.toml", {"skills": [node("a", 1, "a")], "stages": [stage("s", "a")]}, {"a": 4, "s": 9}),
    ) == [
        "g.toml:4: skill 'a' requires itself",
        "g.toml:9: stage 's' is unreachable: its prerequisite 'a' requires itself",
    ]


def test_unreachable_stage_in_an_earlier_file_names_the_cycle_itself() -> None:
    # Problems are sorted by file, so the stage's message comes first: it must stand alone.
    assert problems_of(
        ("a-stages.toml", {"stages": [stage("s", "x")]}, {"s": 1}),
        ("z-skills.toml", {"skills": [node("x", 1, "y"), node("y", 1, "x")]}, {"x": 1, "y": 5}),
    ) == [
        "a-stages.toml:1: stage 's' is unreachable: its prerequisite 'x' is in the cycle x → y → x",
        "z-skills.toml:1: prerequisite cycle: x → y → x (x in z-skills.toml, y in z-skills.toml)",
    ]


# --- hours and schema -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "problem"),
    [
        (-1, "-1 is out of range: it must be more than 0 and at most 100,000 hours"),
        (-0.5, "-0.5 is out of range: it must be more than 0 and at most 100,000 hours"),
        (0, "0 is out of range: it must be more than 0 and at most 100,000 hours"),
        ("8", '"8" is not a number of hours (e.g. 40)'),
        (True, "true is not a number of hours (e.g. 40)"),
        (math.nan, "NaN is not a number of hours (e.g. 40)"),
        (math.inf, "Infinity is not a number of hours (e.g. 40)"),
        (200_000, "200000 is out of range: it must be more than 0 and at most 100,000 hours"),
    ],
)
def test_bad_hours_are_located_and_shown(hours: Any, problem: str) -> None:
    messages = problems_of(
        ("g.toml", {"skills": [node("numpy", hours)], "stages": [stage("s", "numpy")]}, {"numpy": 3}),
    )
    assert f"g.toml:3: skill 'numpy': key 'hours': {problem}" in messages


def test_missing_hours() -> None:
    entry = node("eda")
    del entry["hours"]
    messages = problems_of(("g.toml", {"projects": [entry], "stages": [stage("s", "eda")]}, {"eda": 2}))
    assert "g.toml:2: project 'eda': missing key 'hours'" in messages


def test_an_invalid_node_is_not_reported_as_undefined() -> None:
    assert problems_of(
        (
            "g.toml",
            {"skills": [node("numpy", -1), node("pandas", 3, "numpy")], "stages": [stage("s", "pandas")]},
            {"numpy": 2, "pandas": 6, "s": 9},
        ),
    ) == [
        "g.toml:2: skill 'numpy': key 'hours': -1 is out of range: it must be more than 0 and at most "
        "100,000 hours",
        "g.toml:9: stage 's' is unreachable: its prerequisite 'pandas' requires 'numpy', which is invalid",
    ]


def test_unknown_key_suggests_the_valid_key() -> None:
    entry = node("git")
    entry["hous"] = 2
    assert problems_of(("g.toml", {"skills": [entry]}, {"git": 1}))[0] == (
        "g.toml:1: skill 'git': unknown key 'hous' (did you mean 'hours'?); valid keys: id, name, "
        "short_name, hours, requires, recommends, aliases, category, description, resources, at_work, "
        "months, kind"
    )


def test_unknown_key_without_a_close_match_lists_the_valid_keys() -> None:
    entry = stage("s", "git")
    entry["zzzz"] = 1
    assert problems_of(
        ("g.toml", {"skills": [node("git")], "stages": [entry, stage("t", "git")]}, {"s": 4}),
    ) == [
        "g.toml:4: stage 's': unknown key 'zzzz'; valid keys: kind, id, name, short_name, requires, "
        "recommends, aliases, level, description, experience_years, salary, salaries, notes, source, "
        "min_months_in_previous_role, experience_counts, job_search_months"
    ]


def test_unknown_table_suggests_the_valid_table() -> None:
    assert problems_of(
        ("g.toml", {"skill": [node("git")], "stages": [stage("s", "git")], "skills": [node("git")]}, {}),
    ) == [
        "g.toml: unknown table 'skill'; a graph file holds [[skills]], [[projects]], [[stages]] "
        "and [[choices]] (did you mean 'skills'?)"
    ]


def test_a_section_that_is_not_an_array_of_tables() -> None:
    assert (
        problems_of(
            ("g.toml", {"skills": {"id": "git"}, "stages": [stage("s", "git")]}, {}),
        )[0]
        == "g.toml: 'skills' must be an array of tables ([[skills]])"
    )


def test_an_id_that_is_not_kebab_case() -> None:
    assert problems_of(("g.toml", {"skills": [node("Bad_Id")], "stages": [stage("s", "ok")]}, {}))[0] == (
        "g.toml: skill 'Bad_Id': key 'id': \"Bad_Id\" is not an id in kebab-case (lowercase letters and "
        "digits joined by single hyphens, e.g. eda-report)"
    )


def test_requirement_less_stage() -> None:
    assert problems_of(
        ("g.toml", {"skills": [node("git")], "stages": [stage("s", "git"), stage("empty")]}, {"empty": 7}),
    ) == [
        "g.toml:7: stage 'empty' requires nothing; a stage must require at least one skill, project or stage"
    ]


def test_a_graph_without_stages() -> None:
    assert problems_of(("g.toml", {"skills": [node("git")]}, {})) == [
        "graph: the graph defines no [[stages]]"
    ]


def test_every_problem_is_reported_at_once() -> None:
    messages = problems_of(
        (
            "g.toml",
            {
                "skills": [node("a", -2), node("b", 1, "c"), node("c", 1, "b"), node("d", 1, "zz")],
                "stages": [stage("s", "d"), stage("t")],
            },
            {"a": 1, "b": 2, "c": 3, "d": 4, "s": 5, "t": 6},
        ),
    )
    assert len(messages) == 5
    assert [m.split(":")[1] for m in messages] == ["1", "2", "4", "5", "6"]


def test_a_string_requires_is_not_also_a_graph_without_stages() -> None:
    """Regression: the stage failed its schema, and the graph was also said to define no stages."""
    entry = stage("s")
    entry["requires"] = "git"
    assert problems_of(("g.toml", {"skills": [node("git")], "stages": [entry]}, {})) == [
        'g.toml: stage \'s\': key \'requires\': "git" is not a list of ids, e.g. ["python", "numpy"]'
    ]


def test_messages_keep_their_meaning() -> None:
    """Regression: messages were lowercased, so the URL rule ``\\S+`` read ``\\s+``; the rule
    now says what it means in words."""
    entry = node("git")
    entry["resources"] = [{"title": "ok", "url": "https://a.org"}, {"title": "bad", "url": "https://a b"}]
    assert problems_of(("g.toml", {"skills": [entry], "stages": [stage("s", "git")]}, {}))[0] == (
        "g.toml: skill 'git': key 'resources[1].url': \"https://a b\" is not an http(s) URL without spaces"
    )


def test_a_resource_problem_names_the_resource_and_its_line(tmp_path: Path) -> None:
    """Regression: the line was the node's; the resource is named by its position (from 0,
    as a path into the file: resources[1] is the second)."""
    (tmp_path / "g.toml").write_text(
        '[[skills]]\nid = "git"\nname = "Git"\nhours = 2\nresources = [\n'
        '  { title = "Pro Git", url = "https://git-scm.com/book" },   # a comment, with { and [\n'
        '  { title = "Docs, [all]", url = "https://git-scm.com/docs", kind = "blog" },\n]\n\n'
        '[[stages]]\nid = "s"\nname = "S"\nrequires = ["git"]\n'
    )
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'g.toml'}:7: skill 'git': key 'resources[1].kind': unknown resource kind 'blog'; "
        "use course, book, docs, tutorial, video, article, practice, community, certification"
    ]


def test_a_bad_note_is_refused_with_its_file_line_and_key(tmp_path: Path) -> None:
    (tmp_path / "g.toml").write_text(
        '[[skills]]\nid = "git"\nname = "Git"\nhours = 2\n\n'
        '[[stages]]\nid = "s"\nname = "S"\nrequires = ["git"]\nnotes = [\n'
        '  { text = "The BLS projects 23% growth.", source = "seed" },\n'
        '  { text = "", sorce = "seed" },\n'
        '  "Hubs: San Francisco",\n]\n'
        'salary = { low = 100000, table = "" }\n'
    )
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    where = f"{tmp_path / 'g.toml'}"
    assert [str(p) for p in info.value.problems] == [
        f"{where}:12: stage 's': key 'notes': unknown key 'sorce' (did you mean 'source'?); "
        "valid keys: text, source",
        f"{where}:12: stage 's': key 'notes[1].text': is empty",
        f"{where}:13: stage 's': key 'notes': \"Hubs: San Francisco\" is not a note table, "
        'e.g. { text = "...", source = "..." }',
        f"{where}:15: stage 's': key 'salary.table': is empty",
    ]


@pytest.mark.parametrize(
    ("key", "value", "code", "at"),
    [
        ("name", "Git\x1b[31m", "001B", 4),
        ("name", "G\x07it", "0007", 2),
        ("category", "tools\n", "000A", 6),
        ("description", "bell \x07", "0007", 6),
        ("name", "nul\x00", "0000", 4),
    ],
)
def test_control_characters_are_refused_with_their_place(key: str, value: str, code: str, at: int) -> None:
    """Regression: ESC, BEL and NUL in names reached the terminal raw and broke Graphviz."""
    entry = node("git")
    entry[key] = value
    assert problems_of(("g.toml", {"skills": [entry], "stages": [stage("s", "git")]}, {"git": 2})) == [
        f"g.toml:2: skill 'git': key '{key}': {json.dumps(value)} holds the control character U+{code} at "
        f"character {at}; use plain text"
    ]


def test_descriptions_keep_line_breaks_and_tabs() -> None:
    entry = node("git")
    entry["description"] = "one\n\ttwo\r\nthree"
    assert build_graph([("g.toml", {"skills": [entry], "stages": [stage("s", "git")]}, {})])


def test_duplicate_id_after_a_multi_line_string_names_the_real_lines(tmp_path: Path) -> None:
    """Regression: an ``id = ...`` line inside a description counted as a definition, so
    the duplicate was reported at the wrong line."""
    (tmp_path / "g.toml").write_text(
        '[[skills]]\nid = "git"\nname = "Git"\nhours = 2\ndescription = """\nid = "git"\n[[skills]]\n"""\n\n'
        '[[skills]]\nid = "git"\nname = "Git again"\nhours = 2\n\n'
        '[[stages]]\nid = "s"\nname = "S"\nrequires = ["git"]\n'
    )
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'g.toml'}:11: duplicate id 'git': also defined in {tmp_path / 'g.toml'} line 2"
    ]


def test_duplicate_id_in_interleaved_tables_names_the_real_lines(tmp_path: Path) -> None:
    """The parsed data groups a file's tables by name; the lines follow the same order."""
    (tmp_path / "g.toml").write_text(
        '[[skills]]\nid = "a"\nname = "A"\nhours = 1\n\n[[projects]]\nid = "dup"\nname = "P"\n'
        'hours = 1\n\n[[skills]]\nid = "dup"\nname = "Skill"\nhours = 1\n\n'
        '[[stages]]\nid = "s"\nname = "Stage"\nrequires = ["a"]\n'
    )
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'g.toml'}:7: duplicate id 'dup': also defined in {tmp_path / 'g.toml'} line 12"
    ]


def test_a_number_too_long_to_read_names_its_key(tmp_path: Path) -> None:
    """Regression: a 5000-digit number ended as "internal error"."""
    (tmp_path / "g.toml").write_text(f'[[skills]]\nid = "git"\nname = "Git"\nhours = {"9" * 5000}\n')
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert str(info.value) == (
        f"{tmp_path / 'g.toml'}:4: key 'hours': a number with 5,000 digits is far "
        "too long; numbers may have at most 4,300 digits"
    )


def test_a_number_too_long_after_long_text_is_reported_at_once(tmp_path: Path) -> None:
    """Regression: the error path's regex grew with the square of the line before the number."""
    text = "x" * 2_000_000 + "9" * 5000  # digits in a description are text, not the number
    (tmp_path / "g.toml").write_text(
        f'[[skills]]\nid = "git"\nname = "Git"\ndescription = """\n{text}\n"""\nhours = {"9" * 5000}\n'
    )
    with no_hang("loading a graph file with a 2 MB line"), pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert str(info.value) == (
        f"{tmp_path / 'g.toml'}:7: key 'hours': a number with 5,000 digits is far "
        "too long; numbers may have at most 4,300 digits"
    )


def test_a_utf16_file_is_told_to_save_as_utf8(tmp_path: Path) -> None:
    (tmp_path / "g.toml").write_text('[[skills]]\nid = "git"\n', encoding="utf-16")
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert str(info.value) == f"{tmp_path / 'g.toml'}: is UTF-16 text; save it as UTF-8"


def test_files_only_in_subfolders(tmp_path: Path) -> None:
    (tmp_path / "skills").mkdir()
    (tmp_path / "skills" / "a.toml").write_text("")
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert str(info.value) == (
        f"{tmp_path}: graph folder holds no *.toml files (only in subfolders, "
        f"which are not read: {tmp_path / 'skills' / 'a.toml'})"
    )


# --- reading files --------------------------------------------------------------------


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(
        '[[skills]]\nid = "git"\nname = "Git"\nhours = 2\n\n[[stages]]\nid = "s"\nname = "S"\n'
        'requires = ["git"]\n'
    )
    (tmp_path / "broken.toml").write_text('[[skills]]\nid = "sql"\nname = = "SQL"\nhours = 2\n')
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    (problem,) = info.value.problems
    assert (problem.file, problem.line) == (str(tmp_path / "broken.toml"), 3)
    assert str(problem).startswith(f"{tmp_path / 'broken.toml'}:3: TOML syntax error: ")
    assert "line 3" in str(problem)


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "latin.toml").write_bytes(b'[[skills]]\nid = "caf\xe9"\n')
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert str(info.value) == (
        f"{tmp_path / 'latin.toml'}: is not UTF-8 text (bad byte at offset 20); save it as UTF-8"
    )


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a graph file")
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert str(info.value) == f"{tmp_path}: graph folder holds no *.toml files"


def test_folder_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path / "nowhere")
    assert str(info.value) == f"{tmp_path / 'nowhere'}: graph folder does not exist or is not a folder"


def test_a_file_given_as_folder(tmp_path: Path) -> None:
    path = tmp_path / "graph.toml"
    path.write_text("")
    with pytest.raises(GraphError) as info:
        load_graph(path)
    assert str(info.value) == f"{path}: graph folder does not exist or is not a folder"


def test_dangling_id_in_a_real_file_reports_the_line_of_the_id(tmp_path: Path) -> None:
    (tmp_path / "g.toml").write_text(
        '# a comment\n[[skills]]\nid = "numpy"\nname = "NumPy"\nhours = 4\n\n'
        '[[skills]]\nid = "pandas"\nname = "pandas"\nhours = 6\nrequires = ["numpi"]\n\n'
        '[[stages]]\nid = "s"\nname = "S"\nrequires = ["numpy"]\n'
    )
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert str(info.value) == (
        f"{tmp_path / 'g.toml'}:8: skill 'pandas' requires 'numpi', which no file defines "
        "(did you mean 'numpy'?)"
    )


def test_problem_formats_without_a_line() -> None:
    assert str(Problem("g.toml", 0, "boom")) == "g.toml: boom"
    assert str(Problem("g.toml", 12, "boom")) == "g.toml:12: boom"


# --- the loaded graph -----------------------------------------------------------------


def test_load_graph_merges_every_file(tiny_graph_dir: Path) -> None:
    (tiny_graph_dir / "README.md").write_text("ignored: not TOML")
    graph = load_graph(tiny_graph_dir)
    assert sorted(graph.nodes) == [
        "eda-report",
        "git",
        "junior-ml-engineer",
        "ml-engineer",
        "numpy",
        "pandas",
        "python",
    ]
    assert graph.files["eda-report"] == str(tiny_graph_dir / "projects.toml")
    assert graph.digraph.nodes["pandas"] == {"kind": "skill", "name": "pandas", "hours": 6.0}
    assert graph.digraph.nodes["ml-engineer"] == {"kind": "stage", "name": "ML Engineer"}
    # an edge points from the prerequisite to what depends on it
    assert graph.digraph.has_edge("numpy", "pandas")
    assert not graph.digraph.has_edge("pandas", "numpy")
    assert graph.digraph.number_of_edges() == 7


def test_stages_are_ordered_lowest_first(build: Callable[..., CareerGraph]) -> None:
    graph = build(
        (
            "g.toml",
            {
                "skills": [node("a")],
                "stages": [stage("top", "middle"), stage("bottom", "a"), stage("middle", "bottom")],
            },
        )
    )
    assert [s.id for s in graph.stages] == ["bottom", "middle", "top"]
    assert graph.stages_needing("a") == ["bottom", "middle", "top"]


def test_level_breaks_ties_between_stages_on_the_same_rung(build: Callable[..., CareerGraph]) -> None:
    low = stage("zz-low", "a")
    high = stage("aa-high", "a")
    low["level"], high["level"] = 1, 2
    graph = build(("g.toml", {"skills": [node("a")], "stages": [high, low]}))
    assert [s.id for s in graph.stages] == ["zz-low", "aa-high"]


# --- the shipped graph (content is still being edited: no hours or counts here) --------


@pytest.fixture(scope="module")
def shipped() -> CareerGraph:
    return load_graph(shipped_graph_dir())


def test_shipped_graph_loads_and_validates(shipped: CareerGraph) -> None:
    assert shipped.nodes


@pytest.mark.parametrize("stage_id", SPEC_STAGES)
def test_shipped_graph_has_every_spec_stage(shipped: CareerGraph, stage_id: str) -> None:
    assert shipped.kind(stage_id) == "stage"


@pytest.mark.parametrize("skill_id", CANONICAL_SKILLS)
def test_shipped_graph_has_every_canonical_skill(shipped: CareerGraph, skill_id: str) -> None:
    assert skill_id in shipped.nodes
    assert shipped.kind(skill_id) == "skill"


def test_shipped_ladder_is_in_spec_order_with_the_fork(shipped: CareerGraph) -> None:
    order = [s.id for s in shipped.stages]
    rank = {s: i for i, s in enumerate(order)}
    assert rank["junior-ml-engineer"] < rank["ml-engineer"] < rank["senior-ml-engineer"]
    assert rank["senior-ml-engineer"] < rank["ml-engineering-manager"]
    assert rank["senior-ml-engineer"] < rank["ml-architect"]
    assert "senior-ml-engineer" in shipped.closure(["ml-architect"])
    assert "senior-ml-engineer" in shipped.closure(["ml-engineering-manager"])


def test_architect_track_does_not_go_through_management(shipped: CareerGraph) -> None:
    assert "ml-engineering-manager" not in shipped.closure(["ml-architect"])


def test_every_shipped_skill_and_project_is_documented(shipped: CareerGraph) -> None:
    # Choices have no hours or resources of their own: their members do.
    undocumented = [
        n.id
        for n in shipped.nodes.values()
        if n.kind in ("skill", "project")
        and (
            n.category in ("", "uncategorized")  # type: ignore[union-attr]
            or not n.description.strip()
            or not n.resources  # type: ignore[union-attr]
        )
    ]
    assert undocumented == []


def test_every_shipped_choice_says_why(shipped: CareerGraph) -> None:
    assert [n.id for n in shipped.nodes.values() if n.kind == "choice" and not n.description.strip()] == []


def test_every_shipped_stage_is_reachable_from_nothing(shipped: CareerGraph) -> None:
    for stage_node in shipped.stages:
        work = [n for n in shipped.closure([stage_node.id]) if shipped.kind(n) != "stage"]
        assert work, stage_node.id


def test_a_name_that_is_another_node_s_alias_is_located_at_the_name(tmp_path: Path) -> None:
    (tmp_path / "g.toml").write_text(
        '[[skills]]\nid = "vc"\nname = "Version control"\naliases = ["VCS"]\nhours = 1\n\n'
        '[[skills]]\nid = "vcs-tools"\nhours = 2\nname = "vcs"\n\n'
        '[[stages]]\nid = "s"\nname = "Stage"\nrequires = ["vc", "vcs-tools"]\n'
    )
    with pytest.raises(GraphError) as info:
        load_graph(tmp_path)
    assert [(p.line, p.kind, p.ids) for p in info.value.problems] == [
        (10, "name-clash", ("vcs-tools", "vcs", "vc"))
    ]
