"""Search quotes and find speakers: the rankings of matching.search joined with the stored rows.

Search results are ranked, not listed by id, so their pages are cut by rank: a page token holds
the (score, id) of the last hit and a fingerprint of the query it belongs to, and the next page
starts after that hit. A statement written in between lands on whichever page its rank puts
it, without shifting the others.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import threading
import weakref
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.errors import EmptyTextError, InvalidInputError, field_error
from service.matching import Matcher
from service.matching.ranking import EmptyQueryError, Hit, NameIndex, query_words, search
from service.storage import quote_store, speaker_store
from service.storage.pagination import InvalidCursorError, Page, decode_cursor, encode_cursor
from service.storage.quote_store import QuoteView
from service.storage.tables import Speaker


class InvalidPageTokenError(InvalidInputError):
    type = "/problems/invalid-page-token"


@dataclass(frozen=True, slots=True)
class QuoteHit:
    hit: Hit
    view: QuoteView


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: list[QuoteHit]
    next_page_token: str | None


def _fingerprint(query: str, speaker: str | None) -> str:
    key = " ".join(query_words(query)) + "\x1f" + " ".join(query_words(speaker or ""))
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def encode_page_token(hit: Hit, *, query: str, speaker: str | None) -> str:
    raw = json.dumps([hit.score, hit.statement.id, _fingerprint(query, speaker)], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_page_token(token: str, *, query: str, speaker: str | None) -> tuple[float, str]:
    """The (score, id) a page token continues after; 422 for a token of another query or none at all."""

    def invalid(why: str) -> InvalidPageTokenError:
        return InvalidPageTokenError(f"pageToken {why}", errors=[field_error("pageToken", f"pageToken {why}")])

    try:
        raw = base64.b64decode(token + "=" * (-len(token) % 4), altchars=b"-_", validate=True)
        score, last_id, fingerprint = json.loads(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        raise invalid("is not one this service issued") from None
    if not isinstance(score, int | float) or not isinstance(last_id, str) or not isinstance(fingerprint, str):
        raise invalid("is not one this service issued")
    if fingerprint != _fingerprint(query, speaker):
        raise invalid("belongs to another query: send the same query and speaker as the first page")
    return float(score), last_id


def search_quotes(
    session: Session, matcher: Matcher, *, query: str, speaker: str | None, page_size: int, page_token: str | None
) -> SearchPage:
    """One page of the stored quotes best matching `query`, with the rows to show them."""
    after = decode_page_token(page_token, query=query, speaker=speaker) if page_token else None
    try:
        hits = search(matcher, query, speaker=speaker, after=after, limit=page_size + 1)
    except EmptyQueryError as exc:
        raise EmptyTextError(
            "query has nothing to search for: it contains no words",
            errors=[field_error("query", str(exc))],
        ) from None
    more = len(hits) > page_size
    hits = hits[:page_size]
    rows = {v.quote.id: v for v in quote_store.quotes_by_ids(session, [h.statement.id for h in hits])}
    # A hit whose row is gone (deleted since the matcher was read) is left out.
    found = [QuoteHit(h, rows[h.statement.id]) for h in hits if h.statement.id in rows]
    token = encode_page_token(hits[-1], query=query, speaker=speaker) if more and hits else None
    return SearchPage(found, token)


def find_speakers(session: Session, *, query: str, limit: int, cursor: str | None) -> Page[Speaker]:
    """Speakers whose name or any alias fits `query`, best first, a page at a time."""
    if not query_words(query):
        raise EmptyTextError(
            "query has nothing to search for: it contains no words",
            errors=[field_error("query", "the query contains no words to search for")],
        )
    after = _decode_rank_cursor(cursor) if cursor else None
    ids, names = _speaker_names(session)
    ranked = sorted((-score, ids[k]) for k, score in names.rank(query))
    if after is not None:
        ranked = [r for r in ranked if r > after]
    page = ranked[: limit + 1]
    found = speaker_store.speakers_by_ids(session, [sid for _, sid in page[:limit]])
    items = [found[sid] for _, sid in page[:limit] if sid in found]
    next_cursor = None
    if len(page) > limit:
        score, sid = page[limit - 1]
        next_cursor = encode_cursor(f"{-score}|{sid}")
    return Page(items, next_cursor)


_names_lock = threading.Lock()
_names: weakref.WeakKeyDictionary[Engine, tuple[tuple[int, int], list[str], NameIndex]] = weakref.WeakKeyDictionary()


def _speaker_names(session: Session) -> tuple[list[str], NameIndex]:
    """Every speaker's id and names, read from the database once per change of its speakers
    (per process): at 100,000 speakers, reading them all for every lookup took seconds."""
    engine = session.get_bind()
    version = speaker_store.names_version(session)
    with _names_lock:
        cached = _names.get(engine)  # type: ignore[arg-type]
        if cached is not None and cached[0] == version:
            return cached[1], cached[2]
    rows = list(speaker_store.speaker_names(session))
    ids, names = [sid for sid, _, _ in rows], NameIndex([name, *aliases] for _, name, aliases in rows)
    with _names_lock:
        _names[engine] = (version, ids, names)  # type: ignore[index]
    return ids, names


def _decode_rank_cursor(cursor: str) -> tuple[float, str]:
    raw = decode_cursor(cursor) or ""
    score, _, sid = raw.partition("|")
    try:
        return -float(score), sid
    except ValueError:
        raise InvalidCursorError(
            "cursor is not one this service issued for a query",
            errors=[field_error("cursor", "not a valid cursor")],
        ) from None
