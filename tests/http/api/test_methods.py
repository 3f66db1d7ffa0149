"""A method a path does not serve gets 405 naming every method it does serve."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/v1/quotes", "GET, POST"),
        ("PUT", "/v1/quotes/quo_x", "GET, DELETE"),
        ("PATCH", "/v1/articles/art_x", "GET, DELETE"),
        ("POST", "/healthz", "GET"),
    ],
)
def test_405_names_every_allowed_method(client: TestClient, method: str, path: str, allowed: str) -> None:
    r = client.request(method, path)
    assert r.status_code == 405
    assert r.headers["allow"] == allowed
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 405 and allowed in r.json()["detail"]
