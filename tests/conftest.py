"""Real databases for every test: a fresh SQLite file, and a fresh PostgreSQL database.

The web stack (FastAPI, the app) is imported only by the tests that use it.

Both are copies of a template migrated and seeded once per session, so each test starts from
the same seeded state in a few milliseconds and can commit freely without touching others.
PostgreSQL is required: the suite fails, rather than skips, when the server is not there.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from service.storage import migrate
from service.storage.database import make_engine
from tests.factories import API_KEY, fresh_sqlite_url, make_settings
from tests.seed_fixtures import seed_matcher, seed_statements

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

__all__ = ["seed_matcher", "seed_statements"]  # fixtures for every test

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_counter = itertools.count()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, seed_empty=True)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@contextmanager
def pg_database(name: str, *, template: str | None = None) -> Iterator[str]:
    """Create a PostgreSQL database (a copy of `template`, if given) and drop it afterwards."""
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _scratch_name() -> str:
    return f"qvs_{os.getpid()}_{next(_counter)}"


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    name = f"qvs_template_{os.getpid()}"
    with pg_database(name) as url:
        engine = make_engine(url)
        migrate.upgrade(engine, seed_empty=True)
        engine.dispose()
        yield name


@pytest.fixture
def empty_pg_url() -> Iterator[str]:
    """A PostgreSQL database with nothing in it, not even the schema."""
    with pg_database(_scratch_name()) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, seeded database of each kind, private to the test."""
    if request.param == "sqlite":
        yield fresh_sqlite_url(request.getfixturevalue("sqlite_template"), tmp_path)
        return
    with pg_database(_scratch_name(), template=request.getfixturevalue("pg_template")) as url:
        yield url


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """HTTP through the real ASGI app, on a real database, with one write key configured."""
    # Imported here: the engine tests (matching, extraction) run without the web stack.
    from fastapi.testclient import TestClient

    from service.app import create_app

    with TestClient(create_app(make_settings(db_url))) as c:
        yield c


@pytest.fixture
def auth() -> dict[str, str]:
    return {"X-API-Key": API_KEY}
