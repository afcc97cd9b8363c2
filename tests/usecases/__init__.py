"""Tests of planner.usecases: what each use case decides."""
