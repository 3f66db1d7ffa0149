"""The matcher: stored statements in, verdicts out.

It holds the statements in memory with a candidate index, so a verification costs a few
index lookups and a handful of rapidfuzz comparisons however large the corpus.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from service.matching.diff import DiffOp, word_diff
from service.matching.index import CandidateIndex
from service.matching.normalise import Claim, Token, parse_claim, tokenize
from service.matching.passages import quoted_passages
from service.matching.score import MIN_EXCERPT_WORDS, Alignment, align
from service.matching.speakers import SpeakerRef, speaker_matches
from service.matching.verdict import (
    SPEAKER_TIE_MARGIN,
    SUGGESTION_MIN_SCORE,
    Verdict,
    supported_verdict,
)

# Statements short-listed by the index and scored in full. The index ranks by shared rare
# words, so a true match with typos in several of its rare words can fall a few places;
# 50 leaves room for that at a cost of well under a millisecond of rapidfuzz work.
CANDIDATES = 50


class EmptyClaimError(ValueError):
    """The submitted text has no words to match (empty, blank, punctuation only)."""


@dataclass(frozen=True, slots=True)
class Statement:
    """A stored statement: a direct quote or a reported (indirect) statement."""

    id: str
    text: str
    kind: str  # "direct" | "indirect"
    speaker: SpeakerRef


@dataclass(frozen=True, slots=True)
class Match:
    statement: Statement
    score: float
    exact: bool
    verdict: Verdict  # what this match alone supports, before the claimed speaker
    speaker_matches: bool | None  # None when no speaker was claimed
    diff: tuple[DiffOp, ...]


@dataclass(frozen=True, slots=True)
class Verification:
    verdict: Verdict
    matches: tuple[Match, ...]


@dataclass(frozen=True, slots=True)
class _Entry:
    statement: Statement
    tokens: tuple[Token, ...]
    words: tuple[str, ...]


def _views(text: str) -> list[Claim]:
    """Readings of the submitted text to match: the whole text; the same with square brackets
    read as part of the quote (some published quotes carry their own [insertions]); and each
    quoted passage long enough to attribute."""
    whole = parse_claim(text)
    views = [whole]
    if whole.inserted:
        views.append(parse_claim(text.replace("[", " ").replace("]", " ")))
    for start, end in quoted_passages(text):
        passage = parse_claim(text[start:end])
        if len(passage.quoted_words) >= MIN_EXCERPT_WORDS and passage.text.strip() != text.strip():
            views.append(passage)
    return views


class Matcher:
    """In-memory statements with a candidate index; safe to share between threads.

    >>> m = Matcher([Statement("q1", "We won't allow any threat to harm our nation", "direct",
    ...                        SpeakerRef("Abdelmalek Sellal"))])
    >>> m.verify("we will allow any threat to harm our nation", speaker="Sellal").verdict
    <Verdict.ALTERED: 'altered'>
    """

    def __init__(self, statements: Iterable[Statement] = ()) -> None:
        self._index = CandidateIndex()
        self._entries: dict[int, _Entry] = {}
        self._keys: dict[str, int] = {}
        self._next_key = 0
        self._lock = threading.Lock()
        for statement in statements:
            self.add(statement)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, statement_id: object) -> bool:
        return statement_id in self._keys

    def add(self, statement: Statement) -> None:
        """Add or replace a statement (by id)."""
        tokens = tuple(tokenize(statement.text))
        entry = _Entry(statement, tokens, tuple(t.norm for t in tokens))
        with self._lock:
            key = self._keys.get(statement.id)
            if key is None:
                key = self._next_key
                self._next_key += 1
                self._keys[statement.id] = key
            self._entries[key] = entry
        self._index.add(key, entry.words)

    def remove(self, statement_id: str) -> None:
        with self._lock:
            key = self._keys.pop(statement_id, None)
            if key is None:
                return
            del self._entries[key]
        self._index.remove(key)

    def verify(self, text: str, *, speaker: str | None = None, limit: int = 5) -> Verification:
        """Verdict and best matches for submitted text, optionally with a claimed speaker."""
        views = _views(text)
        if not views[0].quoted_words:
            raise EmptyClaimError("the text contains no words to match")
        words = [w for view in views for w in view.quoted_words]
        keys = self._index.candidates(words, limit=CANDIDATES)
        claimed = (speaker or "").strip() or None

        total = len(views[0].quoted_words)
        # How much of the submission a view accounts for: the whole text beats a passage in it.
        share = {id(v): min(1.0, len(v.quoted_words) / total) for v in views}
        scored: list[tuple[Alignment, Claim, _Entry]] = []
        for key in keys:
            entry = self._entries.get(key)
            if entry is None:  # removed since the index was read
                continue
            best = max(
                ((align(view, entry.words), view) for view in views),
                key=lambda av: (av[0].exact, av[0].score, share[id(av[1])] * av[0].claim_share),
            )
            scored.append((best[0], best[1], entry))

        def rank(item: tuple[Alignment, Claim, _Entry]) -> tuple[bool, float, float, bool, float]:
            a, view, e = item
            return (a.exact, a.score, share[id(view)] * a.claim_share, e.statement.kind == "direct", a.coverage)

        scored.sort(key=rank, reverse=True)
        matches = [self._match(a, view, e, claimed) for a, view, e in scored]
        return _decide(matches, claimed, limit)

    @staticmethod
    def _match(a: Alignment, view: Claim, e: _Entry, claimed: str | None) -> Match:
        verdict = supported_verdict(kind=e.statement.kind, exact=a.exact, score=a.score)
        same = None if claimed is None else speaker_matches(claimed, e.statement.speaker)
        diff = tuple(word_diff(e.statement.text, e.tokens, view, window=a.window))
        return Match(e.statement, round(a.score, 1), a.exact, verdict, same, diff)


def _decide(matches: list[Match], claimed: str | None, limit: int) -> Verification:
    """Pick the verdict from ranked matches, letting the claimed speaker break near-ties."""
    supported = [m for m in matches if m.verdict is not Verdict.NOT_FOUND]
    if not supported:
        near = [m for m in matches if m.score >= SUGGESTION_MIN_SCORE]
        return Verification(Verdict.NOT_FOUND, tuple(near[:limit]))
    best = supported[0]
    if claimed is None:
        return Verification(best.verdict, tuple(supported[:limit]))
    own = next((m for m in supported if m.speaker_matches), None)
    if own is not None and (own.exact or not best.exact) and own.score >= best.score - SPEAKER_TIE_MARGIN:
        ordered = [own, *(m for m in supported if m is not own)]
        return Verification(own.verdict, tuple(ordered[:limit]))
    return Verification(Verdict.MISATTRIBUTED, tuple(supported[:limit]))
