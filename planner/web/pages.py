"""The HTML pages, the two forms that write the profile, and the calendar.

Each page reads the profile file afresh, calls the use cases the command line calls,
and shows their data; a file that cannot be read or planned shows its error, in the
command line's words, on the page. The forms post back here; each needs its own CSRF
token (the guard has already checked the token and the ``Origin``) and, once it has
written the file, sends the browser on with ``303 See Other`` to a page that says
what was done, so reloading never posts twice.

FastAPI reads the routes' annotations when they are registered, so this module keeps
its annotations evaluated (no ``from __future__ import annotations``).
"""

import datetime as dt
from typing import Annotated, Any, Final
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from planner.errors import PlannerError
from planner.renderers.pace import pace_sentences
from planner.renderers.phrases import choice_lines, review_summary
from planner.renderers.progress import render_done
from planner.usecases import calendar, done, roadmap, status, week
from planner.web.context import Context
from planner.web.forms import MAX_FORM_BYTES, FormError, every, first, parse_form
from planner.web.guard import CSP, csrf_ok
from planner.web.profile_page import register as register_profile
from planner.web.site import Note
from planner.web.views import (
    by_day,
    first_study,
    left,
    milestone_title,
    purpose,
    roadmap_groups,
    week_nav,
    week_summary,
)

BACK: Final = frozenset({"/", "/roadmap"})
"""The pages a done button may send the browser back to."""


def back_to(text: str) -> str:
    """The page to return to after a done button: one of :data:`BACK`, with its ``from``
    day kept; anything else is the week."""
    parts = urlsplit(text)
    if parts.scheme or parts.netloc or parts.path not in BACK:
        return "/"
    day = next((v for k, v in parse_qsl(parts.query) if k == "from"), None)
    return parts.path + (f"?{urlencode({'from': day})}" if day and _day(day) else "")


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def with_note(path: str, key: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}note={key}"


