"""Attribution frames: the "he said" text that ties a statement to its source.

A frame is found next to a quotation (``"...," said X`` / ``"...," X said``), earlier in the sentence
(``X said there was "tacit" agreement``, ``X said: "..."``), or in a paragraph ending with a colon that
introduces a quote-only paragraph. Only the mention text is returned here; turning it into a speaker is
done by :mod:`.speakers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from .cues import COLON_INTRODUCERS, PHRASAL_CUES, SPEECH_VERBS
from .lexicon import DETERMINERS, NAME_BLOCKERS, OFFICE_NOUNS, TITLE_WORDS
from .roles import parse_mention
from .segments import ABBREVIATIONS

# A subject may carry up to this many comma-separated appositives after the name.
MAX_APPOSITIVES = 3
# Only this much text before a quotation is searched for its frame, bounding work on huge sentences.
MAX_BEFORE_CHARS = 400
# Dashes that introduce a byline-style attribution after a quotation ("..." ― Pamela Padilla).
ATTRIBUTION_DASHES = "―—–"

# How many words after a closing mark may separate it from its speech verb ("," Rep. Jim Clyburn (D-S.C.)
# said): longer gaps are new clauses, not frames.
MAX_FRAME_WORDS = 14
# With an appositive after the speaker's name ('," Jo Lee, director at ... and a founder of ..., said') the
# verb may come this many words after the closing mark: appositives in news run to about 20 words.
MAX_APPOSITIVE_FRAME_WORDS = 26
# The name that opens such an appositive is at most this many words long.
MAX_NAME_BEFORE_APPOSITIVE = 4
# Longest subject we accept before a speech verb; longer "subjects" are whole clauses.
MAX_MENTION_WORDS = 16
# Tokens after a closing mark that a frame and its mention can span (an optional "as", the words up to
# the verb, the verb and its mention).
FRAME_TOKENS = 2 + MAX_APPOSITIVE_FRAME_WORDS + 2 + MAX_MENTION_WORDS

_TOKEN_RE = re.compile(r"\S+")
_QUOTE_CHARS = '"“”«»„`'
_CLOSERS = "\"'”’»)]"
_INITIALS_RE = re.compile(r"^\(?(?:[A-Z]\.)*[A-Z]$|^\(?[A-Z]-[A-Z.]+$")
# Words that sit between a subject and its verb ("Trump has said", "he later told") and are dropped.
_PRONOUN_CONTRACTIONS = frozenset("he she it who that".split())
_AUX = frozenset(
    "is are was were been being now has had have also later previously would will then once again recently "
    "publicly privately just".split()
)
_LEADING_CONJ = frozenset(
    "but and so yet still meanwhile instead then now later however though although while because since if even".split()
)
_RELATIVE = frozenset("who which whose where when while".split())
_CLAUSE_SPLIT_RE = re.compile(r"[,;―—–]")
_NICKNAME_RE = re.compile(r"^[\"“][A-Z][\w.'’-]*[\"”]$")
_PRONOUNS = frozenset("he she they i we it".split())
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
_SUBJECT_LINKS = frozenset("of for and".split())
_OBJECT_PREPOSITIONS = frozenset("on in at to with by from via into onto".split())
_COORDINATORS = frozenset({"and", "but"})
_TITLED = DETERMINERS | TITLE_WORDS
# "Gov. Ruiz's blunt reply:" - a possessive name, at most two modifiers, and a noun for what was said.
_OWNED_INTRODUCER_RE = re.compile(r"((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.-]*)['’]s\s(?:[a-z-]+\s){0,2}([a-z]+):$")
# Words that tie a noun phrase to its complement ("spokesman for the agency", "official close to the talks").
_NOUN_LINKS = NAME_BLOCKERS | {"about", "over", "into", "under", "behind", "familiar", "close"}
# Words after which a mention following its cue is over: what comes next says when or how it was said.
_ADVERBIAL_STARTS = frozenset("during after before while when as following since because until upon".split())
# "in", "on", "at" after a capitalised name start an adverbial ("Sanders in an interview"); after a lower-case
# noun they belong to the description ("a man in the crowd", "director at the bank").
_PLACE_LINKS = frozenset("in on at".split())
# A name standing alone before a colon, at the sentence start, after a dash or after "from", labels the
# quotation that follows: "Bush: "...", "HEADLINE - Carl Bialik: "...", "More from Jones: "...".
_LABEL_NAME = r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*"
_COLON_LABEL_RE = re.compile(
    rf"(?:^|[-–—―]\s*|\b[Ff]rom\s+)({_LABEL_NAME}(?:\s+and\s+{_LABEL_NAME})?|the\s+[a-z]+)\s*:$"
)
# Cues that may stand before their subject mid-sentence (", explained Rosenberg, "...""); others take an
# object there (", told POLITICO, "..."").
_INVERTING_CUES = frozenset(
    "said says added explained noted wrote writes recalled continued remarked observed quipped argued concluded "
    "insisted replied responded countered declared".split()
)
_STOP_SUBJECT = frozenset("is was are were be been and but that which as when if because so it there".split())


@dataclass(frozen=True, slots=True)
class Frame:
    """A speech cue and the raw text of its subject mention."""

    mention: str
    mention_start: int
    cue: str
    cue_start: int


def tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text, lo, hi)]


def bare(tok: str) -> str:
    return tok.strip(_QUOTE_CHARS + ".,;:!?()[]—–-’'…").lower()


def ends_sentence(tok: str) -> bool:
    if tok.startswith("(") and tok.rstrip(",;:").endswith(")"):
        return False  # "(D-Mo.)" party/state tags
    core = tok.rstrip(_CLOSERS)
    if core.endswith(("!", "?", ";", "…")):
        return True
    if not core.endswith("."):
        return False
    word = core[:-1]
    return not (word.lower().lstrip("(") in ABBREVIATIONS or _INITIALS_RE.match(word) or "." in word)


def _cue_at(toks: list[tuple[int, int, str]], i: int) -> tuple[str, int] | None:
    """The cue starting at token ``i`` (a speech verb or "according to") and how many tokens it spans."""
    word = bare(toks[i][2])
    if word == "according" and i + 1 < len(toks) and bare(toks[i + 1][2]) == "to":
        return "according to", 2
    if word == "put" and i + 1 < len(toks) and bare(toks[i + 1][2]) == "it":
        return "put it", 2  # "as the mayor put it": the idiom credits the words that follow or precede
    if word in SPEECH_VERBS and not toks[i][2][:1].isupper():
        return word, 1
    particle = PHRASAL_CUES.get(word)
    if particle and i + 1 < len(toks) and bare(toks[i + 1][2]) == particle and not toks[i][2][:1].isupper():
        return f"{word} {particle}", 2
    return None


def _mention_after(text: str, toks: list[tuple[int, int, str]], i: int) -> tuple[str, int] | None:
    """Mention following a cue: up to the sentence end, a clause comma, or a quotation mark."""
    out: list[tuple[int, int, str]] = []
    for tok in toks[i:]:
        if tok[2][0] in _QUOTE_CHARS or len(out) >= MAX_MENTION_WORDS:
            break
        word = bare(tok[2])
        if out and (word in _ADVERBIAL_STARTS or (word in _PLACE_LINKS and out[-1][2][:1].isupper())):
            break  # 'said Carly Fiorina during the debate', 'said Ruiz in an interview': the rest is adverbial
        out.append(tok)
        if ends_sentence(tok[2]) or tok[2].endswith(":"):
            break
    if not out:
        return None
    start, end = out[0][0], out[-1][1]
    raw = text[start:end].rstrip(".,;:!?")
    return (raw, start) if raw and bare(out[0][2]) not in _STOP_SUBJECT else None


def _frame_tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Tokens a frame after a closing mark can use: no more than it can span, and none past the next
    quotation (where the search stops anyway), so a text made of thousands of quotations stays cheap."""
    out: list[tuple[int, int, str]] = []
    for m in islice(_TOKEN_RE.finditer(text, lo, hi), FRAME_TOKENS):
        tok = m.group(0)
        out.append((m.start(), m.end(), tok))
        if len(out) > 1 and tok[0] in _QUOTE_CHARS and not _NICKNAME_RE.match(tok):
            break
    return out


