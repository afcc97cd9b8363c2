"""Tests of planner.renderers: golden files, widths, escaping."""
