"""Fuzz every command that reads a file: mutated profiles, graph folders and .ics exports.

Whatever the input, a command ends with exit status 0, 1 or 2, never shows a traceback
or an "internal error", says why on standard error when it fails, and finishes within
:data:`CALL_LIMIT` seconds. The mutators live in ``tests/fuzz/mutators.py``; a failing
example is reproduced from its mutation kind and seed. Example counts scale with the
active hypothesis profile (``HYPOTHESIS_PROFILE=ci`` is derandomized).
"""

from __future__ import annotations

import functools
import random
import signal
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.cli import cli
from tests.fuzz import mutators

CALL_LIMIT = 20
"""Seconds one CLI invocation may take before the test fails as a hang."""
EPOCH = "1798761600"  # 2027-01-01T00:00:00Z: fixes "today" and DTSTAMP
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


pytestmark = pytest.mark.slow  # hundreds of mutated inputs through the whole CLI


def budget(fraction: float, floor: int = 5) -> settings:
    """Settings with a share of the active profile's ``max_examples`` (ci: 500, dev: 50)."""
    return settings(
        max_examples=max(floor, int(settings.default.max_examples * fraction)),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        deadline=None,
    )


class CallTimeout(BaseException):
    """Raised by the alarm; a BaseException so CliRunner does not swallow it."""


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise CallTimeout(f"`planner {what}` took more than {seconds} s (a hang?)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(args: Sequence[str], *, limit: float = CALL_LIMIT) -> Result:
    """Invoke the CLI in-process with a time limit; fail the test on a hang."""
    shown = " ".join(a if len(a) < 80 else a[:77] + "..." for a in args)
    runner = CliRunner()
    try:
        with time_limit(limit, shown):
            return runner.invoke(cli, list(args), env={"SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"})
    except CallTimeout as exc:
        pytest.fail(str(exc))


def check(result: Result, args: Sequence[str], context: str = "") -> None:
    """The contract: exit 0/1/2, no traceback, no internal error, a message on failure."""
    shown = " ".join(a if len(a) < 80 else a[:77] + "..." for a in args)
    where = (
        f"planner {shown} [{context}]\nstdout: {result.stdout[-2000:]!r}\nstderr: {result.stderr[-2000:]!r}"
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        tb = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"uncaught {type(result.exception).__name__}: {result.exception}\n{where}\n{tb}")
    assert result.exit_code in (0, 1, 2), f"exit code {result.exit_code}\n{where}"
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, where
        assert "internal error" not in stream, where
    if result.exit_code != 0:
        assert result.stderr.strip(), f"exit {result.exit_code} without a message\n{where}"


def profile_commands(profile: str, out: str, previous: str) -> list[list[str]]:
    return [
        ["roadmap", profile, "--format", "text"],
        ["roadmap", profile, "--format", "markdown"],
        ["roadmap", profile, "--format", "json"],
        ["calendar", profile, "-o", out],
        ["calendar", profile, "-o", out, "--previous", previous],
        ["gaps", profile],
        ["explain", "pandas", "--profile", profile],
        ["status", profile, "--from", "2027-06-01"],
        ["done", profile, "pandas"],
        ["graph", "--profile", profile, "--format", "json"],
        ["graph", "--profile", profile, "--format", "dot"],
        ["graph", "--profile", profile, "--format", "mermaid"],
    ]


PROFILE_COMMAND_NAMES = [
    " ".join(c[:1] + c[2:]).replace("PROFILE", "") for c in profile_commands("P", "OUT", "PREV")
]


@functools.cache
def base_ics() -> bytes:
    """An earlier export of an example profile (its first 30 events), the base of the
    --previous mutations; not a fixture, so hypothesis never prints its 30 kB."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "old.ics"
        args = ["calendar", str(mutators.ROOT / "examples/profiles/priya.toml"), "-o", str(out)]
        result = run_cli(args)
        assert result.exit_code == 0, result.stderr
        return mutators.shrink_ics(out.read_bytes())


# --- profiles ------------------------------------------------------------------------------


@budget(0.3)
@given(
    kind=st.sampled_from(mutators.PROFILE_MUTATIONS),
    seed=SEEDS,
    command=st.integers(min_value=0, max_value=len(PROFILE_COMMAND_NAMES) - 1),
)
def test_mutated_profiles(kind: str, seed: int, command: int) -> None:
    rng = random.Random(seed)
    raw, suffix = mutators.mutate_profile(rng, kind)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"profile{suffix}"
        path.write_bytes(raw)
        (Path(folder) / "old.ics").write_bytes(base_ics())
        args = profile_commands(str(path), str(Path(folder) / "out.ics"), str(Path(folder) / "old.ics"))
        check(run_cli(args[command]), args[command], f"profile {kind} seed={seed}")


def _named_profiles() -> dict[str, tuple[bytes, str]]:
    base = (mutators.ROOT / "examples/profiles/priya.toml").read_bytes()
    json_base = (mutators.ROOT / "examples/profiles/sam.json").read_bytes()
    deep = b"[" * 10_000 + b"]" * 10_000
    return {
        "toml-deep-array": (base + b"\nfocus = " + deep + b"\n", ".toml"),
        "toml-deep-inline-table": (
            base + b"\n[progress]\npandas = " + b"{a = " * 10_000 + b"1" + b"}" * 10_000 + b"\n",
            ".toml",
        ),
        "toml-deep-table-headers": (base + b"\n[" + b".".join([b"a"] * 10_000) + b"]\n", ".toml"),
        "json-deep-array": (json_base[:-2] + b', "known": ' + deep + b"}\n", ".json"),
        "json-deep-object": (b'{"a": ' * 10_000 + b"1" + b"}" * 10_000, ".json"),
        "over-1-mib": (base + b"#" + b"x" * mutators.MiB + b"\n", ".toml"),
        "json-over-1-mib": (json_base[:-2] + b', "name": "' + b"x" * mutators.MiB + b'"}', ".json"),
        "bom": (b"\xef\xbb\xbf" + base, ".toml"),
        "bom-json": (b"\xef\xbb\xbf" + json_base, ".json"),
        "nul": (base.replace(b"Priya", b"Pri\x00ya", 1), ".toml"),
        "long-name": (base.replace(b'"Priya"', b'"' + b"x" * 100_000 + b'"', 1), ".toml"),
        "nan-hours": (base.replace(b"hours_per_week = 10", b"hours_per_week = nan"), ".toml"),
        "inf-hours": (base.replace(b"hours_per_week = 10", b"hours_per_week = inf"), ".toml"),
        "huge-int-hours": (base.replace(b"hours_per_week = 10", b"hours_per_week = " + b"9" * 400), ".toml"),
        "duplicate-key": (base + b'\ntarget = "ml-engineer"\n', ".toml"),
        "json-duplicate-key": (b'{"target": 1, ' + json_base.lstrip()[1:], ".json"),
        "empty": (b"", ".toml"),
        "utf16": (base.decode().encode("utf-16"), ".toml"),
    }


NAMED_PROFILES = _named_profiles()


@pytest.mark.parametrize("name", sorted(NAMED_PROFILES))
@pytest.mark.parametrize(
    "command", range(len(PROFILE_COMMAND_NAMES)), ids=lambda i: PROFILE_COMMAND_NAMES[i].replace(" ", "_")
)
def test_named_profile_cases(name: str, command: int, tmp_path: Path) -> None:
    raw, suffix = NAMED_PROFILES[name]
    path = tmp_path / f"profile{suffix}"
    path.write_bytes(raw)
    (tmp_path / "old.ics").write_bytes(base_ics())
    args = profile_commands(str(path), str(tmp_path / "out.ics"), str(tmp_path / "old.ics"))[command]
    check(run_cli(args), args, name)


# --- earlier .ics exports --------------------------------------------------------------------


@budget(0.1)
@given(kind=st.sampled_from(mutators.ICS_MUTATIONS), seed=SEEDS)
def test_mutated_previous_calendar(kind: str, seed: int) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder) / "old.ics"
        old.write_bytes(mutators.mutate_ics(rng, kind, base_ics()))
        profile = mutators.ROOT / "examples/profiles/priya.toml"
        frm = rng.choice([[], ["--from", "2027-03-01"], ["--from", "2030-01-01"]])
        args = ["calendar", str(profile), "-o", str(Path(folder) / "new.ics"), "--previous", str(old), *frm]
        check(run_cli(args), args, f"ics {kind} seed={seed}")


# --- graph folders -----------------------------------------------------------------------------


def graph_commands(graph: str, profile: str, out: str) -> list[list[str]]:
    g = ["--graph", graph]
    return [
        ["validate", *g],
        ["roadmap", profile, "--format", "json", *g],
        ["calendar", profile, "-o", out, *g],
        ["gaps", profile, *g],
        ["explain", "python", "--profile", profile, *g],
        ["status", profile, "--from", "2027-06-01", *g],
        ["graph", "--format", "json", *g],
        ["graph", "--profile", profile, "--format", "dot", *g],
        ["graph", "--profile", profile, "--format", "mermaid", *g],
        ["stages", *g],
        ["skills", *g],
    ]


GRAPH_COMMAND_NAMES = [
    c[0] + ("-" + c[c.index("--format") + 1] if "--format" in c else "")
    for c in graph_commands("G", "P", "O")
]


@budget(0.12)
@given(
    kind=st.sampled_from(mutators.GRAPH_MUTATIONS),
    seed=SEEDS,
    command=st.integers(min_value=0, max_value=len(GRAPH_COMMAND_NAMES) - 1),
)
def test_mutated_graph_folders(kind: str, seed: int, command: int) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        graph = Path(folder) / "graph"
        mutators.mutate_graph(rng, kind, graph)
        profile = Path(folder) / "profile.toml"
        profile.write_bytes(
            rng.choice([p for p in mutators.EXAMPLE_PROFILES if p.suffix == ".toml"]).read_bytes()
        )
        args = graph_commands(str(graph), str(profile), str(Path(folder) / "out.ics"))[command]
        # validate reads the folder afresh; the others go through the compiled-graph cache
        check(run_cli(args), args, f"graph {kind} seed={seed}")


@pytest.mark.parametrize(
    "kind",
    [
        "many_files",
        "too_many_files",
        "deep_nesting",
        "big_chain",
        "cycle",
        "nan_hours",
        "huge_hours",
        "duplicate_id",
    ],
)
@pytest.mark.parametrize("command", ["validate", "roadmap-json", "graph-json"])
def test_named_graph_cases(kind: str, command: str, tmp_path: Path) -> None:
    rng = random.Random(f"{kind}-{command}")
    graph = tmp_path / "graph"
    mutators.mutate_graph(rng, kind, graph)
    profile = mutators.ROOT / "examples/profiles/priya.toml"
    args = graph_commands(str(graph), str(profile), str(tmp_path / "out.ics"))[
        GRAPH_COMMAND_NAMES.index(command)
    ]
    check(run_cli(args), args, kind)


def test_deep_nesting_ten_thousand_levels_in_graph_file(tmp_path: Path) -> None:
    graph = tmp_path / "graph"
    mutators.write_graph(graph, mutators.read_graph())
    (graph / "zz-deep.toml").write_text(
        '[[skills]]\nid = "deep"\nname = "Deep"\nhours = 1\n'
        "description = " + "[" * 10_000 + "]" * 10_000 + "\n"
    )
    args = ["validate", "--graph", str(graph)]
    result = run_cli(args)
    check(result, args)
    assert result.exit_code == 1
