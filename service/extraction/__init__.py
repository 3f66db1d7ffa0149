"""Quote extraction: statements attributed to people in English news text.

Pure standard-library code so the API, the CLI and batch jobs can share it. ``extract`` returns direct
quotations (between quotation marks) and reported statements (after a speech verb), each with exact
offsets into the input, the speaker as the article names them, the cue and a confidence. HTML pages are
turned into article text by :mod:`.html_text` (trafilatura, imported only there) and uploads are sniffed by
:mod:`.documents`; neither is needed for plain text.

Resolution order matters for pronouns: named reported speakers are registered first, then direct quotes
are attributed in order, then pronoun-framed reported statements, so "he said" always sees every named
speaker that precedes it regardless of statement kind.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .coreference import Registry, preregister
from .direct import DirectQuote, _paragraph_of, _sentence_of, direct_quotes
from .records import ExtractedSpeaker, ExtractedStatement, Kind
from .reported import Reported, reported_in
from .roles import parse_mention
from .segments import Span, blank_markup, paragraphs, sentences

__all__ = ["ExtractedSpeaker", "ExtractedStatement", "Kind", "extract"]

# Contexts longer than this are cut to the statement's sentence; a paragraph is the natural context but
# some "paragraphs" are whole transcripts.
MAX_CONTEXT_CHARS = 600
# Confidence of reported statements: a named subject is reliable, a pronoun depends on coreference.
CONF_REPORTED_NAMED = 0.8
CONF_REPORTED_PRONOUN = 0.65
# Lines without final punctuation and at most this many words are headlines, captions or bylines.
HEADLINE_MAX_WORDS = 25
_BYLINE_QUOTE_RE = re.compile(r"[”\"’']\s*[―—–]\s*[A-Z]")
_MAX_OFFSET = 1 << 62
# '"...," X said, adding ...' - the participle must follow its quotation's frame within this many characters.
MAX_ADDING_GAP = 200
_TERMINAL = ".!?\"'”’“»)…:"


def _headline(text: str, para: Span, title: str | None) -> bool:
    """Headlines, captions and bylines have no sentence-final punctuation; the title never is a statement."""
    body = text[para.start : para.end]
    if title and body.strip() == title.strip():
        return True
    if _BYLINE_QUOTE_RE.search(body):
        return False  # "“...” ― Name": a quotation credited with a dash, not a headline
    return body[-1] not in _TERMINAL and len(body.split()) <= HEADLINE_MAX_WORDS


def _context(text: str, para: Span, sent: Span, start: int, end: int) -> str:
    """The paragraph, else the sentence, else a window around the statement when both are huge."""
    for span in (para, sent):
        if span.end - span.start <= MAX_CONTEXT_CHARS:
            return text[span.start : span.end]
    lo = max(sent.start, start - MAX_CONTEXT_CHARS // 2)
    return text[lo : max(end, min(sent.end, lo + MAX_CONTEXT_CHARS))]


@dataclass(frozen=True, slots=True)
class Reading:
    """What one pass over a text found: its direct quotations with their attribution evidence, and
    its reported statements with the speakers resolved so far (see ``extract``)."""

    original: str
    paras: list[Span]
    sents: list[Span]
    quotes: list[DirectQuote]
    reported: list[tuple[Reported, Span, Span]]
    resolved: dict[Reported, ExtractedSpeaker | None]
    registry: Registry


def read(text: str, *, title: str | None = None) -> Reading:
    """Find and attribute the direct quotations of ``text`` (non-empty), registering every speaker."""
    original, text = text, blank_markup(text)
    paras = paragraphs(text)
    body_set = {(p.start, p.end) for p in paras if not _headline(text, p, title)}
    sents: list[Span] = []
    reported: list[tuple[Reported, Span, Span]] = []
    for p in paras:
        for s in sentences(text, p):
            sents.append(s)
            if (p.start, p.end) in body_set:
                reported.extend((r, s, p) for r in reported_in(text, s))
    registry = Registry()
    preregister(text, registry, sents)
    resolved: dict[Reported, ExtractedSpeaker | None] = {}
    for r, _s, _p in reported:
        mention = parse_mention(r.mention) if r.mention else None
        if mention is not None and not mention.pronoun:
            resolved[r] = registry.speaker_for(mention, r.frame_start)
            registry.note(min(r.start, r.frame_start), resolved[r])
    quotes = [q for q in direct_quotes(text, paras, sents, registry) if _in_body(q, paras, body_set)]
    return Reading(original, paras, sents, quotes, reported, resolved, registry)


def extract(text: str, *, title: str | None = None) -> list[ExtractedStatement]:
    """Extract statements from article ``text``, ordered by start offset."""
    if not isinstance(text, str) or not text.strip():
        return []
    found = read(text, title=title)
    original, quotes, resolved, registry = found.original, found.quotes, found.resolved, found.registry
    inside = sorted((q.span.start, q.span.end) for q in quotes)
    reported = [(r, s, p) for r, s, p in found.reported if not _within(r.frame_start, inside)]
    out = [_direct_statement(original, q, found.paras, found.sents) for q in quotes]
    ends = [q.span.close_end for q in quotes]
    previous: Reported | None = None
    for r, s, p in reported:
        named = r in resolved
        speaker = resolved[r] if named else _late_speaker(r, quotes, ends, resolved, previous, registry)
        previous = r
        if speaker is not None:
            conf = CONF_REPORTED_NAMED if named else CONF_REPORTED_PRONOUN
            context = _context(original, p, s, r.start, r.end)
            out.append(
                ExtractedStatement(original[r.start : r.end], "indirect", r.start, r.end, speaker, r.cue, context, conf)
            )
    out.sort(key=lambda st: (st.start, st.end, st.kind))
    return out


def _within(pos: int, spans: list[tuple[int, int]]) -> bool:
    """True when ``pos`` lies inside one of the sorted, non-overlapping ``spans`` (a cue inside a quote)."""
    i = bisect.bisect_right(spans, (pos, _MAX_OFFSET)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _in_body(q: DirectQuote, paras: list[Span], body: set[tuple[int, int]]) -> bool:
    para = _paragraph_of(paras, q.span.open_at)
    return (para.start, para.end) in body


def _late_speaker(
    r: Reported,
    quotes: list[DirectQuote],
    ends: list[int],
    resolved: dict[Reported, ExtractedSpeaker | None],
    previous: Reported | None,
    registry: Registry,
) -> ExtractedSpeaker | None:
    """ExtractedSpeaker of a pronoun-framed or ", adding ..." statement."""
    if r.mention is None:
        k = bisect.bisect_right(ends, r.frame_start) - 1
        if k >= 0 and quotes[k].frame is not None and r.frame_start - ends[k] <= MAX_ADDING_GAP:
            return quotes[k].speaker
        return resolved.get(previous) if previous is not None else registry.salient(r.frame_start)
    speaker = registry.salient(r.frame_start)
    resolved[r] = speaker
    registry.note(r.frame_start, speaker)
    return speaker


def _direct_statement(text: str, q: DirectQuote, paras: list[Span], sents: list[Span]) -> ExtractedStatement:
    para = _paragraph_of(paras, q.span.open_at)
    sent = _sentence_of(sents, q.span.open_at)
    cue = q.frame.cue if q.frame else None
    s, e = q.span.start, q.span.end
    return ExtractedStatement(text[s:e], "direct", s, e, q.speaker, cue, _context(text, para, sent, s, e), q.confidence)
