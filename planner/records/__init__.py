"""The records: what a graph and a profile are made of, each declared once.

- :mod:`~planner.records.rules`: the rules a value keeps, declared in annotations;
- :mod:`~planner.records.graph`: skills, projects, stages and choices;
- :mod:`~planner.records.profile`: a learner's profile;
- :mod:`~planner.records.quick`: records built straight from valid tables;
- :mod:`~planner.records.schema`: pydantic, for every problem of a table and the JSON Schema.
"""

from __future__ import annotations

from planner.records.graph import (
    ALIAS_PATTERN,
    ID_PATTERN,
    NODE_TYPES,
    SECTIONS,
    Choice,
    GraphFile,
    Kind,
    Node,
    Note,
    Project,
    Resource,
    Salary,
    Skill,
    Stage,
    keys_of,
)
from planner.records.profile import WEEKDAYS, Blackout, Experience, Profile, Window
from planner.records.rules import CONTROL, CONTROL_IN_TEXT, control_problem

__all__ = [
    "ALIAS_PATTERN",
    "CONTROL",
    "CONTROL_IN_TEXT",
    "ID_PATTERN",
    "NODE_TYPES",
    "SECTIONS",
    "WEEKDAYS",
    "Blackout",
    "Choice",
    "Experience",
    "GraphFile",
    "Kind",
    "Node",
    "Note",
    "Profile",
    "Project",
    "Resource",
    "Salary",
    "Skill",
    "Stage",
    "Window",
    "control_problem",
    "keys_of",
]
