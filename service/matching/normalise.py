"""Turn published and submitted text into comparable word tokens.

Matching ignores what a reader ignores: case, accents, typographic vs straight quotes,
punctuation and whitespace, and apostrophes altogether: people type "dont", "wont" and "its" for
"don't", "won't" and "it's", and the dropped apostrophe is spelling, not a change of words.
Tokens keep their character offsets in the original text so that a diff can show the words
exactly as they were written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

# A word is a run of letters/digits, optionally joined by apostrophes ("won't", "Algeria's").
# Combining marks are part of a word so that decomposed accents ("e" + U+0301) do not split it.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_APOSTROPHES = "'\u2018\u2019\u201b\u02bc\u2032`\u00b4"
_WORD_CHAR = rf"(?:[^\W_]|[{_MARKS}])"
_WORD = re.compile(rf"[^\W_]{_WORD_CHAR}*(?:[{_APOSTROPHES}][^\W_]{_WORD_CHAR}*)*")
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_INNER_APOSTROPHE = re.compile(r"(?<=[A-Za-z0-9])['`](?=[A-Za-z0-9])")
_APOSTROPHE_TABLE = str.maketrans({c: "'" for c in _APOSTROPHES})
# Lower-cased ASCII without apostrophes: every character but a letter or a digit separates words.
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum() or chr(c).isupper()})

# Editorial insertions are written in square brackets; omissions as "...", ". . ." or "…".
_INSERTION = re.compile(r"\[[^\[\]]*\]")
_OMISSION = re.compile(r"\.\s?\.\s?\.|\u2026")

NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot"})
# What is left of an auxiliary before a folded "n't": "don't" -> "dont", "can't" -> "cant",
# "won't" -> "wont", "ain't" -> "aint". A word is a negative contraction when it is one of these
# followed by "nt", so "want" or "front" never is.
_NT_STEMS = frozenset(
    "do does did ca wo is are was were has have had could would should must need might may dare ought sha ai".split()
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word: its normalised form and where it sits in the original text."""

    norm: str
    start: int
    end: int


def normalise_word(word: str, *, fold_apostrophes: bool = True) -> str:
    """Fold one word for comparison; `fold_apostrophes=False` keeps inner apostrophes (the form
    stable identifiers were first derived from, see storage.ids).

    >>> normalise_word("Fran\u00e7ois\u2019s"), normalise_word("won't", fold_apostrophes=False)
    ('francoiss', "won't")
    """
    if word.isascii():  # most words: only case and backtick apostrophes to fold
        folded = word.lower().replace("`", "'")
        if fold_apostrophes:
            return folded.replace("'", "")
        if "''" in folded:
            folded = re.sub("'{2,}", "'", folded)
        return folded.strip("'")
    folded = _normalise_unicode(word)
    return folded.replace("'", "") if fold_apostrophes else folded


@lru_cache(maxsize=65536)
def _normalise_unicode(word: str) -> str:
    # Apostrophes are straightened before decomposition (NFKD would split U+00B4 into a space
    # and an accent) and after it (NFKD can produce U+02BC, from "ŉ").
    decomposed = unicodedata.normalize("NFKD", word.translate(_APOSTROPHE_TABLE))
    decomposed = decomposed.translate(_APOSTROPHE_TABLE).casefold()
    # Compatibility folding can yield marks or separators ("½" -> "1⁄2"); a normalised word
    # keeps only letters, digits and inner apostrophes, so normalising again changes nothing.
    kept = "".join(c for c in decomposed if c.isalnum() or c == "'")
    return re.sub("'{2,}", "'", kept).strip("'")


def tokenize(text: str) -> list[Token]:
    """Split text into normalised word tokens with their offsets.

    >>> [t.norm for t in tokenize("“We won’t allow it,” he said.")]
    ['we', 'wont', 'allow', 'it', 'he', 'said']
    """
    tokens = []
    for m in _WORD.finditer(text):
        norm = normalise_word(m.group())
        if norm:
            tokens.append(Token(norm, m.start(), m.end()))
    return tokens


