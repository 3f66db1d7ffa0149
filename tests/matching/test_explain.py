"""One-sentence explanations and their flags, on the seed statements."""

from __future__ import annotations

from service.matching import Matcher
from service.matching.explain import (
    DECONTEXTUALIZED,
    NEGATION_ADDED,
    NEGATION_REMOVED,
    REORDERED,
    REPORTED_SPEECH,
    WRONG_SPEAKER,
    Explanation,
    explain,
)


def top(matcher: Matcher, text: str, speaker: str | None = None) -> Explanation:
    return explain(matcher.verify(text, speaker=speaker).matches[0])


def test_an_exact_quote_says_so(seed_matcher: Matcher) -> None:
    e = top(seed_matcher, "We won't allow any threat to harm our nation")
    assert e == Explanation("The words match the stored quote exactly.", ())


def test_a_changed_word_is_named(seed_matcher: Matcher) -> None:
    e = top(seed_matcher, "Algeria wants to avoid having terrorist camps at its frontiers")
    assert e.text == "1 word changed: 'dens' → 'camps'."
    assert e.flags == ()


def test_negations_removed_and_added_are_flagged(seed_matcher: Matcher) -> None:
    removed = top(seed_matcher, "We will allow any threat to harm our nation")
    assert removed.flags == (NEGATION_REMOVED,)
    assert "'won't' → 'will' (negation removed)" in removed.text
    added = top(seed_matcher, "Algeria does not want to avoid having terrorist dens at its frontiers")
    assert NEGATION_ADDED in added.flags
    assert "(negation added)" in added.text


def test_several_changes_are_counted(seed_matcher: Matcher) -> None:
    e = top(seed_matcher, "Algeria wants to avoid having terrorist camps at its borders")
    assert e.text == "2 words changed: 'dens' → 'camps', 'frontiers' → 'borders'."


def test_moved_words_are_a_reordering_not_a_negation_change(seed_matcher: Matcher) -> None:
    e = top(seed_matcher, "any threat to harm our nation we won't allow")
    assert e.text == "The quoted words appear in a different order."
    assert e.flags == (REORDERED,)


def test_an_excerpt_quotes_what_was_left_out(seed_matcher: Matcher) -> None:
    e = top(seed_matcher, "We need to work with the nations in the region")
    assert e.text == (
        "Excerpt of a longer quote: the omitted part said "
        "'They all agree that we're facing the same threat there from AQIM'."
    )
    assert DECONTEXTUALIZED not in e.flags


def test_cutting_off_a_condition_or_a_negation_is_decontextualized(seed_matcher: Matcher) -> None:
    condition = top(seed_matcher, "we won't oppose a military intervention in Mali")
    assert condition.flags == (DECONTEXTUALIZED,)
    assert "as long as foreign troops are not stationed on our soil" in condition.text
    negation = top(seed_matcher, "oppose a military intervention in Mali as long as foreign troops are not stationed")
    assert DECONTEXTUALIZED in negation.flags
    assert "we won't" in negation.text


def test_a_negation_in_another_sentence_does_not_decontextualize(seed_matcher: Matcher) -> None:
    e = top(seed_matcher, "The Algerians are going to stand by and watch")
    assert DECONTEXTUALIZED not in e.flags  # "I can't see collaboration" is the next sentence


def test_omissions_and_editorial_insertions_are_described(seed_matcher: Matcher) -> None:
    e = top(seed_matcher, "We need to work with the nations ... facing the same threat there from [al-Qaida] AQIM")
    assert "Words left out at the omission: 'in the region. They all agree that we're'" in e.text
    assert "('al-Qaida') are the submitter's" in e.text


def test_wrong_speaker_and_reported_speech(seed_matcher: Matcher) -> None:
    wrong = top(seed_matcher, "We won't allow any threat to harm our nation", speaker="Panetta")
    assert wrong.flags == (WRONG_SPEAKER,)
    assert wrong.text.startswith("Said by Abdelmalek Sellal, not by the person named")
    reported = top(seed_matcher, "extra troops had been sent to secure Algeria's borders")
    assert REPORTED_SPEECH in reported.flags
    assert "in its own words" in reported.text


def test_a_qualifier_before_the_kept_words_qualifies_what_was_left_out(seed_matcher: Matcher) -> None:
    # "voiced concern about ..., but | stressed the need ...": the "but" belongs to the part left out.
    e = top(seed_matcher, "stressed the need to work with countries in the region to address it")
    assert DECONTEXTUALIZED not in e.flags