def frame_after(text: str, lo: int, hi: int) -> Frame | None:
    """Frame right after a closing mark at ``lo``: ``," said X.`` or ``," X said.``"""
    toks = _frame_tokens(text, lo, min(hi, lo + 400))
    if len(toks) > 1 and toks[0][2] == "as":
        toks = toks[1:]  # '"...," as one critic put it.' is a frame; "as" only subordinates it
    if toks and toks[0][2][0] in ATTRIBUTION_DASHES:
        rest = text[toks[0][0] + 1 : hi].strip(" \u00a0.")
        if any(bare(w) in SPEECH_VERBS and w[:1].islower() for w in rest.split()[:MAX_FRAME_WORDS]):
            toks = toks[1:]  # '"..." – Ruiz told reporters.': a full frame after the dash, read as one
        elif rest[:1].isupper() and len(rest.split()) <= MAX_FRAME_WORDS // 2:
            return Frame(rest, text.find(rest, lo), "―", toks[0][0])
    appositive = False
    for i, (s, _e, tok) in enumerate(toks[:MAX_APPOSITIVE_FRAME_WORDS]):
        if i > 0 and tok[0] in _QUOTE_CHARS and not _NICKNAME_RE.match(tok):
            return None
        if i >= MAX_FRAME_WORDS and not appositive:
            return None
        cue = _cue_at(toks, i)
        if cue:
            if i == 0 or (i == 1 and bare(toks[0][2]) == ""):
                found = _mention_after(text, toks, i + cue[1])
                return Frame(found[0], found[1], cue[0], s) if found else None
            m_start = toks[0][0]
            raw = subject_of(text[m_start:s].strip(" ,—–-" + _QUOTE_CHARS), text)
            if not raw or not (
                any(w[:1].isupper() for w in raw.split()) or raw.split()[0].lower() in DETERMINERS | _PRONOUNS
            ):
                return None
            return Frame(raw, text.find(raw, m_start), cue[0], s)
        if ends_sentence(tok) or (bare(tok) in _STOP_SUBJECT and not appositive):
            return None
        # '," Malkia Cyril, the director at the Center and whose film ..., told': inside the appositive
        # after a capitalised name, "and" or "which" belong to the description, not a new clause.
        appositive = appositive or (tok.endswith(",") and tok[:1].isupper() and i < MAX_NAME_BEFORE_APPOSITIVE)
    return None


