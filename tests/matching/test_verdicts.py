"""Each verdict through Matcher.verify on the seed, and the thresholds behind them."""

from __future__ import annotations

import math

import pytest
from rapidfuzz import fuzz

from service.matching import EmptyClaimError, Matcher, SpeakerRef, Statement, Verdict, parse_claim, tokenize
from service.matching.score import MIN_EXCERPT_WORDS, MIN_FUZZY_WORDS, ClaimText, align
from service.matching.verdict import ALTERED_MIN_SCORE, PARAPHRASE_MIN_SCORE, supported_verdict

SELLAL_QUOTE = "We won't allow any threat to harm our nation"


def key(statement: Statement) -> str:
    return statement.id.split("/")[0]


@pytest.mark.parametrize(
    ("text", "speaker", "expected_key"),
    [
        (SELLAL_QUOTE, "Sellal", "sellal"),
        ("allow any threat", "Sellal", "sellal"),
        ("any threat to harm our nation", None, "sellal"),
        ("\u201cWe won\u2019t allow any threat to harm our nation\u201d", "Sellal", "sellal"),
        ("WE WON'T ALLOW ANY THREAT TO HARM OUR NATION", "Sellal", "sellal"),
        ("We need to work ... the same threat there from AQIM", "Panetta", "panetta"),
        ("We need to work \u2026 the same threat there from AQIM", "Panetta", "panetta"),
        ("We need to work . . . they all agree ... from AQIM", "Panetta", "panetta"),
        ("We won't allow any [terrorist] threat to harm our nation", "Sellal", "sellal"),
        ("[The Islamists] can afford to pay people but we cannot", "Attaher", "attaher"),
        ('Algerian PM Sellal told parliament: "We won\'t allow any threat to harm our nation" #Mali', None, "sellal"),
        ('Sellal: "won\'t allow any threat" #Mali #Algeria', None, "sellal"),
        ("Algerian PM Sellal told parliament: We won't allow any threat to harm our nation #Mali", None, "sellal"),
        ("tacit", "French defense ministry source", "french-defense-source"),
    ],
)
def test_verified(seed_matcher: Matcher, text: str, speaker: str | None, expected_key: str) -> None:
    result = seed_matcher.verify(text, speaker=speaker)
    assert result.verdict is Verdict.VERIFIED
    top = result.matches[0]
    assert key(top.statement) == expected_key
    assert top.exact and top.score == 100.0
    assert top.speaker_matches is (None if speaker is None else True)


@pytest.mark.parametrize(
    ("text", "op", "stored", "submitted"),
    [
        ("We won't allow any threat to harm our natoin", "replace", ("nation",), ("natoin",)),
        ("We won't allow any danger to harm our nation", "replace", ("threat",), ("danger",)),
        ("We won't allow threat to harm our nation", "delete", ("any",), ()),
        ("We won't allow any threat to harm our great nation", "insert", (), ("great",)),
    ],
)
def test_altered(seed_matcher: Matcher, text: str, op: str, stored: tuple, submitted: tuple) -> None:
    result = seed_matcher.verify(text, speaker="Sellal")
    assert result.verdict is Verdict.ALTERED
    top = result.matches[0]
    assert top.statement.text == SELLAL_QUOTE
    assert not top.exact and ALTERED_MIN_SCORE <= top.score < 100
    changes = [(o.op, o.stored_words, o.submitted_words) for o in top.diff if o.op != "equal"]
    assert changes == [(op, stored, submitted)]
    assert not any(o.negation for o in top.diff)


def test_altered_negation_is_flagged(seed_matcher: Matcher) -> None:
    result = seed_matcher.verify("We will allow any threat to harm our nation", speaker="Sellal")
    assert result.verdict is Verdict.ALTERED
    (change,) = [o for o in result.matches[0].diff if o.op != "equal"]
    assert (change.op, change.stored, change.submitted) == ("replace", "won't", "will")
    assert change.negation is True


@pytest.mark.parametrize(
    "text",
    [
        "extra troops had been sent to secure Algeria's borders",
        "Algiers would do its best to find a diplomatic solution, but could also support Malian troops",
    ],
)
def test_paraphrase_of_indirect_statement(seed_matcher: Matcher, text: str) -> None:
    result = seed_matcher.verify(text)
    assert result.verdict is Verdict.PARAPHRASE
    assert result.matches[0].statement.kind == "indirect"


