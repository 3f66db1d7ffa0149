"""Articles: list, read (with their quotes), add (with their quotes), delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from service.core import ingest
from service.errors import InvalidInputError, field_error
from service.http.api import examples, presenters, schemas
from service.http.api.body_text import TextBodyRoute
from service.http.api.deps import MatcherDep, SessionDep, SettingsDep, WriteKey
from service.http.api.quote_routes import Cursor, Limit
from service.http.api.request_records import article_record, statement_record
from service.storage import article_store, quote_store

router = APIRouter(prefix="/v1/articles", tags=["articles"], route_class=TextBodyRoute)


@router.get("", response_model=schemas.ArticlePage, responses=examples.ok("article_list"))
def list_articles(session: SessionDep, limit: Limit = 20, cursor: Cursor = None) -> schemas.ArticlePage:
    page = article_store.list_articles(session, limit=limit, cursor=cursor)
    return schemas.ArticlePage(items=[presenters.article_brief(a) for a in page.items], next_cursor=page.next_cursor)


@router.get("/{article_id}", response_model=schemas.ArticleDetail, responses=examples.ok("article_get"))
def get_article(
    article_id: Annotated[str, Path(examples=examples.param("article_get", "article_id"))], session: SessionDep
) -> schemas.ArticleDetail:
    article = article_store.get_article(session, article_id)
    said = [presenters.quote_out(v) for v in quote_store.quotes_of_article(session, article_id)]
    return schemas.ArticleDetail(
        **presenters.article_brief(article).model_dump(),
        content_hash=article.content_hash,
        text=article.text,
        quotes=said,
    )


@router.post("", response_model=schemas.StoreOut, status_code=status.HTTP_201_CREATED, dependencies=[WriteKey])
def add_article(
    body: schemas.ArticleIn, response: Response, session: SessionDep, matcher: MatcherDep, settings: SettingsDep
) -> schemas.StoreOut:
    """Store an article with its quotes; with text and no quotes, the quotes are extracted from the text.
    Posting the same article again (same URL or text) adds nothing."""
    if body.text is not None and len(body.text) > settings.max_article_chars:
        raise InvalidInputError(
            f"article text is {len(body.text)} characters; the limit is {settings.max_article_chars}",
            errors=[field_error("text", f"at most {settings.max_article_chars} characters")],
        )
    given = [statement_record(q) for q in body.quotes]
    if body.html is not None:
        article = ingest.html_article(
            body.html,
            title=body.title,
            url=body.url,
            publisher=body.publisher,
            published_at=body.published_at,
            max_chars=settings.max_article_chars,
        )
    else:
        article = article_record(body)
    result = ingest.ingest_article(session, matcher, article, given, max_chars=settings.max_article_chars)
    return presenters.store_out(session, result, response)


@router.delete("/{article_id}", response_model=schemas.DeleteOut, dependencies=[WriteKey])
def delete_article(article_id: str, session: SessionDep, matcher: MatcherDep) -> schemas.DeleteOut:
    removed = ingest.delete_article(session, matcher, article_id)
    return schemas.DeleteOut(deleted=article_id, quotes_deleted=removed)
