"""Tests of the iCalendar file."""
