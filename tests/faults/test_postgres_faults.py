"""PostgreSQL under faults: locks held too long, slow statements, connections killed.

The faults are the server's own: another session's table lock, `pg_sleep`, and
`pg_terminate_backend` on the service's connections, as an administrator or a failover would.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url

from service.app import create_app
from service.errors import UnavailableError
from service.storage.database import make_engine, unit_of_work
from tests.conftest import POSTGRES_URL, _scratch_name, pg_database
from tests.factories import make_settings

# Short, so the tests wait little; the behaviour is the same at the defaults.
LOCK_TIMEOUT_MS = 300


def _article(n: int) -> dict[str, object]:
    return {
        "title": f"Fault article {n}",
        "url": f"https://example.org/pg-fault/{n}",
        "quotes": [{"text": f"The harbour will reopen in spring number {n}", "speaker": {"name": "Ana Pérez"}}],
    }


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    with pg_database(_scratch_name(), template=pg_template) as url:
        yield url


@pytest.fixture
def admin(pg_url: str) -> Iterator[Connection]:
    """A separate session on the same database, outside the service, committing as it goes."""
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        yield conn
    engine.dispose()


@pytest.fixture
def locker(pg_url: str) -> Iterator[Connection]:
    """Another client's session, to hold locks inside a transaction."""
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        yield conn
    engine.dispose()


def _service_backends(admin: Connection) -> list[int]:
    return list(
        admin.execute(
            text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                " AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
            )
        ).scalars()
    )


def _count(admin: Connection, table: str) -> int:
    return admin.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_a_lock_held_too_long_gives_a_clean_503_and_nothing_half_written(
    pg_url: str, admin: Connection, locker: Connection, auth: dict[str, str]
) -> None:
    settings = make_settings(pg_url, db_busy_timeout_ms=LOCK_TIMEOUT_MS)
    with TestClient(create_app(settings)) as client:
        articles, quotes = _count(admin, "article"), _count(admin, "quote")
        with locker.begin():
            locker.execute(text("LOCK TABLE quote IN EXCLUSIVE MODE"))  # reads go on, writes wait
            r = client.post("/v1/articles", json=_article(1), headers=auth)
            assert r.status_code == 503
            assert r.headers["content-type"] == "application/problem+json"
            assert r.headers["retry-after"] == "1"
            assert client.get("/v1/quotes?limit=1").status_code == 200
        # The article row written before the quote insert waited was rolled back with it.
        assert (_count(admin, "article"), _count(admin, "quote")) == (articles, quotes)
        assert client.post("/v1/articles", json=_article(1), headers=auth).status_code == 201


def test_a_statement_over_the_timeout_is_cancelled_as_unavailable(pg_url: str) -> None:
    engine = make_engine(pg_url, statement_timeout_ms=100)
    try:
        with pytest.raises(UnavailableError), unit_of_work(engine) as session:
            session.execute(text("SELECT pg_sleep(2)"))
        with unit_of_work(engine) as session:  # the pool is still usable afterwards
            assert session.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        engine.dispose()


def test_killed_idle_connections_cost_no_request(pg_url: str, admin: Connection) -> None:
    with TestClient(create_app(make_settings(pg_url, sync_interval_seconds=0))) as client:
        assert client.get("/v1/articles").status_code == 200
        killed = _service_backends(admin)
        assert killed
        for pid in killed:
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        # Pre-ping finds the dead pooled connections and replaces them before use.
        statuses = [client.get("/v1/articles").status_code for _ in range(5)]
        assert statuses == [200] * 5
        assert client.get("/readyz").json()["database"] == "reachable"


def test_a_connection_killed_mid_request_gives_one_503_then_service_resumes(
    pg_url: str, admin: Connection, locker: Connection, auth: dict[str, str]
) -> None:
    with TestClient(create_app(make_settings(pg_url, sync_interval_seconds=0))) as client:
        articles = _count(admin, "article")
        result: dict[str, httpx.Response] = {}
        with locker.begin():
            locker.execute(text("LOCK TABLE quote IN EXCLUSIVE MODE"))
            writer = threading.Thread(
                target=lambda: result.update(r=client.post("/v1/articles", json=_article(2), headers=auth))
            )
            writer.start()
            deadline = time.monotonic() + 10
            waiting: list[int] = []
            while not waiting and time.monotonic() < deadline:
                time.sleep(0.05)
                waiting = list(
                    admin.execute(
                        text(
                            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                            " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                        )
                    ).scalars()
                )
            assert waiting, "the write never reached the lock"
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": waiting[0]})
            writer.join(timeout=10)
        r = result["r"]
        assert r.status_code == 503
        assert r.headers["content-type"] == "application/problem+json"
        assert r.headers["retry-after"] == "1"
        assert _count(admin, "article") == articles
        ready = client.get("/readyz")
        assert ready.status_code == 200 and ready.json()["database"] == "reachable"
        assert client.post("/v1/articles", json=_article(2), headers=auth).status_code == 201
        assert _count(admin, "article") == articles + 1


def test_readyz_reports_a_database_that_is_gone(pg_url: str) -> None:
    name = make_url(pg_url).database
    server = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")  # connected elsewhere on the server
    try:
        with TestClient(create_app(make_settings(pg_url, sync_interval_seconds=0))) as client, server.connect() as conn:
            assert client.get("/readyz").status_code == 200
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            try:
                kill = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"
                conn.execute(text(kill), {"d": name})
                down = client.get("/readyz")
                assert down.status_code == 503
                assert down.json()["database"].startswith("unreachable")
                gone = client.get("/v1/articles")
                assert gone.status_code == 503 and gone.headers["retry-after"] == "1"
            finally:
                conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
            assert client.get("/readyz").status_code == 200
            assert client.get("/v1/articles").status_code == 200
    finally:
        server.dispose()
