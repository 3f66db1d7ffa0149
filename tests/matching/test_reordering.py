"""Reordered quotes are altered versions; the same words in no shared order are not a version."""

from __future__ import annotations

from itertools import pairwise

import pytest

from service.matching import Matcher, SpeakerRef, Statement, Verdict
from service.matching.normalise import parse_claim
from service.matching.score import SORT_MIN_SHARED_BIGRAMS, ClaimText, _shared_bigrams, align
from service.matching.verdict import ALTERED_MIN_SCORE

QUOTE = "We need to work with other nations to counter the threat in the region"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher([Statement("p1", QUOTE, "direct", SpeakerRef("Leon Panetta"))])


def test_halves_swapped_are_an_altered_quote(matcher: Matcher) -> None:
    claim = "to counter the threat in the region we need to work with other nations"
    assert _shared_bigrams(frozenset(pairwise(claim.lower().split())), QUOTE.lower().split()) >= SORT_MIN_SHARED_BIGRAMS
    result = matcher.verify(claim)
    assert result.verdict is Verdict.ALTERED
    assert result.matches[0].statement.id == "p1"


def test_the_same_words_sharing_no_phrase_are_not_the_quote(matcher: Matcher) -> None:
    claim = "region the nations with threat other counter in to work need we the to"
    assert sorted(claim.split()) == sorted(QUOTE.lower().split())  # every word, none in order
    assert _shared_bigrams(frozenset(pairwise(claim.split())), QUOTE.lower().split()) < SORT_MIN_SHARED_BIGRAMS
    assert matcher.verify(claim).verdict is Verdict.NOT_FOUND


@pytest.mark.parametrize(
    ("claim", "sorted_counts"),
    [
        ("to counter the threat in the region we need to work with other nations", True),
        ("the region in threat the counter to nations other with work to need we", False),
    ],
)
def test_word_order_insensitive_score_needs_shared_phrases(claim: str, sorted_counts: bool) -> None:
    # Reversed word order has the same sorted words as the quote, so only the bigram share decides.
    score = align(ClaimText.of(parse_claim(claim)), QUOTE.lower()).score
    assert (score >= ALTERED_MIN_SCORE) is sorted_counts
