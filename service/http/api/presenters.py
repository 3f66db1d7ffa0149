"""Map stored rows and engine results to wire schemas."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast, overload

from fastapi import Request, Response
from sqlmodel import Session

from service.core.verify import Segment, VerifiedClaim, explained
from service.http.api import schemas
from service.http.api.schemas import Kind
from service.matching import Match
from service.settings import Settings
from service.storage.quote_store import Citation, QuoteView, quotes_by_ids
from service.storage.statement_store import StoreResult
from service.storage.tables import Article, SavedCheck, Speaker


@overload
def _utc(at: datetime) -> datetime: ...
@overload
def _utc(at: None) -> None: ...
def _utc(at: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


def speaker_brief(s: Speaker) -> schemas.SpeakerBrief:
    return schemas.SpeakerBrief(
        id=s.id,
        name=s.name,
        affiliation=s.affiliation,
        role=s.role,
        wikidata_id=s.wikidata_id,
        unattributed=s.unattributed,
    )


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
        speaker_probability=q.speaker_probability,
        occurrences=q.occurrences,
        first_seen_at=_utc(q.first_seen_at),
    )


def quote_detail(v: QuoteView, appearances: list[str]) -> schemas.QuoteDetail:
    return schemas.QuoteDetail(**quote_out(v).model_dump(), appearances=appearances)


def _match_out(m: Match, c: Citation, segment: Segment) -> schemas.MatchOut:
    why = explained(m, segment)
    return schemas.MatchOut(
        score=m.score,
        verdict=m.verdict.value,
        exact=m.exact,
        speaker_match=m.speaker_matches,
        quote=schemas.MatchedQuote(
            id=c.quote_id,
            text=c.text,
            kind=cast(Kind, c.kind),
            context=c.context,
            speaker_probability=c.speaker_probability,
            occurrences=c.occurrences,
            first_seen_at=_utc(c.first_seen_at),
        ),
        speaker=schemas.SpeakerBrief(
            id=c.speaker_id,
            name=c.speaker_name,
            affiliation=c.speaker_affiliation,
            role=c.speaker_role,
            wikidata_id=c.speaker_wikidata_id,
            unattributed=c.speaker_unattributed,
        ),
        article=schemas.ArticleBrief(
            id=c.article_id,
            title=c.article_title,
            url=c.article_url,
            publisher=c.article_publisher,
            published_at=c.article_published_at,
        ),
        diff=[
            schemas.DiffOpOut(op=d.op, stored=d.stored, submitted=d.submitted, note=d.note, negation=d.negation)
            for d in m.diff
        ],
        explanation=why.text,
        flags=cast(list[schemas.Flag], list(why.flags)),
    )


def claim_out(claim: VerifiedClaim) -> schemas.VerifyOut:
    """A claim's verdict, the deciding segment's matches, and every segment."""
    check, cited = claim.check, claim.citations
    segments = [
        schemas.SegmentOut(
            start=s.start,
            end=s.end,
            text=s.text,
            attributed_to=s.attributed,
            speaker=s.speaker,
            verdict=s.verdict.value,
            # A match whose row vanished (deleted between matching and this read) is left out.
            matches=[_match_out(m, cited[m.statement.id], s) for m in s.matches if m.statement.id in cited],
        )
        for s in check.segments
    ]
    return schemas.VerifyOut(
        verdict=check.verdict.value,
        matches=segments[check.decisive].matches,
        segments=segments,
        passages_not_found=check.not_found,
        unchecked_passages=check.unchecked,
        cut_short=check.cut_short,
    )


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


def check_url(request: Request, settings: Settings, check_id: str) -> str:
    """The permalink of a saved check, under PUBLIC_URL when set (behind a proxy)."""
    if settings.public_url:
        return f"{settings.public_url.rstrip('/')}/v1/checks/{check_id}"
    return str(request.url_for("get_check", check_id=check_id))


def check_out(row: SavedCheck, url: str) -> schemas.CheckOut:
    """A saved check as it was answered, with its permalink."""
    result = {k: v for k, v in row.result.items() if k not in ("check_id", "url")}
    return schemas.CheckOut(
        **result, check_id=row.id, url=url, text=row.text, claimed_speaker=row.speaker, checked_at=_utc(row.created_at)
    )
