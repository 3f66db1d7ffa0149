"""Turn validated request bodies into the storage layer's records."""

from __future__ import annotations

from service.http.api import schemas
from service.storage.statement_store import ArticleRecord, SpeakerRecord, StatementRecord


def speaker_record(s: schemas.SpeakerIn) -> SpeakerRecord:
    return SpeakerRecord(s.name.strip(), s.affiliation, s.role, tuple(s.aliases), s.anonymous)


def statement_record(q: schemas.QuoteIn) -> StatementRecord:
    return StatementRecord(q.text, q.kind, speaker_record(q.speaker), q.context, q.start, q.end)


def article_record(a: schemas.ArticleRef | schemas.ArticleIn) -> ArticleRecord:
    text = getattr(a, "text", None)
    return ArticleRecord(
        title=(a.title or "").strip(), url=a.url, publisher=a.publisher, published_at=a.published_at, text=text
    )
