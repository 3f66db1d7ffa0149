"""Verify a claim: is this what the person said, and who said it?

The one verification every entry point calls: POST /v1/verify, each item of a batch, the
/check page, `python -m service verify`, saved checks and their ClaimReview. They all present
the same `VerifiedClaim`, so one question has one answer everywhere.

A fact-checker pastes a post or a paragraph that may quote several passages, each credited to
someone. Each quoted passage is a segment, read for the person the text credits it to (see
service/extraction/claims.py) and checked against the stored statements with the matcher. A
passage that no single statement accounts for (two stored quotes run together, one of them
changed) is checked sentence by sentence. The claim's verdict is the worst verdict of the
segments that match a stored statement: a passage with no record is only the absence of
evidence, reported as such (`not_found` segments, `passages_not_found`), and does not outweigh
the passages that are on record; when nothing matches, the claim is not found.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from service.errors import EmptyTextError, InvalidInputError, field_error
from service.extraction.claims import ClaimPassage, read_claim
from service.extraction.segments import Span, sentences
from service.matching import EmptyClaimError, Match, Matcher, Verdict, Verification, tokenize
from service.matching.explain import Explanation, explain
from service.matching.score import MIN_EXCERPT_WORDS, MIN_FUZZY_WORDS
from service.storage import quote_store
from service.storage.database import reading
from service.storage.quote_store import Citation

# Worst first. A claim is only as sound as its least sound quote, so the worst verdict wins:
# misattributed and altered are positive evidence that the claim is wrong (the words were found,
# and they belong to someone else or were changed); paraphrase is a statement put in other words:
# not verbatim, but not wrong in substance; verified is the only clean answer. not_found, the
# absence of evidence, decides only when no passage matches at all.
SEVERITY: tuple[Verdict, ...] = (
    Verdict.MISATTRIBUTED,
    Verdict.ALTERED,
    Verdict.PARAPHRASE,
    Verdict.VERIFIED,
    Verdict.NOT_FOUND,
)
# Quoted passages checked in one claim. Each costs a verification (about 1 to 6 ms), so a 10,000-
# character text of short quotations would otherwise cost seconds; 25 covers any post or
# paragraph (a whole article pasted in can hold more: the rest are counted, not checked).
MAX_SEGMENTS = 25
# A passage whose best match accounts for less than this share of its words holds more than that
# statement: two stored quotes run together (an article's "A. B," he said, where A and B were
# stored apart), so its sentences are checked one by one. Measured on the train split of
# benchmarks/verdicts.py: 24 of 1,454 paragraphs with a word changed came back verified because
# an unchanged sentence matched exactly while the changed one was never judged on its own.
PASSAGE_SHARE = 0.9
# Ids per query when reading the rows behind the matches: a long NDJSON batch can match tens of
# thousands of statements, past the bound-parameter limits of SQLite and PostgreSQL.
ROWS_PER_QUERY = 500


@dataclass(frozen=True, slots=True)
class Segment:
    """One part of a claim (a quoted passage, a sentence of one, or the whole text) and its check.

    `start`/`end` are offsets into the submitted text; `attributed` is the person the text itself
    credits the passage to; `speaker` the one it was checked against (the request's `speaker`
    when one was given, else the person the text names).
    """

    start: int
    end: int
    text: str
    attributed: str | None
    speaker: str | None
    verification: Verification

    @property
    def verdict(self) -> Verdict:
        return self.verification.verdict

    @property
    def matches(self) -> tuple[Match, ...]:
        return self.verification.matches


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """A claim's segments, its summary verdict and the segment that decided it."""

    verdict: Verdict
    segments: tuple[Segment, ...]
    decisive: int  # index of the segment whose verdict is the claim's
    unchecked: int = 0  # quoted passages past MAX_SEGMENTS, not checked

    @property
    def matches(self) -> tuple[Match, ...]:
        return self.segments[self.decisive].matches

    @property
    def cut_short(self) -> bool:
        """Whether the time budget ran out before every candidate was scored."""
        return any(s.verification.cut_short for s in self.segments)

    @property
    def not_found(self) -> int:
        """Segments that match no stored statement."""
        return sum(1 for s in self.segments if s.verdict is Verdict.NOT_FOUND)


@dataclass(frozen=True, slots=True)
class VerifiedClaim:
    """A checked claim with the stored rows its matches cite (by quote id)."""

    check: ClaimCheck
    citations: dict[str, Citation]


def worst(verdicts: Sequence[Verdict]) -> int:
    """Index of the first of the worst verdicts (see SEVERITY).

    >>> worst([Verdict.VERIFIED, Verdict.NOT_FOUND, Verdict.ALTERED])
    2
    """
    rank = {v: i for i, v in enumerate(SEVERITY)}
    return min(range(len(verdicts)), key=lambda i: (rank[verdicts[i]], i))


def explained(match: Match, segment: Segment) -> Explanation:
    """Why a segment's match got its verdict, naming the speaker it was checked against."""
    return explain(match, claimed=match.claimed or segment.speaker)


