"""CORS: the origins CORS_ORIGINS lists may read and verify from a browser, never write."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from service.app import create_app
from tests.factories import API_KEY, fresh_sqlite_url, make_settings

EXTENSION = "chrome-extension://fkpamkibomfjgefhhkhbcpcfgkcpdaef"
FIREFOX = "moz-extension://1b7f0c5e-0d3a-4f7e-9a51-3c2d8e6b9f10"
DESK = "https://desk.example.org"
SELLAL = "We won't allow any threat to harm our nation"


@pytest.fixture
def cors_client(db_url: str) -> Iterator[TestClient]:
    settings = make_settings(db_url, cors_origins=f"{EXTENSION}, {FIREFOX},{DESK}/")
    with TestClient(create_app(settings)) as c:
        yield c


def preflight(client: TestClient, path: str, method: str, origin: str = EXTENSION) -> object:
    return client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "content-type, x-api-key",
        },
    )


@pytest.mark.parametrize("origin", [EXTENSION, FIREFOX, DESK])
def test_a_listed_origin_may_verify_after_its_preflight(cors_client: TestClient, origin: str) -> None:
    answer = preflight(cors_client, "/v1/verify", "POST", origin)
    assert answer.status_code == 204
    assert answer.headers["access-control-allow-origin"] == origin
    assert answer.headers["access-control-allow-methods"] == "POST"
    allowed = {h.strip().lower() for h in answer.headers["access-control-allow-headers"].split(",")}
    assert {"content-type", "x-api-key"} <= allowed
    verified = cors_client.post("/v1/verify", json={"text": SELLAL}, headers={"Origin": origin})
    assert verified.json()["verdict"] == "verified"
    assert verified.headers["access-control-allow-origin"] == origin
    assert "X-Request-ID" in verified.headers["access-control-expose-headers"]
    assert "Origin" in verified.headers["vary"]


def test_reads_and_batches_are_open_to_a_listed_origin(cors_client: TestClient) -> None:
    assert preflight(cors_client, "/v1/quotes", "GET").status_code == 204
    assert preflight(cors_client, "/v1/verify/batch", "POST").status_code == 204
    listed = cors_client.get("/v1/quotes", headers={"Origin": EXTENSION})
    assert listed.status_code == 200 and listed.headers["access-control-allow-origin"] == EXTENSION
    batch = cors_client.post("/v1/verify/batch", json={"items": [{"text": SELLAL}]}, headers={"Origin": DESK})
    assert batch.headers["access-control-allow-origin"] == DESK


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/v1/articles"), ("POST", "/v1/quotes"), ("DELETE", "/v1/quotes/q1"), ("GET", "/v1/keys")],
)
def test_writes_and_key_administration_are_never_open_to_other_origins(
    cors_client: TestClient, auth: dict[str, str], method: str, path: str
) -> None:
    refused = preflight(cors_client, path, method)
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert "access-control-allow-origin" not in refused.headers
    assert "not open to other origins" in refused.json()["detail"]
    # Even with the key, the answer to a write from a listed origin carries no permission to read it.
    written = cors_client.request(method, path, headers={**auth, "Origin": EXTENSION}, json={})
    assert "access-control-allow-origin" not in written.headers


def test_an_origin_not_listed_is_refused_with_the_reason(cors_client: TestClient) -> None:
    other = "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    refused = preflight(cors_client, "/v1/verify", "POST", other)
    assert refused.status_code == 403
    assert f"from {other} are not admitted" in refused.json()["detail"]
    answered = cors_client.post("/v1/verify", json={"text": SELLAL}, headers={"Origin": other})
    assert answered.status_code == 200  # a server or script is answered as ever; a browser withholds it
    assert "access-control-allow-origin" not in answered.headers


def test_without_the_setting_no_origin_is_admitted(client: TestClient) -> None:
    answered = client.post("/v1/verify", json={"text": SELLAL}, headers={"Origin": EXTENSION})
    assert answered.status_code == 200
    assert not any(h.startswith("access-control-") for h in answered.headers)
    assert "access-control-allow-origin" not in preflight(client, "/v1/verify", "POST").headers


def test_any_origin_may_read_and_verify_with_a_star(tmp_path: Path, sqlite_template: Path) -> None:
    settings = make_settings(fresh_sqlite_url(sqlite_template, tmp_path), cors_origins="*")
    with TestClient(create_app(settings)) as c:
        answer = c.post("/v1/verify", json={"text": SELLAL}, headers={"Origin": "https://any.example"})
        assert answer.headers["access-control-allow-origin"] == "https://any.example"
        assert preflight(c, "/v1/articles", "POST", "https://any.example").status_code == 403


@pytest.mark.parametrize("value", ["desk.example.org", "https://desk.example.org/tools", "https://a b"])
def test_a_malformed_origin_stops_the_start(value: str) -> None:
    with pytest.raises(ValidationError, match="is not an origin"):
        make_settings("sqlite://", cors_origins=value)


def test_a_read_that_needs_a_key_is_still_asked_for_it(tmp_path: Path, sqlite_template: Path) -> None:
    """CORS decides what a browser may read, never who may: a read key stays required."""
    settings = make_settings(fresh_sqlite_url(sqlite_template, tmp_path), cors_origins=EXTENSION, require_read_key=True)
    with TestClient(create_app(settings)) as c:
        assert preflight(c, "/v1/verify", "POST").status_code == 204  # browsers send no key with it
        anonymous = c.post("/v1/verify", json={"text": SELLAL}, headers={"Origin": EXTENSION})
        assert anonymous.status_code == 401
        assert anonymous.headers["access-control-allow-origin"] == EXTENSION  # so the page can say why
        keyed = c.post("/v1/verify", json={"text": SELLAL}, headers={"Origin": EXTENSION, "X-API-Key": API_KEY})
        assert keyed.json()["verdict"] == "verified"