def frame_before(text: str, lo: int, hi: int, skip: list[tuple[int, int]] | None = None) -> Frame | None:
    """Frame earlier in the sentence ``text[lo:hi]`` that ends at an opening mark at ``hi``.

    Tokens inside ``skip`` (earlier quotations of the sentence) are never cues: words inside a quotation
    are the speaker's, not the writer's frame.
    """
    toks = tokens(text, max(lo, hi - MAX_BEFORE_CHARS), hi)
    skip = [(s, e) for s, e in skip or [] if e > max(lo, hi - MAX_BEFORE_CHARS)]
    if skip:
        toks = [t for t in toks if not any(s <= t[0] < e for s, e in skip)]
    participle = False
    for i in range(len(toks) - 1, -1, -1):
        cue = _cue_at(toks, i)
        if not cue:
            continue
        s = toks[i][0]
        if cue[0] == "according to":
            found = _mention_after(text, toks, i + 2)
            return Frame(found[0].split(",")[0], found[1], cue[0], s) if found else None
        if cue[0].endswith("ing") and i > 0 and toks[i - 1][2].endswith(","):
            participle = True
            continue  # ", adding ..." continues an earlier frame of the same sentence
        if cue[0].endswith("ing") and i > 0 and toks[i - 1][2].lower() not in _AUX and "’" not in toks[i - 1][2]:
            named = _name_before(text, toks, i)
            if named:
                return Frame(named[0], named[1], cue[0], s)
            participle = True
            continue
        raw = subject_of(text[max(lo, s - MAX_BEFORE_CHARS) : s], text)
        named_after = None
        if cue[0] in _INVERTING_CUES and text[lo:s].rstrip().endswith(","):
            named_after = _inverted_mention(text, toks, i, cue[1], hi)
        if named_after is not None:
            return Frame(named_after[0], named_after[1], cue[0], s)  # "..., explained Rosenberg, "...""
        if raw and any(a <= text.rfind(raw, lo, s) < b for a, b in skip):
            # '"The risk," said Leamer, "is ..."': the words before the verb are a quotation, so the
            # frame is inverted and its subject follows the verb.
            found = _mention_after(text, toks, i + cue[1])
            return Frame(found[0], found[1], cue[0], s) if found else None
        if raw and any(bare(w) in SPEECH_VERBS for w in raw.split()):
            continue
        if raw and parse_mention(raw) is None and toks[i][2].endswith(","):
            continue  # "a swiftly called, late meeting": a participle used as an adjective, not a cue
        if raw:
            return Frame(raw, text.find(raw, lo), cue[0], s)
        if i > 0 and bare(toks[i - 1][2]) in _COORDINATORS:
            participle = True
            continue  # "X said ..., and concluded": the second verb shares the first one's subject
        if i > 0 and toks[i - 1][2] == "it":
            return Frame("it", toks[i - 1][0], cue[0], s)  # "what it called": resolved to the sentence subject
        found = _mention_after(text, toks, i + cue[1])
        return Frame(found[0], found[1], cue[0], s) if found and found[0][:1].isupper() else None
    inverted = _inverted_frame(text, toks, lo)
    if inverted is not None:
        return inverted
    segment = text[lo:hi].rstrip()
    label = _COLON_LABEL_RE.search(segment) if segment.endswith(":") else None
    if label and not participle:
        mention = parse_mention(label.group(1))
        if mention is not None and (mention.person or label.group(1).startswith("the ")):
            return Frame(label.group(1), lo + label.start(1), ":", hi - 1)
    if participle or (segment.endswith(":") and toks):
        raw = leading_subject(text, toks)
        if raw:
            return Frame(raw, text.find(raw, lo), "saying" if participle else ":", hi - 1)
        owner = _OWNED_INTRODUCER_RE.search(segment)
        if owner and owner.group(2).lower() in COLON_INTRODUCERS:
            return Frame(owner.group(1), lo + owner.start(1), ":", hi - 1)  # "Ruiz's reply: "...""
    return None


