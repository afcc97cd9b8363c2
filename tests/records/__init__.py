"""Tests of planner.records: the one schema and its quick path."""
