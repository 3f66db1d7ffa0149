"""Restatements: a claim that says what a statement says, in other words.

A reporter's "Panetta said the United States needed to work with countries in the region" keeps
what carries a statement (its figures, its names, its rare words) and changes the rest: the
person ("we" -> "they"), the tense, the common words ("nations" -> "countries"). Character
similarity misses that; the words that carry the meaning do not. A restatement must hold most of
the statement's weighty words and bring few of its own, and the figures on both sides must agree:
"$600" restated as "$400" is a different claim, not the same one in other words.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

# Share of the statement's content (weighted by rarity) the claim must restate, and share of the
# claim's content that must come from the statement. Measured on the train split of
# benchmarks/verdicts.py: restatements built with one table of synonyms keep 0.7-1.0 of both,
# while real quotes on other subjects, framed as reported speech, rarely pass 0.5 of either.
MIN_STATEMENT_SHARE = 0.65
MIN_CLAIM_SHARE = 0.65
# Content words the statement and the claim must share: two shared rare words are a topic, not a
# restatement.
MIN_SHARED_CONTENT = 4

# Share of the statement's word pairs the claim must keep in order: a restatement keeps its
# phrases ("to secure the borders", "in the region"); the same words shuffled keep next to none.
MIN_SHARED_PAIRS = 0.3
# Function words carry no content of their own.
STOPWORDS = frozenset(
    """
    a an the and or but if so as of at by for from in into on onto to with without about over under than then
    that this these those there here it its is are was were be been being am do does did done have has had
    having will would shall should can could may might must i me my mine we us our ours you your yours he him
    his she her hers they them their theirs who whom whose which what when where why how not no nor all any
    some each every both either neither one ones other such own same very just also only too more most much
    many few lot lots said says say saying told tell tells stated added that's its it's im ive id well
    """.split()
)
_SUFFIXES = ("ies", "ing", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    """A word without its commonest inflection, so "countries" meets "country" and "needed" "need".

    >>> [stem(w) for w in ("countries", "needed", "working", "region", "600")]
    ['countr', 'need', 'work', 'region', '600']
    """
    if word.isdigit() or len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content(words: Sequence[str]) -> dict[str, str]:
    """Content stems and a word of each (the one whose rarity weighs it)."""
    out: dict[str, str] = {}
    for w in words:
        if w not in STOPWORDS and (len(w) > 1 or w.isdigit()):
            out.setdefault(stem(w), w)
    return out


def restates(claim: Sequence[str], statement: Sequence[str], weight: Callable[[str], float]) -> bool:
    """True when the claim's words restate the statement's (normalised words on both sides);
    `weight` says how much a word counts as evidence (its rarity).

    >>> stored = "extra troops had been sent to secure algerias borders".split()
    >>> restates("sellal said additional troops had been sent to secure the borders of algeria".split(), stored, len)
    True
    >>> restates("sellal said troops were sent home from the borders".split(), stored, len)
    False
    """
    said = _content(claim)
    stored = _content(statement)
    shared = said.keys() & stored.keys()
    if len(shared) < MIN_SHARED_CONTENT:
        return False
    figures = {s for s in stored if s.isdigit()}
    if figures != {s for s in said if s.isdigit()}:
        return False
    total_stored = sum(weight(w) for w in stored.values())
    total_said = sum(weight(w) for w in said.values())
    if not total_stored or not total_said:
        return False
    share_stored = sum(weight(stored[s]) for s in shared) / total_stored
    share_said = sum(weight(said[s]) for s in shared) / total_said
    if share_stored < MIN_STATEMENT_SHARE or share_said < MIN_CLAIM_SHARE:
        return False
    pairs = set(itertools.pairwise(statement))
    return len(pairs & set(itertools.pairwise(claim))) >= MIN_SHARED_PAIRS * len(pairs)
