"""Decide whether the person a submitter names is the person a statement belongs to.

Submitters name people loosely: "Panetta", "Defense Secretary Leon Panetta", "Mr Panneta",
"L. Panetta", "Algerian Prime Minister Abdelmalek Sellal", or by a known alias. Anonymous
sources are matched by their description ("French diplomat" for "a senior French diplomat").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from service.matching.normalise import tokenize

# Two name words this similar (0-100, rapidfuzz ratio) are one name misspelt: "Panneta" vs
# "Panetta" scores 86, "Selal"/"Sellal" 91, while "Smyth"/"Smith" (80) stay apart. Names this
# close can still be two people ("Holland"/"Hollande", 93): a misattribution between them is
# not detected, which is the safer error than accusing a correct attribution.
NAME_TYPO_MIN_SIMILARITY = 85
# Words shorter than this must match exactly: one letter is too much of a short name ("Zeid").
NAME_TYPO_MIN_LENGTH = 5
# Words sharing this many leading letters are one word in another form: "Algerian" for the
# affiliation "Algeria", "diplomats" for "diplomat".
DESCRIPTOR_PREFIX = 5

# Words that say what someone is, not who: ignored when they stand before or around a name.
HONORIFICS = frozenset(
    """
    a an the mr mrs ms miss mx dr prof professor sir dame lord lady rev sen senator rep representative
    gov governor president vice prime minister secretary general chancellor king queen prince princess
    sheikh gen col capt lt sgt adm chief judge justice mayor ambassador envoy spokesman spokeswoman
    spokesperson leader official officer analyst director chairman chairwoman chair ceo founder head
    commander adviser advisor deputy former senior junior assistant party member mp of for at and
    pm fm pres sec amb atty supt cmdr maj gen dep asst cong congressman congresswoman
    """.split()
)
# A party and state tag after a US politician's name ("Mitch McConnell (R-Ky.)", "Pelosi, D-Calif.")
# and any other parenthesis: what they say about the person is not part of the name.
_NAME_TAGS = re.compile(r"\([^()]*\)|,?\s*\b[RDI]-[A-Z][A-Za-z.]*")
# Words after which an anonymous description stops naming the source and starts qualifying it
# ("a source [familiar with the talks]"), so the word before them is the description's head.
_QUALIFIERS = frozenset(
    "informed familiar with about on in at from of who close speaking involved briefed told".split()
)


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """Who a statement belongs to, as the engine needs to know them."""

    name: str
    affiliation: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    anonymous: bool = False
    # On record, but nobody is known to have said it: no name is this speaker's, and none is not.
    unattributed: bool = False


@lru_cache(maxsize=16384)
def _words(text: str | None) -> tuple[str, ...]:
    """A name's or description's words, possessives folded ("Panetta's" is "panetta"). Cached: a
    verification compares the claimed name with every candidate's speaker, and the same people recur."""
    text = text or ""
    return tuple(t.norm[:-1] if _possessive(text[t.start : t.end]) else t.norm for t in tokenize(text))


def _possessive(word: str) -> bool:
    return len(word) > 2 and word[-1] in "sS" and word[-2] in "'’"


@lru_cache(maxsize=4096)
def _capitalised(text: str) -> tuple[bool, ...]:
    """Which of the words of `text` (as `_words` lists them) start with a capital letter."""
    return tuple(text[t.start].isupper() for t in tokenize(text))


def _same_word(claimed: str, known: str) -> bool:
    if claimed == known:
        return True
    if len(claimed) == 1:  # an initial: "L. Panetta"
        return known.startswith(claimed)
    if min(len(claimed), len(known)) < NAME_TYPO_MIN_LENGTH:
        return False
    return fuzz.ratio(claimed, known) >= NAME_TYPO_MIN_SIMILARITY


def _descriptive(word: str, known: set[str]) -> bool:
    if word in HONORIFICS or word in known:
        return True
    return len(word) >= DESCRIPTOR_PREFIX and any(k[:DESCRIPTOR_PREFIX] == word[:DESCRIPTOR_PREFIX] for k in known)


