"""planner: a personalized learning-path planner for AI/ML careers.

The library is layered: :mod:`planner.records` → :mod:`planner.graph` →
:mod:`planner.planning` → :mod:`planner.scheduling` → :mod:`planner.views` →
:mod:`planner.renderers.roadmap` and :mod:`planner.renderers.pictures` → :mod:`planner.usecases`;
:mod:`planner.cli` and :mod:`planner.api` are the two front doors on top.

The public API (SPEC.md, "Python API")::

    import planner

    graph = planner.load_graph()
    profile = planner.load_profile("me.toml", graph)
    roadmap = planner.roadmap(graph, profile)
    roadmap.to_dict()

Importing ``planner`` is cheap: these names load their modules on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.version import __version__

if TYPE_CHECKING:
    from planner.api import load_graph, load_profile, roadmap
    from planner.errors import (
        GraphError,
        OptionError,
        PlanError,
        PlannerError,
        ProfileError,
        UnknownIdError,
    )
    from planner.usecases import Roadmap

_LAZY = {
    "load_graph": "planner.api",
    "load_profile": "planner.api",
    "roadmap": "planner.api",
    "Roadmap": "planner.usecases",
    "PlannerError": "planner.errors",
    "GraphError": "planner.errors",
    "ProfileError": "planner.errors",
    "PlanError": "planner.errors",
    "OptionError": "planner.errors",
    "UnknownIdError": "planner.errors",
}

__all__ = [
    "GraphError",
    "OptionError",
    "PlanError",
    "PlannerError",
    "ProfileError",
    "Roadmap",
    "UnknownIdError",
    "__version__",
    "load_graph",
    "load_profile",
    "roadmap",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'planner' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
