"""Claims with several quoted passages: segments, attributions and the worst-wins verdict."""

from __future__ import annotations

import pytest

from service.matching import EmptyClaimError, Matcher, Verdict
from service.matching.claims import MAX_SEGMENTS, SEVERITY, check_claim, passages, worst

PARAGRAPH = (
    'Sellal told parliament: "We won\'t allow any threat to harm our nation." '
    '"Algeria wants to avoid having terrorist camps at its frontiers," Sellal said. '
    'Fabiani said: "We need to work with the nations in the region."'
)


def test_each_quoted_passage_is_a_segment_with_its_attribution(seed_matcher: Matcher) -> None:
    check = check_claim(seed_matcher, PARAGRAPH)
    got = [(s.text, s.attributed, s.verdict) for s in check.segments]
    assert got == [
        ("We won't allow any threat to harm our nation.", "Sellal", Verdict.VERIFIED),
        ("Algeria wants to avoid having terrorist camps at its frontiers", "Sellal", Verdict.ALTERED),
        ("We need to work with the nations in the region.", "Fabiani", Verdict.MISATTRIBUTED),
    ]
    for s in check.segments:
        assert PARAGRAPH[s.start : s.end] == s.text
    assert check.verdict is Verdict.MISATTRIBUTED
    assert check.matches == check.segments[2].matches
    assert check.matches[0].statement.speaker.name == "Leon Panetta"


def test_text_without_quotation_marks_is_one_segment_as_before(seed_matcher: Matcher) -> None:
    text = "We will allow any threat to harm our nation"
    check = check_claim(seed_matcher, text, speaker="Sellal")
    assert len(check.segments) == 1
    s = check.segments[0]
    assert (s.start, s.end, s.attributed, s.speaker) == (0, len(text), None, "Sellal")
    assert check.verdict is Verdict.ALTERED
    assert check.matches == seed_matcher.verify(text, speaker="Sellal").matches


def test_the_requests_speaker_applies_to_passages_the_text_does_not_attribute(seed_matcher: Matcher) -> None:
    text = '"We won\'t allow any threat to harm our nation" and "Algeria wants to avoid having terrorist dens"'
    as_sellal = check_claim(seed_matcher, text, speaker="Sellal")
    assert [s.speaker for s in as_sellal.segments] == ["Sellal", "Sellal"]
    assert as_sellal.verdict is Verdict.VERIFIED
    as_panetta = check_claim(seed_matcher, text, speaker="Panetta")
    assert [s.verdict for s in as_panetta.segments] == [Verdict.MISATTRIBUTED, Verdict.MISATTRIBUTED]


def test_a_single_passage_is_checked_against_the_speaker_asked_about(seed_matcher: Matcher) -> None:
    text = 'Panetta said: "We won\'t allow any threat to harm our nation."'
    assert check_claim(seed_matcher, text).verdict is Verdict.MISATTRIBUTED
    assert check_claim(seed_matcher, text, speaker="Abdelmalek Sellal").verdict is Verdict.VERIFIED


def test_scare_quotes_are_not_segments() -> None:
    text = 'There was "tacit" agreement, and "We won\'t allow any threat to harm our nation," Sellal said.'
    assert [text[p.start : p.end] for p in passages(text)] == ["We won't allow any threat to harm our nation"]


def test_worst_verdict_wins_in_the_documented_order() -> None:
    assert SEVERITY == (
        Verdict.MISATTRIBUTED,
        Verdict.ALTERED,
        Verdict.NOT_FOUND,
        Verdict.PARAPHRASE,
        Verdict.VERIFIED,
    )
    assert worst([Verdict.VERIFIED, Verdict.PARAPHRASE]) == 1
    assert worst([Verdict.PARAPHRASE, Verdict.NOT_FOUND, Verdict.VERIFIED]) == 1
    assert worst([Verdict.ALTERED, Verdict.NOT_FOUND, Verdict.ALTERED]) == 0
    assert worst([Verdict.ALTERED, Verdict.MISATTRIBUTED]) == 1


def test_text_with_no_words_is_refused(seed_matcher: Matcher) -> None:
    with pytest.raises(EmptyClaimError):
        check_claim(seed_matcher, '"..." — ""')


def test_passages_past_the_limit_are_counted_not_checked(seed_matcher: Matcher) -> None:
    text = 'Sellal said "We won\'t allow any threat to harm our nation" again. ' * (MAX_SEGMENTS + 5)
    check = check_claim(seed_matcher, text)
    assert len(check.segments) == MAX_SEGMENTS
    assert check.unchecked == 5
    assert check.verdict is Verdict.VERIFIED
