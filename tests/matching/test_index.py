"""CandidateIndex and Matcher.add/remove: what can be found, and what is forgotten."""

from __future__ import annotations

import pytest

from service.matching import Matcher, SpeakerRef, Statement, Verdict
from service.matching import index as index_module
from service.matching.index import QUERY_WORDS, SEED_POSTINGS, CandidateIndex

SELLAL = SpeakerRef("Abdelmalek Sellal")
PANETTA = SpeakerRef("Leon Panetta")


@pytest.fixture
def index() -> CandidateIndex:
    idx = CandidateIndex()
    idx.add(1, ["we", "need", "to", "work", "with", "the", "nations"])
    idx.add(2, ["we", "won't", "allow", "any", "threat"])
    idx.add(3, ["we", "need", "the", "threat", "gone"])
    return idx


def test_add_and_len(index: CandidateIndex) -> None:
    assert len(index) == 3
    assert index.candidates(["allow"], limit=10) == [2]


def test_unknown_words_give_no_candidates(index: CandidateIndex) -> None:
    assert index.candidates(["zebra", "quokka"], limit=10) == []
    assert index.candidates([], limit=10) == []


def test_rare_words_rank_first(index: CandidateIndex) -> None:
    # "we" is everywhere; "won't" only in 2, "threat" in 2 and 3, "nations" only in 1.
    assert index.candidates(["we", "won't"], limit=10) == [2, 1, 3]
    assert index.candidates(["we", "threat", "nations"], limit=10)[0] == 1
    assert index.candidates(["we", "need", "threat", "gone"], limit=10)[0] == 3


def test_limit_truncates_best_first(index: CandidateIndex) -> None:
    assert index.candidates(["we", "won't"], limit=1) == [2]


def test_ties_break_by_key(index: CandidateIndex) -> None:
    assert index.candidates(["we"], limit=10) == [1, 2, 3]


def test_repeated_query_words_count_once(index: CandidateIndex) -> None:
    assert index.candidates(["threat"] * 5 + ["nations"], limit=10) == index.candidates(["threat", "nations"], limit=10)


def test_only_the_rarest_query_words_are_consulted() -> None:
    idx = CandidateIndex()
    common = [f"common{i}" for i in range(QUERY_WORDS)]
    idx.add(1, ["rare", *common])
    idx.add(2, ["filler"])
    idx.add(3, [*common, "everywhere"])
    idx.add(4, ["everywhere"])
    # "everywhere" (df 2) is past the QUERY_WORDS rarest words (df 1 and 2, ties by word), so key 4 is never found.
    assert 4 not in idx.candidates(["rare", *common, "everywhere"], limit=10)
    assert 4 in idx.candidates(["everywhere"], limit=10)


def test_remove_forgets_the_key(index: CandidateIndex) -> None:
    index.remove(2)
    assert len(index) == 2
    assert index.candidates(["won't", "allow"], limit=10) == []
    assert 2 not in index.candidates(["we", "threat"], limit=10)


def test_remove_unknown_key_is_a_no_op(index: CandidateIndex) -> None:
    index.remove(99)
    assert len(index) == 3


def test_removal_leaves_nothing_behind(index: CandidateIndex) -> None:
    for key in (1, 2, 3):
        index.remove(key)
    assert len(index) == 0
    assert index.candidates(["we", "need", "threat", "won't"], limit=10) == []
    assert not index._alive.any()


def test_merged_postings_drop_dead_keys_and_keep_live_ones() -> None:
    idx = CandidateIndex()
    idx.build([(k, ["base", f"w{k}"]) for k in range(100)])
    idx.remove(5)
    for k in range(100, 2000):  # enough writes to force at least one merge of the deltas
        idx.add(k, ["base", f"w{k}"])
    assert idx._words.delta_size < 1900
    assert 5 not in idx._words.keys
    assert idx.candidates(["w1999"], limit=5) == [1999]
    assert idx.candidates(["w7"], limit=5) == [7]
    assert idx.candidates(["w5"], limit=5) == []
    assert len(idx) == 1999


def test_a_live_key_is_never_indexed_twice(index: CandidateIndex) -> None:
    with pytest.raises(ValueError, match="already indexed"):
        index.add(2, ["completely", "different"])
    assert index.candidates(["different"], limit=10) == []


# --- Matcher.add / remove ---------------------------------------------------------------------


def matcher() -> Matcher:
    return Matcher(
        [
            Statement("sellal", "We won't allow any threat to harm our nation", "direct", SELLAL),
            Statement("panetta", "We need to work with the nations in the region", "direct", PANETTA),
        ]
    )


def test_matcher_len_and_contains() -> None:
    m = matcher()
    assert len(m) == 2
    assert "sellal" in m and "nobody" not in m


def test_added_statement_is_found() -> None:
    m = matcher()
    m.add(Statement("new", "Algeria wants to avoid having terrorist dens at its frontiers", "direct", SELLAL))
    result = m.verify("avoid having terrorist dens")
    assert result.verdict is Verdict.VERIFIED
    assert result.matches[0].statement.id == "new"


def test_removed_statement_is_never_matched_again() -> None:
    m = matcher()
    m.remove("sellal")
    assert len(m) == 1 and "sellal" not in m
    for text in ["We won't allow any threat to harm our nation", "we will allow any threat to harm our nation"]:
        result = m.verify(text)
        assert result.verdict is Verdict.NOT_FOUND
        assert all(match.statement.id != "sellal" for match in result.matches)
    assert m.verify("We need to work with the nations").verdict is Verdict.VERIFIED


