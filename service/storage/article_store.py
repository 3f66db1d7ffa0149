"""Queries on articles."""

from __future__ import annotations

from sqlmodel import Session, col, select

from service.errors import NotFoundError
from service.storage import change_log
from service.storage.pagination import Page, decode_cursor, page_of
from service.storage.tables import Article, Quote


def get_article(session: Session, article_id: str) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"no article with id {article_id!r}")
    return article


def list_articles(session: Session, *, limit: int, cursor: str | None) -> Page[Article]:
    stmt = select(Article)
    after = decode_cursor(cursor)
    if after is not None:
        stmt = stmt.where(col(Article.id) > after)
    rows = list(session.exec(stmt.order_by(col(Article.id)).limit(limit + 1)).all())
    return page_of(rows, limit, rows[limit - 1].id if len(rows) > limit else None)


def delete_article(session: Session, article_id: str) -> list[str]:
    """Delete an article and its quotes; returns the ids of the quotes removed."""
    article = get_article(session, article_id)
    quote_ids = list(session.exec(select(Quote.id).where(col(Quote.article_id) == article_id)).all())
    for quote in session.exec(select(Quote).where(col(Quote.article_id) == article_id)).all():
        session.delete(quote)
    session.flush()
    session.delete(article)
    session.flush()
    change_log.record(session, quote_ids)
    return quote_ids
