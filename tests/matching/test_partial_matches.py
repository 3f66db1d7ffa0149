"""Partial matches and reported speech: where a close window is resemblance by chance.

A short text slid along a longer one finds a close window often enough that, among a million
statements, some unrelated one scores above ALTERED_MIN_SCORE. These tests pin the rules that
ask more of such matches, on both sides of each threshold, with invented statements.
"""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from service.matching import Matcher, SpeakerRef, Statement, Verdict, normalise, parse_claim
from service.matching.matcher import REPORTED_MAX_FRAME_WORDS
from service.matching.score import EMBEDDED_MIN_WORDS, PARTIAL_LENGTH_RATIO, PARTIAL_STRICT_SCORE, SHORT_PARTIAL_WORDS
from service.matching.verdict import ALTERED_MIN_SCORE

LONG = (
    "I think a lot of people made up their minds today about who they are going to vote for, "
    "especially those on the fence who never wanted to vote for the incumbent"
)
SHORT = "We are going to defeat the incumbent,"
SAME_THING = "It's another way to achieve the same thing, at least on a small scale,"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    texts = {"long": LONG, "short": SHORT, "same": SAME_THING}
    return Matcher(Statement(k, t, "direct", SpeakerRef(k.title())) for k, t in texts.items())


def partial(needle: str, haystack: str) -> float:
    return fuzz.partial_ratio(" ".join(parse_claim(needle).quoted_words), normalise(haystack))


def test_short_claim_with_a_changed_word_inside_a_long_statement_is_not_altered(matcher: Matcher) -> None:
    claim = "who they are going to cast for"
    assert len(parse_claim(claim).quoted_words) < SHORT_PARTIAL_WORDS
    assert ALTERED_MIN_SCORE <= partial(claim, LONG) < PARTIAL_STRICT_SCORE  # only the short-text rule holds it
    assert matcher.verify(claim).verdict is Verdict.NOT_FOUND


def test_a_word_more_makes_the_changed_excerpt_altered(matcher: Matcher) -> None:
    claim = "about who they are going to cast for"
    assert len(parse_claim(claim).quoted_words) == SHORT_PARTIAL_WORDS
    result = matcher.verify(claim)
    assert result.verdict is Verdict.ALTERED
    assert result.matches[0].statement.id == "long"


def test_short_claim_with_a_typo_inside_a_long_statement_is_altered(matcher: Matcher) -> None:
    claim = "who they are going to vote fro"
    assert len(parse_claim(claim).quoted_words) < SHORT_PARTIAL_WORDS
    assert partial(claim, LONG) >= PARTIAL_STRICT_SCORE
    assert matcher.verify(claim).verdict is Verdict.ALTERED


def test_short_unrelated_statement_inside_a_claim_is_not_altered(matcher: Matcher) -> None:
    claim = "and we are going to make the incumbent pay for it."
    assert len(normalise(SHORT).split()) < EMBEDDED_MIN_WORDS
    assert partial(SHORT, claim) >= ALTERED_MIN_SCORE  # it would pass on score alone
    assert matcher.verify(claim).verdict is Verdict.NOT_FOUND


def test_short_statement_with_a_typo_inside_a_long_claim_is_altered(matcher: Matcher) -> None:
    claim = (
        "Everyone at the rally heard the message loud and clear: we are going to defeat the incumbant, "
        "and nobody will stop us now."
    )
    result = matcher.verify(claim)
    assert result.verdict is Verdict.ALTERED
    assert result.matches[0].statement.id == "short"
    assert result.matches[0].score >= PARTIAL_STRICT_SCORE


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("The bridge repairs will finish before the autumn storms", Verdict.NOT_FOUND),
        ("The harbour bridge repairs will finish before the autumn storms", Verdict.ALTERED),
    ],
)
def test_changed_statement_inside_a_claim_needs_enough_words(statement: str, expected: Verdict) -> None:
    claim = (
        "Residents were told on Monday that the harbour bridge repairs will finish before the winter storms, "
        "according to a letter the mayor sent to every household in the eastern districts"
    )
    assert (len(normalise(statement).split()) >= EMBEDDED_MIN_WORDS) is (expected is Verdict.ALTERED)
    assert len(parse_claim(claim).quoted_words) >= PARTIAL_LENGTH_RATIO * len(normalise(statement).split())
    assert ALTERED_MIN_SCORE <= partial(statement, claim) < PARTIAL_STRICT_SCORE
    matcher = Matcher([Statement("b", statement, "direct", SpeakerRef("Mayor"))])
    assert matcher.verify(claim).verdict is expected


def test_changed_short_statement_that_is_most_of_the_claim_is_altered() -> None:
    statement = "The bridge repairs will finish before the autumn storms"
    claim = "The bridge repairs will finish before the winter storms #harbour #news"
    words = len(normalise(statement).split())
    assert words < EMBEDDED_MIN_WORDS
    assert len(parse_claim(claim).quoted_words) < PARTIAL_LENGTH_RATIO * words
    assert ALTERED_MIN_SCORE <= partial(statement, claim) < PARTIAL_STRICT_SCORE
    matcher = Matcher([Statement("b", statement, "direct", SpeakerRef("Mayor"))])
    assert matcher.verify(claim).verdict is Verdict.ALTERED


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Rivera said the same thing", Verdict.VERIFIED),
        ("Councillor Maria Rivera, who chairs the north ward committee, said the same thing", Verdict.VERIFIED),
        ("It would be so much easier for all of us here if the council simply said the same thing", Verdict.NOT_FOUND),
    ],
)
def test_reporting_frame_opens_the_text(matcher: Matcher, claim: str, expected: Verdict) -> None:
    # "the same thing" is three words of SAME_THING, verbatim: read as what was reported, it verifies.
    frame = len(parse_claim(claim).quoted_words) - 3
    assert (frame <= REPORTED_MAX_FRAME_WORDS) is (expected is Verdict.VERIFIED)
    assert matcher.verify(claim).verdict is expected


def test_short_claim_with_a_changed_word_in_a_statement_of_its_length_is_altered() -> None:
    # Only the best window finds it (the whole-text ratio is below the threshold), and the statement
    # is too short for chance to explain it: the rule for short partial matches does not apply.
    statement = "Please stand with our nurses on Monday"
    claim = "stand with our nurses on Friday"
    words = len(parse_claim(claim).quoted_words)
    assert words < SHORT_PARTIAL_WORDS and len(normalise(statement).split()) < PARTIAL_LENGTH_RATIO * words
    assert fuzz.ratio(normalise(claim), normalise(statement)) < ALTERED_MIN_SCORE <= partial(claim, statement)
    assert partial(claim, statement) < PARTIAL_STRICT_SCORE
    matcher = Matcher([Statement("f", statement, "direct", SpeakerRef("Candidate"))])
    assert matcher.verify(claim).verdict is Verdict.ALTERED
