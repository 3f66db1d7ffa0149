"""The live index: this process's matcher, loaded from the database and kept in step with it,
whoever wrote to it.

Writes through this process's API reach its matcher at once (on commit). Writes by other
workers, other replicas or `python -m service import` reach it through the change log,
which a background thread reads every `SYNC_INTERVAL_SECONDS`.

With an index directory, a start maps the snapshot found there (see `matching.snapshot`) and
catches up from the change log, instead of reading every statement; a snapshot that cannot be
caught up (too old for the log, of another database, damaged) is rebuilt from the database and
persisted again in the background.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from service.matching import Matcher, SpeakerRef, Statement, snapshot
from service.storage import change_log, quote_store
from service.storage.tables import Quote, Speaker

log = logging.getLogger(__name__)

# Log entries older than this are pruned: a process that was away longer reloads everything
# at start anyway, so nothing still running needs them.
RETENTION = timedelta(hours=1)
# Prune once every this many polls: pruning is a write, polling is not.
PRUNE_EVERY = 300
# A snapshot with writes since it is caught up from the change log only while the log surely still
# holds them all: younger than RETENTION, less this margin for clocks that disagree.
SNAPSHOT_MARGIN = timedelta(minutes=5)
# A process that applied changes re-persists the snapshot once it is this old, so that the next
# start can still catch up from the log rather than rebuild.
SNAPSHOT_REFRESH = RETENTION / 2


def to_statement(quote: Quote, speaker: Speaker) -> Statement:
    return Statement(quote.id, quote.text, quote.kind, speaker_ref(speaker))


def speaker_ref(speaker: Speaker) -> SpeakerRef:
    return SpeakerRef(
        speaker.name,
        speaker.affiliation,
        speaker.role,
        tuple(speaker.aliases or ()),
        speaker.anonymous,
        speaker.unattributed,
    )


def load_matcher(engine: Engine) -> Matcher:
    """A matcher holding every stored statement, laid into flat arrays as they stream in (no
    object per statement); one SpeakerRef per speaker, shared."""
    with Session(engine) as session:
        refs = {s.id: speaker_ref(s) for s in quote_store.all_speakers(session)}
        rows = quote_store.iter_statement_rows(session)
        return Matcher.loaded((qid, text, kind, refs[sid]) for qid, text, kind, sid in rows)


class ChangeFollower:
    """Applies change-log entries above a cursor to a matcher; one per process."""

    def __init__(
        self, engine: Engine, matcher: Matcher, *, cursor: int, interval: float, keeper: SnapshotKeeper | None = None
    ) -> None:
        self.engine = engine
        self.matcher = matcher
        self.cursor = cursor
        self.interval = interval
        self.keeper = keeper
        self._applied: set[int] = set()
        self._polls = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll(self) -> int:
        """Apply new entries once; returns how many statements were refreshed."""
        with Session(self.engine) as session:
            entries = [(i, q) for i, q in change_log.since(session, self.cursor) if i not in self._applied]
            if not entries:
                return 0
            changed = list(dict.fromkeys(q for _, q in entries))
            current = {q.id: (q, s) for q, s in quote_store.quotes_with_speakers(session, changed)}
        for quote_id in changed:
            if quote_id in current:
                self.matcher.add(to_statement(*current[quote_id]))
            else:
                self.matcher.remove(quote_id)
        self._applied.update(i for i, _ in entries)
        self.cursor = max(self.cursor, max(i for i, _ in entries))
        floor = self.cursor - change_log.LOOKBACK_ENTRIES
        self._applied = {i for i in self._applied if i > floor}
        return len(changed)

    def catch_up(self) -> int:
        """Apply everything logged above the cursor, however much; returns how many statements."""
        total = 0
        while refreshed := self.poll():
            total += refreshed
        return total

    def _prune(self) -> None:
        with Session(self.engine) as session:
            removed = change_log.prune(session, older_than=RETENTION)
            session.commit()
        if removed:
            log.info("pruned %d change-log entries", removed)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                refreshed = self.poll()
                if refreshed:
                    log.info("applied %d statement changes from the change log", refreshed)
                    if self.keeper is not None:
                        self.keeper.refresh_if_old(self.cursor)
                self._polls += 1
                if self._polls % PRUNE_EVERY == 0:
                    self._prune()
            except SQLAlchemyError as exc:  # the database is down or busy: try again next time
                log.warning("change log not readable: %s", type(exc).__name__)

    def start(self) -> None:
        if self.interval > 0:
            self._thread = threading.Thread(target=self._run, name="change-follower", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


def database_identity(engine: Engine) -> str:
    """Which database a snapshot belongs to: its URL without the password (an SQLite file by its
    absolute path)."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        url = url.set(database=str(Path(url.database).resolve()))
    return url.render_as_string(hide_password=True)