def test_remove_unknown_id_is_a_no_op() -> None:
    m = matcher()
    m.remove("nobody")
    assert len(m) == 2


def test_re_adding_the_same_id_replaces_it() -> None:
    m = matcher()
    m.add(Statement("sellal", "Algeria wants to avoid having terrorist dens at its frontiers", "direct", SELLAL))
    assert len(m) == 2
    assert m.verify("We won't allow any threat to harm our nation").verdict is Verdict.NOT_FOUND
    result = m.verify("Algeria wants to avoid having terrorist dens at its frontiers")
    assert result.verdict is Verdict.VERIFIED
    assert [match.statement.id for match in result.matches] == ["sellal"]


def test_re_adding_can_change_kind_and_speaker() -> None:
    m = matcher()
    m.add(Statement("sellal", "We won't allow any threat to harm our nation", "indirect", PANETTA))
    result = m.verify("We won't allow any threat to harm our nation", speaker="Panetta")
    assert result.verdict is Verdict.PARAPHRASE
    assert result.matches[0].statement.speaker == PANETTA


def test_remove_then_add_again_is_found() -> None:
    m = matcher()
    m.remove("sellal")
    m.add(Statement("sellal", "We won't allow any threat to harm our nation", "direct", SELLAL))
    assert m.verify("allow any threat", speaker="Sellal").verdict is Verdict.VERIFIED


def test_words_in_the_query_order_outrank_the_same_words_shuffled() -> None:
    idx = CandidateIndex()
    idx.build(
        [(1, "stability and security the region needs".split()), (2, "the region needs security and stability".split())]
    )
    assert idx.candidates("the region needs security and stability".split(), limit=2) == [2, 1]
    idx.add(3, "needs the region stability security and".split())
    idx.add(4, "region needs security and stability the".split())
    ranked = idx.candidates("region needs security and stability".split(), limit=4)
    assert set(ranked[:2]) == {2, 4}  # both hold the phrase; the shuffled texts only its words


@pytest.mark.parametrize(("common_docs", "found"), [(SEED_POSTINGS - 2, True), (SEED_POSTINGS - 1, False)])
def test_only_the_rarest_postings_name_candidates(common_docs: int, found: bool) -> None:
    # "rare" (1 posting) is read first; "common" (common_docs + 1) names candidates too only
    # while both fit in SEED_POSTINGS.
    idx = CandidateIndex()
    idx.build([(0, ["rare", "common"]), *((k, ["common"]) for k in range(1, common_docs + 1))])
    keys = idx.candidates(["common", "rare"], limit=3)  # in this order they form no stored bigram
    assert keys[0] == 0
    assert (len(keys) == 3) is found


def test_common_words_still_rerank_the_candidates_rare_words_name() -> None:
    idx = CandidateIndex()
    filler = [(k, ["common"]) for k in range(10, 10 + SEED_POSTINGS)]
    idx.build([(1, ["rare"]), (2, ["rare", "common"]), *filler])
    assert idx.candidates(["rare", "common"], limit=2) == [2, 1]


def test_a_term_in_most_statements_reranks_through_its_bitmap_as_through_its_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "rare" alone names the candidates (one seed term); "common" (in 9 statements of 10) and
    # "the" re-rank them, by bitmap or by binary search. Keys added after the build lie past
    # the bitmap's end and must still count through the keys added since.
    docs = [(k, [*(["rare"] if k < 200 else []), *(["common"] if k % 10 else []), "the"]) for k in range(300)]
    monkeypatch.setattr(index_module, "SEED_POSTINGS", 1)

    def ranked(dense_min: int) -> list[int]:
        monkeypatch.setattr(index_module, "DENSE_MIN_POSTINGS", dense_min)
        idx = CandidateIndex()
        idx.build(docs)
        idx.add(1000, ["rare", "common", "the"])
        idx.add(1001, ["rare", "the"])
        assert bool(idx._words.dense) == (dense_min <= 270)
        return idx.candidates(["the", "common", "rare"], limit=300)  # in this order, no stored bigram

    with_bitmaps = ranked(250)
    assert with_bitmaps == ranked(10**9)
    assert set(with_bitmaps[:181]) == {k for k in range(200) if k % 10} | {1000}
    assert len(with_bitmaps) == 202


def test_only_terms_in_a_share_of_the_statements_get_a_bitmap(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bitmap costs a bit per statement whatever its term, so the bar rises with the corpus: at
    ten million statements a fixed count made half the snapshot bitmaps."""
    docs = [(k, [*(["rare"] if k < 200 else []), *(["common"] if k % 10 else []), "the"]) for k in range(300)]
    monkeypatch.setattr(index_module, "DENSE_MIN_POSTINGS", 1)

    def bitmapped(share: float) -> int:
        monkeypatch.setattr(index_module, "DENSE_SHARE", share)
        idx = CandidateIndex()
        idx.build(docs)
        return len(idx._words.dense)

    assert bitmapped(0.5) == 3  # "the" (300), "common" (270), "rare" (200)
    assert bitmapped(0.8) == 2
    assert bitmapped(1.0) == 1
