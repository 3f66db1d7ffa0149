"""word_diff / apply_diff, and hypothesis properties of the engine as a whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.matching import (
    EmptyClaimError,
    Matcher,
    SpeakerRef,
    Statement,
    Verdict,
    apply_diff,
    normalise,
    parse_claim,
    tokenize,
    word_diff,
)

SETTINGS = settings(max_examples=150, deadline=None, database=None)


def diff(stored: str, claim: str, window: tuple[int, int] | None = None) -> list:
    return word_diff(stored, tokenize(stored), parse_claim(claim), window=window)


def changes(ops: list) -> list[tuple]:
    return [(o.op, o.stored_words, o.submitted_words, o.note) for o in ops if o.op != "equal"]


# --- edit scripts ----------------------------------------------------------------------------


def test_replace_keeps_the_words_as_written() -> None:
    ops = diff("We will go, then.", "We WON\u2019T go then")
    assert [(o.op, o.stored, o.submitted) for o in ops] == [
        ("equal", "We", "We"),
        ("replace", "will", "WON\u2019T"),
        ("equal", "go, then", "go then"),
    ]
    assert ops[1].stored_words == ("will",) and ops[1].submitted_words == ("wont",)


def test_insert_and_delete() -> None:
    assert changes(diff("we go home", "we go back home")) == [("insert", (), ("back",), None)]
    assert changes(diff("we go back home", "we go home")) == [("delete", ("back",), (), None)]


def test_identical_text_is_one_equal_op() -> None:
    ops = diff("We need to work, now.", "we need to work now")
    assert [o.op for o in ops] == ["equal"]
    assert ops[0].stored == "We need to work, now"


def test_words_outside_the_window_are_excerpt_deletions() -> None:
    stored = "We won't allow any threat to harm our nation"
    ops = diff(stored, "allow any threat", window=(2, 5))
    assert [(o.op, o.stored, o.note) for o in ops] == [
        ("delete", "We won't", "excerpt"),
        ("equal", "allow any threat", None),
        ("delete", "to harm our nation", "excerpt"),
    ]


def test_words_dropped_at_an_omission_mark_are_noted() -> None:
    stored = "We need to work with the nations in the region"
    assert changes(diff(stored, "We need to work ... in the region")) == [
        ("delete", ("with", "the", "nations"), (), "omission")
    ]
    assert changes(diff(stored, "We need to work in the region")) == [("delete", ("with", "the", "nations"), (), None)]


def test_bracketed_words_are_editorial() -> None:
    stored = "We won't allow any threat"
    assert changes(diff(stored, "We won't allow any [terrorist] threat")) == [
        ("insert", (), ("terrorist",), "editorial")
    ]
    assert changes(diff(stored, "We won't allow [such a] threat")) == [
        ("replace", ("any",), ("such", "a"), "editorial")
    ]
    assert changes(diff(stored, "We won't allow such threat")) == [("replace", ("any",), ("such",), None)]


@pytest.mark.parametrize(
    ("stored", "claim", "negation"),
    [
        ("we won't go", "we will go", True),
        ("we will go", "we won't go", True),
        ("we do not go", "we do go", True),
        ("we go", "we never go", True),
        ("we cannot go", "we can go", True),
        ("we won't go", "we cannot go", False),  # still negated
        ("we won't go", "we wouldn't go", False),
        ("any threat", "any danger", False),
    ],
)
def test_negation_flag(stored: str, claim: str, negation: bool) -> None:
    ops = diff(stored, claim)
    (change,) = [o for o in ops if o.op != "equal"]
    assert change.negation is negation
    assert not any(o.negation for o in ops if o.op == "equal")


def test_fuzzy_excerpt_window_excludes_words_before_it(seed_matcher: Matcher) -> None:
    top = seed_matcher.verify("won't allow any threax", speaker="Sellal").matches[0]
    assert top.diff[0].note == "excerpt"


def test_dropped_negation_is_shown_as_a_deletion(seed_matcher: Matcher) -> None:
    top = seed_matcher.verify("We allow any threat to harm our nation", speaker="Sellal").matches[0]
    assert changes(list(top.diff)) == [("delete", ("wont",), (), None)]


# --- properties ------------------------------------------------------------------------------

WORDS = ["we", "won't", "Won\u2019t", "allow", "the", "nation", "not", "Café", "..."]
MARKS = ["\u2026", "[", "]", "[x]", '"', "'", "\u201c", "\u201d", ",", ". . ."]
texts = st.one_of(st.text(max_size=40), st.lists(st.sampled_from(WORDS + MARKS), max_size=15).map(" ".join))


@SETTINGS
@given(stored=texts, submitted=texts, data=st.data())
def test_apply_diff_replays_to_every_submitted_word(stored: str, submitted: str, data: st.DataObject) -> None:
    tokens = tokenize(stored)
    claim = parse_claim(submitted)
    lo = data.draw(st.integers(0, len(tokens)))
    window = data.draw(st.sampled_from([None, (lo, data.draw(st.integers(lo, len(tokens))))]))
    ops = word_diff(stored, tokens, claim, window=window)
    stored_words = [t.norm for t in tokens]
    assert apply_diff(stored_words, ops) == [t.norm for t in claim.tokens]  # inserted words included
    assert [w for o in ops for w in o.stored_words] == stored_words


def test_normalise_is_idempotent_on_compatibility_characters() -> None:
    samples = ["\u00bd", "\u0149", "\u02bctis", "L\u0140l", "\u0b94", "\u0e17\u0e33"]
    assert [ascii(t) for t in samples if normalise(normalise(t)) != normalise(t)] == []


@SETTINGS
@given(text=st.one_of(st.text(), texts), speaker=st.none() | st.text(max_size=30))
def test_verify_raises_only_empty_claim_error(seed_matcher: Matcher, text: str, speaker: str | None) -> None:
    try:
        result = seed_matcher.verify(text, speaker=speaker)
    except EmptyClaimError:
        assert not parse_claim(text).quoted_words
    else:
        assert isinstance(result.verdict, Verdict)
        assert len(result.matches) <= 5


def test_verify_survives_acute_accent_apostrophes_in_a_stored_statement() -> None:
    text = "I don\u00b4t know, I can\u00b4t say, I won\u00b4t guess and I didn\u00b4t ask: we will go"
    matcher = Matcher([Statement("s", text, "direct", SpeakerRef("X Y"))])
    assert matcher.verify("we will go").verdict is Verdict.VERIFIED


_INSERTION = re.compile(r"\[[^\[\]]*\]")


@SETTINGS
@given(
    text=texts.filter(lambda t: bool(tokenize(t)) and not _INSERTION.search(t)),
    kind=st.sampled_from(["direct", "indirect"]),
)
def test_identical_text_of_a_statement_matches_it(text: str, kind: str) -> None:
    matcher = Matcher([Statement("s", text, kind, SpeakerRef("X Y"))])
    result = matcher.verify(text)
    assert result.verdict is (Verdict.VERIFIED if kind == "direct" else Verdict.PARAPHRASE)
    assert result.matches[0].exact


def test_identical_text_with_a_bracketed_insertion_verifies() -> None:
    matcher = Matcher([Statement("s", "Absolutely [not]", "direct", SpeakerRef("X Y"))])
    assert matcher.verify("Absolutely [not]").verdict is Verdict.VERIFIED
