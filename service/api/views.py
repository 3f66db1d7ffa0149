"""Map stored rows and engine results to wire schemas."""

from __future__ import annotations

from typing import cast

from fastapi import Response
from sqlmodel import Session

from service.api import schemas
from service.api.schemas import Kind
from service.matching import Match, Verification
from service.storage.ingest import StoreResult
from service.storage.quotes import QuoteView, quotes_by_ids
from service.storage.tables import Article, Speaker


def speaker_brief(s: Speaker) -> schemas.SpeakerBrief:
    return schemas.SpeakerBrief(id=s.id, name=s.name, affiliation=s.affiliation, role=s.role)


def speaker_out(s: Speaker, quote_count: int | None = None) -> schemas.SpeakerOut:
    return schemas.SpeakerOut(
        id=s.id,
        name=s.name,
        affiliation=s.affiliation,
        role=s.role,
        aliases=list(s.aliases or []),
        anonymous=s.anonymous,
        quote_count=quote_count,
    )


def article_brief(a: Article) -> schemas.ArticleBrief:
    return schemas.ArticleBrief(id=a.id, title=a.title, url=a.url, publisher=a.publisher, published_at=a.published_at)


def quote_out(v: QuoteView) -> schemas.QuoteOut:
    q = v.quote
    return schemas.QuoteOut(
        id=q.id,
        text=q.text,
        kind=cast(Kind, q.kind),
        context=q.context,
        start=q.char_start,
        end=q.char_end,
        speaker=speaker_brief(v.speaker),
        article=schemas.ArticleTitle(id=q.article_id, title=v.article_title),
    )


def _match_out(m: Match, v: QuoteView) -> schemas.MatchOut:
    q = v.quote
    return schemas.MatchOut(
        score=m.score,
        verdict=m.verdict.value,
        exact=m.exact,
        speaker_match=m.speaker_matches,
        quote=schemas.MatchedQuote(id=q.id, text=q.text, kind=cast(Kind, q.kind), context=q.context),
        speaker=speaker_brief(v.speaker),
        article=schemas.ArticleBrief(
            id=q.article_id,
            title=v.article_title,
            url=v.article_url,
            publisher=v.article_publisher,
            published_at=v.article_published_at,
        ),
        diff=[
            schemas.DiffOpOut(op=d.op, stored=d.stored, submitted=d.submitted, note=d.note, negation=d.negation)
            for d in m.diff
        ],
    )


def verify_out(result: Verification, rows: dict[str, QuoteView]) -> schemas.VerifyOut:
    # A match whose row vanished (deleted between matching and this read) is left out.
    matches = [_match_out(m, rows[m.statement.id]) for m in result.matches if m.statement.id in rows]
    return schemas.VerifyOut(verdict=result.verdict.value, matches=matches)


def store_out(session: Session, result: StoreResult, response: Response) -> schemas.StoreOut:
    """The outcome of a write; 200 instead of 201 when everything was already stored."""
    if not result.article_created and not result.added:
        response.status_code = 200
    ids = [q.id for q, _ in result.added] + [q.id for q, _ in result.skipped]
    rows = {v.quote.id: v for v in quotes_by_ids(session, ids)}
    return schemas.StoreOut(
        article=article_brief(result.article),
        article_created=result.article_created,
        quotes_added=len(result.added),
        quotes_skipped=len(result.skipped),
        quotes=[quote_out(rows[i]) for i in ids if i in rows],
    )
