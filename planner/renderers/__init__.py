"""Words and pictures: the reports as text, Markdown, JSON, iCalendar and graphs.

Every renderer takes plain data and returns text or bytes; none prints or writes.

- :mod:`~planner.renderers.roadmap`: the roadmap as text, Markdown and JSON;
- :mod:`~planner.renderers.ical`: the calendar (and reading an earlier export);
- :mod:`~planner.renderers.pictures`: the career graph as DOT, SVG, PNG, Mermaid, an
  HTML page and JSON;
- :mod:`~planner.renderers.status`, :mod:`~planner.renderers.week`,
  :mod:`~planner.renderers.gaps`, :mod:`~planner.renderers.explain`,
  :mod:`~planner.renderers.catalogue`, :mod:`~planner.renderers.pace`: the terminal's
  text of each command;
- :mod:`~planner.renderers.terminal`: text that fits the terminal's width and glyphs;
- :mod:`~planner.renderers.phrases`: what several renderers say the same way.
"""
