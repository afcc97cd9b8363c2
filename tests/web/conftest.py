"""Fixtures of the web app's tests: Marco's profile in a temporary folder, the app on it
at a fixed moment, and a client that has visited the printed address."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from planner.graph import CareerGraph, shipped_graph
from planner.web import Address, create_app
from tests.paths import EXAMPLES

from .support import MOMENT, ORIGIN, TOKEN


@pytest.fixture(scope="session")
def graph() -> CareerGraph:
    return shipped_graph()


@pytest.fixture
def marco(tmp_path: Path) -> Path:
    """A copy of examples/profiles/marco.toml, free to change."""
    path = tmp_path / "marco.toml"
    shutil.copy(EXAMPLES / "profiles" / "marco.toml", path)
    return path


ClientFor = Callable[..., TestClient]


@pytest.fixture
def client_for(graph: CareerGraph) -> Iterator[ClientFor]:
    """``client_for(path, visit=True)``: a client of the app for the profile at ``path``;
    with ``visit`` it has opened the printed address, so it holds the cookie."""
    clients: list[TestClient] = []

    def make(path: Path, *, visit: bool = True) -> TestClient:
        app = create_app(
            path, graph=graph, clock=lambda: MOMENT, token=TOKEN, address=Address("127.0.0.1", 8765)
        )
        client = TestClient(app, base_url=ORIGIN)
        clients.append(client)
        if visit:
            assert client.get(f"/?token={TOKEN}", follow_redirects=False).status_code == 303
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(client_for: ClientFor, marco: Path) -> TestClient:
    return client_for(marco)
