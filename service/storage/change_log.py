"""The statement change log: written with every statement write, read by every process.

A follower reads entries above its cursor and re-reads each changed statement's current
state, so applying an entry twice, or out of order, leaves the same result. Entries are read
again a little below the cursor because, on PostgreSQL, a transaction can commit an id lower
than one already seen (ids are taken at insert, rows become visible at commit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert
from sqlmodel import Session, col, select

from service.storage.tables import StatementChange, utcnow

# How far below the cursor a follower reads again, in log entries: far more than the writes
# that can be in flight at once, so none is missed however commits interleave.
LOOKBACK_ENTRIES = 1000


def record(session: Session, quote_ids: Iterable[str]) -> None:
    """Log that these statements changed, inside the caller's transaction."""
    rows = [{"quote_id": qid, "created_at": utcnow()} for qid in quote_ids]
    if rows:
        session.execute(insert(StatementChange), rows)


def latest_id(session: Session) -> int:
    return int(session.exec(select(func.coalesce(func.max(StatementChange.id), 0))).one() or 0)


def since(session: Session, cursor: int, *, limit: int = 10_000) -> Sequence[tuple[int, str]]:
    """Entries above `cursor - LOOKBACK_ENTRIES`, oldest first."""
    stmt = (
        select(StatementChange.id, StatementChange.quote_id)
        .where(col(StatementChange.id) > cursor - LOOKBACK_ENTRIES)
        .order_by(col(StatementChange.id))
        .limit(limit)
    )
    return [(int(i), q) for i, q in session.exec(stmt).all()]  # type: ignore[arg-type]


def prune(session: Session, *, older_than: timedelta) -> int:
    """Drop entries every running process has long since applied.

    The newest LOOKBACK_ENTRIES ids always stay. SQLite numbers a row one above the largest id
    in the table, so an emptied log would hand out ids from 1 again, below every follower's
    cursor. And on PostgreSQL an entry can commit after a higher one was read: a follower, or a
    start catching an index snapshot up, reads that far below its cursor again, so an entry that
    committed late is still there to be read, however long ago the last write was.
    """
    cutoff: datetime = utcnow() - older_than
    newest = select(func.max(StatementChange.id)).scalar_subquery()
    result = session.execute(
        delete(StatementChange).where(
            col(StatementChange.created_at) < cutoff, col(StatementChange.id) <= newest - LOOKBACK_ENTRIES
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
