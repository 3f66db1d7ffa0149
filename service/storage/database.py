"""Engine creation and the unit of work (one session, one transaction, commit once).

Storage discipline lives here. SQLite runs in WAL mode (readers never wait for the writer) with
a busy timeout, and a transaction that will write starts with `BEGIN IMMEDIATE`: it takes the
write lock before its first read, so a read-then-write (is this article stored? no: insert it)
cannot be overtaken by another writer between the two, and waiting for the lock happens up front,
under the busy timeout, rather than failing mid-transaction. Reads keep SQLite's deferred `BEGIN`,
which takes no lock in WAL mode, so verification never queues behind a writer.

PostgreSQL gets a pool that checks each connection before handing it out, and a statement and a
lock timeout, so a stuck query or a long-held lock costs one request, not a worker.

Whatever the database, an error that means "try again" (locked, busy, timed out, connection
lost) leaves the unit of work as `UnavailableError`: the transaction is rolled back, so nothing
is half-written, and the client gets a 503 with Retry-After.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session, create_engine

from service.errors import InvalidInputError, UnavailableError

log = logging.getLogger(__name__)

# SQLite waits this long for another writer's lock before giving up with "database is locked";
# PostgreSQL uses it as lock_timeout. 5 s outlasts any single write this service makes (the
# largest, a 1,000-line import batch, commits in well under a second) yet fails a request well
# before a client or proxy (typically 30-60 s) gives up on it.
DEFAULT_BUSY_TIMEOUT_MS = 5000
# PostgreSQL cancels a statement running longer than this. Every request's query is an indexed
# lookup of at most a few hundred rows (milliseconds); 10 s means something is wrong.
DEFAULT_STATEMENT_TIMEOUT_MS = 10_000
# Execution option naming how a SQLite transaction begins.
_SQLITE_BEGIN = "sqlite_begin"
_IMMEDIATE = "IMMEDIATE"
# Names the PostgreSQL advisory lock writers take in turn; any constant distinct from the
# migration lock's works.
_PG_WRITE_LOCK_KEY = 0x51574C4B  # "QWLK"
# Session.info flag: the session's transaction holds a connection (it has begun in the database).
_BEGUN = "database_transaction_begun"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def reads_are_local(engine: Engine) -> bool:
    """Whether a short read can run on the event loop rather than in a worker thread.

    SQLite in WAL mode reads a file in this process, from the page cache once warm, and a reader
    never waits for a writer: reading a verification's few cited rows takes a fraction of a
    millisecond, less than handing the read to a thread and back on a busy machine. PostgreSQL
    is a network round trip that can stall, so it always goes to a thread.
    """
    return engine.dialect.name == "sqlite"


def make_engine(
    url: str,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    statement_timeout_ms: int = DEFAULT_STATEMENT_TIMEOUT_MS,
) -> Engine:
    """An engine for `url`: SQLite in WAL with a busy timeout, enforced foreign keys and explicit
    BEGINs; PostgreSQL with pre-ping, a statement timeout and a lock timeout (0: none)."""
    if is_sqlite(url):
        return _sqlite_engine(url, busy_timeout_ms=busy_timeout_ms)
    url = url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    options = f"-c statement_timeout={int(statement_timeout_ms)} -c lock_timeout={int(busy_timeout_ms)}"
    return create_engine(url, pool_pre_ping=True, connect_args={"options": options})


def _sqlite_engine(url: str, *, busy_timeout_ms: int) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None stops the sqlite3 module from issuing its own BEGINs, so the
    # "begin" listener below decides how every transaction starts (SQLAlchemy's pysqlite recipe).
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000, "isolation_level": None},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(_SQLITE_BEGIN)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == _IMMEDIATE else "BEGIN")

    return engine


def begin_write(session: Session) -> None:
    """Make the session's transaction a write transaction: one writer at a time, from here on.

    Call it first thing in an operation that writes, so the reads that decide what to write
    ("is this article stored already?") and the writes themselves are not overtaken by another
    writer in between. Without it, two clients posting the same article both find it absent,
    and all but one fail on a unique constraint instead of being told it is stored.

    SQLite: the transaction begins with `BEGIN IMMEDIATE`, taking the write lock now (waiting
    up to the busy timeout). If the session has already read, its transaction stays deferred
    and takes the lock at its first write. PostgreSQL: a transaction-scoped advisory lock,
    released at commit or rollback (waiting up to the lock timeout); as each statement reads
    the latest committed rows, the reads after it see what the previous writer stored.
    """
    if session.get_bind().dialect.name == "sqlite":
        if not session.info.get(_BEGUN):
            session.connection(execution_options={_SQLITE_BEGIN: _IMMEDIATE})
        return
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK_KEY})


@event.listens_for(Session, "after_begin")
def _mark_begun(session: Session, _transaction: object, _connection: Connection) -> None:
    session.info[_BEGUN] = True


@event.listens_for(Session, "after_transaction_end")
def _mark_ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_BEGUN, None)


def on_commit(session: Session, callback: Callable[[], None]) -> None:
    """Run `callback` once the session's transaction has committed (never on rollback).

    The in-memory matcher must only learn about rows that really exist in the database.
    """
    session.info.setdefault("on_commit", []).append(callback)


@event.listens_for(Session, "after_commit")
def _run_on_commit(session: Session) -> None:
    for callback in session.info.pop("on_commit", []):
        callback()


@event.listens_for(Session, "after_rollback")
def _drop_on_commit(session: Session) -> None:
    session.info.pop("on_commit", None)


def is_retryable(exc: BaseException) -> bool:
    """Whether a database error means "try again later" rather than "this request is wrong".

    OperationalError covers SQLite's locked/busy/full, and PostgreSQL's lost connections,
    statement and lock timeouts, deadlocks and serialisation failures; a connection found dead
    mid-request may also surface as another DBAPIError flagged as invalidated.
    """
    return isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated)


def unavailable(exc: DBAPIError) -> UnavailableError:
    """The client-facing form of a retryable database error; the driver's message is only logged."""
    log.warning("database unavailable: %s: %s", type(exc.orig).__name__, str(exc.orig).splitlines()[0][:200])
    if getattr(exc.orig, "sqlite_errorname", None) == "SQLITE_FULL" or "No space left" in str(exc.orig):
        return UnavailableError("the database has no space left for this write; nothing was changed")
    return UnavailableError("the database is busy or unreachable; nothing was changed, retry shortly")


