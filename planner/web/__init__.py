"""The planner as a local web app (``planner serve``): the week, the roadmap, the career
graph and the profile as a form, on the person's own machine (docs/web.md).

- :mod:`~planner.web.server`: bind the address, make the token, serve until Ctrl-C;
- :mod:`~planner.web.app`: the FastAPI app over the use cases;
- :mod:`~planner.web.guard`: the token, the host and origin checks, the headers;
- :mod:`~planner.web.pages`, :mod:`~planner.web.profile_page`, :mod:`~planner.web.api`:
  the pages, the forms and the JSON API;
- :mod:`~planner.web.site`: the profile file, read afresh for every request;
- :mod:`~planner.web.fields`, :mod:`~planner.web.forms`: the profile form, drawn from the
  profile's schema and read back into a change of the file;
- :mod:`~planner.web.views`: the use cases' data shaped for the templates.

This is a front door beside the command line, which never imports it: it calls
``planner.serve``. The package imports the web stack (FastAPI, uvicorn, Jinja2) at its
top, and ``planner.serve`` imports the package when a server starts, so ``import
planner`` and every other command go without them.
"""

from __future__ import annotations

from planner.web.app import create_app
from planner.web.guard import Address
from planner.web.server import Ready, serve

__all__ = ["Address", "Ready", "create_app", "serve"]
