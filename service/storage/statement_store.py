"""Store an article with its statements, recognising what is already there.

Articles are the same when their URL or their normalised text is; statements when their
article, speaker, kind and normalised text are. Storing twice therefore adds nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, any_, cast, func, insert, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session, col, select

from service.errors import InvalidInputError, field_error
from service.storage import change_log, ids
from service.storage.database import on_commit
from service.storage.tables import Article, Quote, QuoteAppearance, Speaker, StatementChange, utcnow


@dataclass(frozen=True, slots=True)
class SpeakerRecord:
    name: str
    affiliation: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    anonymous: bool = False
    wikidata_id: str | None = None  # the person's identity, when a corpus gives it
    unattributed: bool = False  # nobody is known to have said the statement


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    title: str
    url: str | None = None
    publisher: str | None = None
    published_at: datetime | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class StatementRecord:
    text: str
    kind: str
    speaker: SpeakerRecord
    context: str | None = None
    start: int | None = None
    end: int | None = None
    # A corpus's own identifier of the statement ("quotebank:2020-01-16-000088"): its id is derived
    # from this instead of from its article and speaker, so a re-import finds it whatever changed.
    key: str | None = None
    speaker_probability: float | None = None
    occurrences: int | None = None
    first_seen_at: datetime | None = None
    appearances: tuple[str, ...] = ()  # other addresses it appeared at, besides its article


@dataclass
class StoreResult:
    article: Article
    article_created: bool
    added: list[tuple[Quote, Speaker]] = field(default_factory=list)
    skipped: list[tuple[Quote, Speaker]] = field(default_factory=list)


def upsert_article(session: Session, record: ArticleRecord) -> tuple[Article, bool]:
    text_hash = ids.content_hash(record.text) if record.text and record.text.strip() else None
    article_id = ids.article_id(url=record.url, text_hash=text_hash, title=record.title, publisher=record.publisher)
    existing = session.get(Article, article_id)
    if existing is None and record.url:
        existing = session.exec(select(Article).where(col(Article.url) == record.url)).first()
    if existing is None and text_hash:
        existing = session.exec(select(Article).where(col(Article.content_hash) == text_hash)).first()
    if existing is not None:
        return existing, False
    article = Article(
        id=article_id,
        title=record.title,
        url=record.url,
        publisher=record.publisher,
        published_at=record.published_at,
        text=record.text,
        content_hash=text_hash,
    )
    session.add(article)
    session.flush()
    return article, True


def upsert_speaker(session: Session, record: SpeakerRecord, *, article_id: str) -> Speaker:
    """The stored speaker for `record`, created or completed with what the record adds."""
    speaker_id = ids.speaker_id(name=record.name, anonymous=record.anonymous, article=article_id)
    speaker = session.get(Speaker, speaker_id) or _renamed(session, record)
    if speaker is None:
        speaker = Speaker(
            id=speaker_id,
            name=record.name.strip(),
            affiliation=record.affiliation,
            role=record.role,
            aliases=list(dict.fromkeys(a.strip() for a in record.aliases if a.strip())),
            anonymous=record.anonymous,
        )
        session.add(speaker)
        session.flush()
        return speaker
    new_aliases = [a for a in record.aliases if a.strip() and a not in speaker.aliases and a != speaker.name]
    if new_aliases:
        speaker.aliases = [*speaker.aliases, *new_aliases]
    speaker.affiliation = speaker.affiliation or record.affiliation
    speaker.role = speaker.role or record.role
    session.add(speaker)
    return speaker


def _renamed(session: Session, record: SpeakerRecord) -> Speaker | None:
    """A person stored under an id derived from an earlier, shorter name ("Panetta" before "Leon
    Panetta"): ids stay fixed when a speaker is renamed, so the current name finds them."""
    if record.anonymous:
        return None
    name = record.name.strip().lower()
    stmt = select(Speaker).where(col(Speaker.anonymous).is_(False), func.lower(Speaker.name) == name)
    return session.exec(stmt).first()


def _offsets(article: Article, record: StatementRecord, index: int) -> tuple[int | None, int | None]:
    text = article.text
    if record.start is None and record.end is None:
        if text:
            found = text.find(record.text)
            if found >= 0:
                return found, found + len(record.text)
        return None, None
    field = f"quotes.{index}"
    if record.start is None or record.end is None:
        raise InvalidInputError("start and end must be given together", errors=[field_error(field, "give both")])
    if text is None or not (0 <= record.start <= record.end <= len(text)):
        raise InvalidInputError(
            f"offsets {record.start}..{record.end} lie outside the article text",
            errors=[field_error(f"{field}.start", "outside the article text")],
        )
    if text[record.start : record.end] != record.text:
        raise InvalidInputError(
            f"the article text at {record.start}..{record.end} is not the quote text",
            errors=[field_error(f"{field}.text", "does not match the article text at the offsets")],
        )
    return record.start, record.end


def store_article(session: Session, article: ArticleRecord, statements: Sequence[StatementRecord]) -> StoreResult:
    """Store an article and its statements; what is already stored is skipped, not duplicated."""
    stored, created = upsert_article(session, article)
    result = StoreResult(stored, created)
    pending: set[str] = set()
    for index, record in enumerate(statements):
        speaker = upsert_speaker(session, record.speaker, article_id=stored.id)
        quote_id = ids.quote_id(article=stored.id, speaker=speaker.id, kind=record.kind, text=record.text)
        existing = session.get(Quote, quote_id)
        if existing is not None or quote_id in pending:
            result.skipped.append((existing or session.get(Quote, quote_id), speaker))  # type: ignore[arg-type]
            continue
        start, end = _offsets(stored, record, index)
        quote = Quote(
            id=quote_id,
            text=record.text,
            kind=record.kind,
            speaker_id=speaker.id,
            article_id=stored.id,
            context=record.context,
            char_start=start,
            char_end=end,
        )
        session.add(quote)
        pending.add(quote_id)
        result.added.append((quote, speaker))
    session.flush()
    change_log.record(session, [q.id for q, _ in result.added])
    return result


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _lookup(session: Session, column: Any, value: Any, keys: list[str], *, chunk: int = 500) -> dict[str, Any]:
    """`value` of the rows whose `column` is among `keys`, by key.

    On PostgreSQL the keys travel as one array parameter: a list of 500 parameters (`IN ($1,
    ...)`) is compared one by one once the driver prepares the statement and the server settles
    on a generic plan, which scanned a 31,000-row article table in 0.7 s per batch of an import.
    """
    if not keys:
        return {}
    if _is_postgresql(session):
        stmt = select(column, value).where(col(column) == any_(cast(keys, ARRAY(String))))
        return dict(session.exec(stmt).all())  # type: ignore[arg-type]
    found: dict[str, Any] = {}
    for i in range(0, len(keys), chunk):
        found.update(session.exec(select(column, value).where(col(column).in_(keys[i : i + chunk]))).all())
    return found


def _existing(session: Session, column: Any, keys: list[str]) -> set[str]:
    return set(_lookup(session, column, column, keys))


def _insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert many rows in the session's transaction: COPY on PostgreSQL, a multi-row insert elsewhere.

    COPY streams the rows in one round trip without parsing an INSERT per row, several times
    faster than even a batched insert; it still runs inside the batch's transaction, so a
    failing batch leaves nothing behind.
    """
    if not rows:
        return
    if not _is_postgresql(session):
        session.execute(insert(table), rows)
        return
    columns = list(rows[0])
    json_columns = {c.name for c in table.__table__.columns if isinstance(c.type, JSON)}
    names = ", ".join(f'"{c}"' for c in columns)
    driver = session.connection().connection.driver_connection
    assert driver is not None  # a live connection inside the batch's transaction
    first = rows[0]
    # A batch's rows share one timestamp object: written as text once, it costs the driver
    # nothing per row, where converting it again for every row took a third of the writing.
    shared = {
        i: first[c].isoformat()
        for i, c in enumerate(columns)
        if isinstance(first[c], datetime) and all(row[c] is first[c] for row in rows)
    }
    encoded = [i for i, c in enumerate(columns) if c in json_columns]
    with driver.cursor() as cursor, cursor.copy(f'COPY "{table.__tablename__}" ({names}) FROM STDIN') as copy:
        for row in rows:
            values = [row[c] for c in columns]
            for i, stamp in shared.items():
                values[i] = stamp
            for i in encoded:
                values[i] = json.dumps(values[i])
            copy.write_row(values)


def _resolve_articles(session: Session, records: Sequence[ArticleRecord]) -> list[str]:
    """Each record's article id: derived from its URL or title, or the stored article with its URL."""
    derived = [ids.article_id(url=a.url, text_hash=None, title=a.title, publisher=a.publisher) for a in records]
    by_url = _lookup(session, Article.url, Article.id, sorted({a.url for a in records if a.url}))
    return [by_url.get(a.url, aid) if a.url else aid for a, aid in zip(records, derived, strict=True)]


def _speaker_row(sid: str, sp: SpeakerRecord, now: datetime) -> dict[str, Any]:
    return {
        "id": sid,
        "name": sp.name.strip(),
        "affiliation": sp.affiliation,
        "role": sp.role,
        "aliases": list(sp.aliases),
        "anonymous": sp.anonymous,
        "wikidata_id": sp.wikidata_id,
        "unattributed": sp.unattributed,
        "created_at": now,
    }


def _identified_speakers(session: Session, records: Sequence[SpeakerRecord]) -> dict[str, str]:
    """The speaker id of each Wikidata item among `records`, adopting or creating the speaker.

    An item already stored keeps its speaker, whatever spelling the batch uses (a new spelling
    becomes an alias). An item not yet stored adopts the speaker of its name when that speaker
    has no item yet (the person stored from articles is the person the corpus identifies);
    otherwise a second person of that name gets a speaker of their own, named after the item.
    """
    spellings: dict[str, list[str]] = defaultdict(list)
    for sp in records:
        if sp.wikidata_id and sp.name.strip() not in spellings[sp.wikidata_id]:
            spellings[sp.wikidata_id].append(sp.name.strip())
    if not spellings:
        return {}
    found: dict[str, str] = _lookup(session, Speaker.wikidata_id, Speaker.id, list(spellings))
    unknown = [item for item in spellings if item not in found]
    by_name = {item: ids.speaker_id(name=spellings[item][0], anonymous=False, article=None) for item in unknown}
    holders = _lookup(session, Speaker.id, Speaker.wikidata_id, sorted(set(by_name.values())))
    assigned = dict(found)
    taken = set(found.values())
    for item in unknown:
        sid = by_name[item]
        if sid in holders and holders[sid] is None and sid not in taken:
            session.execute(update(Speaker).where(col(Speaker.id) == sid).values(wikidata_id=item))
            found[item] = sid  # adopted: stored already, so its new spellings are added below
        elif sid in holders or sid in taken:
            sid = ids.wikidata_speaker_id(item)
        assigned[item] = sid
        taken.add(sid)
    stored = {sid: item for item, sid in found.items()}
    names = _lookup(session, Speaker.id, Speaker.name, list(stored))
    aliases_of = _lookup(session, Speaker.id, Speaker.aliases, list(stored))
    for sid, name in names.items():
        aliases = aliases_of.get(sid)
        new = [n for n in spellings[stored[sid]] if n != name and n not in (aliases or [])]
        if new:
            session.execute(update(Speaker).where(col(Speaker.id) == sid).values(aliases=[*(aliases or []), *new]))
            # Every process matches the speaker's statements under the new spelling too.
            change_log.record(session, session.exec(select(Quote.id).where(col(Quote.speaker_id) == sid)).all())
    return assigned


def bulk_store(
    session: Session,
    rows: Sequence[tuple[ArticleRecord, StatementRecord]],
    *,
    stored_speakers: set[str] | None = None,
) -> tuple[int, int]:
    """Store many statements at once, as an import batch does. Returns (added, skipped).

    Ids are derived from content, so one query per table finds what already exists and the
    rest goes in with one multi-row insert per table, without an ORM object per row. Unlike
    `store_article`, an existing speaker is not completed with a role or affiliation the batch
    adds, and quote offsets are not looked up (import lines carry no article text).

    `stored_speakers` carries the speaker ids that earlier batches of one import stored or found,
    so they are not looked up again: at a million lines, fetching a batch's few thousand known
    speakers back cost more than storing its statements. Ids join it only once this batch commits.
    """
    now = utcnow()
    article_ids = _resolve_articles(session, [a for a, _ in rows])
    items = _identified_speakers(session, [s.speaker for _, s in rows])
    articles: dict[str, dict[str, Any]] = {}
    speakers: dict[str, dict[str, Any]] = {}
    quotes: dict[str, dict[str, Any]] = {}
    appearances: dict[str, tuple[str, ...]] = {}
    for (article, statement), aid in zip(rows, article_ids, strict=True):
        if aid not in articles:
            articles[aid] = {
                "id": aid,
                "title": article.title,
                "url": article.url,
                "publisher": article.publisher,
                "published_at": article.published_at,
                "text": None,
                "content_hash": None,
                "created_at": now,
            }
        sp = statement.speaker
        if sp.unattributed:
            sid = ids.UNATTRIBUTED_SPEAKER_ID
        elif sp.wikidata_id:
            sid = items[sp.wikidata_id]
        else:
            sid = ids.speaker_id(name=sp.name, anonymous=sp.anonymous, article=aid)
        row = speakers.get(sid)
        if row is None:
            row = speakers[sid] = _speaker_row(sid, sp, now)
        if sp.wikidata_id and sp.name.strip() != row["name"] and sp.name.strip() not in row["aliases"]:
            row["aliases"].append(sp.name.strip())  # one person, another spelling
        qid = (
            ids.corpus_quote_id(statement.key)
            if statement.key
            else ids.quote_id(article=aid, speaker=sid, kind=statement.kind, text=statement.text)
        )
        quotes.setdefault(
            qid,
            {
                "id": qid,
                "text": statement.text,
                "kind": statement.kind,
                "speaker_id": sid,
                "article_id": aid,
                "context": statement.context,
                "char_start": None,
                "char_end": None,
                "speaker_probability": statement.speaker_probability,
                "occurrences": statement.occurrences,
                "first_seen_at": statement.first_seen_at,
                "created_at": now,
            },
        )
        if statement.appearances:
            appearances.setdefault(qid, statement.appearances)
    for item, sid in items.items():
        if sid in speakers:  # a new row takes its item whichever line made it (one without an item may have)
            speakers[sid]["wikidata_id"] = item
    known = stored_speakers if stored_speakers is not None else set()
    new_quotes: list[dict[str, Any]] = []
    for table, column, pending in (
        (Article, Article.id, articles),
        (Speaker, Speaker.id, {sid: row for sid, row in speakers.items() if sid not in known}),
        (Quote, Quote.id, quotes),
    ):
        existing = _existing(session, column, list(pending))
        new = [row for key, row in pending.items() if key not in existing]
        _insert(session, table, new)
        if table is Quote:
            new_quotes = new
    _insert(
        session,
        QuoteAppearance,
        [
            {"quote_id": q["id"], "position": i, "url": url}
            for q in new_quotes
            for i, url in enumerate(appearances.get(q["id"], ()))
        ],
    )
    _insert(session, StatementChange, [{"quote_id": q["id"], "created_at": now} for q in new_quotes])
    if stored_speakers is not None:
        on_commit(session, lambda: stored_speakers.update(speakers))
    return len(new_quotes), len(rows) - len(new_quotes)
