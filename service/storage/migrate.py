"""Bring a database to the head migration and seed it, safely when several processes start at once."""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, select

from service.storage.database import is_sqlite
from service.storage.seed import seed
from service.storage.tables import Article

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
# Any constant works; it names the PostgreSQL advisory lock that serialises start-up migrations.
_PG_LOCK_KEY = 0x51554F54  # "QUOT"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _startup_lock(engine: Engine) -> Iterator[Connection]:
    """Hold a lock across processes while migrating: a file lock for SQLite, an advisory lock for PostgreSQL."""
    if is_sqlite(str(engine.url)):
        database = engine.url.database or "memory"
        lock_path = Path(f"{database}.migrate-lock") if database != ":memory:" else None
        handle = open(lock_path, "w") if lock_path else None  # noqa: SIM115
        try:
            if handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
            with engine.connect() as conn:
                yield conn
        finally:
            if handle:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
        return
    with engine.connect() as conn:
        # Migrating may build indexes on large tables, and waiting for another process's migration
        # is expected: neither is bounded by the request timeouts. The settings last for this
        # connection's session, and are reset before it returns to the pool.
        conn.execute(text("SET statement_timeout = 0"))
        conn.execute(text("SET lock_timeout = 0"))
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK_KEY})
        conn.commit()
        try:
            yield conn
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_KEY})
            conn.execute(text("RESET statement_timeout"))
            conn.execute(text("RESET lock_timeout"))
            conn.commit()


def upgrade(engine: Engine, *, seed_empty: bool = False) -> None:
    """Migrate to head; with `seed_empty`, store the seed article in a database with no articles."""
    with _startup_lock(engine) as conn:
        command.upgrade(alembic_config(conn), "head")
        conn.commit()
        if seed_empty:
            with Session(bind=conn) as session:
                if session.exec(select(func.count()).select_from(Article)).one() == 0:
                    result = seed(session)
                    session.commit()
                    log.info("seeded the database with %d statements", len(result.added))
            conn.commit()


def downgrade(engine: Engine, revision: str = "base") -> None:
    with _startup_lock(engine) as conn:
        command.downgrade(alembic_config(conn), revision)
        conn.commit()
