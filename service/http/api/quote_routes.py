"""Quotes: list, read, add, delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from service.core import ingest, search
from service.http.api import examples, presenters, schemas
from service.http.api.deps import MatcherDep, SessionDep, WriteKey
from service.http.api.request_records import article_record, statement_record
from service.storage import quote_store

router = APIRouter(prefix="/v1/quotes", tags=["quotes"])

Limit = Annotated[int, Query(ge=1, le=100, description="Page size, 1 to 100.")]
Cursor = Annotated[str | None, Query(max_length=200, description="next_cursor of the previous page.")]

# Search page size cap: a page is read by a person, and each hit costs a row read and highlights.
MAX_SEARCH_PAGE_SIZE = 50


@router.get("", response_model=schemas.QuotePage, responses=examples.ok("quote_list"))
def list_quotes(
    session: SessionDep,
    limit: Limit = 20,
    cursor: Cursor = None,
    speaker: Annotated[
        str | None,
        Query(
            max_length=300,
            description="A speaker id, or part of a name.",
            examples=examples.param("quote_list", "speaker"),
        ),
    ] = None,
    article: Annotated[str | None, Query(max_length=32, description="An article id.")] = None,
) -> schemas.QuotePage:
    page = quote_store.list_quotes(session, limit=limit, cursor=cursor, speaker=speaker, article=article)
    return schemas.QuotePage(items=[presenters.quote_out(v) for v in page.items], next_cursor=page.next_cursor)


# Declared before /{quote_id}, which would otherwise take "search" for an id.
@router.get(
    "/search",
    response_model=schemas.SearchPageOut,
    response_model_exclude_unset=True,
    responses=examples.ok("quote_search"),
)
def search_quotes(
    session: SessionDep,
    matcher: MatcherDep,
    query: Annotated[
        str,
        Query(
            min_length=1,
            max_length=300,
            description="Words to find, typos tolerated.",
            examples=examples.param("quote_search", "query"),
        ),
    ],
    speaker: Annotated[
        str | None, Query(max_length=300, description="Only quotes by this person: any name, alias or surname.")
    ] = None,
    page_size: Annotated[
        int, Query(alias="pageSize", ge=1, le=MAX_SEARCH_PAGE_SIZE, description="Hits per page, 1 to 50.")
    ] = 10,
    page_token: Annotated[
        str | None, Query(alias="pageToken", max_length=500, description="nextPageToken of the previous page.")
    ] = None,
) -> schemas.SearchPageOut:
    """Stored quotes ranked by how well they match the query's words (rare words count most), with
    where each word occurs in the quote. A page token is only valid with the same query and speaker."""
    page = search.search_quotes(
        session, matcher, query=query, speaker=speaker, page_size=page_size, page_token=page_token
    )
    out = schemas.SearchPageOut(items=[_hit_out(h) for h in page.hits])
    if page.next_page_token:
        out.next_page_token = page.next_page_token
    return out


def _hit_out(found: search.QuoteHit) -> schemas.SearchHitOut:
    hit, view = found.hit, found.view
    quote = presenters.quote_out(view)
    return schemas.SearchHitOut(
        score=hit.score,
        quote=schemas.MatchedQuote(id=quote.id, text=quote.text, kind=quote.kind, context=quote.context),
        highlights=[schemas.HighlightOut(start=h.start, end=h.end, word=h.word) for h in hit.highlights],
        speaker=quote.speaker,
        article=schemas.ArticleBrief(
            id=quote.article.id,
            title=view.article_title,
            url=view.article_url,
            publisher=view.article_publisher,
            published_at=view.article_published_at,
        ),
    )


@router.get("/{quote_id}", response_model=schemas.QuoteDetail, responses=examples.ok("quote_get"))
def get_quote(
    quote_id: Annotated[str, Path(examples=examples.param("quote_get", "quote_id"))], session: SessionDep
) -> schemas.QuoteDetail:
    view = quote_store.get_quote(session, quote_id)
    return presenters.quote_detail(view, quote_store.appearances_of(session, quote_id))


@router.post("", response_model=schemas.StoreOut, status_code=status.HTTP_201_CREATED, dependencies=[WriteKey])
def add_quote(
    body: schemas.QuoteCreate, response: Response, session: SessionDep, matcher: MatcherDep
) -> schemas.StoreOut:
    """Add one quote to a stored article (`article_id`) or to an article described inline."""
    result = ingest.add_quote(
        session,
        matcher,
        statement_record(body),
        article_id=body.article_id,
        article=article_record(body.article) if body.article else None,
    )
    return presenters.store_out(session, result, response)


@router.delete("/{quote_id}", response_model=schemas.DeleteOut, dependencies=[WriteKey])
def delete_quote(quote_id: str, session: SessionDep, matcher: MatcherDep) -> schemas.DeleteOut:
    ingest.delete_quote(session, matcher, quote_id)
    return schemas.DeleteOut(deleted=quote_id, quotes_deleted=1)
