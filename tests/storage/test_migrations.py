"""Migrations: empty to head and back down, one head, and models that match the migrated schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from service.storage import migrate
from service.storage.database import make_engine

TABLES = {"article", "speaker", "quote", "statement_change", "api_key", "saved_check", "quote_appearance"}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'empty.db'}" if request.param == "sqlite" else request.getfixturevalue("empty_pg_url")
    engine = make_engine(url)
    yield engine
    engine.dispose()


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_single_head() -> None:
    assert len(ScriptDirectory.from_config(migrate.alembic_config()).get_heads()) == 1


def test_upgrade_from_empty_then_downgrade_to_base(empty_engine: Engine) -> None:
    assert tables(empty_engine) == set()
    migrate.upgrade(empty_engine)
    assert tables(empty_engine) == TABLES
    with empty_engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
    migrate.downgrade(empty_engine, "base")
    assert tables(empty_engine) == set()
    migrate.upgrade(empty_engine)
    assert tables(empty_engine) == TABLES


def test_models_match_the_migrated_schema(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, SQLModel.metadata) == []


def test_seeding_happens_once_and_only_into_an_empty_database(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine, seed_empty=True)
    migrate.upgrade(empty_engine, seed_empty=True)
    with empty_engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM quote").scalar() == 23
        assert conn.exec_driver_sql("SELECT count(*) FROM article").scalar() == 1
