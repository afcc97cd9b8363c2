"""The calendar, all of it: iCalendar (RFC 5545) files that real clients import.

- :mod:`~planner.renderers.ical.calendar`: the events of a schedule, and updates of an
  earlier export (stable UIDs, SEQUENCE, CANCELLED);
- :mod:`~planner.renderers.ical.zones`: VTIMEZONE components from a zone's transitions;
- :mod:`~planner.renderers.ical.lines`: content lines, written and folded;
- :mod:`~planner.renderers.ical.previous`: reading an earlier export (``--previous``).

The writers import icalendar at their top; the calendar use case imports
:mod:`~planner.renderers.ical.calendar` when it makes a calendar, so no other command
loads icalendar.
"""
