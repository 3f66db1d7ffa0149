"""Matcher.verify(deadline=...): a verification that runs out of time answers with what it has."""

from __future__ import annotations

import time

from service.matching import Matcher, SpeakerRef, Statement, Verdict

SELLAL = SpeakerRef("Abdelmalek Sellal")
PANETTA = SpeakerRef("Leon Panetta")

PANETTA_QUOTE = "We need to work with other nations to counter the threat in the region"
POST = (
    "Officials met in Algiers on Monday. The minister thanked the delegation for coming. "
    f'Later the secretary said "{PANETTA_QUOTE}" to reporters. '
    "Talks continue next week about trade, energy and the border crossings between the two countries."
)


def matcher() -> Matcher:
    return Matcher(
        [
            Statement("p1", PANETTA_QUOTE, "direct", PANETTA),
            Statement("s1", "We won't allow any threat to harm our nation", "direct", SELLAL),
            Statement(
                "s2", "Talks about trade and energy will continue next week with the delegation", "direct", SELLAL
            ),
        ]
    )


def test_no_deadline_and_a_distant_one_give_the_full_answer() -> None:
    m = matcher()
    full = m.verify(POST)
    assert full.verdict is Verdict.VERIFIED and full.matches[0].statement.id == "p1"
    assert not full.cut_short
    later = m.verify(POST, deadline=time.monotonic() + 60)
    assert later == full


def test_a_passed_deadline_stops_after_the_first_candidate() -> None:
    m = matcher()
    m.add(Statement("s3", "We won't allow any threat to harm our nation and its borders", "direct", SELLAL))
    claim = "we will allow any threat to harm our nation"
    full = m.verify(claim)
    assert len(full.matches) == 2
    cut = m.verify(claim, deadline=time.monotonic() - 1)
    assert cut.cut_short
    assert len(cut.matches) <= 1
    assert all(match in full.matches for match in cut.matches)


def test_a_post_cut_short_still_answers_from_the_whole_text() -> None:
    result = matcher().verify(POST, deadline=time.monotonic() - 1)
    assert result.cut_short  # its quoted passage and sentences were not looked up
    assert [m.statement.id for m in result.matches] == ["p1"]


def test_a_passed_deadline_still_scores_the_best_candidate() -> None:
    result = matcher().verify("we will allow any threat to harm our nation", deadline=time.monotonic() - 1)
    assert result.verdict is Verdict.ALTERED
    assert [m.statement.id for m in result.matches] == ["s1"]
    assert result.cut_short
