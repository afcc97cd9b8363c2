"""A user's own curriculum with "pick one" groups, optional topics, aliases and time in
role (tests/data/curriculum) validates, plans, explains, calendars and draws."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli
from tests.paths import CURRICULUM

PROFILE = """\
name = "Cleo"
start = 2027-01-04
timezone = "Europe/Paris"
hours_per_week = 6
{extra}
[availability]
tue = ["19:00-21:00"]
sat = ["09:00-13:00"]
"""


def text_of(extra: str) -> str:
    """The profile with ``extra`` keys; target and known have defaults."""
    if "target =" not in extra:
        extra = 'target = "senior-ml-engineer"\n' + extra
    if "known =" not in extra:
        extra = 'known = ["py"]\n' + extra
    head, _, tail = extra.partition("[choices]")
    return PROFILE.format(extra=head + ("[choices]" + tail if tail else ""))


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "cleo.toml"
    path.write_text(text_of(""), encoding="utf-8")
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--graph", str(CURRICULUM)], prog_name="planner")


def roadmap(path: Path, extra: str = "") -> dict[str, object]:
    if extra:
        path.write_text(text_of(extra), encoding="utf-8")
    result = run("roadmap", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_it_validates() -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        ": 15 nodes (10 skills, 0 projects, 3 stages, 2 choices), 19 prerequisite edges\n"
    )


def test_least_work_picks_and_says_why(profile: Path) -> None:
    data = roadmap(profile)
    assert data["choices"] == [
        {
            "id": "dl-framework",
            "name": "A deep learning framework",
            "pick": 1,
            "picked": ["pytorch"],
            "reason": "least work",
            "reasons": {"pytorch": "least work"},
        },
        {
            "id": "ml-specialization",
            "name": "Two specialisations",
            "pick": 2,
            "picked": ["llm-apps", "nlp"],
            "reason": "least work",
            "reasons": {"llm-apps": "least work", "nlp": "least work"},
        },
    ]
    ids = [item["id"] for item in data["items"]]  # type: ignore[union-attr]
    assert "tensorflow" not in ids and "computer-vision" not in ids
    assert "spark" not in ids, "recommendations are planned only with recommended = true"


@pytest.mark.parametrize(
    ("extra", "picked", "reason"),
    [
        ('known = ["py", "tf"]', ["tensorflow"], "known"),
        ('[choices]\ndl-framework = "TensorFlow"', ["tensorflow"], "profile"),
        ('[choices]\ndl-framework = "tf"', ["tensorflow"], "profile"),
        ('focus = ["tensorflow"]', ["tensorflow"], "focus"),
        ('known = ["py", "tf"]\n[choices]\ndl-framework = "pytorch"', ["tensorflow"], "known"),
    ],
)
def test_the_spec_order_of_picking(profile: Path, extra: str, picked: list[str], reason: str) -> None:
    data = roadmap(profile, extra)
    (dl,) = [c for c in data["choices"] if c["id"] == "dl-framework"]  # type: ignore[union-attr]
    assert (dl["picked"], dl["reason"]) == (picked, reason)
    assert "pytorch" not in [item["id"] for item in data["items"]]  # type: ignore[union-attr]


def test_knowing_a_member_counts_for_every_stage(profile: Path) -> None:
    data = roadmap(profile, 'known = ["py", "torch", "cv"]')
    (spec,) = [c for c in data["choices"] if c["id"] == "ml-specialization"]  # type: ignore[union-attr]
    assert spec["picked"] == ["computer-vision", "llm-apps"]
    assert spec["reasons"] == {"computer-vision": "known", "llm-apps": "least work"}


def test_recommended_true_plans_recommendations_apart(profile: Path) -> None:
    data = roadmap(profile, "recommended = true")
    recommended = [i["id"] for i in data["items"] if i["recommended"]]  # type: ignore[union-attr]
    assert recommended == ["jupyter", "spark"]


def test_time_in_role_from_current_stage_since(profile: Path) -> None:
    data = roadmap(
        profile,
        'target = "ml-engineer"\ncurrent_stage = "junior-ml-engineer"\ncurrent_stage_since = 2026-06-01',
    )
    (ml,) = data["milestones"]  # type: ignore[misc]
    assert ml["skills_ready"] < "2027-06-01"
    assert ml["date"] == "2027-06-01"
    assert ml["time_in_role"] == {"months": 12, "in": "junior-ml-engineer", "experience_months": 0}


def test_text_roadmap_shows_both_dates_and_the_choices(profile: Path) -> None:
    result = run("roadmap", str(profile))
    assert result.exit_code == 0, result.output
    assert (
        "  Then ML Engineer: skills ready 2027-02-09; reached 2028-01-23 after 12 months as Junior "
        "ML Engineer\n"
    ) in result.stdout
    # The study for Senior waits until the person is an ML Engineer (2028-01-23).
    assert (
        "  Then Senior ML Engineer: skills ready 2028-01-29; reached 2030-01-23 after 24 months "
        "as ML Engineer\n"
    ) in result.stdout
    assert "== While Junior ML Engineer: 2027-01-23 → 2028-01-23 ==\n" in result.stdout
    assert "  A deep learning framework [dl-framework]: pytorch (least work); instead of tensorflow\n" in (
        result.stdout
    )


def test_explain_says_which_member_was_picked_and_why(profile: Path) -> None:
    picked = run("explain", "torch", "--profile", str(profile))
    assert "  in your plan: planned — picked for dl-framework: least work\n" in picked.stdout
    other = run("explain", "TensorFlow", "--profile", str(profile))
    assert other.exit_code == 0, other.output
    assert (
        "  not in your plan: dl-framework is satisfied by pytorch (change it with [choices] in "
        "your profile)\n"
    ) in other.stdout
    choice = run("explain", "specialization", "--profile", str(profile))
    assert "  2 of: Computer vision [computer-vision], LLM applications [llm-apps], Natural " in choice.stdout
    assert (
        "  in your plan: planned — the target senior-ml-engineer needs it\n"
        "  choice: satisfied by llm-apps (least work), nlp (least work); not picked: computer-vision "
        "(change it with [choices] in your profile)\n"
    ) in choice.stdout


def test_gaps_counts_picked_members_and_lists_recommendations_apart(profile: Path) -> None:
    result = run("gaps", str(profile))
    assert result.exit_code == 0, result.output
    # The bars are to one scale: the same hours known, on stages of 38, 52 and 57 hours.
    assert result.stdout.splitlines()[1:4] == [
        "Junior ML Engineer [junior-ml-engineer]     1       2      18.0 52.6% ███████░░░░░░",
        "ML Engineer [ml-engineer]                   1       4      32.0 38.5% ███████░░░░░░░░░░░",
        "Senior ML Engineer [senior-ml-engineer]     1       5      37.0 35.1% ███████░░░░░░░░░░░░░",
    ]
    assert "Recommended, not required\n  junior-ml-engineer: jupyter\n  ml-engineer: spark\n" in result.stdout


def test_profile_choices_are_checked(profile: Path) -> None:
    profile.write_text(text_of('[choices]\ndl-framework = "jax"'), encoding="utf-8")
    result = run("roadmap", str(profile))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        ":8: key 'choices.dl-framework': 'jax' is not a member of dl-framework (members: pytorch, "
        "tensorflow)\n"
    )
    profile.write_text(text_of('[choices]\nspecialization = "nlp"'), encoding="utf-8")
    result = run("roadmap", str(profile))
    assert result.stderr.endswith(
        ":8: key 'choices.specialization': ml-specialization takes 2 members, 1 given (members: "
        "computer-vision, llm-apps, nlp)\n"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("current_stage_since = 2026-01-01", "key 'current_stage_since': is given without current_stage"),
        (
            'current_stage = "junior-ml-engineer"\ncurrent_stage_since = 2027-02-01',
            "key 'current_stage_since': 2027-02-01 is after start = 2027-01-04",
        ),
        (
            'current_stage = "junior-ml-engineer"\ncurrent_stage_since = 1899-12-31',
            "key 'current_stage_since': 1899-12-31 is out of range",
        ),
        ('recommended = "yes"', "key 'recommended': \"yes\" is not true or false"),
    ],
)
def test_new_profile_keys_are_checked(profile: Path, extra: str, message: str) -> None:
    profile.write_text(text_of(extra), encoding="utf-8")
    result = run("roadmap", str(profile))
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_names_and_aliases_work_on_the_command_line(profile: Path, tmp_path: Path) -> None:
    by_name = run("explain", "natural LANGUAGE processing")
    assert by_name.stdout.startswith("Natural language processing [nlp] — skill\n")
    assert run("roadmap", str(profile), "--target", "ml engineer").exit_code == 0
    graph = run("graph", "--focus", "Keras", "--format", "json")
    assert graph.exit_code == 0, graph.output
    near = run("explain", "pytorh")
    assert near.stderr.endswith("unknown node id 'pytorh' (did you mean 'pytorch'?)\n")


def test_calendar_milestones_are_reached_after_time_in_role(profile: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = run("calendar", str(profile), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20300123" in text
    assert "after 24 months as ML Engineer\\; its skills are ready on 2028-01-29." in text


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "json"])
def test_it_draws(profile: Path, fmt: str) -> None:
    result = run("graph", "--profile", str(profile), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "dl-framework" in result.stdout or "dl_framework" in result.stdout


def test_a_deadline_is_judged_on_the_date_reached_and_hours_cannot_buy_time_in_role(
    profile: Path,
) -> None:
    profile.write_text(text_of('target = "ml-engineer"\ndeadline = 2027-06-01'), encoding="utf-8")
    result = run("roadmap", str(profile))
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: the deadline 2027-06-01 cannot be met at 6 h/week: ml-engineer will be reached on "
        "2028-01-23. More hours cannot help: time in role is the limit. The stage asks for 12 months "
        "as Junior ML Engineer, so even with every skill ready at once it is reached on 2028-01-04 "
        "at the earliest.\n"
    )
