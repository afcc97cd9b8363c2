"""Bytes in and out of files, safely.

- :mod:`~planner.io.reading`: files read within a size limit, decoded, and the lines of
  TOML errors and values found;
- :mod:`~planner.io.writing`: outputs written atomically, through links, never over
  the command's own inputs;
- :mod:`~planner.io.locking`: a file edited in place (``planner done``) under a lock;
- :mod:`~planner.io.jsontext`: indented JSON text, fast.
"""
