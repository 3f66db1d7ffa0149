"""Queries on quotes. Every quote is read together with its speaker and article title."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, or_
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from service.errors import NotFoundError
from service.storage import change_log
from service.storage.pagination import Page, decode_cursor, page_of
from service.storage.tables import Article, Quote, QuoteAppearance, Speaker


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A quote with its speaker and the citation of its article (not the article text)."""

    quote: Quote
    speaker: Speaker
    article_title: str
    article_url: str | None
    article_publisher: str | None
    article_published_at: datetime | None


@dataclass(frozen=True, slots=True)
class Citation:
    """What an answer cites for a matched statement: the words, who said them, where they were published.

    Plain values rather than ORM entities: verification reads these for every match it returns.
    """

    quote_id: str
    text: str
    kind: str
    context: str | None
    speaker_id: str
    speaker_name: str
    speaker_affiliation: str | None
    speaker_role: str | None
    speaker_wikidata_id: str | None
    speaker_unattributed: bool
    speaker_probability: float | None
    occurrences: int | None
    first_seen_at: datetime | None
    article_id: str
    article_title: str
    article_url: str | None
    article_publisher: str | None
    article_published_at: datetime | None


_CITATIONS = (
    select(  # type: ignore[call-overload,misc]
        Quote.id,
        Quote.text,
        Quote.kind,
        Quote.context,
        Speaker.id,
        Speaker.name,
        Speaker.affiliation,
        Speaker.role,
        Speaker.wikidata_id,
        Speaker.unattributed,
        Quote.speaker_probability,
        Quote.occurrences,
        Quote.first_seen_at,
        Article.id,
        Article.title,
        Article.url,
        Article.publisher,
        Article.published_at,
    )
    .join(Speaker, col(Speaker.id) == col(Quote.speaker_id))
    .join(Article, col(Article.id) == col(Quote.article_id))
    .where(col(Quote.id).in_(bindparam("ids", expanding=True)))
)


def citations(conn: Connection, quote_ids: list[str]) -> list[Citation]:
    """The citations of the quotes among `quote_ids` that exist (a deleted one is left out)."""
    if not quote_ids:
        return []
    return [Citation(*row) for row in conn.execute(_CITATIONS, {"ids": quote_ids})]


def _joined():  # type: ignore[no-untyped-def]
    return (
        select(  # type: ignore[call-overload]
            Quote, Speaker, Article.title, Article.url, Article.publisher, Article.published_at
        )
        .join(Speaker, col(Speaker.id) == col(Quote.speaker_id))
        .join(Article, col(Article.id) == col(Quote.article_id))
    )


def get_quote(session: Session, quote_id: str) -> QuoteView:
    row = session.exec(_joined().where(col(Quote.id) == quote_id)).first()
    if row is None:
        raise NotFoundError(f"no quote with id {quote_id!r}")
    return QuoteView(*row)


def appearances_of(session: Session, quote_id: str) -> list[str]:
    """The other addresses a quote appeared at, in the order its corpus listed them."""
    stmt = select(QuoteAppearance.url).where(col(QuoteAppearance.quote_id) == quote_id)
    return list(session.exec(stmt.order_by(col(QuoteAppearance.position))).all())


def list_quotes(
    session: Session, *, limit: int, cursor: str | None, speaker: str | None = None, article: str | None = None
) -> Page[QuoteView]:
    stmt = _joined()
    if speaker:
        pattern = f"%{speaker.lower()}%"
        stmt = stmt.where(or_(col(Speaker.id) == speaker, func.lower(Speaker.name).like(pattern)))
    if article:
        stmt = stmt.where(col(Quote.article_id) == article)
    after = decode_cursor(cursor)
    if after is not None:
        stmt = stmt.where(col(Quote.id) > after)
    rows = [QuoteView(*r) for r in session.exec(stmt.order_by(col(Quote.id)).limit(limit + 1)).all()]
    return page_of(rows, limit, rows[limit - 1].quote.id if len(rows) > limit else None)


def quotes_of_speaker(session: Session, speaker_id: str) -> list[QuoteView]:
    stmt = _joined().where(col(Quote.speaker_id) == speaker_id).order_by(col(Article.id), col(Quote.char_start))
    return [QuoteView(*r) for r in session.exec(stmt).all()]


def quotes_of_article(session: Session, article_id: str) -> list[QuoteView]:
    stmt = _joined().where(col(Quote.article_id) == article_id).order_by(col(Quote.char_start), col(Quote.id))
    return [QuoteView(*r) for r in session.exec(stmt).all()]


def delete_quote(session: Session, quote_id: str) -> None:
    quote = session.get(Quote, quote_id)
    if quote is None:
        raise NotFoundError(f"no quote with id {quote_id!r}")
    session.delete(quote)
    session.flush()
    change_log.record(session, [quote_id])


def count_quotes(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(Quote)).one())


def iter_statement_rows(session: Session, *, batch: int = 20_000) -> Iterator[tuple[Any, ...]]:
    """(quote id, text, kind, speaker id) for every stored quote, streamed as plain rows: at a
    million statements, building ORM objects would dominate start-up."""
    stmt = select(Quote.id, Quote.text, Quote.kind, Quote.speaker_id).execution_options(yield_per=batch)
    yield from session.execute(stmt)


def all_speakers(session: Session) -> Iterator[Speaker]:
    yield from session.exec(select(Speaker))


def quotes_by_ids(session: Session, quote_ids: list[str]) -> list[QuoteView]:
    if not quote_ids:
        return []
    return [QuoteView(*r) for r in session.exec(_joined().where(col(Quote.id).in_(quote_ids))).all()]


def quotes_with_speakers(
    session: Session, quote_ids: list[str], *, chunk: int = 500
) -> Iterator[tuple[Quote, Speaker]]:
    """The quotes among `quote_ids` that exist, with their speakers."""
    base = select(Quote, Speaker).join(Speaker, col(Speaker.id) == col(Quote.speaker_id))
    for i in range(0, len(quote_ids), chunk):
        yield from session.exec(base.where(col(Quote.id).in_(quote_ids[i : i + chunk]))).all()  # type: ignore[misc]
