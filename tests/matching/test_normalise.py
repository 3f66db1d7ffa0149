"""normalise / tokenize / parse_claim: what a reader ignores, and how a claim is split."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.matching import normalise, parse_claim, tokenize
from service.matching.normalise import normalise_word


def segments(text: str) -> list[list[str]]:
    claim = parse_claim(text)
    return [[claim.tokens[i].norm for i in seg] for seg in claim.segments]


# --- normalise ---------------------------------------------------------------------------


def test_case_is_folded() -> None:
    assert normalise("At The END of the Day") == "at the end of the day"
    assert normalise("STRASSE") == normalise("Straße") == "strasse"


@pytest.mark.parametrize(
    "text",
    [
        "François Šimonović",  # precomposed (NFC)
        "Franc\u0327ois S\u030cimonovic\u0301",  # decomposed: base letter + combining mark
        "francois simonovic",
    ],
)
def test_accents_are_ignored_in_both_normal_forms(text: str) -> None:
    assert normalise(text) == "francois simonovic"


def test_decomposed_accent_does_not_split_a_word() -> None:
    assert [t.norm for t in tokenize("Cafe\u0301 noir")] == ["cafe", "noir"]


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u2018", "\u02bc", "\u201b", "`", "\u2032"])
def test_apostrophes_of_every_kind_fold_away(apostrophe: str) -> None:
    assert normalise(f"We won{apostrophe}t allow it") == "we wont allow it" == normalise("We wont allow it")


def test_curly_and_straight_quotes_are_equivalent() -> None:
    curly = "\u201cWe won\u2019t allow any threat,\u201d he said."
    straight = '"We won\'t allow any threat," he said.'
    assert normalise(curly) == normalise(straight) == "we wont allow any threat he said"


def test_acute_accent_used_as_apostrophe_folds_away() -> None:
    assert normalise("We won\u00b4t allow it") == "we wont allow it"


def test_identifiers_can_keep_the_apostrophes() -> None:
    assert normalise("We WON\u2019T go", fold_apostrophes=False) == "we won't go"
    assert normalise("Fran\u00e7ois\u2019s plan", fold_apostrophes=False) == "francois's plan"


@pytest.mark.parametrize("text", ["U.N.'s plan", "rock 'n' roll", "don''t", "'We won't,' he said", "it`s 9 o'clock"])
def test_the_fast_path_reads_the_words_tokenize_reads(text: str) -> None:
    assert normalise(text) == " ".join(t.norm for t in tokenize(text))


def test_punctuation_is_ignored() -> None:
    assert normalise("Hello, world! (Really?) -- yes; $600: 'ok'.") == "hello world really yes 600 ok"
    assert normalise("pro-independence") == "pro independence"
    assert normalise("?!...") == ""


def test_apostrophes_join_words_only_between_letters() -> None:
    assert [t.norm for t in tokenize("Algeria's borders, the Algerians' call")] == [
        "algerias",
        "borders",
        "the",
        "algerians",
        "call",
    ]


def test_whitespace_is_collapsed() -> None:
    assert normalise("  we\t\tneed\n\nto\u00a0work  ") == "we need to work"


def test_underscore_is_not_a_word_character() -> None:
    assert normalise("snake_case") == "snake case"


def test_token_offsets_point_into_the_original_text() -> None:
    text = "\u201cFranc\u0327ois\u2019 WON\u2019T go\u2026\u201d said Šimonović."
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens] == [
        "Franc\u0327ois",
        "WON\u2019T",
        "go",
        "said",
        "Šimonović",
    ]
    assert [t.norm for t in tokens] == ["francois", "wont", "go", "said", "simonovic"]
    assert all(normalise_word(text[t.start : t.end]) == t.norm for t in tokens)
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))


# --- parse_claim ---------------------------------------------------------------------------


def test_plain_claim_is_one_segment_without_insertions() -> None:
    claim = parse_claim("We need to work with the nations")
    assert segments(claim.text) == [["we", "need", "to", "work", "with", "the", "nations"]]
    assert claim.inserted == frozenset()
    assert claim.quoted_words == ["we", "need", "to", "work", "with", "the", "nations"]


@pytest.mark.parametrize("mark", ["...", ". . .", "\u2026", " ... ", "...."])
def test_omission_marks_break_segments(mark: str) -> None:
    assert segments(f"we need to work{mark}the same threat") == [
        ["we", "need", "to", "work"],
        ["the", "same", "threat"],
    ]
    assert len(parse_claim(f"we need{mark}threat").segments) == 2


def test_several_omissions_give_several_segments() -> None:
    assert segments("one two \u2026 three . . . four ... five") == [["one", "two"], ["three"], ["four"], ["five"]]


def test_leading_and_trailing_omissions_add_no_empty_segment() -> None:
    assert segments("... we need to work ...") == [["we", "need", "to", "work"]]
    assert segments("\u2026we need\u2026") == [["we", "need"]]


def test_sentence_full_stop_is_not_an_omission() -> None:
    assert segments("in the region. They all agree") == [["in", "the", "region", "they", "all", "agree"]]


def test_bracketed_insertion_breaks_segment_and_lists_inserted_words() -> None:
    claim = parse_claim("We won't allow [any terrorist] threat to harm our nation")
    assert segments(claim.text) == [["we", "wont", "allow"], ["threat", "to", "harm", "our", "nation"]]
    assert sorted(claim.tokens[i].norm for i in claim.inserted) == ["any", "terrorist"]
    assert "terrorist" not in claim.quoted_words
    assert [t.norm for t in claim.tokens][3:5] == ["any", "terrorist"]  # tokens still hold every word


def test_insertion_at_start_and_omission_combined() -> None:
    claim = parse_claim("[The Islamists] can afford to pay people ... we cannot")
    assert segments(claim.text) == [["can", "afford", "to", "pay", "people"], ["we", "cannot"]]
    assert {claim.tokens[i].norm for i in claim.inserted} == {"the", "islamists"}


def test_bracketed_omission_is_a_break_with_no_inserted_words() -> None:
    claim = parse_claim("we need to work [...] the same threat")
    assert segments(claim.text) == [["we", "need", "to", "work"], ["the", "same", "threat"]]
    assert claim.inserted == frozenset()


def test_parentheses_are_not_insertions() -> None:
    claim = parse_claim("(The Islamists) can afford it")
    assert claim.inserted == frozenset()
    assert segments(claim.text) == [["the", "islamists", "can", "afford", "it"]]


def test_only_insertions_leave_no_quoted_words() -> None:
    claim = parse_claim("[the nation]")
    assert claim.quoted_words == []
    assert len(claim.inserted) == 2


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=200))
@settings(max_examples=200, deadline=None, database=None)
def test_ascii_fast_path_gives_the_same_words_as_the_general_one(text: str) -> None:
    assert normalise(text) == " ".join(t.norm for t in tokenize(text))


@given(st.text(alphabet=st.characters(max_codepoint=127, exclude_characters="'`"), max_size=200))
@settings(max_examples=200, deadline=None, database=None)
def test_ascii_fast_path_without_apostrophes_gives_the_same_words(text: str) -> None:
    assert normalise(text) == " ".join(t.norm for t in tokenize(text))
