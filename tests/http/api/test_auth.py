"""API keys and scopes: every route against every kind of caller, and no write route left open."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import text

from service.app import create_app
from service.core import api_keys as keys
from service.http.api.deps import OPEN_PATHS, READ_ONLY_POSTS, WriteKey, effective_routes, needed_scope
from service.settings import Settings
from service.storage import key_store
from service.storage.database import make_engine, unit_of_work
from tests.factories import API_KEY, fresh_sqlite_url, make_settings

READ_KEY = "reader-key-0123"
ADMIN_KEY = "admin-key-0123"
# The admin key is configured only by its digest: the plain key never sits in the settings.
CONFIGURED = f"{API_KEY},{READ_KEY}:read,sha256:{hashlib.sha256(ADMIN_KEY.encode()).hexdigest()}:admin"
SAFE = {"GET", "HEAD", "OPTIONS"}


def api_routes(app: FastAPI) -> list[Any]:
    return [r for r in effective_routes(app) if getattr(r, "dependant", None) is not None]


def unprotected_writes(app: FastAPI) -> list[str]:
    """Non-GET routes that neither need a write (or admin) key nor are declared read-only."""
    found = []
    for route in effective_routes(app):
        for method in sorted(set(getattr(route, "methods", None) or ()) - SAFE):
            if (method, route.path) in READ_ONLY_POSTS:
                continue
            scope = needed_scope(route)
            if scope is None or scope < keys.Scope.WRITE:
                found.append(f"{method} {route.path}")
    return found


def test_every_route_that_changes_data_needs_a_write_or_admin_key(tmp_path: Path) -> None:
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'unused.db'}"))
    assert unprotected_writes(app) == []
    # The walk does find the write routes (it would pass vacuously otherwise).
    writes = {(m, r.path) for r in api_routes(app) for m in r.methods - SAFE if needed_scope(r) == keys.Scope.WRITE}
    assert {("POST", "/v1/articles"), ("POST", "/v1/quotes"), ("DELETE", "/v1/quotes/{quote_id}")} <= writes


def test_the_walk_catches_a_new_unprotected_write_route(tmp_path: Path) -> None:
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'unused.db'}"))

    @app.post("/v1/forgotten")
    def forgotten() -> dict:
        return {}

    @app.put("/v1/guarded", dependencies=[WriteKey])
    def guarded() -> dict:
        return {}

    assert unprotected_writes(app) == ["POST /v1/forgotten"]


@dataclass(frozen=True)
class Callers:
    read: str
    write: str
    admin: str
    revoked: str


@pytest.fixture
def matrix_client(db_url: str) -> Iterator[tuple[TestClient, Callers]]:
    """An app with a read key stored in the database, write and admin keys from API_KEYS, and a
    stored key that has been revoked."""
    engine = make_engine(db_url)
    with unit_of_work(engine) as session:
        _, stored_reader = keys.create_key(session, name="reader", scopes=frozenset({keys.Scope.READ}))
        revoked_row, revoked = keys.create_key(session, name="gone", scopes=frozenset({keys.Scope.ADMIN}))
    with unit_of_work(engine) as session:
        key_store.revoke_key(session, revoked_row.id)
    engine.dispose()
    with TestClient(create_app(make_settings(db_url, api_keys=CONFIGURED))) as client:
        yield client, Callers(read=stored_reader, write=API_KEY, admin=ADMIN_KEY, revoked=revoked)


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "nothing_here", path)


def test_authorisation_matrix_over_every_route(matrix_client: tuple[TestClient, Callers]) -> None:
    client, callers = matrix_client
    headers = {
        "no key": {},
        "read key": {"X-API-Key": callers.read},
        "write key": {"X-API-Key": callers.write},
        "admin key": {"X-API-Key": callers.admin},
        "revoked key": {"X-API-Key": callers.revoked},
        "wrong key": {"X-API-Key": "qvs_000000000000_not-a-real-secret"},
    }
    allowed_for = {
        None: {"no key", "read key", "write key", "admin key"},
        keys.Scope.WRITE: {"write key", "admin key"},
        keys.Scope.ADMIN: {"admin key"},
    }
    routes = api_routes(client.app)  # type: ignore[arg-type]
    wrong = []
    checked = 0
    for route in routes:
        scope = needed_scope(route)
        for method in sorted(route.methods - {"HEAD"}):
            for who, h in headers.items():
                # Bodies are empty on purpose: a caller let through gets a 4xx about the body, never a change.
                kwargs = {"json": {}} if method in ("POST", "PUT", "PATCH") else {}
                r = client.request(method, concrete(route.path), headers=h, **kwargs)
                checked += 1
                # Probes and scrapes never look at keys.
                expected_ok = route.path in OPEN_PATHS or who in allowed_for[scope]
                if expected_ok and r.status_code in (401, 403):
                    wrong.append(f"{who} refused on {method} {route.path}: {r.status_code}")
                if not expected_ok:
                    want = 401 if who == "no key" else 403
                    if r.status_code != want or r.headers["content-type"] != "application/problem+json":
                        wrong.append(f"{who} on {method} {route.path}: {r.status_code}, expected {want}")
                assert r.status_code < 500, f"{who} on {method} {route.path}: {r.text}"
    assert wrong == []
    assert checked >= 6 * 20
    # Nothing was written by any of those requests.
    assert len(client.get("/v1/articles").json()["items"]) == 1


def test_with_read_keys_required_reads_need_a_key(db_url: str) -> None:
    settings = make_settings(db_url, api_keys=CONFIGURED, require_read_key=True)
    with TestClient(create_app(settings)) as client:
        r = client.post("/v1/verify", json={"text": "We won't allow any threat"})
        assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"
        assert client.get("/v1/speakers").status_code == 401
        assert client.get("/healthz").status_code == 200  # probes stay open
        for key in (READ_KEY, API_KEY, ADMIN_KEY):  # a higher scope includes read
            assert client.get("/v1/speakers", headers={"X-API-Key": key}).status_code == 200


def test_a_read_key_cannot_write_and_says_why(client: TestClient) -> None:
    with TestClient(create_app(make_settings(client.app.state.settings.database_url, api_keys=CONFIGURED))) as c:  # type: ignore[attr-defined]
        r = c.post("/v1/quotes", json={}, headers={"X-API-Key": READ_KEY})
        assert r.status_code == 403
        assert "write scope" in r.json()["detail"]


def test_keys_are_stored_as_digests_only(db_url: str) -> None:
    engine = make_engine(db_url)
    with unit_of_work(engine) as session:
        row, key = keys.create_key(session, name="bot", scopes=frozenset({keys.Scope.WRITE}))
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT * FROM api_key")).mappings().one()
    engine.dispose()
    assert key.startswith(f"qvs_{row.id}_") and len(key) > 50
    assert key not in " ".join(str(v) for v in stored.values())
    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()


def test_a_key_created_over_http_writes_and_stops_when_revoked(db_url: str) -> None:
    with TestClient(create_app(make_settings(db_url, api_keys=CONFIGURED))) as client:
        admin = {"X-API-Key": ADMIN_KEY}
        r = client.post("/v1/keys", json={"name": "newsroom bot", "scopes": ["write"]}, headers=admin)
        assert r.status_code == 201, r.text
        made = r.json()
        key = {"X-API-Key": made["key"]}
        quote = {"article": {"title": "Bridge opens"}, "text": "Tolls will stay at zero", "speaker": {"name": "Ana"}}
        assert client.post("/v1/quotes", json=quote, headers=key).status_code == 201
        listed = client.get("/v1/keys", headers=admin).json()["items"]
        assert [(k["id"], k["scopes"], k["revoked_at"]) for k in listed] == [(made["id"], ["write"], None)]
        assert made["key"] not in client.get("/v1/keys", headers=admin).text
        assert client.delete(f"/v1/keys/{made['id']}", headers=admin).json()["revoked_at"] is not None
        r = client.post("/v1/quotes", json=quote, headers=key)
        assert r.status_code == 403 and r.json()["detail"] == "the API key is not valid"
        assert client.get("/v1/speakers", headers=key).status_code == 403  # a sent key must be valid anywhere
        assert client.delete("/v1/keys/0123456789ab", headers=admin).status_code == 404


def test_bad_key_requests_are_problems(client: TestClient) -> None:
    admin_less = {"X-API-Key": API_KEY}
    assert client.post("/v1/keys", json={"name": "x"}, headers=admin_less).status_code == 403
    with TestClient(create_app(make_settings(client.app.state.settings.database_url, api_keys=CONFIGURED))) as c:  # type: ignore[attr-defined]
        admin = {"X-API-Key": ADMIN_KEY}
        for body, field in (
            ({"name": "x", "scopes": ["root"]}, ["body", "scopes", 0]),
            ({"name": "", "scopes": ["read"]}, ["body", "name"]),
            ({"name": "a\x00b"}, ["body", "name"]),
            ({"name": "x", "scopes": []}, ["body", "scopes"]),
        ):
            r = c.post("/v1/keys", json=body, headers=admin)
            assert r.status_code == 422 and r.json()["errors"][0]["loc"] == field, r.text


def test_configured_key_forms(sqlite_template: Path, tmp_path: Path) -> None:
    digest = hashlib.sha256(b"hashed-writer").hexdigest()
    url = fresh_sqlite_url(sqlite_template, tmp_path)
    settings = make_settings(url, api_keys=f"plain-writer, sha256:{digest}, colon:in:key, reader:read")
    with TestClient(create_app(settings)) as client:
        quote = {"article": {"title": "T"}, "text": "Tolls will stay at zero", "speaker": {"name": "Ana"}}
        for key in ("plain-writer", "hashed-writer", "colon:in:key"):
            assert client.post("/v1/quotes", json=quote, headers={"X-API-Key": key}).status_code in (200, 201), key
        assert client.post("/v1/quotes", json=quote, headers={"X-API-Key": "reader"}).status_code == 403
        assert client.post("/v1/quotes", json=quote, headers={"X-API-Key": "colon"}).status_code == 403
        # The digest itself is not a key.
        assert client.post("/v1/quotes", json=quote, headers={"X-API-Key": digest}).status_code == 403


@pytest.mark.parametrize("bad", ["sha256:abc", "sha256:" + "z" * 64])
def test_a_malformed_configured_digest_stops_the_start(bad: str) -> None:
    with pytest.raises(ValidationError, match="64 hex digits"):
        Settings(api_keys=bad)