@contextmanager
def unit_of_work(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """A session whose work commits once at the end, or rolls back entirely on error.

    With `write`, the transaction begins as a write transaction (see `begin_write`). A retryable
    database error (see `is_retryable`) is raised as `UnavailableError` after the rollback, and
    a value the database refuses (DataError) as `InvalidInputError`.
    """
    with Session(engine, expire_on_commit=False) as session:
        try:
            if write:
                begin_write(session)
            yield session
            session.commit()
        except BaseException as exc:
            try:
                session.rollback()
            except DBAPIError:  # the connection died with the transaction: nothing left to undo
                log.debug("rollback on a dead connection", exc_info=True)
            _raise_for_client(exc)
            raise


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A plain connection for reads that need no ORM objects, with the errors `unit_of_work` gives.

    Reading the rows a verification cites as tuples costs about a quarter of loading them as ORM
    entities through a session (0.22 against 0.85 ms for five rows on SQLite), and verification
    is the request the service answers most. On PostgreSQL the connection runs in autocommit: a
    single query reads one consistent snapshot on its own, and leaving out BEGIN and ROLLBACK
    saves two round trips (three rows at a million statements: 1.64-1.84 against 0.83-0.85 ms).
    Anything else is rolled back when the block ends.
    """
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                conn.execution_options(isolation_level="AUTOCOMMIT")
            yield conn
    except BaseException as exc:
        _raise_for_client(exc)
        raise


def _raise_for_client(exc: BaseException) -> None:
    """Raise the client-facing form of a database error, if it has one."""
    if isinstance(exc, DBAPIError) and is_retryable(exc):
        raise unavailable(exc) from exc
    if isinstance(exc, DataError):  # a value the column cannot hold: NUL in PostgreSQL text, ...
        log.info("value refused by the database: %s", str(exc.orig).splitlines()[0][:200])
        raise InvalidInputError("a value in the request cannot be stored or looked up") from exc
