"""The live index: this process's matcher, loaded from the database and kept in step with it,
whoever wrote to it.

Writes through this process's API reach its matcher at once (on commit). Writes by other
workers, other replicas or `python -m service import` reach it through the change log,
which a background thread reads every `SYNC_INTERVAL_SECONDS`.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from service.matching import Matcher, SpeakerRef, Statement
from service.storage import change_log, quote_store
from service.storage.tables import Quote, Speaker

log = logging.getLogger(__name__)

# Log entries older than this are pruned: a process that was away longer reloads everything
# at start anyway, so nothing still running needs them.
RETENTION = timedelta(hours=1)
# Prune once every this many polls: pruning is a write, polling is not.
PRUNE_EVERY = 300


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
    """A matcher holding every stored statement; one SpeakerRef per speaker, shared."""
    with Session(engine) as session:
        refs = {s.id: speaker_ref(s) for s in quote_store.all_speakers(session)}
        rows = quote_store.iter_statement_rows(session)
        return Matcher(Statement(qid, text, kind, refs[sid]) for qid, text, kind, sid in rows)


class ChangeFollower:
    """Applies change-log entries above a cursor to a matcher; one per process."""

    def __init__(self, engine: Engine, matcher: Matcher, *, cursor: int, interval: float) -> None:
        self.engine = engine
        self.matcher = matcher
        self.cursor = cursor
        self.interval = interval
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


def start_matcher(engine: Engine, *, interval: float) -> tuple[Matcher, ChangeFollower]:
    """Load every statement and start following changes made from then on.

    The cursor is read before loading, so a change made during the load is applied again
    afterwards (harmlessly) rather than missed.
    """
    with Session(engine) as session:
        cursor = change_log.latest_id(session)
    matcher = load_matcher(engine)
    follower = ChangeFollower(engine, matcher, cursor=cursor, interval=interval)
    follower.start()
    return matcher, follower
