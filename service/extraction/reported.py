"""Reported (indirect) statements: the content of "X said (that) ...", "according to X, ...", "..., X said".

The statement span is the reported content without the frame: the that-clause after the verb (skipping
the hearer of "told" and short time adverbials), the clause before ", X said." / ", according to X", or
around a frame set off by commas ("The plan, X said, will fail.").
For verbs that report a predicate ("voiced concern about ...") the verb phrase itself is the content.
Sentences whose speech verb frames a direct quotation (``"...," he said``) yield nothing here, except a
trailing ", adding ..." which reports more from the same speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cues import PREDICATE_CUES, QUOTE_ONLY_CUES, SPEECH_VERBS, WEAK_INDIRECT_CUES
from .frames import MAX_FRAME_WORDS, bare, subject_of, tokens
from .lexicon import DETERMINERS, GROUP_NOUNS, OFFICE_NOUNS
from .roles import parse_mention
from .segments import Span

# Sentences longer than this are not prose (tables, garbage, run-on input) and are not searched.
MAX_SENTENCE_CHARS = 5000
# Only this much text before a speech verb can hold its subject.
MAX_SUBJECT_CHARS = 400
# Reported content shorter than this is a fragment ("he said so"), not a statement.
MIN_CONTENT_WORDS = 3
# How far after the verb a "that" may appear and still introduce the content ("said on Friday that").
MAX_THAT_GAP = 8
# An inverted frame ", say both local and Western officials." names its speaker in at most this many words.
MAX_INVERTED_MENTION = 8
# At most this many words may follow the verb of an inverted frame (", officials said on Friday.").
MAX_INVERTED_TAIL = 12

_QUOTES = "\"“”«»„`'’"
_OBJECT_WORDS = frozenset("him her them us me you reporters lawmakers journalists supporters voters listeners".split())
# Words that show a clause has started, so a later "that" belongs to it ("there was X and that Y").
_CLAUSE_WORDS = frozenset("is was are were has have had will would could can there it he she they we i".split())
_BE = frozenset("is are was were be been being".split())
# Words that open an adverbial after the verb of ", X said on Friday." rather than an object.
_ADVERBIAL_STARTS = frozenset("on in at during after before with from by to when while as late early".split())
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight earlier later recently "
    "again also repeatedly last this next week month year morning afternoon evening night".split()
)


@dataclass(frozen=True, slots=True)
class Reported:
    """Raw indirect statement: content span, mention text (None = same as previous frame) and cue."""

    start: int
    end: int
    mention: str | None
    cue: str
    frame_start: int


def _content_end(text: str, sent: Span) -> int:
    end = sent.end
    while end > sent.start and text[end - 1] in ".!?; \u00a0":
        end -= 1
    return end


def _after_verb(text: str, toks: list[tuple[int, int, str]], i: int, cue: str) -> int | None:
    """Start of the content after the verb at token ``i``, skipping hearer and adverbials."""
    rest = toks[i + 1 :]
    for k, tok in enumerate(rest[:MAX_THAT_GAP]):
        if tok[2].endswith((",", ":", ";")) or bare(tok[2]) in _CLAUSE_WORDS or tok[2][0] in _QUOTES:
            break
        if bare(tok[2]) == "that" and tok[2].lower().strip(",") == "that":
            return rest[k + 1][0] if k + 1 < len(rest) else None
    k = 0
    if cue in {"told", "tells", "telling", "tell"} and rest:
        if rest[0][2][:1].isupper() and not rest[0][2].lower().startswith(("i", "he", "she", "we", "they")):
            while k < len(rest) and rest[k][2][:1].isupper():
                k += 1
        else:
            k = 1 if bare(rest[0][2]) in _OBJECT_WORDS or rest[0][2][:1].islower() else 0
    while k < len(rest) and (bare(rest[k][2]) in _TIME_WORDS or bare(rest[k][2]) in {"on", "in", "at"}):
        if bare(rest[k][2]) in {"on", "in", "at"} and k + 1 < len(rest) and bare(rest[k + 1][2]) not in _TIME_WORDS:
            break
        k += 1
    if k < len(rest) and bare(rest[k][2]) == "that":
        k += 1
    if k >= len(rest) or rest[k][2][0] in ",:;":
        return None
    return rest[k][0]


def _inverted(text: str, sent: Span, toks: list[tuple[int, int, str]], i: int) -> Reported | None:
    """ ", X said." or ", said X." at the end of a sentence: the content is what precedes the comma."""
    verb_start = toks[i][0]
    comma = text.rfind(",", sent.start, verb_start)
    if comma <= sent.start or len(toks) - i > MAX_INVERTED_TAIL:
        return None
    if toks[0][2][0] in _QUOTES:
        return None  # the content is a direct quotation
    if text[comma + 1 : verb_start].strip():
        if i + 1 < len(toks) and bare(toks[i + 1][2]) not in _TIME_WORDS | _ADVERBIAL_STARTS:
            return None  # ", including Patriot, declared bankruptcy.": the verb has an object, not a frame
        mention = subject_of(text[comma + 1 : verb_start], text)
    else:
        mention = text[toks[i][1] : sent.end].strip(" .")
        if any(bare(w) in _CLAUSE_WORDS for w in mention.split()):
            return None  # "Okafor, who ..., said the ferry would ...": a clause after the verb is no speaker
        if not _names_someone(mention):
            return None  # "..., including Harbour Lines, declared bankruptcy.": an object, not a speaker
    if not mention or parse_mention(mention) is None:
        return None
    return Reported(sent.start, comma, mention, bare(toks[i][2]), comma)


def _parenthetical(text: str, sent: Span, toks: list[tuple[int, int, str]], i: int) -> Reported | None:
    """ "The ferry, she said, will take years." or "It will take years, she said, and cost more.": a frame
    set off by commas inside the sentence. The content is the clause before it when that clause stands
    alone, else the whole sentence (a subject before the frame and its predicate after)."""
    comma = text.rfind(",", sent.start, toks[i][0])
    if comma <= sent.start or toks[0][2][0] in _QUOTES or (i + 1 < len(toks) and toks[i + 1][2][0] in _QUOTES):
        return None  # 'In a statement, Okafor said, "..."' introduces a direct quotation
    mention = text[comma + 1 : toks[i][0]].strip()
    if not mention or len(mention.split()) > MAX_INVERTED_MENTION or parse_mention(mention) is None:
        return None
    before = text[sent.start : comma].split()
    if any(bare(w) in _CLAUSE_WORDS for w in before[1:]) and len(before) >= MIN_CONTENT_WORDS:
        return Reported(sent.start, comma, mention, bare(toks[i][2]), comma)
    return Reported(sent.start, _content_end(text, sent), mention, bare(toks[i][2]), comma)


def _names_someone(mention: str) -> bool:
    """A speaker after its verb (", said Jo Lee.", ", say local officials.") is a name, a determined
    noun phrase or a noun for people; a bare lower-case noun is the verb's object."""
    words = [bare(w) for w in mention.split()]
    return bool(words) and (
        mention[:1].isupper() or words[0] in DETERMINERS or any(w in GROUP_NOUNS | OFFICE_NOUNS for w in words)
    )


