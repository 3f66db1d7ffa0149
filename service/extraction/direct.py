"""Direct quotations: which quoted spans are statements, and who said them.

Every quoted span gets a frame if one is adjacent or earlier in its sentence. Spans without a frame
borrow one from another quotation in the same sentence or the previous one in the paragraph (``"A," he
said. "B."``), continue the previous paragraph's quotation, or, as a quote-only paragraph, go to the
salient speaker. What is left is a scare quote, a title or a nickname unless it is long enough to be
unattributed speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .coreference import Registry
from .cues import SPEECH_VERBS
from .frames import Frame, frame_after, frame_before, leading_subject, tokens
from .lexicon import PRONOUNS
from .quotation_marks import QuotedSpan, quoted_spans
from .records import ExtractedSpeaker
from .roles import Mention, parse_mention
from .segments import ABBREVIATIONS, Span

# Quotations of at most this many words without any attribution are scare quotes ("quack" cures) or
# nicknames, not statements.
SCARE_MAX_WORDS = 2
# An unattributed quotation embedded mid-sentence needs at least this many words to count as speech;
# shorter ones are titles or phrases the writer is distancing themselves from.
EMBEDDED_MIN_WORDS = 8
# An unattributed quotation standing at the start of its sentence needs this many words.
LEADING_MIN_WORDS = 4
# Only this much text after a closing mark is searched for a frame (frame_after stops at the next quote).
MAX_FRAME_CHARS = 400
# Words after a closing mark without its comma within which a frame must end ('" Grubbs said.').
NO_COMMA_FRAME_WORDS = 6
# A quotation borrows the frame of at most this many following quotations in its sentence.
MAX_BORROW_DISTANCE = 4
# Confidence by evidence: an explicit frame is near-certain; borrowed or salient attribution less so.
CONF_FRAME = 0.95
CONF_BORROWED = 0.85
CONF_SALIENT = 0.7
CONF_UNATTRIBUTED = 0.5

# 'as a "leech" and a "brat"': at most this many words (a conjunction and determiners) join coordinated quotations.
COORDINATION_MAX_WORDS = 3
# Sentences whose opening subject is remembered: a transcript-like sentence may hold thousands of
# quotations, and a few hundred entries cover any article while holding at most a few texts alive.
SUBJECT_CACHE_SIZE = 256
# A short or Title Case quotation must have its cue (or "as") within this many words before it.
CUE_GAP_WORDS = 4
_LABEL_WORDS = frozenset("as phrase word term slogan nickname".split())
# Words right before a quotation that name it as a work ('titled "..."', 'on "Face the Nation"').
_TITLE_CUES = frozenset(
    "titled entitled headlined headline book film movie documentary show program programme song album "
    "series column op-ed article essay on of in at watch watched".split()
)
# Title Case runs up to this length are names of works, shows or events rather than speech.
TITLE_MAX_WORDS = 6
_SOCIAL_FOOTER_RE = re.compile(r"(?:Follow|Like|Subscribe to) [^.!?]{0,80}\bon (?:Twitter|Facebook|Instagram|X)\b")
_INNER_SENTENCE_RE = re.compile(r"[a-z][.!?] +[A-Z]")
_MINOR_WORDS = frozenset("a an the of in on at to for and or but with by from".split())
# An all-caps speaker label opening a transcript turn ("PENCE: Well, look ...").
_SPEAKER_LABEL_RE = re.compile(r"([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2}):\s+")
_WORD_RE = re.compile(r"[\w'’-]+")


@dataclass
class DirectQuote:
    """A kept quotation with its attribution evidence."""

    span: QuotedSpan
    frame: Frame | None
    speaker: ExtractedSpeaker | None
    confidence: float
    mention: str | None = None  # the words the speaker was read from; None when only inferred (salience)


def _words(text: str, s: int, e: int) -> list[str]:
    return _WORD_RE.findall(text, s, e)


def _is_title(text: str, q: QuotedSpan, sent: Span) -> bool:
    """Title Case content or a preceding "titled"/"on" marks the name of a work or show."""
    words = _words(text, q.start, q.end)
    before = text[max(sent.start, q.open_at - 80) : q.open_at]
    last = before.rstrip(" ,:").rsplit(None, 1)[-1:]
    if last and last[0].lower() in _TITLE_CUES and all(w[:1].isupper() or len(w) <= 3 for w in words):
        return True
    if _INNER_SENTENCE_RE.search(text, q.start, q.end):
        return False  # "The Donald. Big Daddy.": two sentences are speech; titles are one phrase
    caps = [w for w in words if w[:1].isupper() or w.lower() in _MINOR_WORDS]
    return len(words) <= TITLE_MAX_WORDS and len(caps) == len(words) and words[0][:1].isupper()


def _may_end_clause(text: str, q: QuotedSpan) -> bool:
    """A frame can follow only a quotation that ends its clause: ``,"`` ``?"`` ``."`` or ``" ―``."""
    inner = text[max(q.start, q.end - 3) : q.close_end]
    after = text[q.close_end : q.close_end + 3].lstrip()
    if any(ch in inner for ch in ",.?!…—-") or after[:1] in {",", "―", "—", "–", ""}:
        return True
    # '"... anonymity" said Nick Merrill', '"... niches" Grubbs said.': the comma is missing, but a short
    # frame right after the mark still closes the clause.
    if text[q.close_end : q.close_end + 1] != " ":
        return False
    words = text[q.close_end + 1 : q.close_end + 120].split()[:NO_COMMA_FRAME_WORDS]
    for k, word in enumerate(words):
        bare_word = word.rstrip(".,")
        if bare_word in SPEECH_VERBS:
            frame_ends = word != bare_word or k == len(words) - 1
            return k == 0 or (frame_ends and words[0][:1].isupper())
        if word.endswith((".", ",", ";")) and word[:-1].lower() not in ABBREVIATIONS:
            return False
    return False


def _frame_for(text: str, q: QuotedSpan, sent: Span, limit: int, skip: list[tuple[int, int]]) -> Frame | None:
    after = frame_after(text, q.close_end, limit) if _may_end_clause(text, q) else None
    if after and after.cue != "―" and q.open_at > sent.start and after.cue_start >= sent.end:
        # 'Japan branded it an "outlaw nation." Russia insisted ...': a quotation that ends a sentence it
        # did not open belongs to that sentence; the next sentence's frame is about what follows.
        after = None
    if after and after.mention.lower() not in PRONOUNS:
        return after
    before = frame_before(text, sent.start, q.open_at, skip)
    if after and (before is None or before.cue != ":"):
        return after  # a pronoun frame yields only to an explicit "X scolded him: "..."" introduction
    return before


def _sentence_of(sents: list[Span], pos: int) -> Span:
    return sents[_bisect(sents, pos)]


def _paragraph_of(paras: list[Span], pos: int) -> Span:
    return _sentence_of(paras, pos)


def _bisect(spans: list[Span], pos: int) -> int:
    """Index of the last span starting at or before ``pos`` (0 when none)."""
    lo, hi = 0, len(spans) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if spans[mid].start <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _colon_frame(text: str, q: QuotedSpan, paras: list[Span], sents: list[Span]) -> Frame | None:
    """A quote opening a paragraph after one that ends with a colon ("Caddell continued:")."""
    para = _paragraph_of(paras, q.open_at)
    if q.open_at != para.start:
        return None
    idx = _bisect(paras, para.start)
    if idx == 0 or text[paras[idx - 1].end - 1] != ":":
        return None
    prev = _sentence_of(sents, paras[idx - 1].end - 1)
    return frame_before(text, prev.start, prev.end)


def direct_quotes(text: str, paras: list[Span], sents: list[Span], registry: Registry) -> list[DirectQuote]:
    """Classify and attribute every quoted span of ``text``."""
    spans = quoted_spans(text)
    frames: list[Frame | None] = []
    for k, q in enumerate(spans):
        sent = _sentence_of(sents, q.open_at)
        para = _paragraph_of(paras, q.open_at)
        limit = min(para.end, q.close_end + MAX_FRAME_CHARS)
        skip = [(o.start, o.end) for o in spans[max(0, k - 3) : k]]
        frames.append(_frame_for(text, q, sent, limit, skip) or _colon_frame(text, q, paras, sents))
    out: list[DirectQuote] = []
    for k, q in enumerate(spans):
        kept = _transcript_turn(text, q, registry) or _attribute(text, spans, frames, k, paras, sents, registry, out)
        if kept is not None:
            out.append(kept)
            registry.note(q.start, kept.speaker)
    return out


def _transcript_turn(text: str, q: QuotedSpan, registry: Registry) -> DirectQuote | None:
    """Transcripts quote each turn as ``"WALLACE: ..."``: the label is the speaker, not part of the quote."""
    m = _SPEAKER_LABEL_RE.match(text, q.start, q.end)
    if not m or m.end() >= q.end:
        return None
    speaker = registry.speaker_for(parse_mention(m.group(1)), q.start)
    if speaker is None:
        return None
    frame = Frame(m.group(1), q.start, ":", m.end(1))
    return DirectQuote(replace(q, start=m.end()), frame, speaker, CONF_FRAME, m.group(1))


def _borrow(spans: list[QuotedSpan], frames: list[Frame | None], k: int, sents: list[Span]) -> Frame | None:
    """A frame of another quotation in the same sentence."""
    sent = _sentence_of(sents, spans[k].open_at)
    for j in range(k + 1, min(len(spans), k + 1 + MAX_BORROW_DISTANCE)):
        if spans[j].open_at >= sent.end:
            break
        if frames[j]:
            return frames[j]
    return None


def _cue_adjacent(text: str, q: QuotedSpan, sent: Span, frame: Frame | None) -> bool:
    """A short or Title Case quotation counts only right next to its cue ("called it a "fraud"")."""
    before = _words(text, max(sent.start, q.open_at - 80), q.open_at)[-CUE_GAP_WORDS:]
    lowered = [w.lower() for w in before]
    if lowered and (lowered[-1] in _MINOR_WORDS - {"a", "an", "the"} or lowered[-1].endswith(("'s", "’s"))):
        return False  # 'on "Face the Nation"', 'CNN's "State of the Union"': the name of a show or work
    if frame is not None and frame.cue_start >= q.close_end and q.open_at == sent.start:
        return True
    return any(w in SPEECH_VERBS or w in _LABEL_WORDS for w in lowered)


def _attribute(
    text: str,
    spans: list[QuotedSpan],
    frames: list[Frame | None],
    k: int,
    paras: list[Span],
    sents: list[Span],
    registry: Registry,
    kept: list[DirectQuote],
) -> DirectQuote | None:
    q = spans[k]
    sent = _sentence_of(sents, q.open_at)
    n_words = len(_words(text, q.start, q.end))
    if _parenthetical(text, q) or _SOCIAL_FOOTER_RE.match(text, q.start, q.end):
        return None  # stage directions and "Follow Pam Key on Twitter @pamkey" footers are not speech
    frame = (
        frames[k] or _borrow(spans, frames, k, sents) or _label_frame(text, q, sent) or _trailing_frame(text, q, sent)
    )
    title = _is_title(text, q, sent)
    fragment = n_words <= SCARE_MAX_WORDS or title
    if title and not _cue_adjacent(text, q, sent, frame):
        return None
    if frame:
        mention = parse_mention(frame.mention)
        if frame.mention == "it":
            mention = _sentence_subject(text, sent, frame)
        elif mention is not None and mention.pronoun and (frame is not frames[k] or frame.cue_start < q.open_at):
            mention = _sentence_subject(text, sent, frame) or mention
        speaker = registry.speaker_for(mention, q.start)
        if speaker is not None:
            return DirectQuote(q, frame, speaker, CONF_FRAME if frames[k] else CONF_BORROWED, frame.mention)
    para = _paragraph_of(paras, q.open_at)
    prev = kept[-1] if kept else None
    leading = q.open_at == sent.start
    if prev and (q.continues or (leading and _paragraph_of(paras, prev.span.open_at) == para)):
        return DirectQuote(q, prev.frame, prev.speaker, CONF_BORROWED, prev.mention)
    if prev and _coordinated(text, prev.span, q):
        return DirectQuote(q, prev.frame, prev.speaker, CONF_BORROWED, prev.mention)
    if fragment:
        return None
    whole_para = q.open_at == para.start and q.close_end >= para.end - 1
    if whole_para:
        return DirectQuote(q, None, registry.salient(q.start), CONF_SALIENT)
    if n_words >= (LEADING_MIN_WORDS if leading else EMBEDDED_MIN_WORDS):
        narrator = _narration_subject(text, q, para, sents, registry) if leading else None
        if narrator is not None:
            return DirectQuote(q, None, narrator[0], CONF_BORROWED, narrator[1])
        return DirectQuote(q, None, registry.salient(q.start), CONF_UNATTRIBUTED)
    return None


def _trailing_frame(text: str, q: QuotedSpan, sent: Span) -> Frame | None:
    """'A cashier who "steals a handful" is held accountable, Warren said.': quoted words inside a
    paraphrase belong to the frame that closes the sentence after its last comma."""
    comma = text.rfind(",", q.close_end, sent.end)
    if comma < 0:
        return None
    frame = frame_after(text, comma + 1, sent.end)
    if frame is None or frame.cue == "―" or text.find(",", frame.cue_start, sent.end) >= 0:
        return None  # the frame must close the sentence: no further clause after its cue
    return frame


def _coordinated(text: str, prev: QuotedSpan, q: QuotedSpan) -> bool:
    """'a "human leech" and a "spoiled brat"': quotations joined by and/or share one attribution."""
    between = _words(text, prev.close_end, q.open_at)
    if not between or len(between) > COORDINATION_MAX_WORDS or text.count("\n", prev.close_end, q.open_at):
        return False
    return between[0].lower() in {"and", "or"} and all(w.lower() in _MINOR_WORDS for w in between)


def _narration_subject(
    text: str, q: QuotedSpan, para: Span, sents: list[Span], registry: Registry
) -> tuple[ExtractedSpeaker, str] | None:
    """Subject of the sentence just before a quotation in the same paragraph ("Sanders identified X. "..."),
    with the words it was read from."""
    idx = _bisect(sents, q.open_at) - 1
    if idx < 0 or sents[idx].start < para.start or sents[idx].end > q.open_at:
        return None
    prev = sents[idx]
    frame = frame_before(text, prev.start, prev.end)
    raw = frame.mention if frame else leading_subject(text, tokens(text, prev.start, min(prev.end, prev.start + 400)))
    mention = parse_mention(raw) if raw else None
    if mention is None or not (mention.person or mention.pronoun):
        return None
    speaker = registry.speaker_for(mention, q.start)
    return None if speaker is None or raw is None else (speaker, raw)


def _sentence_subject(text: str, sent: Span, frame: Frame) -> Mention | None:
    """ "Trump ... encouraged Americans to check out what he called ...": a pronoun inside the sentence
    refers to the sentence's named subject when there is one before it."""
    raw = leading_subject(text, tokens(text, sent.start, min(frame.mention_start, sent.start + 400)))
    mention = parse_mention(raw) if raw else None
    if mention is None:
        return None
    if frame.mention.lower() == "it":
        # "The Security Council ... what it called": "it" is an organisation, never a person.
        return mention if mention.name and not mention.person and not mention.anonymous else None
    return mention if mention.person else None


def _label_frame(text: str, q: QuotedSpan, sent: Span) -> Frame | None:
    """ "Reid has gone after Trump as a "human leech"": words quoted after "as" are the subject's label."""
    before = [w.lower() for w in _words(text, max(sent.start, q.open_at - 40), q.open_at)[-2:]]
    if not any(w in _LABEL_WORDS for w in before):
        return None
    raw = _opening_subject(text, sent.start, min(sent.end, sent.start + 400))
    return Frame(raw, sent.start, "as", q.open_at) if raw else None


@lru_cache(maxsize=SUBJECT_CACHE_SIZE)
def _opening_subject(text: str, start: int, end: int) -> str | None:
    """The subject opening a sentence, computed once for all the quotations the sentence holds."""
    return leading_subject(text, tokens(text, start, end))


def _parenthetical(text: str, q: QuotedSpan) -> bool:
    """Stage directions such as "(CROSSTALK.)" are quoted but not speech."""
    body = text[q.start : q.end].rstrip(".")
    return body.startswith("(") and body.endswith(")") and body.count("(") == 1
