"""Properties of the matching engine over arbitrary Unicode, and of the answers it gives.

The properties next to the code they test (test_diff.py, test_normalise.py) draw from Latin
text and a vocabulary of tricky marks; these draw from all of Unicode (any category, surrogates
excluded because Python strings from JSON cannot hold them), and check the diff the engine
itself returns rather than one computed by hand.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
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
    speaker_matches,
    tokenize,
    word_diff,
)

SETTINGS = settings(max_examples=300, deadline=None, database=None)

any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
# Words that survive normalisation, from many scripts, to build statements that can match.
word = st.text(st.characters(categories=["Lu", "Ll", "Lo", "Nd"]), min_size=1, max_size=12).filter(
    lambda w: len(tokenize(w)) == 1
)
sentence = st.lists(word, min_size=4, max_size=25).map(" ".join)


@SETTINGS
@given(text=any_text)
def test_normalising_any_text_never_raises_and_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert once == " ".join(t.norm for t in tokenize(text))


@SETTINGS
@given(text=any_text)
def test_tokens_point_at_their_words_in_any_text(text: str) -> None:
    for token in tokenize(text):
        assert 0 <= token.start < token.end <= len(text)
        assert normalise(text[token.start : token.end]) == token.norm


@SETTINGS
@given(stored=any_text, submitted=any_text)
def test_diff_of_any_two_texts_replays_to_the_submitted_words(stored: str, submitted: str) -> None:
    tokens = tokenize(stored)
    claim = parse_claim(submitted)
    ops = word_diff(stored, tokens, claim)
    assert apply_diff([t.norm for t in tokens], ops) == [t.norm for t in claim.tokens]


@SETTINGS
@given(text=any_text, speaker=st.none() | any_text, claimed=any_text)
def test_verifying_any_text_never_raises(seed_matcher: Matcher, text: str, speaker: str | None, claimed: str) -> None:
    try:
        result = seed_matcher.verify(text, speaker=speaker)
    except EmptyClaimError:
        assert not parse_claim(text).quoted_words
    else:
        assert isinstance(result.verdict, Verdict)
    assert speaker_matches(claimed, SpeakerRef(claimed or "X")) in (True, False)


@SETTINGS
@given(text=sentence, name=word)
def test_a_stored_statement_verifies_with_its_own_text_and_speaker(
    seed_statements: list[Statement], text: str, name: str
) -> None:
    assume("[" not in text)
    mine = Statement("mine", text, "direct", SpeakerRef(f"{name} Okafor"))
    result = Matcher([*seed_statements, mine]).verify(text, speaker=f"{name} Okafor")
    assert result.verdict is Verdict.VERIFIED
    assert result.matches[0].exact and result.matches[0].score == 100
    assert normalise(result.matches[0].statement.text) == normalise(text)


def _is_run_of(part: list[str], whole: list[str]) -> bool:
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


@SETTINGS
@given(data=st.data())
def test_the_diff_in_an_answer_turns_the_stored_words_into_the_submitted_ones(
    seed_statements: list[Statement], data: st.DataObject
) -> None:
    """Whatever the engine matched, replaying its diff on that statement gives the words sent:
    all of them, or the run of them it matched (a quoted passage, what follows "said")."""
    stored = data.draw(st.sampled_from(seed_statements))
    words = stored.text.split()
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(words) - 1), st.none() | word), max_size=3))
    for position, replacement in edits:  # replace (or drop, for None) a few words
        if position < len(words):
            words[position : position + 1] = [] if replacement is None else [replacement]
    submitted = " ".join(words)
    assume(tokenize(submitted))
    sent = [t.norm for t in parse_claim(submitted).tokens]
    result = Matcher(seed_statements).verify(submitted)
    for match in result.matches:
        replayed = apply_diff([t.norm for t in tokenize(match.statement.text)], match.diff)
        assert replayed and _is_run_of(replayed, sent)
    if '"' not in submitted and result.matches and result.matches[0].statement.id == stored.id:
        top = result.matches[0]
        assert apply_diff([t.norm for t in tokenize(stored.text)], top.diff) == sent
