"""bulk_store, the import path: idempotent, one transaction per batch, the same on both databases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from service.storage.database import make_engine, unit_of_work
from service.storage.statement_store import ArticleRecord, SpeakerRecord, StatementRecord, bulk_store
from service.storage.tables import Quote, Speaker, StatementChange


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def rows(n: int, *, start: int = 0) -> list[tuple[ArticleRecord, StatementRecord]]:
    article = ArticleRecord(title="Hearing", url="https://example.org/hearing", publisher="Example Times")
    speaker = SpeakerRecord("Ana Ruiz", "Senate", "Senator", aliases=("Senator Ruiz", 'A. "Ana" Ruiz\\tab'))
    return [
        (article, StatementRecord(f"Statement number {i}, with\ta tab and a\nnewline", "direct", speaker))
        for i in range(start, start + n)
    ]


def counts(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        quotes = session.exec(select(func.count()).select_from(Quote)).one()
        logged = session.exec(select(func.count()).select_from(StatementChange)).one()
    return quotes, logged


def test_a_batch_is_stored_once_with_its_text_and_aliases_intact(engine: Engine) -> None:
    quotes_before, logged_before = counts(engine)
    with unit_of_work(engine) as session:
        assert bulk_store(session, rows(300)) == (300, 0)
    with unit_of_work(engine) as session:
        assert bulk_store(session, rows(350)) == (50, 300)  # re-import adds only what is new
    assert counts(engine) == (quotes_before + 350, logged_before + 350)
    with Session(engine) as session:
        texts = set(session.exec(select(Quote.text).where(col(Quote.text).like("Statement number %"))).all())
        speaker = session.exec(select(Speaker).where(col(Speaker.name) == "Ana Ruiz")).one()
    assert "Statement number 7, with\ta tab and a\nnewline" in texts and len(texts) == 350
    assert speaker.aliases == ["Senator Ruiz", 'A. "Ana" Ruiz\\tab']


def test_a_failing_batch_leaves_nothing_behind(engine: Engine) -> None:
    before = counts(engine)
    with pytest.raises(RuntimeError), unit_of_work(engine) as session:
        bulk_store(session, rows(100))
        raise RuntimeError("the import stopped after storing the batch")
    assert counts(engine) == before


def test_an_import_remembers_only_the_speakers_of_batches_that_committed(engine: Engine) -> None:
    """The next batch skips looking up the speakers earlier batches stored; a rolled-back batch's
    speaker is not among them, so a later batch still stores that person before their statements."""
    stored: set[str] = set()
    newcomer = SpeakerRecord("Tomasz Wierzbicki")
    later = ArticleRecord(title="Second hearing", url="https://example.org/hearing-2")
    with pytest.raises(RuntimeError), unit_of_work(engine) as session:
        bulk_store(
            session,
            [(later, StatementRecord("We will appeal the ruling.", "direct", newcomer))],
            stored_speakers=stored,
        )
        raise RuntimeError("the batch failed")
    assert stored == set()
    with unit_of_work(engine) as session:
        assert bulk_store(session, rows(10), stored_speakers=stored) == (10, 0)
    assert len(stored) == 1  # Ana Ruiz, once committed
    with unit_of_work(engine) as session:
        batch = [*rows(5, start=10), (later, StatementRecord("We will appeal the ruling.", "direct", newcomer))]
        assert bulk_store(session, batch, stored_speakers=stored) == (6, 0)
    with Session(engine) as session:
        assert (
            session.exec(select(func.count()).select_from(Speaker).where(col(Speaker.name) == newcomer.name)).one() == 1
        )
    assert len(stored) == 2
