"""Storing what articles say: articles and their statements in, the live index taught on commit.

Each operation runs inside the caller's transaction and teaches the in-memory matcher about
the change only once that transaction has committed, so the matcher never knows a statement
the database does not.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlmodel import Session

from service import extraction
from service.core.live_index import to_statement
from service.core.speaker_identity import absorb_bare_surname, resolve_speaker
from service.errors import EmptyTextError, InvalidInputError, field_error
from service.extraction import html_text
from service.matching import Matcher
from service.storage import article_store, quote_store
from service.storage.database import begin_write, on_commit
from service.storage.statement_store import (
    ArticleRecord,
    SpeakerRecord,
    StatementRecord,
    StoreResult,
    bulk_store,
    store_article,
)

log = logging.getLogger(__name__)

# An HTML page may be this many times longer than the article text limit: markup, scripts and styles
# typically make up 80-90% of a news page.
HTML_MARKUP_FACTOR = 10
# Titles are stored up to this length (the article schema's limit).
MAX_TITLE_CHARS = 1000


def with_known_speakers(
    session: Session,
    statements: Sequence[StatementRecord],
    known: dict[SpeakerRecord, SpeakerRecord] | None = None,
) -> list[StatementRecord]:
    """The statements with each speaker resolved to the stored person they name (one lookup per name;
    `known` carries the names already resolved across the batches of an import).

    A full name may first complete a stored bare surname it alone can mean (see
    :func:`speaker_identity.absorb_bare_surname`), so the order articles arrive in does not split a person.
    """
    known = {} if known is None else known
    out = []
    for st in statements:
        if st.speaker not in known:
            absorb_bare_surname(session, st.speaker)
            known[st.speaker] = resolve_speaker(session, st.speaker)
        resolved = known[st.speaker]
        out.append(st if resolved == st.speaker else replace(st, speaker=resolved))
    return out


def add_article(
    session: Session, matcher: Matcher, article: ArticleRecord, statements: Sequence[StatementRecord]
) -> StoreResult:
    begin_write(session)
    result = store_article(session, article, with_known_speakers(session, statements))
    added = [to_statement(q, s) for q, s in result.added]

    def learn() -> None:
        for statement in added:
            matcher.add(statement)

    on_commit(session, learn)
    return result


def import_statements(
    session: Session,
    rows: Sequence[tuple[ArticleRecord, StatementRecord]],
    known: dict[SpeakerRecord, SpeakerRecord],
    *,
    stored_speakers: set[str] | None = None,
) -> tuple[int, int]:
    """Store a batch of imported statements (added, skipped), each speaker resolved as an article's
    are, so an import files a person under the speaker the API would. `stored_speakers`: the
    speaker ids earlier batches stored (see `bulk_store`)."""
    begin_write(session)
    resolved = with_known_speakers(session, [statement for _, statement in rows], known)
    return bulk_store(
        session,
        [(article, statement) for (article, _), statement in zip(rows, resolved, strict=True)],
        stored_speakers=stored_speakers,
    )


def import_identified_statements(
    session: Session,
    rows: Sequence[tuple[ArticleRecord, StatementRecord]],
    known: dict[SpeakerRecord, SpeakerRecord],  # unused: the same signature as import_statements
    *,
    stored_speakers: set[str] | None = None,
) -> tuple[int, int]:
    """Store a batch of a corpus that identifies its speakers itself (Quotebank's Wikidata items):
    the item, not the name, says who a speaker is, so names are not resolved one by one."""
    begin_write(session)
    return bulk_store(session, rows, stored_speakers=stored_speakers)


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
        stored = article_store.get_article(session, article_id)
        article = ArticleRecord(
            title=stored.title,
            url=stored.url,
            publisher=stored.publisher,
            published_at=stored.published_at,
            text=stored.text,
        )
    if article is None:
        raise InvalidInputError("give article_id or article", errors=[field_error("article_id", "required")])
    return add_article(session, matcher, article, [statement])


def delete_quote(session: Session, matcher: Matcher, quote_id: str) -> None:
    begin_write(session)
    quote_store.delete_quote(session, quote_id)
    on_commit(session, lambda: matcher.remove(quote_id))


def delete_article(session: Session, matcher: Matcher, article_id: str) -> int:
    begin_write(session)
    removed = article_store.delete_article(session, article_id)

    def forget() -> None:
        for quote_id in removed:
            matcher.remove(quote_id)

    on_commit(session, forget)
    return len(removed)


def extract(text: str, *, title: str | None, max_chars: int) -> list[extraction.ExtractedStatement]:
    """Statements found in an article text; refuses text with nothing to read."""
    if len(text) > max_chars:
        raise InvalidInputError(
            f"text is {len(text)} characters; the limit is {max_chars}",
            errors=[field_error("text", f"at most {max_chars} characters")],
        )
    if not any(c.isalpha() for c in text):
        raise EmptyTextError(
            "text has nothing to extract: it contains no letters", errors=[field_error("text", "no words")]
        )
    return extraction.extract(text, title=title)


def read_page(html: str, *, max_chars: int, field: str = "html") -> html_text.Page:
    """The article text and metadata of an HTML page; refuses pages too large or with nothing readable."""
    limit = max_chars * HTML_MARKUP_FACTOR
    if len(html) > limit:
        raise InvalidInputError(
            f"{field} is {len(html)} characters; the limit is {limit}",
            errors=[field_error(field, f"at most {limit} characters")],
        )
    page = html_text.page_from_html(html)
    if page is None or not any(c.isalpha() for c in page.text):
        raise EmptyTextError(
            f"{field} has no article text: the page holds only markup or boilerplate",
            errors=[field_error(field, "no article text")],
        )
    return page


def html_article(
    html: str,
    *,
    title: str | None,
    url: str | None,
    publisher: str | None,
    published_at: datetime | None,
    max_chars: int,
) -> ArticleRecord:
    """An article read from its HTML page; what the caller gives wins over the page's own metadata."""
    page = read_page(html, max_chars=max_chars)
    first_line = next(line.strip() for line in page.text.splitlines() if line.strip())
    return ArticleRecord(
        title=(title or page.title or first_line).strip()[:MAX_TITLE_CHARS],
        url=url or page.url,
        publisher=publisher or page.publisher,
        published_at=published_at or page.published_at,
        text=page.text,
    )


def ingest_article(
    session: Session, matcher: Matcher, article: ArticleRecord, given: list[StatementRecord], *, max_chars: int
) -> StoreResult:
    """Store an article with the statements given, or, when none are, those found in its text."""
    statements = given
    if not given:
        # An article without quotes is stored for what it says; refusing an empty text here keeps an
        # unreadable upload from being stored as an article with nothing in it.
        statements = extracted_records(extract(article.text or "", title=article.title, max_chars=max_chars))
    return add_article(session, matcher, article, statements)


def store_extracted(session: Session, article: ArticleRecord, *, max_chars: int) -> StoreResult:
    """Store an article with the statements found in its text, for a process without a live index
    (the command line): the change log tells every running process."""
    records = with_known_speakers(
        session, extracted_records(extract(article.text or "", title=article.title, max_chars=max_chars))
    )
    return store_article(session, article, records)


def extracted_records(found: list[extraction.ExtractedStatement]) -> list[StatementRecord]:
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
