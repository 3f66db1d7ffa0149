"""Claims that put several quotes in people's mouths: one verdict per quoted passage.

A fact-checker pastes a paragraph ("Sellal told parliament: "..." ... "...", Panetta said")
and wants each quote judged against the person the paragraph credits it to. The quoted
passages and their attributions come from the extractor (the same one that reads articles);
each passage is then checked on its own with `Matcher.verify`, and the claim's verdict is the
worst of its passages'.
"""

from __future__ import annotations

from dataclasses import dataclass

from service import extraction
from service.extraction.quotes import quoted_spans
from service.matching.engine import Match, Matcher, Verification
from service.matching.normalise import parse_claim
from service.matching.score import MIN_EXCERPT_WORDS
from service.matching.verdict import Verdict

# Worst first. A claim is only as sound as its least sound quote, so the worst verdict wins:
# misattributed and altered are positive evidence that the claim is wrong (the words were found,
# and they belong to someone else or were changed); not_found is only the absence of evidence
# (the quote may simply not be stored); paraphrase is a reported statement put between quotation
# marks: not verbatim, but not wrong in substance; verified is the only clean answer.
SEVERITY: tuple[Verdict, ...] = (
    Verdict.MISATTRIBUTED,
    Verdict.ALTERED,
    Verdict.NOT_FOUND,
    Verdict.PARAPHRASE,
    Verdict.VERIFIED,
)

# Quoted passages checked in one claim. Each costs a verification (about 1 to 6 ms), so a 10,000-
# character text of short quotations would otherwise cost seconds; 25 covers any post or
# paragraph (a whole article pasted in can hold more: the rest are counted, not checked).
MAX_SEGMENTS = 25
# An attribution after its quote ('"...," said Abdelmalek Sellal, Algeria's prime minister, on
# Tuesday.') fits in this many characters after the closing mark.
ATTRIBUTION_TAIL_CHARS = 200
# Characters that can open or close a quotation; text without any of them is one segment and
# skips the extractor entirely (the common single-quote check stays on the fast path).
QUOTATION_MARKS = frozenset('"“”„«»')
# The extractor takes a short line without final punctuation for a headline and finds no
# statement in it; a claim is never a headline, so it is read as if it ended a sentence.
_SENTENCE_END = ".!?…\"'”’»)"


@dataclass(frozen=True, slots=True)
class Segment:
    """One quoted passage of a claim (or the whole claim) and its verification.

    `start`/`end` are offsets into the submitted text; `attributed` is the person the text
    itself credits the passage to; `speaker` the one it was checked against (which of the two
    wins is decided in `check_claim`).
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


@dataclass(frozen=True, slots=True)
class Passage:
    """A quoted passage found in a claim, with the person the claim credits it to."""

    start: int
    end: int
    attributed: str | None


def worst(verdicts: list[Verdict]) -> int:
    """Index of the first of the worst verdicts (see SEVERITY).

    >>> worst([Verdict.VERIFIED, Verdict.ALTERED, Verdict.NOT_FOUND])
    1
    """
    rank = {v: i for i, v in enumerate(SEVERITY)}
    return min(range(len(verdicts)), key=lambda i: (rank[verdicts[i]], i))


def passages(text: str) -> list[Passage]:
    """The quoted passages of a claim long enough to check, with their attributions.

    The extractor pairs the quotation marks (every passage is a segment, even one it would not
    take for a statement in an article, such as a title-cased phrase) and attributes the
    passages it reads as statements. Passages of fewer than MIN_EXCERPT_WORDS words (scare
    quotes, a single "tacit") are left out: the matcher cannot judge an excerpt that short.

    >>> [(p.attributed, p.start) for p in passages('"We need to work with the nations," Panetta said.')]
    [('Panetta', 1)]
    """
    if not QUOTATION_MARKS.intersection(text):
        return []
    spans = [s for s in quoted_spans(text) if len(parse_claim(text[s.start : s.end]).quoted_words) >= MIN_EXCERPT_WORDS]
    if not spans:
        return []
    # Only the passages that will be checked need an attribution, so the extractor reads no
    # further than a little past the last of them (its cost grows with the text).
    upto = len(text) if len(spans) <= MAX_SEGMENTS else spans[MAX_SEGMENTS - 1].close_end + ATTRIBUTION_TAIL_CHARS
    stripped = text[:upto].rstrip()
    readable = stripped if stripped.endswith(tuple(_SENTENCE_END)) else stripped + "."
    speakers = {
        s.start: s.speaker.name for s in extraction.extract(readable) if s.kind == "direct" and s.speaker is not None
    }
    return [Passage(s.start, s.end, speakers.get(s.start)) for s in spans]


def check_claim(
    matcher: Matcher, text: str, *, speaker: str | None = None, limit: int = 5, deadline: float | None = None
) -> ClaimCheck:
    """Verify each quoted passage of `text` against the person the text credits it to.

    With several passages, each is checked against its own attribution, and `speaker` stands
    in for passages the text does not attribute. With one passage or none, the whole text is
    verified as `Matcher.verify` does (it reads a passage inside a post better than the passage
    alone: the words around it may belong to the quote), against `speaker` when one is given:
    the person asked about explicitly outranks the extractor's reading of the attribution.

    `deadline` (a `time.monotonic()` instant) is shared by all the passages: see `Matcher.verify`.

    Raises `EmptyClaimError` when the text has no words.
    """
    speaker = (speaker or "").strip() or None
    found = passages(text)
    if len(found) <= 1:
        p = found[0] if found else Passage(0, len(text), None)
        claimed = speaker or p.attributed
        result = matcher.verify(text, speaker=claimed, limit=limit, deadline=deadline)
        segment = Segment(p.start, p.end, text[p.start : p.end], p.attributed, claimed, result)
        return ClaimCheck(segment.verdict, (segment,), 0)
    segments = []
    for p in found[:MAX_SEGMENTS]:
        claimed = p.attributed or speaker
        passage = text[p.start : p.end]
        result = matcher.verify(passage, speaker=claimed, limit=limit, deadline=deadline)
        segments.append(Segment(p.start, p.end, passage, p.attributed, claimed, result))
    decisive = worst([s.verdict for s in segments])
    return ClaimCheck(segments[decisive].verdict, tuple(segments), decisive, max(0, len(found) - MAX_SEGMENTS))