def _matches_person(claimed: tuple[str, ...], capitalised: tuple[bool, ...], name: str, known: set[str]) -> bool:
    """The surname must be there; the words just before it must be the person's given names.

    Further left, a word that is not part of the name is a title or a description and is
    ignored ("Algerian Prime Minister Abdelmalek Sellal"); right before the surname, a
    capitalised unknown word is another given name ("Bill Clinton" is not "Hillary Clinton"),
    and after it, another person's name ("Leon Panetta Sellal").
    """
    name_words = [w for w in _words(name) if w not in HONORIFICS] or list(_words(name))
    if not name_words:
        return False
    if len(name_words) == 1:
        # Only a surname is on record ("Sanders"): any given name may go with it ("Bernie Sanders").
        known = known | {w for w in claimed if w not in name_words}
    surname = name_words[-1]
    at = [i for i, c in enumerate(claimed) if len(c) > 1 and _same_word(c, surname)]
    if not at:
        return False
    after = range(at[-1] + 1, len(claimed))  # an apposition: "Panetta, the Defense Secretary"
    name_set = set(name_words)
    if any(capitalised[k] and not _descriptive(claimed[k], known | name_set) for k in after):
        return False
    j = at[-1] - 1
    while j >= 0 and any(_same_word(claimed[j], n) for n in name_words[:-1]):
        j -= 1
    if j < 0 or _descriptive(claimed[j], known):
        return True
    return not capitalised[j]


def _head(words: list[str]) -> str:
    for i, w in enumerate(words[1:], start=1):
        if w in _QUALIFIERS:
            return words[i - 1]
    return words[-1]


def _matches_description(claimed: tuple[str, ...], description: str) -> bool:
    """An anonymous source: the claimed words describe them and name the same kind of source."""
    words = [w for w in _words(description) if w not in ("a", "an", "the")]
    core = [w for w in claimed if w not in ("a", "an", "the")]
    if not words or not core:
        return False
    known = set(words)
    return _descriptive(core[-1], {_head(words)}) and all(_descriptive(w, known) for w in core)


def speaker_matches(claimed: str, speaker: SpeakerRef) -> bool:
    """True when `claimed` plausibly names `speaker`.

    >>> speaker_matches("Defense Secretary Panneta", SpeakerRef("Leon Panetta", role="U.S. Defense Secretary"))
    True
    >>> speaker_matches("Bill Panetta", SpeakerRef("Leon Panetta"))
    False
    >>> speaker_matches("Sen. Bernie Sanders (I-Vt.)", SpeakerRef("Sanders"))
    True
    >>> speaker_matches("Algeria", SpeakerRef("a second Algerian official", "Algeria", anonymous=True))
    True
    """
    if speaker.unattributed:
        return False
    claimed = _NAME_TAGS.sub(" ", claimed) if ("(" in claimed or "-" in claimed) else claimed
    words = _words(claimed)
    if not words:
        return False
    names = (speaker.name, *speaker.aliases)
    if _names_affiliation(words, speaker.affiliation):
        return True
    if speaker.anonymous:
        return any(_matches_description(words, n) for n in names)
    capitalised = _capitalised(claimed)
    known = set(_words(speaker.role)) | set(_words(speaker.affiliation))
    return any(_matches_person(words, capitalised, n, known) for n in names)


def _names_affiliation(claimed: tuple[str, ...], affiliation: str | None) -> bool:
    """The claim credits the body the speaker speaks for ("Algeria said ..." for its prime minister
    or "a second Algerian official"): not someone else."""
    core = [w for w in claimed if w not in ("a", "an", "the")]
    if not affiliation or not core:
        return False
    known = {w for w in _words(affiliation) if w not in ("a", "an", "the", "of")}
    return bool(known) and all(_descriptive(w, known) and w not in HONORIFICS for w in core)
