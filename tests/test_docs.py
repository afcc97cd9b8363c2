"""The documentation says what the code does: the CLI reference and the README's command
and limits tables are generated from the code and checked here; the README's Python
example runs; its quick-start commands name files that exist.

Regenerate the generated parts on purpose with
``PLANNER_REGEN_GOLDEN=1 python3 -m pytest tests/test_docs.py``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from planner.cli import all_commands, cli
from planner.limits import limits_table
from tests.golden import REGEN, check_golden
from tests.paths import ROOT

README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
CLI_REFERENCE = ROOT / "docs" / "cli.md"


def help_text(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="planner", terminal_width=88)
    assert result.exit_code == 0, result.output
    return result.output


def cli_reference() -> str:
    """docs/cli.md: the ``--help`` of the program and of every command."""
    out = [
        "# planner command reference",
        "",
        "Generated from each command's `--help`; a test fails when they differ. Regenerate it with",
        "`PLANNER_REGEN_GOLDEN=1 python3 -m pytest tests/test_docs.py`.",
        "",
        "## planner",
        "",
        "```text",
        help_text().rstrip("\n"),
        "```",
    ]
    for name in sorted(all_commands()):
        out += ["", f"## planner {name}", "", "```text", help_text(name).rstrip("\n"), "```"]
    return "\n".join(out) + "\n"


def synopsis(name: str, command: click.Command) -> str:
    """``planner NAME ARGS [--option VALUE]...`` for the README's table."""
    ctx = click.Context(command, info_name=name)
    parts = [f"planner {name}"]
    options = []
    for param in command.params:
        if isinstance(param, click.Argument):
            parts.append(param.make_metavar(ctx))
        elif isinstance(param, click.Option) and "--help" not in param.opts:
            flag = max(param.opts, key=len)
            if param.is_flag:
                options.append(f"[{flag}]")
            else:
                metavar = param.make_metavar(ctx).strip("[]")
                if isinstance(param.type, click.Choice):
                    metavar = "|".join(str(c) for c in param.type.choices)
                shown = f"{flag} {metavar}"
                options.append(shown if param.required else f"[{shown}]")
    return " ".join(parts + options).replace("|", "\\|")


def command_table() -> str:
    rows = ["| command | does |", "|---|---|"]
    for name in sorted(all_commands()):
        command = all_commands()[name]
        does = command.get_short_help_str(limit=200).rstrip(".")
        rows.append(f"| `{synopsis(name, command)}` | {does} |")
    return "\n".join(rows) + "\n"


def between(text: str, marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\n(.*?)<!-- /{marker} -->", text, flags=re.S)
    assert match, f"README.md has no <!-- {marker} --> section"
    return match.group(1)


def replace_between(text: str, marker: str, body: str) -> str:
    return re.sub(
        rf"(<!-- {marker} -->\n).*?(<!-- /{marker} -->)",
        lambda m: m.group(1) + body + m.group(2),
        text,
        flags=re.S,
    )


def test_cli_reference_matches_every_help_text() -> None:
    check_golden(CLI_REFERENCE, cli_reference())


@pytest.mark.parametrize(
    ("page", "marker", "make"),
    [("README.md", "commands", command_table), ("docs/limits.md", "limits", limits_table)],
)
def test_the_tables_are_generated_from_the_code(page: str, marker: str, make: object) -> None:
    produced = make()  # type: ignore[operator]
    path = ROOT / page
    text = path.read_text(encoding="utf-8")
    if REGEN:
        text = replace_between(text, marker, produced)
        path.write_text(text, encoding="utf-8")
    assert between(text, marker) == produced, (
        f"the {marker} table of {page} is out of date; regenerate it with PLANNER_REGEN_GOLDEN=1"
    )


def test_every_command_has_help_and_is_in_the_readme_and_the_reference() -> None:
    reference = CLI_REFERENCE.read_text(encoding="utf-8")
    for name, command in all_commands().items():
        assert command.help and command.get_short_help_str(), name
        assert f"`planner {name}" in README, name
        assert f"## planner {name}\n" in reference, name


@pytest.mark.parametrize("page", ["README.md", "docs/python-api.md"])
def test_the_python_examples_run(
    page: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / page).read_text(encoding="utf-8"), flags=re.S)
    assert blocks, f"{page} has a Python API example"
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, page, "exec"), {})
    assert capsys.readouterr().out.strip()


