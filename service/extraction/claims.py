"""Who does a submitted text say said it? The quoted passages of a claim and the people it credits.

A fact-checker pastes a tweet ("Just saw this from Panetta: "...". Unbelievable."), a message
forward, a TV caption or a paragraph of someone else's article. Each quoted passage is checked
against the person the text credits it to, so the credit must be read the way a person reads
it: the article frames the extractor knows ("...," said Riccardo Fabiani, an analyst at ...),
and the forms posts use (`from X:`, `X on ...:`, `X's words:`, `— X`, `(X)`, a name on the next
line). A credit is only ever a name: sentence-initial words, interjections and post furniture
("Just", "BREAKING", "LOL", "Thread"), hashtags, handles, pronouns and descriptions are not, so
they can never make a correct post look misattributed.

Each passage gets its credits best first. A credit is `named` when the text itself names that
person as the passage's speaker; one the extractor only inferred (a pronoun resolved to the last
person named, a quote-only paragraph given to the salient speaker) may confirm a speaker but
never accuses anyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import read
from .cues import PHRASAL_CUES, SPEECH_VERBS
from .direct import CONF_BORROWED
from .lexicon import ORG_NOUNS, PRONOUNS, TITLE_WORDS
from .quotation_marks import QuotedSpan, quoted_spans

# Post furniture, interjections and the sentence openers that stand capitalised before a name
# in posts ("Just saw this from ...", "BREAKING: ...", "Wow. ...", "RT @x: ..."): never a name.
FURNITURE = frozenset(
    """
    just breaking icymi forwarded shared lol lmao lmfao omg wow whoa yikes ugh rt thread watch live update
    updated new fwd fw
    reminder fact check quote headline via here this that these those so and but or yes no oh ok okay well
    hey look listen see read today tonight yesterday video photo exclusive report must please again more even
    only now then also unbelievable incredible amazing shocking wait what why how when who where can't cant
    can i'm im my our your his her their its it we you they he she me us them thoughts share retweet
    repost viral trending alert urgent developing nb ps edit update: sad great nice true false fake real
    quote: said says asked told the a an of on in at to for with from by as if is are was were be been
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december hours minutes days weeks months years moments later earlier
    """.split()
)
# A party and state tag ("R-Ky.", "D-N.Y."): what someone is, not who.
_PARTY_TAG = re.compile(r"^\(?[RDI]-[A-Z][A-Za-z.]*\)?$")
# Words before a name that say what someone is, not who: a credit made only of these names nobody.
_TITLES = TITLE_WORDS | frozenset("pm fm pres sec amb atty gen gov sen rep dr mr mrs ms prof".split())
# A name-like token: capitalised (or an initial), or one of the particles inside names.
_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|(?:de|van|von|der|bin|al|la|le|da|di|del|du)(?=\s+[A-Z]))"
# Lower-case titles inside a name's run ("RNC spokesman Sean Spicer", "former congressman Dan Maffei").
_ROLE_WORDS = frozenset(w for w in TITLE_WORDS if w.isalpha()) | ORG_NOUNS | {"member"}
_ROLE_WORD = "(?:" + "|".join(sorted((re.escape(w) for w in _ROLE_WORDS), key=len, reverse=True)) + ")"
# Up to two of them between a name's tokens ("Clinton campaign manager Robby Mook"), and runs as long
# as "South Carolina Democratic Party Chairman Jaime Harrison": in PolNeAR train's claims, 33 texts hold
# a name after two lower-case role words, 4 after an organisation noun, 12 a capitalised run of 7+.
_NAME = rf"(?:{_ROLE_WORD}\s){{0,2}}{_NAME_TOKEN}(?:\s(?:{_ROLE_WORD}\s){{0,2}}{_NAME_TOKEN}){{0,7}}"
_CUE_PHRASES = SPEECH_VERBS | {f"{verb} {particle}" for verb, particle in PHRASAL_CUES.items()}
_CUES = "|".join(sorted((re.escape(v) for v in _CUE_PHRASES), key=len, reverse=True))
# Verbs whose subject may follow them ("said Fabiani"): not those whose object does ("told CNN",
# "asked Trump", "called Obama").
_NOT_INVERTED = (
    *("tell", "told", "ask", "call", "urg", "warn", "remind", "promis", "assur", "thank", "prais", "accus"),
    *("press", "blam", "denounc", "email"),
)
_INVERTED = "|".join(
    sorted((re.escape(v) for v in SPEECH_VERBS if not v.startswith(_NOT_INVERTED)), key=len, reverse=True)
)
# Adverbs and auxiliaries posts put between a name and its verb ("Panetta just said").
_BETWEEN = r"(?:(?:just|really|reportedly|once|actually|also|even|finally|then|now|today|allegedly|literally|"
_BETWEEN += r"apparently|has|had|have|already|publicly|privately|openly|flatly|famously|actually)\s+){0,2}"
_ENDS = r"\s*[:,—–-]?\s*$"
# Credits read from the text just before an opening quotation mark (within its sentence).
_BEFORE = tuple(
    re.compile(p)
    for p in (
        rf"\b(?:[Ff]rom|[Bb]y|[Vv]ia|[Pp]er|[Aa]ccording to|[Qq]uoting)\s+({_NAME}){_ENDS}",
        rf"({_NAME})(?:['’]s?)?\s+(?:words|quote|comment|comments|reply|response|statement|remarks|message|answer|"
        rf"tweet|post|take|verdict|view|line|response){_ENDS}",
        rf"(?:^|[^\w\s]|\n)\s*({_NAME})\s*(?:\([^()]{{0,40}}\))?\s*[:—–]\s*$",
        rf"({_NAME})\s+(?:on|about|to|in|at|re|after|during|before|with)\b[^:\"“”]{{0,80}}:\s*$",
        rf"({_NAME})\s+{_BETWEEN}(?:{_CUES})\b[^\"“”:.!?]{{0,60}}[:,]?\s*$",
        rf"\b(?:{_INVERTED})\s+({_NAME}){_ENDS}",
        rf"\b[Aa]s\s+({_NAME})\s+(?:put|puts)\s+it{_ENDS}",
    )
)
# Credits read from the text just after a closing quotation mark.
_AFTER = tuple(
    re.compile(p)
    for p in (
        rf"^\s*[,.;!?]?\s*[—–―~-]+\s*({_NAME})",
        rf"^\s*[,.;!?]?\s*(?:{_INVERTED})\s+({_NAME})",
        rf"^\s*[,.;!?]?\s*({_NAME})\s*(?:,[^,\"“”]{{0,150}},\s*)?{_BETWEEN}(?:{_CUES})\b",
        rf"^\s*[,.;!?]?\s*\(\s*({_NAME})\s*\)",
        rf"^\s*[.!?]?\s*(?:[Tt]hat['’]s|[Tt]hat is|[Tt]his is|[Tt]hose were|[Tt]hese were)\s+what\s+({_NAME})"
        rf"\s+{_BETWEEN}(?:{_CUES})\b",
        rf"^[ \t]*\n\s*({_NAME})[ \t]*(?:\n|$)",
    )
)
# Text without quotation marks that puts a credit before its words ("Panetta: we need ...",
# "Panetta says we need ...", "According to Panetta, we need ...") or after them ("... — Panetta").
_UNQUOTED_BEFORE = (
    re.compile(rf"^\s*(?:[A-Z]+:\s+)?({_NAME})\s*:\s+(?=\S)"),
    re.compile(rf"^\s*(?:[A-Z]+:\s+)?({_NAME})\s+{_BETWEEN}(?:{_CUES})\b\s*(?:that\s+)?[:,]?\s*(?=\S)"),
    re.compile(rf"^\s*(?:[Aa]ccording to|[Pp]er)\s+({_NAME})\s*,\s*(?=\S)"),
)
_UNQUOTED_AFTER = re.compile(rf"(?<=\S)\s*[—–―~-]+\s*({_NAME})\s*[.!]?\s*$")
# Most words a credit's name may have (titles included: "Algerian Prime Minister Abdelmalek Sellal").
MAX_NAME_WORDS = 6
# Words a frame must leave after it for them to be the claim ("Panetta says so" is not a quote).
MIN_CONTENT_WORDS = 3
# Passages shorter than this that the extractor does not read as speech are titles or scare quotes.
SPEECH_MIN_WORDS = 8
# The extractor starts reading this far before the first passage at most (two sentences back).
EXTRACTOR_LEAD_CHARS = 600
# The before-text of a passage reaches back to the last sentence end or blank line, at most this far.
CREDIT_WINDOW_CHARS = 200
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+(?=\S)|\n\s*\n")
_FINAL = ".!?…\"'”’»)"


@dataclass(frozen=True, slots=True)
class Credit:
    """A person the text credits a passage to; `named` when the text names them as its speaker."""

    name: str
    named: bool


@dataclass(frozen=True, slots=True)
class ClaimPassage:
    """A quoted passage of a claim (or, for text without quotation marks, the whole text)."""

    start: int
    end: int
    credits: tuple[Credit, ...]  # best first
    quoted: bool = True
    reported: bool = False  # unquoted words after a speech verb ("Panetta says we need ..."): reported speech


def person_name(raw: str) -> str | None:
    """The name in a credit, or None when it names nobody (furniture, a pronoun, a title alone).

    >>> [person_name(s) for s in ("Just", "LOL Panetta", "Sen. Bernie Sanders", "#Panetta", "He", "Al From")]
    [None, 'Panetta', 'Sen. Bernie Sanders', None, None, 'Al From']
    >>> person_name("Clinton campaign manager Robby Mook"), person_name("Prime Minister")
    ('Robby Mook', None)
    """
    raw = raw.strip(" \t\n,.;:!?()[]\"“”'’—–-")
    if not raw or raw[0] in "#@":
        return None
    words = raw.split()
    while words and _plain(words[0]) in FURNITURE:
        words.pop(0)
    # A run with lower-case role words, or too long to be a name, says what someone is before who:
    # the person is named after its last title or role word ("Clinton campaign manager Robby Mook",
    # "South Carolina Democratic Party Chairman Jaime Harrison"). Shorter titled names stay whole.
    if len(words) > MAX_NAME_WORDS or any(w[:1].islower() and _plain(w) in _ROLE_WORDS for w in words):
        roles = [k for k, w in enumerate(words[:-1]) if _plain(w) in _TITLES | _ROLE_WORDS]
        if roles and words[roles[-1] + 1][:1].isupper():
            words = words[roles[-1] + 1 :]
    if not words or len(words) > MAX_NAME_WORDS or any(w[0] in "#@" for w in words):
        return None
    if all(_plain(w) in _TITLES for w in words) or _plain(words[-1]) in PRONOUNS or _PARTY_TAG.match(raw):
        return None
    last = words[-1].rstrip(".,")
    if len(last.strip("'’")) < 2 or not last[:1].isupper():
        return None
    return " ".join(words)


def _plain(word: str) -> str:
    return word.lower().strip(".,:;!?'’\"“”()")


def _before_text(text: str, lo: int, hi: int) -> str:
    """The text of the passage's own sentence before its opening mark (or the lines before it)."""
    lo = max(lo, hi - CREDIT_WINDOW_CHARS)
    window = text[lo:hi]
    cut = 0
    for m in _SENTENCE_BREAK.finditer(window):
        if window[m.end() :].strip():
            cut = m.end()
    return window[cut:]