def _inverted_mention(
    text: str, toks: list[tuple[int, int, str]], i: int, width: int, hi: int
) -> tuple[str, int] | None:
    """A person named between a mid-sentence cue and the quotation it introduces, set off by a comma or a
    colon ("..., explained CBS moderator Nancy Cordes: "...""); None when anything else sits there."""
    if i + width >= len(toks):
        return None
    start = toks[i + width][0]
    raw = text[start:hi].strip()
    if not raw.endswith((",", ":")) or len(raw.split()) > MAX_NAME_BEFORE_APPOSITIVE + 3:
        return None
    mention = parse_mention(raw)
    return (raw.rstrip(",:"), start) if mention is not None and mention.person else None


def _inverted_frame(text: str, toks: list[tuple[int, int, str]], lo: int) -> Frame | None:
    """ "Said Ellis: "..."", "Added the senator, "..."": a sentence opening with its speech verb names the
    speaker right after it (the capitalised verb is refused as a cue elsewhere, where it is a name)."""
    if not toks or toks[0][0] != lo or not toks[0][2][:1].isupper():
        return None
    word = bare(toks[0][2])
    if word not in SPEECH_VERBS or word.endswith("ing"):
        return None
    found = _mention_after(text, toks, 1)
    if found is None or parse_mention(found[0]) is None:
        return None
    return Frame(found[0], found[1], word, toks[0][0])


def _verb_like(tok: str, word: str, prev: str) -> bool:
    """A lower-case word that likely starts the predicate: an auxiliary, a cue, an -ed form, or any word
    directly after a capitalised name ("Sanders made ...")."""
    if not tok[:1].islower() or word in DETERMINERS or word in TITLE_WORDS or word in _SUBJECT_LINKS:
        return False
    after_name = (prev[:1].isupper() or prev.startswith("(")) and not prev.endswith(",")
    after_name = after_name and prev.lower() not in DETERMINERS
    return word in _AUX or word in SPEECH_VERBS or word.endswith("ed") or after_name