def _credited(passage: ClaimPassage, speaker: str | None) -> tuple[str | None, tuple[str, ...], str | None]:
    """The name a passage is checked against, the names that may confirm it, and its attribution.

    A speaker given with the request outranks whatever the text says.
    """
    named = [c.name for c in passage.credits if c.named]
    attributed = named[0] if named else (passage.credits[0].name if passage.credits else None)
    if speaker is not None:
        return speaker, (), attributed
    return (named[0] if named else None), tuple(c.name for c in passage.credits if c.name not in named[:1]), attributed


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentences of text[start:end] long enough to judge alone; none for a single one.

    Split as the extractor splits (abbreviations such as "U.N." and "Sen." end no sentence). A
    sentence under MIN_FUZZY_WORDS words is left out: checked alone, "The U.N." or "Let me talk"
    is an excerpt of some statement or other, which says nothing about the passage.
    """
    spans = [(s.start, s.end) for s in sentences(text, Span(start, end))]
    spans = [(a, b) for a, b in spans if len(tokenize(text[a:b])) >= MIN_FUZZY_WORDS]
    return spans if len(spans) > 1 else []


def _check_passage(
    matcher: Matcher,
    text: str,
    passage: ClaimPassage,
    *,
    whole: bool,
    speaker: str | None,
    limit: int,
    deadline: float | None,
) -> list[Segment]:
    """A passage's segments: itself, or its sentences when no one statement accounts for it.

    With `whole`, the passage is verified inside the whole text (the words around a quoted
    passage may belong to the quote, see `Matcher.verify`); otherwise on its own.
    """
    name, confirm, attributed = _credited(passage, speaker)
    body = text[passage.start : passage.end]
    if whole:
        # The part the claim is about: its quoted passage, or the words a "Panetta:" frame puts
        # in his mouth. Reported speech ("Panetta says we ...") the matcher reads as such itself.
        framed = passage.start > 0 or passage.end < len(text)
        focus = (passage.start, passage.end) if passage.quoted or (framed and not passage.reported) else None
        result = matcher.verify(text, speaker=name, confirm=confirm, focus=focus, limit=limit, deadline=deadline)
    else:
        result = matcher.verify(body, speaker=name, confirm=confirm, limit=limit, deadline=deadline)
    segment = Segment(passage.start, passage.end, body, attributed, name, result)
    if not passage.quoted:
        return [segment]  # a post's own words around an unquoted quote are commentary, not more claims
    top = result.matches[0] if result.matches and result.verdict is not Verdict.NOT_FOUND else None
    if top is not None and top.explained >= PASSAGE_SHARE:
        return [segment]
    share = len(tokenize(body)) / max(1, len(tokenize(text))) if whole else 1.0
    if top is not None and top.explained >= PASSAGE_SHARE * share:
        return [segment]
    parts = []
    for a, b in _sentences(text, passage.start, passage.end):
        part = matcher.verify(text[a:b], speaker=name, confirm=confirm, limit=limit, deadline=deadline)
        parts.append(Segment(a, b, text[a:b], attributed, name, part))
    if not any(p.verdict is not Verdict.NOT_FOUND for p in parts):
        return [segment]
    return parts


def check_claim(
    matcher: Matcher, text: str, *, speaker: str | None = None, limit: int = 5, deadline: float | None = None
) -> ClaimCheck:
    """Verify each quoted passage of `text` against the person the text credits it to.

    With one passage or none, the whole text is verified as `Matcher.verify` does (it reads a
    passage inside a post better than the passage alone); with several, each on its own. A
    `speaker` given outranks the text's own attributions. `deadline` (a `time.monotonic()`
    instant) is shared by all the passages.

    Raises `EmptyClaimError` when the text has no words.
    """
    speaker = (speaker or "").strip() or None
    found = read_claim(text, min_words=MIN_EXCERPT_WORDS)
    segments: list[Segment] = []
    for p in found[:MAX_SEGMENTS]:
        segments += _check_passage(
            matcher, text, p, whole=len(found) == 1, speaker=speaker, limit=limit, deadline=deadline
        )
    decisive = worst([s.verdict for s in segments])
    return ClaimCheck(segments[decisive].verdict, tuple(segments), decisive, max(0, len(found) - MAX_SEGMENTS))


def check_text(
    matcher: Matcher,
    text: str,
    *,
    speaker: str | None,
    max_chars: int,
    limit: int = 5,
    budget_ms: float | None = None,
) -> ClaimCheck:
    """`check_claim` on text as submitted: refused when too long, holding NUL or no words;
    `budget_ms` (the MATCH_BUDGET_MS setting) bounds the matching time of all its passages."""
    if len(text) > max_chars:
        raise InvalidInputError(
            f"text is {len(text)} characters; the limit is {max_chars}",
            errors=[field_error("text", f"at most {max_chars} characters")],
        )
    if "\x00" in text:  # the batch takes raw strings; single requests refuse NUL in the schema
        raise InvalidInputError(
            "text contains a NUL character",
            errors=[field_error("text", "must not contain NUL characters")],
        )
    deadline = time.monotonic() + budget_ms / 1000 if budget_ms else None
    try:
        return check_claim(matcher, text, speaker=speaker, limit=limit, deadline=deadline)
    except EmptyClaimError as exc:
        raise EmptyTextError(
            "text has nothing to match: it contains no words", errors=[field_error("text", str(exc))]
        ) from None


def cite(engine: Engine, checks: Sequence[ClaimCheck]) -> dict[str, Citation]:
    """What the matches of every segment of these claims cite, read at once on a connection of its
    own: verification needs nothing else from the database, so no connection is held while matching."""
    ids = list(dict.fromkeys(m.statement.id for c in checks for s in c.segments for m in s.matches))
    found: dict[str, Citation] = {}
    with reading(engine) as conn:
        for i in range(0, len(ids), ROWS_PER_QUERY):
            found.update((c.quote_id, c) for c in quote_store.citations(conn, ids[i : i + ROWS_PER_QUERY]))
    return found


def verify_claim(
    matcher: Matcher,
    engine: Engine,
    text: str,
    *,
    speaker: str | None,
    max_chars: int,
    budget_ms: float | None = None,
) -> VerifiedClaim:
    """Check a claim and read what its matches cite: the whole verification."""
    check = check_text(matcher, text, speaker=speaker, max_chars=max_chars, budget_ms=budget_ms)
    return VerifiedClaim(check, cite(engine, [check]))
