"""The profile as a form: drawn from the file, saved back into it.

The form shows what the file holds, valid or not, with every problem the profile
check finds beside its input. Saving changes the keys whose inputs changed (and what
is known, by what was ticked and unticked) through the profile use case, which keeps
the file's comments and layout, checks the result as ``planner`` reads it and writes
nothing when it is invalid: then the form comes back as it was submitted, with the
problems beside their inputs.

Like :mod:`~planner.web.pages`, this module keeps its annotations evaluated for FastAPI.
"""

import functools
from collections.abc import Callable, Mapping
from typing import Any
from zoneinfo import available_timezones

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from planner.errors import PlannerError
from planner.graph import CareerGraph
from planner.profile.updating import WORK_KINDS, implied_roots, lenient_id
from planner.usecases import edit_profile
from planner.web.context import Context
from planner.web.fields import FORM_KEYS, FormProblem, by_path, form_fields, input_id, problems
from planner.web.forms import FormValues, change, first, from_data, from_form, relevant_choices
from planner.web.site import Note
from planner.web.views import checklist
from planner.words import count

EDITED = tuple(key for key in FORM_KEYS if key != "known")
"""The keys saved by value (what is known is saved by what was ticked and unticked)."""


@functools.cache
def zones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


def form_values(
    graph: CareerGraph,
    data: Mapping[str, Any],
    values: FormValues,
    found: list[FormProblem],
    original: FormValues,
) -> dict[str, Any]:
    """What the profile template shows: the fields with their values and problems,
    the stages, the choices and the checklist."""
    target = lenient_id(graph, values.scalars.get("target"))
    fixed = {
        n
        for n in graph.closure(implied_roots(graph, data), through_choices=False)
        if graph.kind(n) in WORK_KINDS
    }
    choices = [
        {
            "id": choice,
            "name": graph.nodes[choice].name,
            "pick": graph.pick(choice),
            "members": [(m, graph.nodes[m].name) for m in graph.members(choice)],
            "picked": values.choices.get(choice, []),
        }
        for choice in relevant_choices(graph, target, values)
    ]
    return {
        "fields": {field.key: field for field in form_fields()},
        "values": values,
        "original": original.to_json(),
        "problems": by_path(found),
        "all_problems": found,
        "input_id": input_id,
        "stages": [(stage.id, stage.name) for stage in graph.stages],
        "zones": zones(),
        "choices": choices,
        "categories": checklist(graph, values.known, fixed),
        "current_stage": lenient_id(graph, data.get("current_stage")),
        "stage_names": {stage.id: stage.name for stage in graph.stages},
        "weekdays": WEEKDAY_NAMES,
    }


WEEKDAY_NAMES = (
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
)


def saved(keys: tuple[str, ...], file: str) -> str:
    """What a save says it did."""
    if not keys:
        return f"Nothing to save: {file} already holds these values."
    shown = ", ".join(keys)
    return f"Saved {file}: changed {count(len(keys), 'key')} ({shown}), keeping its comments."


def register(app: FastAPI, ctx: Context, read_form: Callable[..., Any]) -> None:
    """Add the profile form to ``app``."""
    site = ctx.site
    graph = site.graph

    @app.get("/profile", response_class=HTMLResponse, include_in_schema=False)
    def profile_form(request: Request, note: str | None = None) -> Any:
        snapshot = site.read()
        values: dict[str, Any] = {"title": "Profile", "note": site.recall(note)}
        if snapshot.data is None:
            return ctx.render(request, "profile.html", error=str(snapshot.error), **values)
        shown = from_data(snapshot.data, graph)
        found = problems(snapshot.error) if snapshot.error is not None else []
        return ctx.render(
            request,
            "profile.html",
            error=None,
            **form_values(graph, snapshot.data, shown, found, shown),
            **values,
        )

    @app.post("/profile", include_in_schema=False)
    async def profile_save(request: Request) -> Any:
        pairs = await read_form(request, "profile")
        if not isinstance(pairs, list):
            return pairs
        snapshot = site.read()
        values: dict[str, Any] = {"title": "Profile", "note": None}
        if snapshot.data is None:
            return ctx.render(request, "profile.html", 422, error=str(snapshot.error), **values)
        submitted = from_form(pairs)
        original = FormValues.from_json(first(pairs, "original")) or from_data(snapshot.data, graph)
        wanted = change(submitted, original, EDITED)
        try:
            result = await run_in_threadpool(
                edit_profile,
                site.path,
                wanted.values,
                learned=wanted.learned,
                unlearned=wanted.unlearned,
                graph=graph,
            )
        except PlannerError as exc:
            values["note"] = Note(
                "Not saved: the profile would not be valid. See the problems below.", ok=False
            )
            return ctx.render(
                request,
                "profile.html",
                422,
                error=None,
                **form_values(graph, snapshot.data, submitted, problems(exc), original),
                **values,
            )
        key = site.remember(Note(saved(result.changed, site.shown_path)))
        return RedirectResponse(f"/profile?note={key}", status_code=303)