def _pattern_credits(text: str, span: QuotedSpan, lo: int, hi: int) -> list[str]:
    """Names the forms of posts and articles put next to a passage (see the module docstring)."""
    found: list[str] = []
    before = _before_text(text, lo, span.open_at).rstrip()
    for pattern in _BEFORE:
        m = pattern.search(before)
        if m:
            found.append(m.group(1))
    after = text[span.close_end : min(hi, span.close_end + CREDIT_WINDOW_CHARS)]
    for pattern in _AFTER:
        m = pattern.search(after)
        if m:
            found.append(m.group(1))
    return found


def _unquoted(text: str) -> ClaimPassage:
    """Text without quotation marks: the words its frame credits ("Panetta: ...", "... — Panetta")
    and the credit, or the whole text when it has no frame."""
    start, end, names, reported = 0, len(text), [], False
    for k, pattern in enumerate(_UNQUOTED_BEFORE):
        m = pattern.search(text)
        if m and person_name(m.group(1)):
            start, names, reported = m.end(), [m.group(1)], k > 0
            break
    m = _UNQUOTED_AFTER.search(text, start)
    if m and person_name(m.group(1)):
        end, names = m.start(), [*names, m.group(1)]
    if len(_WORD.findall(text, start, end)) < MIN_CONTENT_WORDS:
        start, end = 0, len(text)
    return ClaimPassage(start, end, _credits([(n, True) for n in names]), quoted=False, reported=reported)