@pytest.mark.parametrize(
    ("text", "claimed", "real"),
    [
        (SELLAL_QUOTE, "Panetta", "Abdelmalek Sellal"),
        (SELLAL_QUOTE, "French diplomat", "Abdelmalek Sellal"),
        (
            "Algeria now accepts the principle of a military intervention",
            "Someone Else Entirely",
            "a senior French diplomat",
        ),
        ("extra troops had been sent to secure Algeria's borders", "Fabiani", "Abdelmalek Sellal"),
    ],
)
def test_misattributed(seed_matcher: Matcher, text: str, claimed: str, real: str) -> None:
    result = seed_matcher.verify(text, speaker=claimed)
    assert result.verdict is Verdict.MISATTRIBUTED
    assert result.matches[0].statement.speaker.name == real
    assert result.matches[0].speaker_matches is False


@pytest.mark.parametrize(
    "text",
    [
        "Nous ne permettrons aucune menace contre notre nation",
        "Wir werden keine Bedrohung unserer Nation zulassen",
        "the nation and the region are in the same place",
        "allow any",
        "The weather in Paris is lovely this time of year",
    ],
)
def test_not_found(seed_matcher: Matcher, text: str) -> None:
    result = seed_matcher.verify(text, speaker="Sellal")
    assert result.verdict is Verdict.NOT_FOUND
    assert all(m.verdict is Verdict.NOT_FOUND for m in result.matches)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("We need to work with the nations in the region", "Panetta"),
        ("We need to work with the nations in the region", "Defense Secretary Leon Panetta"),
        ("We need to work with the nations in the region", "Panneta"),
        ("At the end of the day, we won't oppose a military intervention", "Algerian source"),
        ("Algeria now accepts the principle of a military intervention", "French diplomat"),
        ("Algeria now accepts the principle of a military intervention", "a senior French diplomat"),
    ],
)
def test_claimed_speaker_matched_loosely(seed_matcher: Matcher, text: str, speaker: str) -> None:
    result = seed_matcher.verify(text, speaker=speaker)
    assert result.verdict is Verdict.VERIFIED
    assert result.matches[0].speaker_matches is True


@pytest.mark.parametrize("text", ["", "   ", "?!...", "\x00\x01\x1f", "\t\n", "[the nation]"])
def test_empty_claim_raises(seed_matcher: Matcher, text: str) -> None:
    with pytest.raises(EmptyClaimError):
        seed_matcher.verify(text)
    assert issubclass(EmptyClaimError, ValueError)


def test_out_of_order_excerpts_are_not_verified(seed_matcher: Matcher) -> None:
    text = "the same threat there from AQIM ... We need to work with the nations"
    result = seed_matcher.verify(text, speaker="Panetta")
    assert result.verdict is not Verdict.VERIFIED
    assert not result.matches[0].exact


def test_fragments_of_common_words_are_not_verified(seed_matcher: Matcher) -> None:
    assert seed_matcher.verify("we ... the ... from").verdict is Verdict.NOT_FOUND


def test_identical_seed_text_verifies_or_is_paraphrase(seed_matcher: Matcher, seed_statements: list) -> None:
    for statement in seed_statements:
        if statement.text.startswith("any future operations"):
            continue  # see test_indirect_statement_with_an_embedded_quote_is_paraphrase
        expected = Verdict.VERIFIED if statement.kind == "direct" else Verdict.PARAPHRASE
        assert seed_matcher.verify(statement.text).verdict is expected, statement.text


def test_indirect_statement_with_an_embedded_quote_is_paraphrase(seed_matcher: Matcher) -> None:
    text = 'any future operations would have to be developed and executed "on a regional basis."'
    assert seed_matcher.verify(text).verdict is Verdict.PARAPHRASE


# --- thresholds ------------------------------------------------------------------------------


def test_altered_min_score_both_sides() -> None:
    below = math.nextafter(ALTERED_MIN_SCORE, 0)
    assert supported_verdict(kind="direct", exact=False, score=below) is Verdict.NOT_FOUND
    assert supported_verdict(kind="direct", exact=False, score=ALTERED_MIN_SCORE) is Verdict.ALTERED
    assert supported_verdict(kind="direct", exact=True, score=0.0) is Verdict.VERIFIED