def _according(text: str, sent: Span, toks: list[tuple[int, int, str]], i: int) -> Reported | None:
    end = _content_end(text, sent)
    if i == 0:
        comma = text.find(",", toks[1][1], end)
        if comma < 0:
            return None
        start = comma + 1 + len(text[comma + 1 : end]) - len(text[comma + 1 : end].lstrip())
        return Reported(start, end, text[toks[2][0] : comma], "according to", toks[0][0])
    comma = text.rfind(",", sent.start, toks[i][0])
    if comma <= sent.start or toks[0][2][0] in _QUOTES or text[comma + 1 : toks[i][0]].strip():
        return None  # "... classifies him as overweight according to his BMI": a source, not a speaker
    return Reported(sent.start, comma, text[toks[i + 1][1] : end].strip(), "according to", toks[i][0])


def reported_in(text: str, sent: Span) -> list[Reported]:
    """Indirect statements of one sentence."""
    if sent.end - sent.start > MAX_SENTENCE_CHARS:
        return []
    toks = tokens(text, sent.start, sent.end)
    out: list[Reported] = []
    for i, (_s, _e, tok) in enumerate(toks):
        word = bare(tok)
        if word == "according" and i + 1 < len(toks) and bare(toks[i + 1][2]) == "to":
            found = _according(text, sent, toks, i)
        elif word in SPEECH_VERBS and word not in QUOTE_ONLY_CUES and tok[:1].islower():
            found = _verb(text, sent, toks, i, word, out)
        else:
            continue
        if found and _valid(text, found):
            out.append(found)
            if found.cue != "adding":
                break
    return out