def register(app: FastAPI, ctx: Context) -> None:
    """Add the pages, the forms and the calendar to ``app``."""
    site = ctx.site
    graph = site.graph

    async def read_form(request: Request, form: str) -> list[tuple[str, str]] | Any:
        """The posted form's fields, or the 403 or 415 answer when it is not this form's."""
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/x-www-form-urlencoded":
            return ctx.render(request, "message.html", 415, title="Not a form", message=FORM_ONLY)
        size = request.headers.get("content-length", "")
        if size.isdigit() and int(size) > MAX_FORM_BYTES:
            return ctx.render(request, "message.html", 413, title="Not a form", message=TOO_BIG)
        try:
            pairs = parse_form(await request.body())
        except FormError as exc:
            return ctx.render(request, "message.html", 400, title="Not a form", message=str(exc))
        if not csrf_ok(ctx.token, form, first(pairs, "csrf", "") or None):
            return ctx.render(request, "message.html", 403, title="Form refused", message=STALE_FORM)
        return pairs

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def week_page(
        request: Request,
        from_: Annotated[str | None, Query(alias="from")] = None,
        note: str | None = None,
    ) -> Any:
        values: dict[str, Any] = {"title": "This week", "note": site.recall(note)}
        snapshot = site.read()
        if snapshot.profile is None:
            return ctx.render(request, "week.html", error=str(snapshot.error), **values)
        start = _day(from_)
        if from_ and start is None:
            values["note"] = Note(f"'{from_}' is not a day; use YYYY-MM-DD. Showing this week.", ok=False)
        now = site.now()
        try:
            days = week(snapshot.profile, graph=graph, now=now, start=start)
            standing = status(snapshot.profile, graph=graph, now=now)
        except PlannerError as exc:
            return ctx.render(request, "week.html", error=str(exc), **values)
        data = days.to_dict()
        following = data["following"]
        if following is not None:
            following = {**following, "name": graph.nodes[following["item"]].name}
        back = "/" + (f"?from={data['first']}" if start else "")
        return ctx.render(
            request,
            "week.html",
            error=None,
            week=data,
            days=by_day(data["sessions"]),
            summary=week_summary(data),
            following=following,
            weeks=week_nav(data["first"]),
            status=standing.to_dict(),
            pace=pace_sentences(standing.pace, standing.forecasts, profile_file=standing.profile_file)
            if standing.pace is not None
            else [],
            purpose=purpose,
            left=left,
            back=back,
            name=snapshot.profile.name,
            **values,
        )

    @app.post("/done", include_in_schema=False)
    async def mark_done(request: Request) -> Any:
        pairs = await read_form(request, "done")
        if not isinstance(pairs, list):
            return pairs
        back = back_to(first(pairs, "back", "/"))
        ids = every(pairs, "id")
        try:
            update = await run_in_threadpool(done, site.path, ids, graph=graph, now=site.now())
            note = Note(render_done(update, str(site.path), graph).strip())
        except PlannerError as exc:
            note = Note(str(exc), ok=False)
        return RedirectResponse(with_note(back, site.remember(note)), status_code=303)

    @app.get("/roadmap", response_class=HTMLResponse, include_in_schema=False)
    def roadmap_page(request: Request, note: str | None = None) -> Any:
        values: dict[str, Any] = {"title": "Roadmap", "note": site.recall(note)}
        snapshot = site.read()
        if snapshot.profile is None:
            return ctx.render(request, "roadmap.html", error=str(snapshot.error), **values)
        try:
            plan = roadmap(snapshot.profile, graph=graph, now=site.now())
        except PlannerError as exc:
            return ctx.render(request, "roadmap.html", error=str(exc), **values)
        data = plan.to_dict()
        schedule = plan.schedule
        milestones = data["milestones"]
        return ctx.render(
            request,
            "roadmap.html",
            error=None,
            plan=data,
            target_name=graph.nodes[data["target"]].name,
            groups=roadmap_groups(data, graph),
            next_session=first_study(data),
            first_milestone=milestones[0] if milestones else None,
            milestone_title=lambda m: milestone_title(m, graph),
            choices=choice_lines(schedule.plan),
            reviews=review_summary(schedule) if schedule.reviews else "",
            sessions=sum(1 for s in data["sessions"] if s.get("kind", "study") == "study"),
            names={n: graph.nodes[n].name for n in graph.nodes},
            name=snapshot.profile.name,
            **values,
        )

    @app.get("/graph", response_class=HTMLResponse, include_in_schema=False)
    def graph_page(request: Request) -> Any:
        snapshot = site.read()
        error = None if snapshot.profile is not None else str(snapshot.error)
        return ctx.render(request, "graph.html", title="Career graph", note=None, error=error)

    @app.get("/graph/page", response_class=HTMLResponse, include_in_schema=False)
    def graph_picture(request: Request) -> Any:
        snapshot = site.read()
        try:
            if snapshot.profile is None:
                raise snapshot.error or PlannerError("the profile cannot be read")
            text = site.picture_html(snapshot, snapshot.profile, site.now())
        except PlannerError as exc:
            page = ctx.render(request, "bare.html", title="Career graph", message=str(exc))
            page.headers["content-security-policy"] = CSP.replace(
                "frame-ancestors 'none'", "frame-ancestors 'self'"
            )
            page.headers["x-frame-options"] = "SAMEORIGIN"  # shown in the graph page's frame
            return page
        return HTMLResponse(
            text,
            headers={"content-security-policy": picture_policy(text), "x-frame-options": "SAMEORIGIN"},
        )

    @app.api_route("/calendar.ics", methods=["GET", "HEAD"], include_in_schema=False)
    def calendar_file(request: Request) -> Any:
        snapshot = site.read()
        try:
            if snapshot.profile is None:
                raise snapshot.error or PlannerError("the profile cannot be read")
            made = calendar(snapshot.profile, graph=graph, now=site.now())
        except PlannerError as exc:
            return Response(f"{exc}\n", status_code=422, media_type="text/plain; charset=utf-8")
        return Response(
            made.data,
            media_type="text/calendar; charset=utf-8",
            headers={"content-disposition": 'inline; filename="planner.ics"'},
        )

    register_profile(app, ctx, read_form)


def picture_policy(page: str) -> str:
    """The graph page's own Content-Security-Policy (its style sheet and script by
    hash, nothing else), which may be framed by this app's pages only."""
    start = page.find('http-equiv="Content-Security-Policy" content="')
    if start < 0:
        return "default-src 'none'; frame-ancestors 'self'"
    start += len('http-equiv="Content-Security-Policy" content="')
    policy = page[start : page.index('"', start)].replace("&#x27;", "'").replace("&amp;", "&")
    return f"{policy}; frame-ancestors 'self'"


TOO_BIG: Final = "This is more than any form of this planner sends."
FORM_ONLY: Final = "This address takes a form of this planner's pages (URL-encoded)."
STALE_FORM: Final = (
    "This form did not come from this planner's pages, or the server was restarted since the page "
    "was loaded (each start makes new tokens). Reload the page and try again."
)
