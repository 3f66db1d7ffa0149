"""SQLite under faults: a writer holding the lock, and a disk with no room left.

Each fault is real: a second sqlite3 connection really holds the write lock; the page limit is
SQLite's own `max_page_count`, which fails writes exactly as a full disk does (SQLITE_FULL).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from service.app import create_app
from tests.factories import fresh_sqlite_url, make_settings

# Short, so the test waits little; the behaviour is the same at the default 5 s.
BUSY_TIMEOUT_MS = 300


def _article(n: int, *, text_chars: int = 0) -> dict[str, object]:
    body = f"Mayor Ana Pérez {n} spoke. " + "Background. " * (text_chars // 12)
    return {
        "title": f"Fault article {n}",
        "url": f"https://example.org/fault/{n}",
        "text": body,
        "quotes": [{"text": f"The harbour will reopen in spring number {n}", "speaker": {"name": "Ana Pérez"}}],
    }


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    return fresh_sqlite_url(sqlite_template, tmp_path)


@pytest.fixture
def client(sqlite_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(sqlite_url, db_busy_timeout_ms=BUSY_TIMEOUT_MS))) as c:
        yield c


def test_a_held_write_lock_gives_a_clean_503_and_nothing_half_written(
    client: TestClient, sqlite_url: str, auth: dict[str, str]
) -> None:
    path = _path(sqlite_url)
    quotes_before = _count(path, "quote")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        r = client.post("/v1/articles", json=_article(1), headers=auth)
        waited = time.monotonic() - started
        assert r.status_code == 503
        assert r.headers["content-type"] == "application/problem+json"
        assert r.headers["retry-after"] == "1"
        assert r.json()["status"] == 503 and "retry" in r.json()["detail"]
        assert waited >= BUSY_TIMEOUT_MS / 1000 * 0.9  # it waited for the lock before giving up
        # Reads do not queue behind the writer: WAL readers take no lock.
        assert client.get("/v1/articles").status_code == 200
        verdict = client.post("/v1/verify", json={"text": "We won't allow any threat to harm our nation"})
        assert verdict.json()["verdict"] == "verified"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _count(path, "quote") == quotes_before
    assert _count(path, "article") == 1
    # The refused quote is not in the matcher either, and the same request now succeeds.
    claim = {"text": "The harbour will reopen in spring number 1"}
    assert client.post("/v1/verify", json=claim).json()["verdict"] == "not_found"
    assert client.post("/v1/articles", json=_article(1), headers=auth).status_code == 201
    assert client.post("/v1/verify", json=claim).json()["verdict"] == "verified"


def test_a_write_waits_for_a_short_lock_instead_of_failing(
    client: TestClient, sqlite_url: str, auth: dict[str, str]
) -> None:
    """BEGIN IMMEDIATE waits under the busy timeout; a lock released in time costs only the wait."""
    import threading

    holder = sqlite3.connect(_path(sqlite_url), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(BUSY_TIMEOUT_MS / 1000 / 3, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        r = client.post("/v1/articles", json=_article(2), headers=auth)
    finally:
        release.join()
        holder.close()
    assert r.status_code == 201


def test_a_full_disk_gives_a_clean_error_and_an_intact_database(
    client: TestClient, sqlite_url: str, auth: dict[str, str]
) -> None:
    path = _path(sqlite_url)
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with sqlite3.connect(path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    quotes_before = _count(path, "quote")

    # Every new connection of the service may grow the file by only a few pages: a full disk.
    @event.listens_for(engine, "connect")
    def _cap(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + 2}")

    engine.dispose()
    r = client.post("/v1/articles", json=_article(3, text_chars=200_000), headers=auth)
    assert r.status_code == 503
    assert r.headers["content-type"] == "application/problem+json"
    assert "space" in r.json()["detail"]

    event.remove(engine, "connect", _cap)
    engine.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _count(path, "quote") == quotes_before
    assert client.get("/v1/articles").json()["items"][0]["title"].startswith("In shift")
    assert client.post("/v1/articles", json=_article(3, text_chars=200_000), headers=auth).status_code == 201