def _verb(
    text: str, sent: Span, toks: list[tuple[int, int, str]], i: int, word: str, out: list[Reported]
) -> Reported | None:
    s = toks[i][0]
    before = text[max(sent.start, s - MAX_SUBJECT_CHARS) : s].rstrip()
    if word == "adding" and before.endswith(","):
        start = _after_verb(text, toks, i, word)
        return Reported(start, _content_end(text, sent), None, word, s) if start else None
    previous = bare(toks[i - 1][2]) if i > 0 else ""
    if previous == "as" or (previous in _BE and not word.endswith("ing")):
        return None  # "failed as predicted", "was told by": an idiom or a passive names no speaker
    if word.endswith("ing") and word != "saying" and not before.endswith(",") and previous not in _BE:
        return None  # "had voters wondering about", "video showing": a gerund or participle, not a report
    if _frames_direct_quote(before) or toks[i][2].endswith(":") or _introduces_quote(text, toks, i):
        return None
    if toks[i][2].endswith(","):
        return _parenthetical(text, sent, toks, i)
    tail = len(toks) - i - 1
    if tail <= 2 or (before.endswith(",") and tail <= MAX_INVERTED_MENTION):
        found = _inverted(text, sent, toks, i)
        if found is not None or not before.endswith(","):
            return found
        # "Okafor, who took office in May, said the ferry ...": the comma closed the subject's own clause.
    mention = subject_of(before, text)
    if not mention or word in WEAK_INDIRECT_CUES:
        return None
    if word in PREDICATE_CUES:
        return Reported(s, _content_end(text, sent), mention, word, s)
    start = _after_verb(text, toks, i, word)
    return Reported(start, _content_end(text, sent), mention, word, s) if start else None


def _introduces_quote(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """ "X told the paper on Friday: "..."": a colon soon after the verb hands over to a direct quotation."""
    for k in range(i + 1, min(len(toks), i + 1 + MAX_THAT_GAP)):
        if toks[k][2].endswith(":"):
            return k + 1 < len(toks) and toks[k + 1][2][0] in _QUOTES
    return False


def _frames_direct_quote(before: str) -> bool:
    """True when the verb follows ``"...," X`` - it frames a direct quotation, not reported content."""
    last = max([before.rfind(q) for q in _QUOTES if q not in "'’"] + [before.rfind("''") + 1])
    inner = before[:last].rstrip("'’")  # '"People say, 'Never,'" said X': a nested quote closes first
    if last <= 0 or not inner or inner[-1] not in ",.?!—-":
        return False
    return len(before[last + 1 :].split()) <= MAX_FRAME_WORDS


def _valid(text: str, r: Reported) -> bool:
    content = text[r.start : r.end]
    if len(content.split()) < MIN_CONTENT_WORDS:
        return False
    # A content that is one whole quotation is a direct quote already.
    return not (content[:1] in _QUOTES and content.rstrip(".,")[-1:] in _QUOTES and content.count(content[0]) <= 2)