def _credits(pairs: list[tuple[str, bool]]) -> tuple[Credit, ...]:
    """Credits with names cleaned and repeats merged (named wins)."""
    out: dict[str, bool] = {}
    for raw, named in pairs:
        name = person_name(raw)
        if name is not None:
            out[name] = out.get(name, False) or named
    return tuple(Credit(n, named) for n, named in out.items())


def _reading_start(text: str, at: int) -> int:
    """Where the extractor starts reading: the start of the sentence that holds the sentence
    before `at` (a frame in the previous sentence, "X said in a statement. "..."", is read), or
    the text's start when that is near."""
    if at <= EXTRACTOR_LEAD_CHARS:
        return 0
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, 0, at)]
    if len(breaks) < 2:
        return 0
    return breaks[-2] if at - breaks[-2] <= EXTRACTOR_LEAD_CHARS else breaks[-1]


def read_claim(text: str, *, min_words: int) -> list[ClaimPassage]:
    """The quoted passages of `text` with at least `min_words` words, each with its credits; for a
    text without any, one passage over the whole text with the credit its frame gives, if any.

    >>> [(p.quoted, [c.name for c in p.credits]) for p in read_claim('Just saw this from Panetta: "We need '
    ...     'to work with the nations in the region." Unbelievable.', min_words=3)]
    [(True, ['Panetta'])]
    """
    spans = [s for s in quoted_spans(text) if len(_WORD.findall(text, s.start, s.end)) >= min_words]
    if not spans:
        return [_unquoted(text)]
    # The extractor reads from a little before the first passage to a little after the last (its
    # cost grows with the text; a post's opening commentary names nobody a frame there needs).
    start = _reading_start(text, spans[0].open_at)
    stripped = text[: spans[-1].close_end + CREDIT_WINDOW_CHARS].rstrip()
    # The extractor takes a short line without final punctuation for a headline; a claim is never one.
    readable = stripped if stripped.endswith(tuple(_FINAL)) else stripped + "."
    attributed = {q.span.start + start: q for q in read(readable[start:]).quotes}
    out = []
    for k, span in enumerate(spans):
        lo = spans[k - 1].close_end if k else 0
        hi = spans[k + 1].open_at if k + 1 < len(spans) else len(text)
        q = attributed.get(span.start)
        # A short passage in Title Case that the extractor does not take for speech is the name of
        # a work or a show ("on the podcast "Here's the Thing""): checked, but credited to no one.
        title = q is None and _title_case(text[span.start : span.end])
        pairs = [] if title else [(name, True) for name in _pattern_credits(text, span, lo, hi)]
        if q is not None and q.speaker is not None and not q.speaker.anonymous:
            # Named when the text names them for this passage or the one it continues ("A," Ruiz
            # said. "B."); a pronoun resolved to the last person named, or a guess from salience, is not.
            mention = (q.mention or "").strip()
            named = q.confidence >= CONF_BORROWED and bool(mention) and mention.lower() not in PRONOUNS | {"it"}
            pairs.insert(0 if named else len(pairs), (q.speaker.name, named))
        out.append(ClaimPassage(span.start, span.end, _credits(pairs)))
    return out


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MINOR = frozenset("a an the of in on at to for and or but with by from".split())


def _title_case(passage: str) -> bool:
    """Every word capitalised (the small ones aside), as names of works are, but not all in capitals.

    >>> _title_case("Here’s the Thing."), _title_case("IT'S A PRETTY EXPENSIVE MODEL"), _title_case("We won't go")
    (True, False, False)
    """
    words = _WORD.findall(passage)
    if not words or len(words) >= SPEECH_MIN_WORDS or passage.upper() == passage:
        return False
    return all(w[0].isupper() or w.lower() in _MINOR for w in words) and words[0][0].isupper()
