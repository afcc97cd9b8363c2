"""Realistic cohorts, generated from a graph: for the tests, the benchmark and the
example under examples/cohort/.

Each person gets a target (most aim at the first rungs), sometimes a current stage
below it, a few known skills (mostly foundations), a weekly budget of 3 to 20 hours
in two to five windows in their own time zone, and, for some, a deadline, partial
progress, a focus extra or a holiday. The same seed gives the same cohort.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from typing import Any, Final

from planner.graph import CareerGraph

FIRST_START: Final = dt.date(2027, 1, 4)
"""Plans start on this day or within the 26 weeks after it."""
ZONES: Final = (
    "America/Los_Angeles",
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Africa/Lagos",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "UTC",
)
TARGET_WEIGHTS: Final = (30, 30, 15, 8, 9, 8)
"""How often each stage, lowest first, is a target (the shipped ladder has six)."""
HOURS: Final = (3, 4, 5, 6, 8, 8, 10, 10, 12, 15, 20)
SLOTS: Final = (
    "06:30-08:00",
    "12:00-13:00",
    "18:00-20:00",
    "19:00-21:30",
    "20:00-22:00",
    "09:00-13:00",
    "14:00-18:00",
)
DAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MISTAKES: Final = ("target", "hours_per_week", "availability", "key", "json")


def cohort_profiles(graph: CareerGraph, count: int, *, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``count`` valid profiles for ``graph`` (as JSON-ready dicts)."""
    rng = random.Random(seed)
    stages = [stage.id for stage in graph.stages]
    weights = [TARGET_WEIGHTS[min(i, len(TARGET_WEIGHTS) - 1)] for i in range(len(stages))]
    for number in range(1, count + 1):
        target = rng.choices(stages, weights)[0]
        needed = graph.closure([target])
        profile: dict[str, Any] = {"name": f"Learner {number:05d}", "target": target}
        below = [s for s in stages if s in needed and s != target]
        if below and rng.random() < 0.6:
            profile["current_stage"] = rng.choice(below)
        work = sorted(n for n in needed if graph.kind(n) in ("skill", "project"))
        foundations = [n for n in work if len(graph.closure([n])) <= 4]
        profile["known"] = sorted(rng.sample(foundations, rng.randint(0, min(8, len(foundations)))))
        start = FIRST_START + dt.timedelta(days=rng.randrange(0, 26 * 7))
        profile["start"] = start.isoformat()
        profile["timezone"] = rng.choice(ZONES)
        profile["hours_per_week"] = rng.choice(HOURS)
        days = rng.sample(DAYS, rng.randint(2, 5))
        profile["availability"] = {day: [rng.choice(SLOTS)] for day in sorted(days, key=DAYS.index)}
        if rng.random() < 0.25:
            profile["deadline"] = (start + dt.timedelta(days=rng.randint(180, 1500))).isoformat()
        unknown = [n for n in work if n not in profile["known"]]
        if unknown and rng.random() < 0.3:
            profile["progress"] = {
                n: rng.choice((0.25, 0.5, 0.75)) for n in rng.sample(unknown, min(2, len(unknown)))
            }
        extras = sorted(n for n in graph.nodes if graph.kind(n) == "skill" and n not in needed)
        if extras and rng.random() < 0.1:
            profile["focus"] = [rng.choice(extras)]
        if rng.random() < 0.2:
            first = start + dt.timedelta(days=rng.randrange(30, 330))
            profile["blackouts"] = [
                {
                    "from": first.isoformat(),
                    "to": (first + dt.timedelta(days=rng.randint(6, 20))).isoformat(),
                    "reason": "holiday",
                }
            ]
        yield profile


def cohort_lines(graph: CareerGraph, count: int, *, seed: int = 0, invalid: float = 0.0) -> Iterator[str]:
    """``count`` JSON Lines of :func:`cohort_profiles`; about ``invalid`` of them
    (a fraction) carry one of the mistakes people make (:data:`MISTAKES`)."""
    rng = random.Random(seed + 1)
    for profile in cohort_profiles(graph, count, seed=seed):
        mistake = rng.choice(MISTAKES) if rng.random() < invalid else None
        if mistake == "target":
            profile["target"] = profile["target"][:-1]
        elif mistake == "hours_per_week":
            profile["hours_per_week"] = 0
        elif mistake == "availability":
            profile["availability"] = {"mon": ["21:00-19:00"]}
        elif mistake == "key":
            profile["hours_per_wek"] = profile.pop("hours_per_week")
        line = json.dumps(profile, ensure_ascii=False)
        yield line[:-1] if mistake == "json" else line
