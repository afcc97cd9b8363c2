"""The profile's ``[[experience]]`` and ``study_ahead``: each mistake named with its key,
line and what would be valid (the tiny graph has no work done at a job: roles are its
stages)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.graph import CareerGraph
from planner.profile import check_profile
from planner.records import Experience
from tests.profile.test_validation import error, profile_text, rejects  # noqa: F401 -- the fixture

WINDOW = 'mon = ["19:00-21:00"]\n'


@pytest.mark.parametrize(
    ("experience", "rest"),
    [
        (
            '[[experience]]\nrole = "python"\nfrom = 2020-01-01',
            ":7: key 'experience[0].role': 'python' is a skill learned in study; a role is a stage or a "
            "job done at work (at_work = true in the graph)",
        ),
        (
            '[[experience]]\nrole = "ml-enginer"\nfrom = 2020-01-01',
            ":7: key 'experience[0].role': unknown skill, project or stage id 'ml-enginer' "
            "(did you mean 'ml-engineer'?)",
        ),
        (
            '[[experience]]\nrole = "ml-engineer"\nfrom = 2020-01-01\nto = 2019-01-01',
            ":9: key 'experience[0].to': 2019-01-01 is before from = 2020-01-01",
        ),
        (
            '[[experience]]\nrole = "ml-engineer"\nfrom = 2020-01-01\nuntil = 2021-01-01',
            ":9: key 'experience[0].until': unknown key 'until'; valid keys: role, from, to",
        ),
        ('[[experience]]\nrole = "ml-engineer"', ":6: key 'experience[0].from': missing required key 'from'"),
    ],
)
def test_experience_mistakes_are_named_with_their_line(
    rejects: Callable[..., str],  # noqa: F811 -- the fixture
    tmp_path: Path,
    experience: str,
    rest: str,
) -> None:
    assert rejects(profile_text(availability=WINDOW + experience)) == error("bad.toml", tmp_path, rest)


def test_study_ahead_is_true_or_false(rejects: Callable[..., str], tmp_path: Path) -> None:  # noqa: F811
    assert rejects(profile_text('study_ahead = "yes"')) == error(
        "bad.toml", tmp_path, ":3: key 'study_ahead': \"yes\" is not true or false"
    )


def test_experience_is_read_with_names(tiny_graph: CareerGraph) -> None:
    profile = check_profile(
        {
            "target": "ml-engineer",
            "hours_per_week": 5,
            "availability": {"mon": ["19:00-21:00"]},
            "study_ahead": True,
            "experience": [
                {"role": "ML Engineer", "from": dt.date(2021, 1, 4)},
                {"role": "junior-ml-engineer", "from": "2019-01-07", "to": dt.date(2020, 12, 31)},
            ],
        },
        tiny_graph,
        file="p.toml",
    )
    assert profile.study_ahead is True
    assert profile.experience == (
        Experience("ml-engineer", dt.date(2021, 1, 4), None),
        Experience("junior-ml-engineer", dt.date(2019, 1, 7), dt.date(2020, 12, 31)),
    )
