"""Tests of planner.cli: the commands as a user types them."""
