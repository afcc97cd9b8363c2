"""planner's version: one place, read by the package, the CLI, the cache and the build."""

__version__ = "0.2.0"
