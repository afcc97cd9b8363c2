"""Words for messages: counted nouns, the head of a name, commands to copy."""

from __future__ import annotations

import pytest

from planner.words import count, done_command, name_head


@pytest.mark.parametrize(("number", "expected"), [(0, "0 sessions"), (1, "1 session"), (2, "2 sessions")])
def test_the_noun_agrees_with_the_number(number: int, expected: str) -> None:
    assert count(number, "session") == expected


def test_an_irregular_plural_and_grouped_thousands() -> None:
    assert count(3, "entry", "entries") == "3 entries"
    assert count(1, "entry", "entries") == "1 entry"
    assert count(12_345, "profile", grouped=True) == "12,345 profiles"
    assert count(12_345, "profile") == "12345 profiles"


def test_a_name_head_is_the_part_before_its_details() -> None:
    assert (
        name_head("Deep learning fundamentals (neural networks, CNNs, RNNs)") == "Deep learning fundamentals"
    )
    assert name_head("Model deployment: a first model in production") == "Model deployment"
    assert name_head("Search — ranking and retrieval") == "Search"
    assert name_head("Python programming") == "Python programming"
    assert name_head("(Optional) reading") == "(Optional) reading"  # nothing before the details


def test_the_done_command_names_the_profile_ready_to_copy() -> None:
    assert done_command("me.toml") == "planner done me.toml ID..."
    assert done_command("plans/me.toml", on=True) == "planner done plans/me.toml ID... --on DATE"
    assert done_command("my plans/it's.toml") == "planner done 'my plans/it'\"'\"'s.toml' ID..."
    assert done_command("<profile>") == "planner done PROFILE ID..."
