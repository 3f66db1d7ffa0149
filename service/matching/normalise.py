"""Turn published and submitted text into comparable word tokens.

Matching ignores what a reader ignores: case, accents, typographic vs straight quotes and
apostrophes, punctuation and whitespace. Tokens keep their character offsets in the original
text so that a diff can show the words exactly as they were written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A word is a run of letters/digits, optionally joined by apostrophes ("won't", "Algeria's").
# Combining marks are part of a word so that decomposed accents ("e" + U+0301) do not split it.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_APOSTROPHES = "'\u2018\u2019\u201b\u02bc\u2032`\u00b4"
_WORD_CHAR = rf"(?:[^\W_]|[{_MARKS}])"
_WORD = re.compile(rf"[^\W_]{_WORD_CHAR}*(?:[{_APOSTROPHES}][^\W_]{_WORD_CHAR}*)*")
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_APOSTROPHE_TABLE = str.maketrans({c: "'" for c in _APOSTROPHES})
# Lower-cased ASCII without apostrophes: every character but a letter or a digit separates words.
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum() or chr(c).isupper()})

# Editorial insertions are written in square brackets; omissions as "...", ". . ." or "…".
_INSERTION = re.compile(r"\[[^\[\]]*\]")
_OMISSION = re.compile(r"\.\s?\.\s?\.|\u2026")

NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot"})


@dataclass(frozen=True, slots=True)
class Token:
    """One word: its normalised form and where it sits in the original text."""

    norm: str
    start: int
    end: int


def normalise_word(word: str) -> str:
    """Fold one word for comparison.

    >>> normalise_word("Fran\u00e7ois\u2019s")
    "francois's"
    """
    if word.isascii():  # most words: only case and backtick apostrophes to fold
        folded = word.lower().replace("`", "'")
        if "''" in folded:
            folded = re.sub("'{2,}", "'", folded)
        return folded.strip("'")
    return _normalise_unicode(word)


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
    ['we', "won't", 'allow', 'it', 'he', 'said']
    """
    tokens = []
    for m in _WORD.finditer(text):
        norm = normalise_word(m.group())
        if norm:
            tokens.append(Token(norm, m.start(), m.end()))
    return tokens


def normalise(text: str) -> str:
    """The comparison form of a text: its normalised words joined by single spaces.

    >>> normalise("  At the END of the day... ")
    'at the end of the day'
    """
    if text.isascii():  # one pass over the whole text; the same words as the general path
        if "'" not in text and "`" not in text:
            # Words are then the runs of letters and digits: a translation and a split, four
            # times faster than the pattern (a million statements normalise at start-up).
            return " ".join(text.lower().translate(_ASCII_SEPARATORS).split())
        return " ".join(_ASCII_WORD.findall(text.lower().replace("`", "'")))
    words = (normalise_word(w) for w in _WORD.findall(text))
    return " ".join(w for w in words if w)


def is_negation(norm: str) -> bool:
    """True for words that flip a statement's meaning ("not", "won't", "never")."""
    return norm in NEGATIONS or norm.endswith("n't")


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

    @property
    def quoted_words(self) -> list[str]:
        """The words the submitter attributes to the speaker, without insertions."""
        return [self.tokens[i].norm for seg in self.segments for i in seg]

    @property
    def has_gaps(self) -> bool:
        return len(self.segments) > 1


def parse_claim(text: str) -> Claim:
    """Parse submitted text into words, quoted segments and editorial insertions.

    >>> c = parse_claim("We won't allow [any] threat ... our nation")
    >>> [[c.tokens[i].norm for i in s] for s in c.segments]
    [['we', "won't", 'allow'], ['threat'], ['our', 'nation']]
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
