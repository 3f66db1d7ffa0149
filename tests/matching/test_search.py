"""matching.search: which typed words find which stored words, on both sides of each threshold."""

from __future__ import annotations

import pytest

from service.matching import Matcher, SpeakerRef, Statement
from service.matching.ranking import (
    EXACT_MAX_LENGTH,
    MIN_COVERAGE,
    ONE_TYPO_MAX_LENGTH,
    PREFIX_MIN_LENGTH,
    EmptyQueryError,
    name_score,
    search,
)

SOMEONE = SpeakerRef("Jane Okafor", aliases=("J. Okafor",))
OTHER = SpeakerRef("Leon Panetta")


def matcher(*texts: str) -> Matcher:
    return Matcher(Statement(f"q{i}", t, "direct", SOMEONE if i % 2 == 0 else OTHER) for i, t in enumerate(texts))


def found(m: Matcher, query: str, **kwargs: object) -> list[str]:
    return [h.statement.id for h in search(m, query, **kwargs)]  # type: ignore[arg-type]


def test_short_words_must_be_typed_exactly() -> None:
    m = matcher("It was over", "The war is over")
    assert len("war") <= EXACT_MAX_LENGTH
    assert found(m, "war") == ["q1"]
    assert found(m, "wra") == []


def test_one_typo_up_to_the_length_limit_and_two_beyond() -> None:
    m = matcher("They harm nobody", "The threat is real", "Every nations agrees")
    assert found(m, "hram") == ["q0"]  # a swap of two letters is one typo
    assert len("threat") <= ONE_TYPO_MAX_LENGTH
    assert found(m, "threwt") == ["q1"]
    assert found(m, "thrwwt") == []  # two typos in six letters
    assert len("nations") > ONE_TYPO_MAX_LENGTH
    assert found(m, "nxtixns") == ["q2"]  # two typos in seven letters


def test_only_the_last_word_is_completed_and_only_from_a_few_letters() -> None:
    m = matcher("Our nation stands", "Harm is done")
    assert set(found(m, "harm nat")) == {"q0", "q1"}
    assert found(m, "nat harm") == ["q1"]
    assert len("na") < PREFIX_MIN_LENGTH
    assert found(m, "na") == []


def test_a_statement_sharing_only_light_common_words_is_left_out() -> None:
    common = [f"the plan number {i}" for i in range(10)]
    m = matcher("the xylophone", *common)
    results = search(m, "the xylophone orchestra")
    assert [h.statement.id for h in results] == ["q0"]
    assert MIN_COVERAGE > 0


def test_rarer_words_weigh_more() -> None:
    m = matcher("the threat is real", "the nation is real", *[f"the threat number {i}" for i in range(5)])
    assert found(m, "threat nation")[0] == "q1"


def test_speaker_filter_uses_names_aliases_and_surnames() -> None:
    m = matcher("Tolls stay at zero", "Tolls rise next year")
    assert found(m, "tolls", speaker="okafor") == ["q0"]
    assert found(m, "tolls", speaker="J. Okafor") == ["q0"]
    assert found(m, "tolls", speaker="Defense Secretary Leon Panetta") == ["q1"]
    assert found(m, "tolls", speaker="Hillary Clinton") == []


def test_pages_continue_after_the_last_hit() -> None:
    m = matcher(*[f"tolls rise by {i} percent" for i in range(7)])
    first = search(m, "tolls percent", limit=3)
    rest = search(m, "tolls percent", after=(first[-1].score, first[-1].statement.id), limit=10)
    everything = search(m, "tolls percent", limit=10)
    assert [h.statement.id for h in first + rest] == [h.statement.id for h in everything]
    assert len(everything) == 7


def test_a_query_without_words_is_refused() -> None:
    with pytest.raises(EmptyQueryError):
        search(matcher("anything"), " ... ")


def test_name_score_needs_every_typed_word() -> None:
    assert name_score("leon panetta", ["Leon Panetta"]) == 100
    assert name_score("leon x panetta", ["Leon Panetta"]) == 0
    assert name_score("pan", ["Leon Panetta"]) > 0
    assert name_score("panetta", ["Leon Panetta"]) > name_score("pan", ["Leon Panetta"])
    assert name_score("zeid", ["Zaid Ali"]) == 0  # short names must be typed exactly
