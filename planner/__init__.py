"""planner: a personalized learning-path planner for AI/ML careers.

The library is layered: :mod:`planner.models` → :mod:`planner.graph` →
:mod:`planner.planning` → :mod:`planner.scheduling` → :mod:`planner.exporters` and
:mod:`planner.visualizers`; :mod:`planner.cli` is a thin layer on top. Importing
``planner`` is cheap: heavy libraries load only where they are used.
"""

__version__ = "0.1.0"
