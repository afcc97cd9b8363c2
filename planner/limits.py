"""Every limit planner puts on its input, in one place.

planner refuses pathological input with a clear message instead of running away.
The README's "Limits" table is tested against :data:`LIMITS`, so the two cannot drift.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, NamedTuple

# --- time ----------------------------------------------------------------------------

MIN_SESSION_MINUTES: Final = 30
"""The 30-minute rule: the shortest session, the shortest window, the step in which
remaining effort is planned, and the least weekly study time that can hold a plan."""
MAX_PLAN_YEARS: Final = 50
"""A plan that would run longer than this is refused as pathological."""
MIN_DATE: Final = dt.date(1900, 1, 1)
MAX_DATE: Final = dt.date(2999, 12, 31)
"""Dates a profile may use; a plan may then run its 50 years without leaving the calendar."""
MAX_HOURS_PER_WEEK: Final = 168.0
"""The hours in a week."""
MAX_REMINDER_MINUTES: Final = 40_320
"""The longest reminder before a session (four weeks)."""
MAX_REVIEWS: Final = 12
"""Most reviews of one item (entries of ``review_days``)."""
MAX_REVIEW_DAYS: Final = 3_650
"""The longest wait before a review (about ten years)."""

# --- profiles ------------------------------------------------------------------------

MAX_PROFILE_BYTES: Final = 1024 * 1024
"""Largest profile file accepted (1 MiB)."""
MAX_TEXT_CHARS: Final = 1_000
"""Longest name or other text value in a profile."""
PARTIAL_DIGITS: Final = 3
"""``planner done --partial`` records a fraction to this many decimals (to the thousandth
of an item's work): finer than the half hours the planner schedules in, for any item
of up to 250 hours; a fraction that rounds to 0 is refused, one that rounds to 1 is the
item done."""
MAX_BLACKOUTS: Final = 5_000
"""Most ``[[blackouts]]`` a profile may list (each may span many days)."""
MAX_CALENDAR_BYTES: Final = 32 * 1024 * 1024
"""Largest earlier export ``--previous`` may name (32 MiB; a 50-year plan's is far smaller)."""
MAX_CALENDAR_DATE: Final = dt.date(MAX_DATE.year + MAX_PLAN_YEARS + 1, 12, 31)
"""The last day an event of an earlier export may fall on: after the last plan ends."""
MAX_SEQUENCE: Final = 2**31 - 1
"""The largest SEQUENCE an event may have (an RFC 5545 INTEGER); an update must raise it."""

# --- graph data ----------------------------------------------------------------------

MAX_GRAPH_FILES: Final = 2_000
"""Most TOML files a graph folder may hold."""
MAX_GRAPH_BYTES: Final = 64 * 1024 * 1024
"""Largest total size of a graph folder's TOML files (64 MiB)."""
MAX_NODES: Final = 200_000
"""Most nodes a graph may define."""
MAX_NODE_HOURS: Final = 100_000.0
"""The largest effort a single node may carry (about 50 working years)."""
MAX_ID_CHARS: Final = 200
MAX_NAME_CHARS: Final = 500
MAX_DESCRIPTION_CHARS: Final = 10_000

# --- cohorts ------------------------------------------------------------------------

MAX_WORKERS: Final = 1_024
"""Most worker processes (or local Dask workers) ``planner batch`` starts."""
MAX_SUMMARY_BYTES: Final = 64 * 1024 * 1024
"""Largest cohort summary ``planner graph --cohort`` reads (64 MiB): a summary names each
node at most once, so even the largest graph allowed (200,000 nodes with 200-character
ids) gives about 53 MB."""
CONNECT_SECONDS: Final = 10.0
"""How long joining a Dask scheduler may take by default (``--scheduler-timeout``)."""
MAX_CONNECT_SECONDS: Final = 3_600.0
"""The longest ``--scheduler-timeout``."""

# --- pictures ------------------------------------------------------------------------

MAX_MERMAID_EDGES: Final = 500
"""Mermaid refuses diagrams with more links than this, the hidden ones that order its rows
included (its ``maxEdges`` default)."""
MAX_MERMAID_CHARS: Final = 50_000
"""Mermaid refuses diagrams longer than this (its ``maxTextSize`` default)."""
GRAPHVIZ_TIMEOUT_SECONDS: Final = 120
"""Longest a Graphviz run may take before it is stopped."""


class Limit(NamedTuple):
    """One row of the README's limits table."""

    what: str
    limit: str
    exit_code: int


LIMITS: Final = (
    Limit("a profile file", "1 MiB", 2),
    Limit("dates in a profile, `--from`", f"{MIN_DATE} to {MAX_DATE}", 2),
    Limit("an availability window", f"at least {MIN_SESSION_MINUTES} minutes (the shortest session)", 2),
    Limit("hours_per_week", f"more than 0 and at most {MAX_HOURS_PER_WEEK:g}", 2),
    Limit(
        "a name or other text in a profile",
        f"at most {MAX_TEXT_CHARS:,} characters, no control characters",
        2,
    ),
    Limit("blackouts in a profile", f"at most {MAX_BLACKOUTS:,}", 2),
    Limit(
        "`planner done --partial`",
        f"more than 0 and at most 1, recorded to {10**-PARTIAL_DIGITS:g} (at least {10**-PARTIAL_DIGITS:g})",
        2,
    ),
    Limit(
        "an earlier calendar (`--previous`)",
        f"{MAX_CALENDAR_BYTES // 2**20} MiB; events from {MIN_DATE} "
        f"to {MAX_CALENDAR_DATE}, SEQUENCE below {MAX_SEQUENCE:,}",
        2,
    ),
    Limit("`--reminder`", f"0 to {MAX_REMINDER_MINUTES:,} minutes", 2),
    Limit("`review_days`", f"at most {MAX_REVIEWS} entries, each 1 to {MAX_REVIEW_DAYS:,} days", 2),
    Limit("`planner batch --workers`", f"1 to {MAX_WORKERS:,}", 2),
    Limit("a cohort summary (`planner graph --cohort`)", f"{MAX_SUMMARY_BYTES // 2**20} MiB", 2),
    Limit(
        "joining a Dask scheduler (`--scheduler`)",
        f"{CONNECT_SECONDS:g} s, or `--scheduler-timeout` (at most {MAX_CONNECT_SECONDS:,.0f} s)",
        2,
    ),
    Limit(
        "study time a week", f"at least {MIN_SESSION_MINUTES} minutes (windows capped by `hours_per_week`)", 1
    ),
    Limit("a plan", f"at most {MAX_PLAN_YEARS} years long", 1),
    Limit(
        "a graph folder",
        f"at most {MAX_GRAPH_FILES:,} TOML files, {MAX_GRAPH_BYTES // 2**20} MiB, {MAX_NODES:,} nodes",
        1,
    ),
    Limit("one node's effort", f"more than 0 and at most {MAX_NODE_HOURS:,.0f} hours", 1),
    Limit(
        "ids, names and descriptions in graph data",
        f"{MAX_ID_CHARS}, {MAX_NAME_CHARS} and {MAX_DESCRIPTION_CHARS:,} characters, no control characters",
        1,
    ),
    Limit(
        "a Mermaid picture",
        f"at most {MAX_MERMAID_EDGES} links (hidden ones included) and {MAX_MERMAID_CHARS:,} characters",
        1,
    ),
    Limit("a Graphviz run", f"at most {GRAPHVIZ_TIMEOUT_SECONDS} s", 1),
)
"""The limits a user can meet, as the README's table shows them."""


def limits_table() -> str:
    """The README's limits table as Markdown."""
    rows = ["| what | limit | exit |", "|---|---|---|"]
    rows += [f"| {row.what} | {row.limit} | {row.exit_code} |" for row in LIMITS]
    return "\n".join(rows) + "\n"