class SnapshotKeeper:
    """Writes this process's matcher as the snapshot of an index directory, in the background."""

    def __init__(
        self, engine: Engine, matcher: Matcher, directory: Path, *, written_at: float = 0.0, cursor: int = -1
    ) -> None:
        self.matcher = matcher
        self.directory = directory
        self.database = database_identity(engine)
        self.written_at = written_at
        self.cursor = cursor  # the change-log position of the snapshot in force
        self._thread: threading.Thread | None = None

    def persist(self, cursor: int) -> snapshot.SnapshotInfo | None:
        """Write the snapshot now; None when another process is writing one."""
        try:
            info = snapshot.write(self.matcher, self.directory, cursor=cursor, database=self.database)
        except snapshot.SnapshotBusy:
            return None
        self.written_at, self.cursor = info.created_at, cursor
        log.info("index snapshot %s written: %d statements, change log at %d", info.name, info.statements, cursor)
        return info

    def persist_in_background(self, cursor: int) -> threading.Thread:
        def run() -> None:
            try:
                self.persist(cursor)
            except OSError as exc:  # a full or read-only disk: serve on, rebuild at the next start
                log.warning("index snapshot not written: %s", exc)

        self._thread = threading.Thread(target=run, name="index-snapshot", daemon=True)
        self._thread.start()
        return self._thread

    def join(self, timeout: float | None = None) -> None:
        """Wait for a background write to finish (a process about to exit may just leave it)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def refresh_if_old(self, cursor: int) -> None:
        """Re-persist when the log has moved past the snapshot and the snapshot is getting old."""
        running = self._thread is not None and self._thread.is_alive()
        old = time.time() - self.written_at > SNAPSHOT_REFRESH.total_seconds()
        if cursor > self.cursor and old and not running:
            self.persist_in_background(cursor)


def build_snapshot(engine: Engine, directory: Path) -> snapshot.SnapshotInfo | None:
    """Read every statement from the database and persist them as the snapshot of `directory`
    (after an import, or on demand); None when another process is writing one."""
    with Session(engine) as session:
        cursor = change_log.latest_id(session)
    matcher = load_matcher(engine)
    return SnapshotKeeper(engine, matcher, directory).persist(cursor)


def _restored(
    engine: Engine, directory: Path, *, cursor: int, interval: float
) -> tuple[Matcher, ChangeFollower] | None:
    """The snapshot in `directory`, caught up from the change log; None when it cannot be trusted."""
    found = snapshot.read(directory, database=database_identity(engine))
    if found is None:
        return None
    info = found.info
    age = time.time() - info.created_at
    if info.cursor > cursor:
        log.warning(
            "index snapshot %s is ahead of the change log (%d > %d); rebuilding", info.name, info.cursor, cursor
        )
        return None
    if info.cursor < cursor and age > (RETENTION - SNAPSHOT_MARGIN).total_seconds():
        log.warning("index snapshot %s is older than the change log keeps; rebuilding", info.name)
        return None
    keeper = SnapshotKeeper(engine, found.matcher, directory, written_at=info.created_at, cursor=info.cursor)
    follower = ChangeFollower(engine, found.matcher, cursor=info.cursor, interval=interval, keeper=keeper)
    follower.catch_up()
    with Session(engine) as session:
        stored = quote_store.count_quotes(session)
    if stored != len(found.matcher):
        log.warning(
            "index snapshot %s holds %d statements, the database %d; rebuilding", info.name, len(found.matcher), stored
        )
        return None
    keeper.refresh_if_old(follower.cursor)
    return found.matcher, follower


def start_matcher(engine: Engine, *, interval: float, index_dir: Path | None = None) -> tuple[Matcher, ChangeFollower]:
    """The statements, from the snapshot in `index_dir` when it can be caught up, else from the
    database (then persisted there in the background), and a follower of the changes made since.

    The cursor is read before loading, so a change made during the load is applied again
    afterwards (harmlessly) rather than missed.
    """
    with Session(engine) as session:
        cursor = change_log.latest_id(session)
    restored = _restored(engine, index_dir, cursor=cursor, interval=interval) if index_dir is not None else None
    if restored is not None:
        matcher, follower = restored
        follower.start()
        return matcher, follower
    matcher = load_matcher(engine)
    keeper = SnapshotKeeper(engine, matcher, index_dir) if index_dir is not None else None
    follower = ChangeFollower(engine, matcher, cursor=cursor, interval=interval, keeper=keeper)
    follower.start()
    if keeper is not None:
        keeper.persist_in_background(cursor)
    return matcher, follower
