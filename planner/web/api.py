"""The JSON API: each page's data, as the use case's ``to_dict()`` gives it.

Every route answers with exactly what the Python API's result gives (``planner
roadmap --format json`` and its siblings print the same); a profile that cannot be
read or planned gives ``422`` with ``{"error": ..., "problems": [...]}``, the
command line's message and each problem's key, line and words. The routes only read:
the profile is changed through the pages' forms, which carry their CSRF tokens.

FastAPI describes the routes at ``/openapi.json``. Its usual documentation page loads
its script from a CDN, which the app's policy forbids (it fetches nothing from
elsewhere), so ``/docs`` is a page of the app's own, drawn from that description.

Like :mod:`~planner.web.pages`, this module keeps its annotations evaluated for FastAPI.
"""

import datetime as dt
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from planner.errors import PlannerError
from planner.usecases import calendar, picture, roadmap, status, week
from planner.web.context import Context
from planner.web.fields import problems

JSON = dict[str, Any]


def error_body(error: PlannerError) -> JSON:
    """The 422 answer's body for ``error``."""
    return {
        "error": str(error),
        "problems": [{"key": p.key or None, "line": p.line, "message": p.message} for p in problems(error)],
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _parameter(spec: dict[str, Any]) -> dict[str, str]:
    """A route's parameter as the documentation page shows it."""
    schema = spec.get("schema", {})
    options = [o for o in schema.get("anyOf", [schema]) if o.get("type") != "null"]
    shown = " or ".join(str(o.get("format") or o.get("type")) for o in options if o.get("type"))
    return {
        "name": str(spec.get("name", "")),
        "where": str(spec.get("in", "")),
        "type": shown,
        "description": str(spec.get("description") or schema.get("description") or ""),
    }


def register(app: FastAPI, ctx: Context) -> None:
    """Add the JSON routes and the documentation page to ``app``."""
    site = ctx.site
    graph = site.graph
    failed: dict[int | str, dict[str, Any]] = {
        422: {"description": "The profile cannot be read, checked or planned: the error and each problem."}
    }

    def answer(make: Any) -> Any:
        """The use case's ``to_dict()`` as the answer (as it is: FastAPI's encoder would
        walk it again), or the 422 answer."""
        snapshot = site.read()
        try:
            if snapshot.profile is None:
                raise snapshot.error or PlannerError("the profile cannot be read")
            return JSONResponse(make(snapshot.profile, site.now()).to_dict())
        except PlannerError as exc:
            return JSONResponse(error_body(exc), status_code=422)

    @app.get("/api/week", summary="The days ahead, session by session", responses=failed, tags=["plan"])
    def api_week(
        from_: Annotated[
            dt.date | None, Query(alias="from", description="The first day (default: today).")
        ] = None,
        days: Annotated[
            int | None, Query(ge=1, le=31, description="How many days (default: to Sunday).")
        ] = None,
    ) -> JSON:
        """What planner week shows: the sessions, what is overdue, the next milestone."""
        return answer(lambda p, now: week(p, graph=graph, now=now, start=from_, days=days))  # type: ignore[no-any-return]

    @app.get("/api/status", summary="Progress, pace and the next sessions", responses=failed, tags=["plan"])
    def api_status(
        count: Annotated[int, Query(ge=1, le=100, description="How many upcoming sessions.")] = 5,
    ) -> JSON:
        """What planner status shows: progress per stage, pace, the next sessions, what is overdue."""
        return answer(lambda p, now: status(p, graph=graph, now=now, count=count))  # type: ignore[no-any-return]

    @app.get("/api/roadmap", summary="The dated roadmap", responses=failed, tags=["plan"])
    def api_roadmap() -> JSON:
        """What planner roadmap --format json prints."""
        return answer(lambda p, now: roadmap(p, graph=graph, now=now))  # type: ignore[no-any-return]

    @app.get(
        "/api/graph", summary="The career graph with the profile's position", responses=failed, tags=["graph"]
    )
    def api_graph() -> JSON:
        """What planner graph --profile PROFILE --format json prints: NetworkX node-link data."""
        return answer(lambda p, now: picture(graph=graph, profile=p, now=now))  # type: ignore[no-any-return]

    @app.get("/api/calendar", summary="What the calendar holds", responses=failed, tags=["plan"])
    def api_calendar() -> JSON:
        """The counts of /calendar.ics: sessions, reviews, milestones, and its warnings."""
        return answer(lambda p, now: calendar(p, graph=graph, now=now))  # type: ignore[no-any-return]

    @app.get("/api/profile", summary="The profile file, and its problems", tags=["profile"])
    def api_profile() -> JSON:
        """The file's keys and values as read (whether or not they are valid), and every
        problem the profile check finds (none: it is valid)."""
        snapshot = site.read()
        found = error_body(snapshot.error) if snapshot.error is not None else {"error": None, "problems": []}
        return {
            "file": site.shown_path,
            "valid": snapshot.profile is not None,
            "values": _plain(snapshot.data),
            **found,
        }

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> Any:
        spec = app.openapi()
        routes = [
            {
                "path": path,
                "method": method.upper(),
                "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "parameters": [_parameter(p) for p in op.get("parameters", [])],
            }
            for path, methods in spec.get("paths", {}).items()
            for method, op in methods.items()
        ]
        return ctx.render(
            request,
            "docs.html",
            title="API",
            note=None,
            error=None,
            routes=routes,
            calendar_url=ctx.calendar_url,
        )
