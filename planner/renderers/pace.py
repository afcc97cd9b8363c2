"""Pace in words: what was done against the plan, and where it leads."""

from __future__ import annotations

import datetime as dt

from planner.limits import MAX_PLAN_YEARS, MIN_SESSION_MINUTES
from planner.reports.pace import MIN_PACE_DAYS, NO_START, Forecast, Pace
from planner.words import done_command


def _offset(date: dt.date, planned: dt.date | None) -> str:
    if planned is None or date == planned:
        return "on the plan's date"
    days = abs((date - planned).days)
    amount = f"{round(days / 7)} weeks" if days >= 14 else f"{days} day{'s' if days > 1 else ''}"
    return f"{amount} {'after' if date > planned else 'before'} the plan"


def pace_sentences(
    pace: Pace, forecasts: tuple[Forecast, ...], *, profile_file: str = "PROFILE"
) -> list[str]:
    """What ``planner status`` says about pace, one sentence a line; the commands it
    suggests name ``profile_file``."""
    if pace.start is None:
        return [f"no pace yet: {NO_START}."]
    if pace.days <= 0:
        return [f"the plan starts on {pace.since}: pace is measured from then."]
    if not pace.enough:
        return [
            f"too little history to measure a pace: {pace.days} day{'s' if pace.days > 1 else ''} "
            f"since the plan began on {pace.since}, and {MIN_PACE_DAYS} are needed. Record what you "
            f"finish with `{done_command(profile_file)}`."
        ]
    lines = []
    if pace.planned_to_date is not None:
        ahead = pace.done_to_date - pace.planned_to_date
        judged = (
            "on plan" if abs(ahead) < 0.05 else f"{abs(ahead):.1f} h {'ahead' if ahead > 0 else 'behind'}"
        )
        lines.append(
            f"since the plan began on {pace.start}: {pace.done_to_date:.1f} h done, "
            f"{pace.planned_to_date:.1f} h planned by today: {judged}."
        )
    rate = f"your pace: {pace.rate:.1f} h/week over {pace.window}"
    if pace.planned_rate is not None:
        rate += f"; the plan's: {pace.planned_rate:.1f} h/week over the same days"
    lines.append(rate + ".")
    if not pace.items:
        lines.append(
            f"nothing was recorded done in {pace.window}, so there is no forecast; record "
            f"finished items with `{done_command(profile_file, on=True)}`."
        )
        return lines
    at_pace = f"at your pace ({pace.rate:.1f} h/week over {pace.window})"
    reached = [f"{f.name} on {f.date}, {_offset(f.date, f.planned)}" for f in forecasts if f.date]
    if reached:
        lines.append(f"{at_pace} you reach {'; '.join(reached)}.")
    elif forecasts:
        lines.append(
            f"{at_pace} the plan cannot be made: it needs at least {MIN_SESSION_MINUTES} "
            f"minutes a week, and at most {MAX_PLAN_YEARS} years."
        )
    return lines


def pace_note(pace: Pace, hours_per_week: float) -> str:
    """What a plan made at ``pace`` says about it."""
    return (
        f"planning at your pace: {pace.rate:.1f} h/week over {pace.window} (hours_per_week is "
        f"{hours_per_week:g})"
    )