def _name_before(text: str, toks: list[tuple[int, int, str]], i: int) -> tuple[str, int] | None:
    """The capitalised name right before a participle cue ("footage of Trump saying")."""
    j = i
    while j > 0 and toks[j - 1][2][:1].isupper() and not toks[j - 1][2].endswith((",", ".")):
        if toks[j - 1][2].lower() in _CALENDAR:
            break
        j -= 1
    if j == i or (j > 0 and bare(toks[j - 1][2]) in _OBJECT_PREPOSITIONS):
        return None  # "a message on Twitter reading": the name is the object of a preposition, not the speaker
    return text[toks[j][0] : toks[i - 1][1]], toks[j][0]


_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
# A capitalised word after a lower-case word or a comma is capitalised for itself, not for its position.
_MID_CAPITAL_RE = re.compile(r"(?<=[a-z,;] )[A-Z][\w'’-]*")


@lru_cache(maxsize=4)
def _vocabulary(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words ``text`` writes in lower case, and those it capitalises inside a sentence."""
    lower = frozenset(_LOWER_WORD_RE.findall(text))
    named = frozenset(w.lower() for w in _MID_CAPITAL_RE.findall(text))
    return lower, named


def common_word(text: str, word: str) -> bool:
    """A capitalised word that the article also writes in lower case and never capitalises inside a
    sentence is an ordinary word opening one ("Hours later", "Here in Columbia", "Much of ..."), not a
    name: a surname such as "Young" or "Rice" is capitalised wherever it stands."""
    w = bare(word)
    lower, named = _vocabulary(text)
    return w in lower and w not in named


def leading_subject(text: str, toks: list[tuple[int, int, str]]) -> str | None:
    """The noun phrase before a sentence's first lower-case verb ("On July 6, Sanders made ...")."""
    stop = None
    prev = ""
    for tok in toks[: MAX_MENTION_WORDS * 2]:
        word = bare(tok[2])
        if _verb_like(tok[2], word, prev):
            stop = tok[0]
            break
        prev = tok[2]
    if stop is None or not toks or toks[0][2][0] in _QUOTE_CHARS:
        return None  # a sentence opening with a quotation has the quotation, not a speaker, first
    raw = subject_of(text[toks[0][0] : stop], text)
    ordinary = raw is not None and " " not in raw and common_word(text, raw)
    if raw and not ordinary and parse_mention(raw) is not None and bare(raw.split()[0]) not in SPEECH_VERBS:
        return raw  # a capitalised cue ("Asked about tolls, she said") opens a participle phrase, not a name
    # "Following a late meeting, the Security Council issued ...": skip an introductory phrase.
    # The comma may come after the false stop: "In recent weeks, Reid has ..." stops at "recent".
    comma = next((k for k, t in enumerate(toks[: MAX_MENTION_WORDS * 2]) if t[2].endswith(",")), None)
    return leading_subject(text, toks[comma + 1 :]) if comma is not None else None


def _top_level_commas(raw: str) -> list[str]:
    """Split at commas, semicolons and dashes outside parentheses (clause and appositive boundaries)."""
    raw = raw.replace("--", "—")  # the typewriter dash is a dash too
    if "(" not in raw:
        return [p.strip(" " + _QUOTE_CHARS) for p in _CLAUSE_SPLIT_RE.split(raw) if p.strip(" " + _QUOTE_CHARS)]
    parts, depth, last = [], 0, 0
    for i, ch in enumerate(raw):
        depth += ch == "("
        depth -= ch == ")"
        if ch in ",;―—–" and depth == 0:
            parts.append(raw[last:i])
            last = i + 1
    parts.append(raw[last:])
    return [p.strip(" " + _QUOTE_CHARS) for p in parts if p.strip(" " + _QUOTE_CHARS)]


def subject_of(raw: str, text: str | None = None) -> str | None:
    """The subject noun phrase at the end of ``raw`` (text between clause start and the verb); ``text``,
    the whole article, tells ordinary words that open a sentence from names (see ``common_word``)."""
    segs = _top_level_commas(raw.strip(" ,;:—–-\u00a0"))
    while len(segs) > 1 and (
        segs[-1].split()[0].lower() in _RELATIVE | {"speaking", "adding"} or segs[-1][0].isdigit()
    ):
        segs.pop()  # relative clauses, participles and ages ("Quina Jones, 25,") are not the subject
    if not segs:
        return None
    if len(segs) > 1 and _preposed_title(segs[-2], segs[-1]):
        return f"{segs[-1]}, {segs[-2]}"  # "His spokeswoman, Ana Cruz,": the name with its title after it
    words = segs[-1].split()
    while len(words) > 1 and (
        words[-1].lower() in _AUX | _CALENDAR or (words[-1].endswith("ly") and words[-1][:1].islower())
    ):
        words.pop()
    if words and words[-1].endswith(("’s", "'s")) and words[-1][:-2].lower() in _PRONOUN_CONTRACTIONS:
        words[-1] = words[-1][:-2]  # "He’s claiming": a contraction, not a possessive
    while words and words[0].lower() in _RELATIVE | {"what", "that", "as"}:
        words.pop(0)
    while words and words[0].lower() in _LEADING_CONJ:
        words.pop(0)
    # An object relative brings its own subject; a subject relative ("who also appears") does not.
    rel = [k for k, w in enumerate(words) if w.lower() in {"that", "which", "what", "whom"}]
    if len(words) > MAX_MENTION_WORDS // 2 and rel and rel[-1] + 1 < len(words):
        words = words[rel[-1] + 1 :]  # "an explosion that Mayor Bill de Blasio [described]": the clause subject
    if len(words) > 1 and words[-1].lower() in _COORDINATORS | {"that", "which", "who"}:
        # "The panel examined the claim and [concluded]", "She made a remark that [described]": the cue
        # continues a clause whose subject opens it.
        head = " ".join(words[:-1])
        words = (leading_subject(head, tokens(head, 0, len(head))) or head).split()
    words = _after_object_gap(words)
    if not words or len(words) > MAX_MENTION_WORDS or words[0].lower() in _STOP_SUBJECT:
        return None
    last = " ".join(words)
    if len(segs) > 1 and len(words) == 1 and words[0].lower() in _PRONOUNS:
        return words[0]  # "South Carolina, he said, was ...": the pronoun is the subject, the name a topic
    appositive = words[0].lower() in {"a", "an", "the"} or words[0][:1].islower() or words[0].endswith(("'s", "’s"))
    if len(segs) > 1 and (appositive or _has_org_tail(words)):
        # "Name, appositive[, appositive]" - walk back to the name and keep its first appositive.
        for k in range(len(segs) - 2, max(-1, len(segs) - 2 - MAX_APPOSITIVES), -1):
            prev = parse_mention(segs[k])
            if prev is not None and prev.person and not (text and " " not in segs[k] and common_word(text, segs[k])):
                return f"{segs[k]}, {segs[k + 1]}" if k + 1 < len(segs) - 1 else f"{segs[k]}, {last}"
    return last


def _preposed_title(title: str, name: str) -> bool:
    """A short determined office ("his spokeswoman", "the bank's lawyer") set before a bare name."""
    words = title.split()
    if not 1 < len(words) <= MAX_APPOSITIVES + 2 or words[0].lower() not in DETERMINERS:
        return False
    if words[-1].lower() not in OFFICE_NOUNS | TITLE_WORDS:
        return False
    mention = parse_mention(name)
    return mention is not None and mention.person and mention.role is None


def _after_object_gap(words: list[str]) -> list[str]:
    """ "meddling the congressman [said] is designed": an object relative without "that" puts its own
    subject after the noun it modifies; that subject starts at the first determiner after a bare word."""
    if not words or len(words) > MAX_MENTION_WORDS or not words[0][:1].islower() or words[0].lower() in _TITLED:
        return words
    for k in range(1, len(words)):
        prev = words[k - 1].lower()
        if prev in _NOUN_LINKS or prev.endswith(("'s", "’s")):
            return words
        if words[k].lower() in {"the", "a", "an"}:
            return words[k:]
    return words


def _has_org_tail(words: list[str]) -> bool:
    return any(w.lower() in {"at", "with", "of", "for"} for w in words[1:])
