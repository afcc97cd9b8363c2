"""planner's tests: one folder per package of planner/, the same names."""
