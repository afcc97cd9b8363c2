"""Tests of planner.io: bounded reading, atomic writing, locks, JSON text."""
