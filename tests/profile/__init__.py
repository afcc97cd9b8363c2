"""Tests of planner.profile: reading, validation, editing."""
