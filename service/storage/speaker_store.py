"""Queries on speakers (which stored speaker a new mention names is decided in core.speaker_identity)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import Text, cast, func
from sqlmodel import Session, col, select

from service.errors import NotFoundError
from service.storage import change_log
from service.storage.pagination import Page, decode_cursor, page_of
from service.storage.tables import Quote, Speaker


def get_speaker(session: Session, speaker_id: str) -> Speaker:
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        raise NotFoundError(f"no speaker with id {speaker_id!r}")
    return speaker


def list_speakers(session: Session, *, limit: int, cursor: str | None, query: str | None = None) -> Page[Speaker]:
    stmt = select(Speaker)
    if query:
        stmt = stmt.where(func.lower(Speaker.name).like(f"%{query.lower()}%"))
    after = decode_cursor(cursor)
    if after is not None:
        stmt = stmt.where(col(Speaker.id) > after)
    rows = list(session.exec(stmt.order_by(col(Speaker.id)).limit(limit + 1)).all())
    return page_of(rows, limit, rows[limit - 1].id if len(rows) > limit else None)


def quote_counts(session: Session, speaker_ids: list[str]) -> dict[str, int]:
    if not speaker_ids:
        return {}
    stmt = (
        select(Quote.speaker_id, func.count())
        .where(col(Quote.speaker_id).in_(speaker_ids))
        .group_by(col(Quote.speaker_id))
    )
    return {sid: n for sid, n in session.exec(stmt).all()}


def has_speaker_named(session: Session, name: str) -> bool:
    """Whether a speaker is stored under this very name (case aside)."""
    return session.exec(select(Speaker.id).where(func.lower(Speaker.name) == name.lower())).first() is not None


def named_speakers_ending(session: Session, surname: str) -> list[Speaker]:
    """The named (not anonymous) speakers whose name ends with `surname`, case aside."""
    stmt = select(Speaker).where(
        col(Speaker.anonymous).is_(False),
        func.lower(Speaker.name).like(f"%{_escape_like(surname.lower())}", escape="\\"),
    )
    return list(session.exec(stmt).all())


def rename_speaker(
    session: Session, speaker: Speaker, *, name: str, aliases: list[str], role: str | None, affiliation: str | None
) -> None:
    """Give a stored speaker another name in place (its id, links and quote ids stay), and log its
    quotes as changed so every process's matcher rereads them."""
    speaker.aliases, speaker.name, speaker.role, speaker.affiliation = aliases, name, role, affiliation
    session.add(speaker)
    session.flush()
    change_log.record(session, session.exec(select(Quote.id).where(col(Quote.speaker_id) == speaker.id)).all())


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def speaker_names(session: Session) -> Iterator[tuple[str, str, list[str]]]:
    """(id, name, aliases) of every speaker, as plain rows: name lookups rank them in memory.

    Aliases are read as JSON text and decoded only when there are some: most speakers have
    none, and decoding every empty list took a large share of the read.
    """
    raw = cast(Speaker.aliases, Text)  # type: ignore[arg-type]
    stmt = select(Speaker.id, Speaker.name, raw).execution_options(yield_per=5000)
    for sid, name, aliases in session.execute(stmt):
        yield sid, name, json.loads(aliases) if aliases and aliases != "[]" else []


def names_version(session: Session) -> tuple[int, int]:
    """Changes when a speaker is added: speakers are written with their statements, and every
    statement write is logged. A process keeps the names it ranks until this changes."""
    count = int(session.exec(select(func.count()).select_from(Speaker)).one())
    return change_log.latest_id(session), count


def speakers_by_ids(session: Session, speaker_ids: list[str]) -> dict[str, Speaker]:
    if not speaker_ids:
        return {}
    return {s.id: s for s in session.exec(select(Speaker).where(col(Speaker.id).in_(speaker_ids))).all()}
