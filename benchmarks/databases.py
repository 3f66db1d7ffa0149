"""Scratch databases for the benchmarks: an SQLite file in a work directory, or a PostgreSQL
database created afresh on the server given (and dropped when done)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def fresh_database(kind: str, pg_url: str, workdir: Path, name: str) -> str:
    """The URL of an empty database called `name`: `workdir/name.db`, or on the PostgreSQL server."""
    if kind == "sqlite":
        return f"sqlite:///{workdir / f'{name}.db'}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(pg_url).set(database=name).render_as_string(hide_password=False)


def drop_database(kind: str, pg_url: str, name: str) -> None:
    if kind == "postgresql":
        admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