def test_paraphrase_min_score_both_sides() -> None:
    below = math.nextafter(PARAPHRASE_MIN_SCORE, 0)
    assert supported_verdict(kind="indirect", exact=False, score=below) is Verdict.NOT_FOUND
    assert supported_verdict(kind="indirect", exact=False, score=PARAPHRASE_MIN_SCORE) is Verdict.PARAPHRASE
    assert supported_verdict(kind="indirect", exact=True, score=0.0) is Verdict.PARAPHRASE
    assert supported_verdict(kind="indirect", exact=False, score=100.0) is Verdict.PARAPHRASE  # never VERIFIED


def test_min_excerpt_words_both_sides(seed_matcher: Matcher) -> None:
    stored = [t.norm for t in tokenize(SELLAL_QUOTE)]
    short = " ".join(stored[2 : 2 + MIN_EXCERPT_WORDS - 1])
    enough = " ".join(stored[2 : 2 + MIN_EXCERPT_WORDS])
    assert not align(ClaimText.of(parse_claim(short)), " ".join(stored)).exact
    assert align(ClaimText.of(parse_claim(enough)), " ".join(stored)).exact
    assert seed_matcher.verify(short, speaker="Sellal").verdict is Verdict.NOT_FOUND
    assert seed_matcher.verify(enough, speaker="Sellal").verdict is Verdict.VERIFIED


def test_min_excerpt_words_waived_for_a_whole_short_statement() -> None:
    short = ["on", "basis"]
    assert len(short) < MIN_EXCERPT_WORDS
    assert align(ClaimText.of(parse_claim("on basis")), " ".join(short)).exact
    assert not align(ClaimText.of(parse_claim("on basis")), " ".join([*short, "again"])).exact


def test_min_fuzzy_words_both_sides() -> None:
    stored = [t.norm for t in tokenize(SELLAL_QUOTE)]

    def typo_excerpt(n: int) -> str:
        words = stored[1 : 1 + n]
        return " ".join([*words[:-1], words[-1][:-1] + "x"])

    too_few = align(ClaimText.of(parse_claim(typo_excerpt(MIN_FUZZY_WORDS - 1))), " ".join(stored))
    enough = align(ClaimText.of(parse_claim(typo_excerpt(MIN_FUZZY_WORDS))), " ".join(stored))
    assert not too_few.exact and too_few.score < ALTERED_MIN_SCORE
    # only the word-count gate keeps the short excerpt out: its best window alone would pass
    assert fuzz.partial_ratio(typo_excerpt(MIN_FUZZY_WORDS - 1), " ".join(stored)) >= ALTERED_MIN_SCORE
    assert not enough.exact and enough.score >= ALTERED_MIN_SCORE


def test_quoted_passage_inside_commentary_is_judged_alone(seed_matcher: Matcher) -> None:
    text = 'He said "we need to work with the nations in the region", adding they all agree'
    result = seed_matcher.verify(text)
    assert result.verdict is Verdict.VERIFIED
    assert result.matches[0].statement.speaker.name == "Leon Panetta"


def test_quotation_inside_the_quote_does_not_hide_a_change_around_it() -> None:
    stored = "No @HillaryClinton - We are not 'where we need to be' in fight against ISIS."
    matcher = Matcher([Statement("p", stored, "direct", SpeakerRef("Mike Pence"))])
    result = matcher.verify("No @HillaryClinton - We are not 'where we need to be' in fight aginst ISIS.")
    assert result.verdict is Verdict.ALTERED
    assert [(d.stored, d.submitted) for d in result.matches[0].diff if d.op != "equal"] == [("against", "aginst")]


def test_reporting_frame_is_not_part_of_the_paraphrase(seed_matcher: Matcher) -> None:
    result = seed_matcher.verify("An Algerian official said Algiers would do its best to find a diplomatic solution")
    assert result.verdict is Verdict.PARAPHRASE
    assert result.matches[0].exact
    assert result.matches[0].statement.speaker.name == "a second Algerian official"


def test_quote_buried_in_a_post_is_found_through_its_own_sentence(seed_statements: list[Statement]) -> None:
    # Forty rare words in the post each point at a different distractor, crowding the
    # whole-text lookup; the quote's sentence, looked up alone, still finds its statement.
    distractors = [
        Statement(f"d{i}", f"aa{i} we allow any threat", "direct", SpeakerRef(f"Person {i}")) for i in range(40)
    ]
    matcher = Matcher([*seed_statements, *distractors])
    noise = " ".join(f"aa{i}" for i in range(40))
    result = matcher.verify(f"{noise}. We won't allow any threat to harm our nation. Wow.")
    assert result.verdict is Verdict.VERIFIED
    assert result.matches[0].statement.speaker.name == "Abdelmalek Sellal"