def test_spec_api_example_matches_the_cli_json_byte_for_byte(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The Python API: roadmap.to_dict() is what `planner roadmap --format json` prints."""
    import planner

    monkeypatch.chdir(ROOT)
    for profile_path in sorted((ROOT / "examples" / "profiles").glob("*.*")):
        graph = planner.load_graph()
        profile = planner.load_profile(profile_path, graph=graph)
        roadmap = planner.roadmap(profile, graph=graph)
        result = CliRunner().invoke(cli, ["roadmap", str(profile_path), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.dumps(roadmap.to_dict(), sort_keys=True) == json.dumps(
            json.loads(result.stdout), sort_keys=True
        ), profile_path.name


def test_quick_start_commands_come_first_and_use_real_files() -> None:
    consoles = re.findall(r"```console\n(.*?)```", README, flags=re.S)
    main_job, tests = consoles[0].strip(), consoles[1].strip()
    venv = "python3 -m venv .venv && . .venv/bin/activate && python -m pip install -q "
    assert main_job.startswith(venv) and "planner roadmap" in main_job
    assert tests.startswith(venv) and tests.endswith("python -m pytest")
    for path in re.findall(r"examples/\S+\.(?:toml|json)", main_job):
        assert (ROOT / path).is_file(), path
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci, ".ci/run runs the README's test command verbatim"
    assert os.access(ROOT / ".ci" / "run", os.X_OK) or ci.startswith("#!")


# --- the README's transcripts -------------------------------------------------------------

TRANSCRIPT = re.compile(
    r"<!-- transcript(?:: (?P<command>[^>]*?))? -->\n```(?:console|text)\n(?P<body>.*?)```", flags=re.S
)
"""A block the README shows as what planner prints: ``<!-- transcript -->`` before a
console block of ``$ command`` lines and their output, or ``<!-- transcript: COMMAND
-->`` before the output of COMMAND alone. A line ``...`` (indented or not) stands for
one or more lines left out."""


def _matches(shown: list[str], actual: list[str]) -> bool:
    """Whether ``shown`` is ``actual`` with runs of lines replaced by ``...`` lines."""
    if not shown:
        return not actual
    if shown[0].strip() == "...":
        return any(_matches(shown[1:], actual[i:]) for i in range(1, len(actual) + 1))
    return bool(actual) and shown[0] == actual[0] and _matches(shown[1:], actual[1:])


def _run(command: str) -> str:
    import shlex
    import shutil

    argv = shlex.split(command)
    if argv[0] == "cp":
        shutil.copyfile(argv[1], argv[2])
        return ""
    assert argv[0] == "planner", f"the README's transcripts run planner, not {command!r}"
    result = CliRunner().invoke(
        cli, argv[1:], prog_name="planner", env={"COLUMNS": "80", "SOURCE_DATE_EPOCH": "1798761600"}
    )
    assert result.exit_code == 0, result.output
    return result.output


def _transcripts() -> list[tuple[str | None, str]]:
    return [(m.group("command"), m.group("body")) for m in TRANSCRIPT.finditer(README)]


def test_the_readme_has_transcripts() -> None:
    assert len(_transcripts()) >= 3


@pytest.mark.parametrize(("command", "body"), _transcripts(), ids=lambda v: (v or "")[:40])
def test_readme_transcript_is_what_planner_prints(
    command: str | None, body: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Run in a fresh folder holding the examples, at 80 columns, in 2027."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    if command is not None:
        steps = [(command, body.splitlines())]
    else:
        steps = []
        for line in body.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
    for run, shown in steps:
        actual = _run(run).splitlines()
        assert _matches(shown, actual), f"$ {run}\n" + "\n".join(actual)
