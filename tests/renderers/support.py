"""A small roadmap every roadmap exporter renders: two stages (the second with time in
role and a "one of these" choice), a focus extra, a recommended extra, a long name,
Markdown syntax in a name, and review sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from planner.graph import CareerGraph, build_graph
from planner.planning import make_plan
from planner.profile import check_profile
from planner.scheduling import Availability, Schedule, add_reviews, schedule_plan

Shuffle = Callable[[Mapping[str, Any], int], dict[str, Any]]


def _work(node_id: str, name: str, hours: float, *requires: str, kind: str = "skill") -> dict[str, Any]:
    return {
        "id": node_id,
        "name": name,
        "hours": hours,
        "requires": list(requires),
        "category": "project" if kind == "project" else "core",
    }


ROADMAP_GRAPH: dict[str, Any] = {
    "skills": [
        _work("python", "Python", 6),
        _work("numpy", "NumPy", 2, "python"),
        {**_work("pandas", "pandas *dataframes* [tabular]", 5, "numpy"), "recommends": ["jupyter"]},
        _work("jupyter", "Jupyter notebooks", 1, "python"),
        _work("pytorch", "PyTorch", 3, "numpy"),
        _work("tensorflow", "TensorFlow", 4, "numpy"),
        _work("git", "Git", 1.5),
        _work("nlp", "Natural language processing with a name long enough to be clipped", 4, "numpy"),
    ],
    "projects": [
        _work("eda-report", "EDA report", 4, "pandas", "git", kind="project"),
    ],
    "choices": [
        {"id": "dl-framework", "name": "A deep learning framework", "one_of": ["tensorflow", "pytorch"]},
    ],
    "stages": [
        {"id": "junior-ml-engineer", "name": "Junior ML Engineer", "requires": ["eda-report"]},
        {
            "id": "ml-engineer",
            "name": "ML Engineer",
            "requires": ["junior-ml-engineer", "git", "dl-framework"],
            "min_months_in_previous_role": 6,
        },
    ],
}

ROADMAP_PROFILE: dict[str, Any] = {
    "name": "Tess",
    "target": "ml-engineer",
    "start": dt.date(2027, 3, 1),
    "timezone": "Europe/Berlin",
    "hours_per_week": 5,
    "known": ["python"],
    "progress": {"numpy": 0.5},
    "focus": ["nlp"],
    "recommended": True,
    "review_days": [7, 30],
    "availability": {"mon": ["19:00-21:00"], "sat": ["09:00-12:00"]},
}


def schedule_of(data: dict[str, Any]) -> tuple[CareerGraph, Schedule]:
    graph = build_graph([("g.toml", data, {})])
    profile = check_profile(ROADMAP_PROFILE, graph, file="tess.toml")
    plan = make_plan(graph, profile)
    schedule = schedule_plan(plan, Availability.from_profile(profile), start=dt.date(2027, 3, 1))
    return graph, add_reviews(schedule, profile.review_days)


def with_short_names(graph: CareerGraph, short: Mapping[str, str]) -> CareerGraph:
    """``graph`` with the ``short_name`` of the nodes of ``short`` set to it."""
    import dataclasses

    nodes = {
        n: dataclasses.replace(node, short_name=short[n]) if n in short else node
        for n, node in graph.nodes.items()
    }
    return CareerGraph(nodes=nodes, files=graph.files, pred=graph.pred)
