"""Decide whether the person a submitter names is the person a statement belongs to.

Submitters name people loosely: "Panetta", "Defense Secretary Leon Panetta", "Mr Panneta",
"L. Panetta", or by a known alias. Anonymous sources are matched by their description
("French diplomat" for "a senior French diplomat").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from service.matching.normalise import tokenize

# Two name words this similar (0-100, rapidfuzz ratio) are one name misspelt: "Panneta" vs
# "Panetta" scores 86, "Sellal"/"Selal" 91, while distinct surnames such as "Hollande"/"Holland"
# (93) would also pass, which is why words shorter than NAME_TYPO_MIN_LENGTH must match exactly.
NAME_TYPO_MIN_SIMILARITY = 80
NAME_TYPO_MIN_LENGTH = 5

# Words that say what someone is, not who: ignored when they stand before or around a name.
HONORIFICS = frozenset(
    """
    a an the mr mrs ms miss dr prof professor sir dame lord lady rev sen senator rep representative gov
    governor president vice prime minister secretary general chancellor king queen prince princess
    sheikh gen col capt lt sgt adm chief judge justice mayor ambassador spokesman spokeswoman
    spokesperson of for at and
    """.split()
)


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """Who a statement belongs to, as the engine needs to know them."""

    name: str
    affiliation: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()


def _words(text: str | None) -> list[str]:
    words = []
    for tok in tokenize(text or ""):
        word = tok.norm[:-2] if tok.norm.endswith("'s") else tok.norm
        words.append(word)
    return words


def _same_word(claimed: str, known: str) -> bool:
    if claimed == known:
        return True
    if len(claimed) == 1:  # an initial: "L. Panetta"
        return known.startswith(claimed)
    if min(len(claimed), len(known)) < NAME_TYPO_MIN_LENGTH:
        return False
    return fuzz.ratio(claimed, known) >= NAME_TYPO_MIN_SIMILARITY


def _matches_name(claimed: list[str], name: str, descriptive: set[str]) -> bool:
    name_words = [w for w in _words(name) if w not in HONORIFICS] or _words(name)
    if not name_words:
        return False
    surname = name_words[-1]
    if not any(_same_word(c, surname) for c in claimed):
        return False
    return all(any(_same_word(c, n) for n in name_words) or c in descriptive for c in claimed)


def speaker_matches(claimed: str, speaker: SpeakerRef) -> bool:
    """True when `claimed` plausibly names `speaker`.

    The surname (the last word of the name or description) must be there; every other word
    must belong to the name, an alias, the role or the affiliation.

    >>> speaker_matches("Defense Secretary Panneta", SpeakerRef("Leon Panetta", role="U.S. Defense Secretary"))
    True
    >>> speaker_matches("Leon Brittan", SpeakerRef("Leon Panetta"))
    False
    """
    claimed_words = [w for w in _words(claimed) if w not in HONORIFICS]
    if not claimed_words:
        return False
    descriptive = set(_words(speaker.role)) | set(_words(speaker.affiliation)) | HONORIFICS
    names: Iterable[str] = (speaker.name, *speaker.aliases)
    return any(_matches_name(claimed_words, name, descriptive) for name in names)
