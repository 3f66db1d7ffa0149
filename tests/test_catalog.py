"""catalog.verify: the MATCH_BUDGET_MS setting bounds the time spent matching."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service import catalog
from service.matching import Matcher, SpeakerRef, Statement, Verdict
from service.settings import Settings

QUOTE = "We need to work with other nations to counter the threat in the region"
POST = f'Officials met on Monday. Later the secretary said "{QUOTE}" to reporters. Talks continue next week.'


@pytest.fixture
def matcher() -> Matcher:
    return Matcher([Statement("p1", QUOTE, "direct", SpeakerRef("Leon Panetta"))])


def test_no_budget_matches_fully(matcher: Matcher) -> None:
    for budget in (None, 0.0):
        result = catalog.verify(matcher, POST, speaker=None, max_chars=10_000, budget_ms=budget)
        assert result.verdict is Verdict.VERIFIED
        assert not result.cut_short


def test_a_spent_budget_cuts_the_matching_short(matcher: Matcher) -> None:
    result = catalog.verify(matcher, POST, speaker=None, max_chars=10_000, budget_ms=1e-6)
    assert result.cut_short
    assert result.verdict is Verdict.VERIFIED  # the whole post's best candidate is still scored


def test_budget_setting_is_read_from_the_environment_and_never_negative(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATCH_BUDGET_MS", "25")
    assert Settings().match_budget_ms == 25.0
    with pytest.raises(ValidationError, match="match_budget_ms"):
        Settings(match_budget_ms=-1)
