"""What every route of the web app needs: the site, the token, the address and the templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from planner.web.guard import Address, csrf_token
from planner.web.site import Site


class Context(NamedTuple):
    """What every route needs: the site, the token, the address and the templates."""

    site: Site
    token: str
    address: Address
    render: Callable[..., Any]
    """``render(request, template, code=200, **values)``: an HTML response."""

    def csrf(self, form: str) -> str:
        """The CSRF token of the form named ``form``."""
        return csrf_token(self.token, form)

    @property
    def calendar_url(self) -> str:
        """The calendar's address with the token, for a calendar app to subscribe to
        (calendar apps send no cookies)."""
        return f"{self.address.origin}/calendar.ics?token={self.token}"