def normalise(text: str, *, fold_apostrophes: bool = True) -> str:
    """The comparison form of a text: its normalised words joined by single spaces.

    >>> normalise("  At the END of the day... We won't ")
    'at the end of the day we wont'
    """
    if text.isascii():  # one pass over the whole text; the same words as the general path
        if fold_apostrophes and ("'" in text or "`" in text):
            text = _INNER_APOSTROPHE.sub("", text)  # "won't" -> "wont"; a quotation mark stays a separator
        if fold_apostrophes or ("'" not in text and "`" not in text):
            # Words are then the runs of letters and digits: a translation and a split, four
            # times faster than the pattern (a million statements normalise at start-up).
            return " ".join(text.lower().translate(_ASCII_SEPARATORS).split())
        return " ".join(_ASCII_WORD.findall(text.lower().replace("`", "'")))
    words = (normalise_word(w, fold_apostrophes=fold_apostrophes) for w in _WORD.findall(text))
    return " ".join(w for w in words if w)


def is_negation(norm: str) -> bool:
    """True for normalised words that flip a statement's meaning ("not", "wont", "never").

    >>> [is_negation(w) for w in ("dont", "cant", "want", "never", "can")]
    [True, True, False, True, False]
    """
    return norm in NEGATIONS or (norm.endswith("nt") and norm[:-2] in _NT_STEMS)


def _negation_typo(word: str, negation: str) -> bool:
    """True when `word` is `negation` mistyped: one letter doubled, dropped, swapped or replaced
    (the last only in words of four letters or more), but not its positive form ("can" for
    "cant", "ever" for "never"), which is a real change of meaning.

    >>> [_negation_typo(w, n) for w, n in [("canot", "cannot"), ("nto", "not"), ("can", "cant"), ("now", "not")]]
    [True, True, False, False]
    """
    if word == negation or OSA.distance(word, negation) != 1:
        return False
    positive = {negation[1:]}
    if negation.endswith("nt"):
        positive |= {negation[:-1], negation[:-2]}
    if negation.endswith("not"):
        positive.add(negation[:-3])
    if word in positive:
        return False
    doubled = len(word) == len(negation) + 1 and any(word[:i] + word[i + 1 :] == negation for i in range(len(word)))
    return len(negation) >= 4 or doubled or sorted(word) == sorted(negation)


def negation_flip(stored: Sequence[str], submitted: Sequence[str]) -> int:
    """+1 when the submitted words add a negation the stored ones lack, -1 when they remove one,
    0 when both sides negate alike. A typo inside a negation word still negates ("canot").

    >>> negation_flip(["we", "cannot"], ["we", "canot"]), negation_flip(["we", "cannot"], ["and", "so", "can", "we"])
    (0, -1)
    """
    negations = [w for w in stored if is_negation(w)]
    stored_count = len(negations)
    submitted_count = sum(1 for w in submitted if is_negation(w) or any(_negation_typo(w, n) for n in negations))
    if submitted_count > stored_count:
        return 1
    return -1 if submitted_count < stored_count else 0


@dataclass(frozen=True, slots=True)
class Claim:
    """Submitted text, split the way a careful reader would read it.

    `tokens` holds every word; `segments` the runs of words the submitter presents as quoted,
    broken at omission marks and at bracketed editorial insertions (whose words are listed in
    `inserted`, by index into `tokens`).
    """

    text: str
    tokens: tuple[Token, ...]
    segments: tuple[tuple[int, ...], ...]
    inserted: frozenset[int]
    reported: bool = False  # the words after a reporting frame ("X said that ..."), not a quotation

    @property
    def quoted_words(self) -> list[str]:
        """The words the submitter attributes to the speaker, without insertions."""
        return [self.tokens[i].norm for seg in self.segments for i in seg]


def parse_claim(text: str) -> Claim:
    """Parse submitted text into words, quoted segments and editorial insertions.

    >>> c = parse_claim("We won't allow [any] threat ... our nation")
    >>> [[c.tokens[i].norm for i in s] for s in c.segments]
    [['we', 'wont', 'allow'], ['threat'], ['our', 'nation']]
    """
    tokens = tuple(tokenize(text))
    breaks: list[tuple[int, int]] = [m.span() for m in _INSERTION.finditer(text)]
    insertions = list(breaks)
    breaks += [m.span() for m in _OMISSION.finditer(text)]
    breaks.sort()

    inserted = frozenset(i for i, t in enumerate(tokens) if any(a <= t.start and t.end <= b for a, b in insertions))
    segments: list[tuple[int, ...]] = []
    current: list[int] = []
    b = 0
    for i, tok in enumerate(tokens):
        crossed = False
        while b < len(breaks) and breaks[b][0] < tok.end:
            crossed = True
            b += 1
        if crossed and current:
            segments.append(tuple(current))
            current = []
        if i not in inserted:
            current.append(i)
    if current:
        segments.append(tuple(current))
    return Claim(text=text, tokens=tokens, segments=tuple(segments), inserted=inserted)
