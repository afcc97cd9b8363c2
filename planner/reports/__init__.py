"""What the outputs show, computed as plain data (the renderers word it).

- :mod:`~planner.reports.roadmap`: the roadmap's rows and groups;
- :mod:`~planner.reports.stages`: hours per stage, known and missing (gaps, stages, status);
- :mod:`~planner.reports.status`: progress, the next sessions, what is overdue;
- :mod:`~planner.reports.week`: the days ahead, session by session;
- :mod:`~planner.reports.pace`: the pace measured from ``[completed]``, and its forecast;
- :mod:`~planner.reports.explain`: one node, and why it is (not) in a plan;
- :mod:`~planner.reports.cohort`: a cohort's summary, and its heat map.
"""
