"""Queries on speakers, and which stored speaker a newly named one is."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

from sqlalchemy import Text, cast, func
from sqlmodel import Session, col, select

from service.errors import NotFoundError
from service.matching import SpeakerRef, speaker_matches
from service.storage import change_log
from service.storage.pagination import Page, decode_cursor, page_of
from service.storage.statement_store import SpeakerRecord
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


# A stored name that resolves a new mention has at most this many words: longer "names" are
# organisations or descriptions ("the United Nations Security Council"), whose last word is no surname.
MAX_PERSON_NAME_WORDS = 4
# Lower-case words allowed inside a person's name ("Bill de Blasio", "Osama bin Laden").
_NAME_PARTICLES = frozenset("de del della di da van von der den bin al la le du dos das".split())


def _person_words(name: str) -> list[str] | None:
    """The words of a person's name, or None when ``name`` does not look like one."""
    words = name.replace(",", " ").split()
    if not words or len(words) > MAX_PERSON_NAME_WORDS:
        return None
    if not all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words):
        return None
    return words


def resolve_speaker(session: Session, record: SpeakerRecord) -> SpeakerRecord:
    """The stored person a named mention refers to, when the evidence is unambiguous.

    A new article often names someone more briefly than an earlier one ("Panetta" after "Leon
    Panetta"). The mention joins a stored person who shares its surname exactly and whom it could
    name (:func:`service.matching.speaker_matches`: no conflicting given name), the mention becoming
    an alias. Nothing is merged when two stored people could be meant ("Clinton" with both Bill and
    Hillary stored) unless the role or affiliation tells them apart, nor across a different given
    name ("Bill Panetta" stays apart from "Leon Panetta"). Anonymous sources are never merged.
    """
    words = None if record.anonymous else _person_words(record.name)
    if words is None:
        return record
    surname = words[-1].lower()
    if session.exec(select(Speaker.id).where(func.lower(Speaker.name) == record.name.lower())).first():
        return record  # already stored under this very name: that speaker is the one
    stmt = select(Speaker).where(
        col(Speaker.anonymous).is_(False),
        func.lower(Speaker.name).like(f"%{_escape_like(surname)}", escape="\\"),
    )
    candidates = []
    for stored in session.exec(stmt).all():
        stored_words = _person_words(stored.name)
        if stored_words is None or len(stored_words) < 2 or stored_words[-1].lower() != surname:
            continue  # a bare stored surname is itself ambiguous and never absorbs a fuller name
        ref = SpeakerRef(stored.name, stored.affiliation, stored.role, tuple(stored.aliases or ()))
        if speaker_matches(record.name, ref):
            candidates.append(stored)
    if len(candidates) > 1:
        candidates = [c for c in candidates if _same_office(record, c)]
    if len(candidates) != 1:
        return record
    found = candidates[0]
    aliases = tuple(dict.fromkeys((*record.aliases, record.name)))
    return replace(record, name=found.name, aliases=aliases)


def absorb_bare_surname(session: Session, record: SpeakerRecord) -> Speaker | None:
    """Give a stored bare-surname speaker the full name a later mention brings, when only they can be meant.

    Articles arrive in any order: "Panetta" may be stored before any article names "Leon Panetta".
    When the full name arrives, it is not stored yet, no other stored full name shares the surname
    (a namesake would make the bare surname ambiguous) and role and affiliation do not contradict
    each other, the bare speaker is renamed in place: its id, and so every link to it and the ids
    of its quotes, stay as they were; the surname becomes an alias. The renamed speaker's quotes go
    into the change log so every process's matcher rereads them with the full name.
    Returns the renamed speaker, or None when nothing was absorbed.
    """
    words = None if record.anonymous else _person_words(record.name)
    if words is None or len(words) < 2:
        return None
    surname = words[-1].lower()
    stmt = select(Speaker).where(
        col(Speaker.anonymous).is_(False),
        func.lower(Speaker.name).like(f"%{_escape_like(surname)}", escape="\\"),
    )
    bare: list[Speaker] = []
    for stored in session.exec(stmt).all():
        stored_words = _person_words(stored.name)
        if stored_words is None or stored_words[-1].lower() != surname:
            continue
        if len(stored_words) > 1:
            return None  # the full name itself, or a namesake: the bare surname is not this one's alone
        bare.append(stored)
    if len(bare) != 1 or _contradicts(record, bare[0]):
        return None
    found = bare[0]
    found.aliases = [a for a in dict.fromkeys((*found.aliases, found.name, *record.aliases)) if a != record.name]
    found.name = record.name.strip()
    found.role = found.role or record.role
    found.affiliation = found.affiliation or record.affiliation
    session.add(found)
    session.flush()
    change_log.record(session, session.exec(select(Quote.id).where(col(Quote.speaker_id) == found.id)).all())
    return found


def _contradicts(record: SpeakerRecord, stored: Speaker) -> bool:
    """Role or affiliation given on both sides with neither wording containing the other."""
    pairs = ((record.role, stored.role), (record.affiliation, stored.affiliation))
    return any(a and b and a.lower() not in b.lower() and b.lower() not in a.lower() for a, b in pairs)


def _same_office(record: SpeakerRecord, stored: Speaker) -> bool:
    """Role or affiliation given on both sides and equal: evidence that tells namesakes apart."""
    pairs = ((record.role, stored.role), (record.affiliation, stored.affiliation))
    return any(a and b and a.strip().lower() == b.strip().lower() for a, b in pairs)


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
