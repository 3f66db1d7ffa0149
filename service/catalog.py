"""What the service does with statements, shared by the API and the command line.

Each operation runs inside the caller's transaction and teaches the in-memory matcher about
the change only once that transaction has committed, so the matcher never knows a statement
the database does not.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy.engine import Engine
from sqlmodel import Session

from service import extraction
from service.errors import EmptyTextError, InvalidInputError
from service.matching import EmptyClaimError, Matcher, SpeakerRef, Statement, Verification
from service.storage import articles, quotes
from service.storage.database import begin_write, on_commit
from service.storage.ingest import ArticleRecord, SpeakerRecord, StatementRecord, StoreResult, store_article
from service.storage.quotes import QuoteView
from service.storage.tables import Quote, Speaker

log = logging.getLogger(__name__)


def to_statement(quote: Quote, speaker: Speaker) -> Statement:
    return Statement(quote.id, quote.text, quote.kind, speaker_ref(speaker))


def speaker_ref(speaker: Speaker) -> SpeakerRef:
    return SpeakerRef(speaker.name, speaker.affiliation, speaker.role, tuple(speaker.aliases or ()), speaker.anonymous)


def load_matcher(engine: Engine) -> Matcher:
    """A matcher holding every stored statement; one SpeakerRef per speaker, shared."""
    with Session(engine) as session:
        refs = {s.id: speaker_ref(s) for s in quotes.all_speakers(session)}
        rows = quotes.iter_statement_rows(session)
        return Matcher(Statement(qid, text, kind, refs[sid]) for qid, text, kind, sid in rows)


def verify(matcher: Matcher, text: str, *, speaker: str | None, max_chars: int, limit: int = 5) -> Verification:
    if len(text) > max_chars:
        raise InvalidInputError(
            f"text is {len(text)} characters; the limit is {max_chars}",
            errors=[{"loc": ["body", "text"], "msg": f"at most {max_chars} characters"}],
        )
    try:
        return matcher.verify(text, speaker=speaker, limit=limit)
    except EmptyClaimError as exc:
        raise EmptyTextError(
            "text has nothing to match: it contains no words", errors=[{"loc": ["body", "text"], "msg": str(exc)}]
        ) from None


def matched_quotes(session: Session, verification: Verification) -> dict[str, QuoteView]:
    """The stored rows behind a verification's matches, by quote id."""
    ids = [m.statement.id for m in verification.matches]
    return {view.quote.id: view for view in quotes.quotes_by_ids(session, ids)}


def add_article(
    session: Session, matcher: Matcher, article: ArticleRecord, statements: Sequence[StatementRecord]
) -> StoreResult:
    begin_write(session)
    result = store_article(session, article, statements)
    added = [to_statement(q, s) for q, s in result.added]

    def learn() -> None:
        for statement in added:
            matcher.add(statement)

    on_commit(session, learn)
    return result


def add_quote(
    session: Session,
    matcher: Matcher,
    statement: StatementRecord,
    *,
    article_id: str | None,
    article: ArticleRecord | None,
) -> StoreResult:
    """Add one statement to a stored article (by id) or to an article described inline."""
    begin_write(session)
    if article_id is not None:
        stored = articles.get_article(session, article_id)
        article = ArticleRecord(
            title=stored.title,
            url=stored.url,
            publisher=stored.publisher,
            published_at=stored.published_at,
            text=stored.text,
        )
    if article is None:
        raise InvalidInputError(
            "give article_id or article", errors=[{"loc": ["body", "article_id"], "msg": "required"}]
        )
    return add_article(session, matcher, article, [statement])


def delete_quote(session: Session, matcher: Matcher, quote_id: str) -> None:
    begin_write(session)
    quotes.delete_quote(session, quote_id)
    on_commit(session, lambda: matcher.remove(quote_id))


def delete_article(session: Session, matcher: Matcher, article_id: str) -> int:
    begin_write(session)
    removed = articles.delete_article(session, article_id)

    def forget() -> None:
        for quote_id in removed:
            matcher.remove(quote_id)

    on_commit(session, forget)
    return len(removed)


def extract(text: str, *, title: str | None, max_chars: int) -> list[extraction.Statement]:
    """Statements found in an article text; refuses text with nothing to read."""
    if len(text) > max_chars:
        raise InvalidInputError(
            f"text is {len(text)} characters; the limit is {max_chars}",
            errors=[{"loc": ["body", "text"], "msg": f"at most {max_chars} characters"}],
        )
    if not any(c.isalpha() for c in text):
        raise EmptyTextError(
            "text has nothing to extract: it contains no letters", errors=[{"loc": ["body", "text"], "msg": "no words"}]
        )
    return extraction.extract(text, title=title)


def ingest_article(
    session: Session, matcher: Matcher, article: ArticleRecord, given: list[StatementRecord], *, max_chars: int
) -> StoreResult:
    """Store an article with the statements given, or, when none are, those found in its text."""
    statements = given
    if not given and article.text:
        statements = extracted_records(extract(article.text, title=article.title, max_chars=max_chars))
    return add_article(session, matcher, article, statements)


def extracted_records(found: list[extraction.Statement]) -> list[StatementRecord]:
    """What an extraction stores: the attributed statements, with their offsets and context."""
    return [
        StatementRecord(
            s.text,
            s.kind,
            SpeakerRecord(s.speaker.name, s.speaker.affiliation, s.speaker.role, (), s.speaker.anonymous),
            s.context,
            s.start,
            s.end,
        )
        for s in found
        if s.speaker is not None
    ]
