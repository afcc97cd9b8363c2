"""The commented starter profile that ``planner init`` writes."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence


def starter_profile(
    *,
    stages: Sequence[str],
    target: str,
    known: Sequence[str],
    examples: Sequence[str],
    graph_option: str = "",
    schema: str = "",
) -> str:
    """A commented starter profile.

    Parameters
    ----------
    stages:
        The graph's stage ids, lowest rung first (listed in a comment).
    target, known:
        The starting values of ``target`` and ``known``.
    examples:
        Two skill or project ids for the commented ``focus`` and ``progress`` examples.
    graph_option:
        `` --graph DIR`` when the profile is for another graph than the shipped one,
        added to the commands the comments suggest.
    schema:
        Where the profile's JSON Schema is, for the ``#:schema`` line that editors with
        TOML schema support read (none when empty).
    """
    ladder = ", ".join(stages[:-1]) + (" or " if len(stages) > 1 else "") + stages[-1]
    reach = textwrap.fill(
        f"The stage to reach: {ladder}.",
        width=78,
        initial_indent="# ",
        subsequent_indent="# ",
        break_long_words=False,
        break_on_hyphens=False,
    )
    ids = ", ".join(f'"{node}"' for node in known)
    directive = f"#:schema {schema}\n" if schema else ""
    return (
        directive
        + f"""\
# planner profile: who you are, where you aim, and when you can study.
# Edit it, then run:  planner roadmap profile.toml{graph_option}
# Ids: `planner stages{graph_option}` and `planner skills{graph_option}` list them.

name = "Your Name"

{reach}
target = "{target}"

# Optional: the stage you already hold; everything it requires counts as known.
# current_stage = "{stages[0]}"
# Optional: since when you hold it (stages above may ask for months in this role).
# current_stage_since = 2026-03-01

# Optional: first day of the plan (default: today).
# start = 2027-01-04

# IANA time zone of your availability windows and of the calendar.
timezone = "UTC"

# The most study time in any calendar week (Monday to Sunday).
hours_per_week = 8

# What you have already mastered; their prerequisites count as known too.
known = [{ids}]

# Optional: reach the target by this day; planner warns if it cannot.
# deadline = 2027-12-31

# Optional: extra ids to learn as early as their prerequisites allow.
# focus = ["{examples[0]}"]

# Optional: plan what the graph recommends too, not only what it requires.
# recommended = true

# Optional: a 30-minute review of each item this many days after it ends.
# review_days = [7, 30, 90]

# Optional: how much of a skill or project is already done (0 to 1).
[progress]
# {examples[-1]} = 0.5

# Optional: your pick where the graph says "one of these" (planner explain ID lists them).
[choices]
# dl-framework = "pytorch"

# Weekly windows in local 24-hour time, "HH:MM-HH:MM", each at least 30 minutes.
[availability]
mon = ["19:00-21:00"]
wed = ["19:00-21:00"]
sat = ["09:00-13:00"]

# Optional: days without study (inclusive). Repeat the table for more.
# [[blackouts]]
# from = 2027-04-10
# to = 2027-04-20
# reason = "vacation"
"""
    )
