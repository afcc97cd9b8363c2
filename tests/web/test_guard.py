"""Every security rule of the web app: the token, the host, the origin, CSRF, the headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from planner.web.guard import Address, csrf_token, is_loopback, split_host

from .conftest import ClientFor
from .support import ORIGIN, TOKEN, forms, post_form

ROUTES = [
    "/",
    "/roadmap",
    "/graph",
    "/profile",
    "/docs",
    "/calendar.ics",
    "/api/week",
    "/api/status",
    "/api/roadmap",
    "/api/calendar",
    "/api/profile",
    "/openapi.json",
    "/static/app.css",
    "/static/htmx.min.js",
]


@pytest.mark.parametrize("path", [*ROUTES, "/no-such-page"])
def test_every_route_needs_the_token(client_for: ClientFor, marco: Path, path: str) -> None:
    fresh = client_for(marco, visit=False)
    answer = fresh.get(path)
    assert answer.status_code == 403
    assert "planner serve" in answer.text and TOKEN not in answer.text
    fresh.cookies.set("planner-8765", "wrong")
    assert fresh.get(path).status_code == 403
    assert fresh.get(f"{path}?token=wrong").status_code == 403


def test_the_first_visit_sets_a_strict_cookie_and_drops_the_token_from_the_address(
    client_for: ClientFor, marco: Path
) -> None:
    fresh = client_for(marco, visit=False)
    answer = fresh.get(f"/roadmap?token={TOKEN}", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/roadmap"
    cookie = answer.headers["set-cookie"]
    assert cookie == f"planner-8765={TOKEN}; Path=/; HttpOnly; SameSite=Strict"
    assert fresh.get("/roadmap").status_code == 200  # the cookie is enough from now on


def test_a_calendar_app_subscribes_with_the_token_in_the_address(client_for: ClientFor, marco: Path) -> None:
    fresh = client_for(marco, visit=False)
    answer = fresh.get(f"/calendar.ics?token={TOKEN}", follow_redirects=False)
    assert answer.status_code == 200
    assert answer.content.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    "host", ["evil.example:8765", "127.0.0.1:8766", "127.0.0.1", "", "localhost.evil:8765"]
)
def test_a_foreign_host_gets_421_even_with_the_token(client: TestClient, host: str) -> None:
    """DNS rebinding: a page of evil.example resolves its name to 127.0.0.1."""
    answer = client.get(f"/?token={TOKEN}", headers={"host": host})
    assert answer.status_code == 421
    assert TOKEN not in answer.text


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765"])
def test_the_machine_s_own_names_are_served(client: TestClient, host: str) -> None:
    assert client.get("/api/profile", headers={"host": host}).status_code == 200


def done_form(client: TestClient) -> list[tuple[str, str]]:
    form = forms(client.get("/").text, "/done")[0]
    return form.submit(form.buttons()[0])


def test_a_write_needs_its_form_s_csrf_token(client: TestClient, marco: Path) -> None:
    before = marco.read_bytes()
    fields = [(k, v) for k, v in done_form(client) if k != "csrf"]
    assert post_form(client, "/done", fields).status_code == 403
    wrong = [*fields, ("csrf", csrf_token(TOKEN, "profile"))]  # another form's token
    assert post_form(client, "/done", wrong).status_code == 403
    profile = forms(client.get("/profile").text, "/profile")[0].submit(hours_per_week="3")
    no_csrf = [(k, v) for k, v in profile if k != "csrf"]
    assert post_form(client, "/profile", no_csrf).status_code == 403
    assert marco.read_bytes() == before


@pytest.mark.parametrize("origin", [None, "http://evil.example", "http://127.0.0.1:8766", "null"])
def test_a_cross_origin_write_is_refused(client: TestClient, marco: Path, origin: str | None) -> None:
    before = marco.read_bytes()
    answer = post_form(client, "/done", done_form(client), origin=origin)
    assert answer.status_code == 403
    assert marco.read_bytes() == before


def test_the_same_write_from_the_page_goes_through(client: TestClient, marco: Path) -> None:
    answer = post_form(client, "/done", done_form(client), follow_redirects=False)
    assert answer.status_code == 303
    assert "python" in marco.read_text()


def test_a_write_that_is_not_a_form_is_refused(client: TestClient, marco: Path) -> None:
    before = marco.read_bytes()
    answer = client.post("/done", json=dict(done_form(client)), headers={"origin": ORIGIN})
    assert answer.status_code == 415
    assert marco.read_bytes() == before


@pytest.mark.parametrize("path", ROUTES)
def test_every_answer_carries_a_strict_policy(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "http" not in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["cache-control"] in ("no-store", "no-cache") or path.startswith("/static/")


def test_the_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    for path in ("/", "/roadmap", "/graph", "/profile", "/docs"):
        page = client.get(path).text
        for attribute in ("src=", "href="):
            for part in page.split(attribute)[1:]:
                target = part[1:].split(part[0], 1)[0]
                assert not target.startswith(("http:", "https:", "//")), (path, target)
        assert "<script>" not in page and "style=" not in page  # nothing inline


def test_address_rules() -> None:
    loopback = Address("127.0.0.1", 8765)
    assert loopback.origin == "http://127.0.0.1:8765"
    assert not loopback.allows("127.0.0.1:8765.evil.example")
    wildcard = Address("0.0.0.0", 9000)
    assert wildcard.allows("192.168.1.20:9000") and wildcard.allows("[fe80::1]:9000")
    assert not wildcard.allows("evil.example:9000")
    assert wildcard.origin == "http://127.0.0.1:9000"
    assert Address("::1", 80).origin == "http://[::1]:80"
    assert split_host("[::1]:8765") == ("::1", 8765)
    assert split_host("Example.COM") == ("example.com", None)
    assert [is_loopback(h) for h in ("localhost", "127.8.0.1", "::1", "0.0.0.0", "10.0.0.1", "a.b")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_a_body_too_big_for_a_form_is_refused_unread(client: TestClient, marco: Path) -> None:
    before = marco.read_bytes()
    answer = client.post(
        "/done",
        content=b"id=" + b"x" * (2**20 + 1),
        headers={"origin": ORIGIN, "content-type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 413
    assert marco.read_bytes() == before


def test_a_calendar_app_may_ask_for_the_headers_only(client: TestClient) -> None:
    answer = client.head("/calendar.ics")
    assert answer.status_code == 200 and answer.headers["content-type"] == "text/calendar; charset=utf-8"
