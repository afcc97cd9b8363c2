"""The web app: FastAPI routes over the use cases, behind :class:`~planner.web.guard.Guard`.

:func:`create_app` builds it for one profile file. The pages (:mod:`~planner.web.pages`)
are server-rendered Jinja2 templates, enhanced by htmx, which ships inside the package
(``static/``) with its licence: the app fetches nothing from elsewhere. Each page's data
is also served as JSON (:mod:`~planner.web.api`), with the OpenAPI description of every
route and a documentation page drawn from it.

This package imports FastAPI, Starlette and Jinja2 at its top; ``planner.serve`` imports
it when a server starts, so ``import planner`` and every other command go without them.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path
from typing import Any, Final

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.staticfiles import StaticFiles

from planner.graph import CareerGraph
from planner.version import __version__
from planner.web.api import register as register_api
from planner.web.context import Context
from planner.web.guard import Address, Guard
from planner.web.pages import register as register_pages
from planner.web.site import Clock, Site
from planner.web.views import commands, day, span

PAGES: Final = frozenset({"/", "/roadmap", "/graph", "/profile", "/docs"})
"""The HTML pages: visited with ``?token=``, they redirect to their clean address."""
NAV: Final = (
    ("/", "This week"),
    ("/roadmap", "Roadmap"),
    ("/graph", "Career graph"),
    ("/profile", "Profile"),
)


_HERE: Final = Path(__file__).parent
"""The package's folder: the templates and static files are installed beside the
modules, and read from there as files."""


def static_dir() -> Path:
    return _HERE / "static"


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the templates (autoescaping everything)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_HERE / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = day
    env.filters["span"] = span
    env.filters["commands"] = commands
    return env


def create_app(
    profile: str | Path,
    *,
    graph: CareerGraph,
    clock: Clock,
    token: str,
    address: Address | None = None,
) -> FastAPI:
    """The web app for the profile file at ``profile``.

    Parameters
    ----------
    graph:
        The graph the profile is checked against and planned on.
    clock:
        Gives the current moment (an aware datetime), read once per request.
    token:
        The secret every request must carry (:mod:`~planner.web.guard`).
    address:
        Where the app is served (default ``127.0.0.1:8765``): only requests for it
        are answered.
    """
    address = address or Address("127.0.0.1", 8765)
    site = Site(Path(profile), graph, clock)
    app = FastAPI(
        title="planner",
        version=__version__,
        summary=f"The learning plan of {profile}, as data. Every route needs the server's token.",
        docs_url=None,
        redoc_url=None,
    )

    def render(request: Request, template: str, code: int = 200, **values: Any) -> HTMLResponse:
        page = environment().get_template(template)
        shared = {
            "request_path": request.url.path,
            "nav": NAV,
            "file": site.shown_path,
            "csrf": context.csrf,
            "calendar_url": context.calendar_url,
            "version": __version__,
            "note": None,
            "error": None,
        }
        text = page.render(**(shared | values))
        return HTMLResponse(text, status_code=code)

    context = Context(site, token, address, render)
    register_pages(app, context)
    register_api(app, context)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")

    async def http_error(request: Request, exc: Any) -> Response:
        status = getattr(exc, "status_code", 500)
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"error": getattr(exc, "detail", "error")}, status_code=status)
        return render(request, "message.html", status, title=f"{status}", message=_http_message(status, exc))

    async def failure(request: Request, exc: Exception) -> Response:
        message = f"internal error: {type(exc).__name__}: {exc} (please report this with the profile)"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=500)
        return HTMLResponse(ERROR_PAGE.format(message=html.escape(message)), status_code=500)

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, failure)
    app.add_middleware(Guard, address=address, token=token, pages=PAGES)
    return app


def _http_message(status: int, exc: Any) -> str:
    if status == 404:
        return "There is no such page here."
    if status == 405:
        return "This address does not take that kind of request."
    return str(getattr(exc, "detail", "")) or "The request could not be answered."


ERROR_PAGE: Final = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Internal error · planner</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/app.css"></head>
<body><main id="main"><h1>Something went wrong</h1><p class="problem">{message}</p>
<p><a href="/">Back to this week</a></p></main></body></html>
"""
