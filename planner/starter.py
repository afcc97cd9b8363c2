"""The commented starter profile that ``planner init`` writes."""

from __future__ import annotations

from typing import Final

STARTER_PROFILE: Final = """\
# planner profile: who you are, where you aim, and when you can study.
# Edit it, then run:  planner roadmap profile.toml
# Ids: `planner stages` and `planner skills` list them.

name = "Your Name"

# The stage to reach: junior-ml-engineer, ml-engineer, senior-ml-engineer,
# ml-engineering-manager, ml-architect or head-of-ml.
target = "ml-engineer"

# Optional: the stage you already hold; everything it requires counts as known.
# current_stage = "junior-ml-engineer"
# Optional: since when you hold it (stages above may ask for months in this role).
# current_stage_since = 2026-03-01

# Optional: first day of the plan (default: today).
# start = 2027-01-04

# IANA time zone of your availability windows and of the calendar.
timezone = "UTC"

# The most study time in any calendar week (Monday to Sunday).
hours_per_week = 8

# What you have already mastered; their prerequisites count as known too.
known = ["python"]

# Optional: reach the target by this day; planner warns if it cannot.
# deadline = 2027-12-31

# Optional: extra ids to learn as early as their prerequisites allow.
# focus = ["nlp"]

# Optional: plan what the graph recommends too, not only what it requires.
# recommended = true

# Optional: a 30-minute review of each item this many days after it ends.
# review_days = [7, 30, 90]

# Optional: how much of a skill or project is already done (0 to 1).
[progress]
# pandas = 0.5

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
