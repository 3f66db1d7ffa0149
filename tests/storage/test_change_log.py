"""The change log's pruning: old entries go, but never the newest LOOKBACK_ENTRIES ids."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, update
from sqlmodel import Session, col, func, select

from service.storage import change_log
from service.storage.database import make_engine
from service.storage.tables import StatementChange, utcnow


def test_pruning_keeps_the_newest_entries_and_ids_keep_rising(db_url: str) -> None:
    engine = make_engine(db_url)
    with Session(engine) as session:
        session.execute(insert(StatementChange), [{"quote_id": f"q{i}", "created_at": utcnow()} for i in range(1500)])
        session.execute(update(StatementChange).values(created_at=utcnow() - timedelta(hours=3)))  # all long applied
        session.commit()
        newest = change_log.latest_id(session)
        removed = change_log.prune(session, older_than=timedelta(hours=1))
        session.commit()
        assert removed > 0
        low = session.exec(select(func.min(StatementChange.id))).one()
        assert low == newest - change_log.LOOKBACK_ENTRIES + 1  # what a late commit needs to be read again
        change_log.record(session, ["after"])
        session.commit()
        assert session.exec(select(StatementChange.id).where(col(StatementChange.quote_id) == "after")).one() > newest
    engine.dispose()
