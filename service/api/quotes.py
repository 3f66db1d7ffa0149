"""Quotes: list, read, add, delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from service import catalog
from service.api import schemas, views
from service.api.deps import MatcherDep, SessionDep, WriteKey
from service.api.records import article_record, statement_record
from service.storage import quotes

router = APIRouter(prefix="/v1/quotes", tags=["quotes"])

Limit = Annotated[int, Query(ge=1, le=100, description="Page size, 1 to 100.")]
Cursor = Annotated[str | None, Query(max_length=200, description="next_cursor of the previous page.")]


@router.get("", response_model=schemas.QuotePage)
def list_quotes(
    session: SessionDep,
    limit: Limit = 20,
    cursor: Cursor = None,
    speaker: Annotated[str | None, Query(max_length=300, description="A speaker id, or part of a name.")] = None,
    article: Annotated[str | None, Query(max_length=32, description="An article id.")] = None,
) -> schemas.QuotePage:
    page = quotes.list_quotes(session, limit=limit, cursor=cursor, speaker=speaker, article=article)
    return schemas.QuotePage(items=[views.quote_out(v) for v in page.items], next_cursor=page.next_cursor)


@router.get("/{quote_id}", response_model=schemas.QuoteOut)
def get_quote(quote_id: str, session: SessionDep) -> schemas.QuoteOut:
    return views.quote_out(quotes.get_quote(session, quote_id))


@router.post("", response_model=schemas.StoreOut, status_code=status.HTTP_201_CREATED, dependencies=[WriteKey])
def add_quote(
    body: schemas.QuoteCreate, response: Response, session: SessionDep, matcher: MatcherDep
) -> schemas.StoreOut:
    """Add one quote to a stored article (`article_id`) or to an article described inline."""
    result = catalog.add_quote(
        session,
        matcher,
        statement_record(body),
        article_id=body.article_id,
        article=article_record(body.article) if body.article else None,
    )
    return views.store_out(session, result, response)


@router.delete("/{quote_id}", response_model=schemas.DeleteOut, dependencies=[WriteKey])
def delete_quote(quote_id: str, session: SessionDep, matcher: MatcherDep) -> schemas.DeleteOut:
    catalog.delete_quote(session, matcher, quote_id)
    return schemas.DeleteOut(deleted=quote_id, quotes_deleted=1)
