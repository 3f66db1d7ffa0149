"""The verification use case on the seed: who the text says said it, and what was changed.

Claims are written the way people paste them: posts that credit a quote in their own words,
paragraphs of articles, informal spelling. Each test asserts the verdict a fact-checker would
give, and who the service says really said it.
"""

from __future__ import annotations

import time

import pytest
from pydantic import ValidationError

from service.core.verify import MAX_SEGMENTS, SEVERITY, check_claim, check_text, explained, worst
from service.errors import EmptyTextError, InvalidInputError
from service.matching import EmptyClaimError, Matcher, SpeakerRef, Statement, Verdict
from service.settings import Settings

PANETTA = "We need to work with the nations in the region."
SELLAL = "We won't allow any threat to harm our nation"
FABIANI = "They are adopting a sort of benevolent neutrality."
PARAGRAPH = (
    'Sellal told parliament: "We won\'t allow any threat to harm our nation." '
    '"Algeria wants to avoid having terrorist camps at its frontiers," Sellal said. '
    'Fabiani said: "We need to work with the nations in the region."'
)


def verdict(matcher: Matcher, text: str, speaker: str | None = None) -> tuple[str, str | None]:
    """The claim's verdict and the real speaker of its deciding match."""
    check = check_claim(matcher, text, speaker=speaker)
    top = check.matches[0] if check.matches and check.verdict is not Verdict.NOT_FOUND else None
    return check.verdict.value, (top.statement.speaker.name if top else None)


def flags(matcher: Matcher, text: str) -> tuple[str, ...]:
    check = check_claim(matcher, text)
    return explained(check.matches[0], check.segments[check.decisive]).flags


# --- who the text says said it ---------------------------------------------------------------

POSTS_CREDITING = [
    f'Just saw this from Panetta: "{PANETTA}" Unbelievable.',
    f'BREAKING: Leon Panetta says "{PANETTA}"',
    f'"{PANETTA}" — Leon Panetta',
    f'Panetta on Mali: "{PANETTA}"',
    f'ICYMI: "{PANETTA}," Panetta said.',
    f'Wow. Panetta really said "{PANETTA}" 😳',
    f'RT @newsjunkie88: Panetta: "{PANETTA}" #Mali',
    f'According to Defense Secretary Panetta, "{PANETTA}"',
    f'Thread 🧵 1/ Here is what Panetta told reporters today: "{PANETTA}" 2/ More below.',
    f'My uncle keeps sharing this. Panetta\'s words: "{PANETTA}" Is it real??',
    f'Forwarded as received:\n\nLeon Panetta:\n"{PANETTA}"\n\nShare before they delete it!',
    f'LOL Sec. Panetta just said "{PANETTA}" 😂',
    f'"{PANETTA}"\nLeon Panetta',
    f'Fact check this please: "{PANETTA}" (Panetta)',
    f'"{PANETTA}," said Leon Panetta, speaking in Algiers.',
    f"LIVE: PANETTA: {PANETTA.upper()}",
    f"Panetta: {PANETTA}",
    f"Leon Panetta says {PANETTA.lower()}",
]


@pytest.mark.parametrize("text", POSTS_CREDITING)
def test_a_post_crediting_the_real_speaker_is_verified(seed_matcher: Matcher, text: str) -> None:
    assert verdict(seed_matcher, text) == ("verified", "Leon Panetta")


@pytest.mark.parametrize("text", [t.replace("Leon Panetta", "Hillary Clinton") for t in POSTS_CREDITING])
def test_the_same_post_crediting_someone_else_is_misattributed(seed_matcher: Matcher, text: str) -> None:
    if "Hillary Clinton" not in text:  # the forms that name him by surname only
        text = text.replace("Panetta", "Clinton").replace("PANETTA", "CLINTON")
    assert verdict(seed_matcher, text) == ("misattributed", "Leon Panetta")


@pytest.mark.parametrize(
    "text",
    [
        f'Just saw this: "{PANETTA}" Unbelievable.',
        f'BREAKING: "{PANETTA}"',
        f'LOL "{PANETTA}" #Panetta',
        f'Thread: "{PANETTA}" he said.',
        f'Wow. ICYMI: "{PANETTA}"',
        f'"{PANETTA}" a senior official said.',
    ],
)
def test_furniture_hashtags_pronouns_and_descriptions_accuse_no_one(seed_matcher: Matcher, text: str) -> None:
    assert verdict(seed_matcher, text) == ("verified", "Leon Panetta")


@pytest.mark.parametrize("name", ["PM Sellal", "Prime Minister Sellal", "Abdelmalek Sellal's", "SELLAL", "Mr. Sellal"])
def test_titles_possessives_and_capitals_still_name_the_speaker(seed_matcher: Matcher, name: str) -> None:
    assert verdict(seed_matcher, f'{name}: "{SELLAL}."') == ("verified", "Abdelmalek Sellal")


def test_an_inverted_frame_with_an_appositive_credits_the_named_person(seed_matcher: Matcher) -> None:
    text = f'"{FABIANI}," said Riccardo Fabiani, an analyst at Eurasia Group in London.'
    assert verdict(seed_matcher, text) == ("verified", "Riccardo Fabiani")
    assert verdict(seed_matcher, text.replace("Riccardo Fabiani", "Leon Panetta")) == (
        "misattributed",
        "Riccardo Fabiani",
    )


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("said Clinton campaign adviser Riccardo Fabiani", "verified"),
        ("said South Carolina Democratic Party Vice Chairman Riccardo Fabiani in London", "verified"),
        ("said Clinton campaign manager Robby Mook", "misattributed"),
    ],
)
def test_a_name_after_the_organisation_and_role_words_is_the_credit(
    seed_matcher: Matcher, credit: str, expected: str
) -> None:
    """What someone is ("Clinton campaign adviser") comes before who: the person
    named last is the one credited, however long the title before them."""
    assert verdict(seed_matcher, f'"{FABIANI}," {credit}.') == (expected, "Riccardo Fabiani")


def test_the_requests_speaker_outranks_what_the_text_says(seed_matcher: Matcher) -> None:
    text = f'Panetta said: "{SELLAL}."'
    assert verdict(seed_matcher, text) == ("misattributed", "Abdelmalek Sellal")
    assert verdict(seed_matcher, text, speaker="Abdelmalek Sellal") == ("verified", "Abdelmalek Sellal")


def test_common_words_someone_else_said_are_not_a_misattribution() -> None:
    matcher = Matcher(
        [
            Statement("a", "What are we going to do about the crisis now", "direct", SpeakerRef("Joe Biden")),
            *(Statement(f"f{i}", f"we are going to vote on item {i}", "direct", SpeakerRef("X")) for i in range(300)),
        ]
    )
    assert verdict(matcher, '"What are we going to do?" Clinton asked.')[0] == "not_found"
    assert verdict(matcher, '"What are we going to do about the crisis now," Clinton said.')[0] == "misattributed"


# --- several passages ---------------------------------------------------------------------------


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


def test_a_passage_not_on_record_does_not_outweigh_those_that_are(seed_matcher: Matcher) -> None:
    text = f'"{SELLAL}," Sellal said. "We will rebuild every school in the south before the winter," he added.'
    check = check_claim(seed_matcher, text)
    assert [s.verdict for s in check.segments] == [Verdict.VERIFIED, Verdict.NOT_FOUND]
    assert check.verdict is Verdict.VERIFIED and check.not_found == 1
    assert check_claim(seed_matcher, '"We will rebuild every school in the south," he said.').verdict is (
        Verdict.NOT_FOUND
    )


def test_two_stored_quotes_run_together_are_judged_sentence_by_sentence(seed_matcher: Matcher) -> None:
    text = (
        '"We will allow any threat to harm our nation. Algeria wants to avoid having terrorist dens at its frontiers."'
    )
    check = check_claim(seed_matcher, text + " Sellal said.")
    assert [s.verdict for s in check.segments] == [Verdict.ALTERED, Verdict.VERIFIED]
    assert check.verdict is Verdict.ALTERED


def test_text_without_quotation_marks_is_one_segment(seed_matcher: Matcher) -> None:
    text = "We will allow any threat to harm our nation"
    check = check_claim(seed_matcher, text, speaker="Sellal")
    assert len(check.segments) == 1
    s = check.segments[0]
    assert (s.start, s.end, s.attributed, s.speaker) == (0, len(text), None, "Sellal")
    assert check.verdict is Verdict.ALTERED


def test_the_requests_speaker_applies_to_every_passage(seed_matcher: Matcher) -> None:
    text = '"We won\'t allow any threat to harm our nation" and "Algeria wants to avoid having terrorist dens"'
    as_sellal = check_claim(seed_matcher, text, speaker="Sellal")
    assert [s.speaker for s in as_sellal.segments] == ["Sellal", "Sellal"]
    assert as_sellal.verdict is Verdict.VERIFIED
    as_panetta = check_claim(seed_matcher, text, speaker="Panetta")
    assert [s.verdict for s in as_panetta.segments] == [Verdict.MISATTRIBUTED, Verdict.MISATTRIBUTED]


def test_worst_verdict_on_record_wins_in_the_documented_order() -> None:
    assert SEVERITY == (Verdict.MISATTRIBUTED, Verdict.ALTERED, Verdict.PARAPHRASE, Verdict.VERIFIED, Verdict.NOT_FOUND)
    assert worst([Verdict.VERIFIED, Verdict.PARAPHRASE]) == 1
    assert worst([Verdict.NOT_FOUND, Verdict.VERIFIED]) == 1
    assert worst([Verdict.NOT_FOUND, Verdict.NOT_FOUND]) == 0
    assert worst([Verdict.ALTERED, Verdict.MISATTRIBUTED]) == 1


def test_passages_past_the_limit_are_counted_not_checked(seed_matcher: Matcher) -> None:
    text = 'Sellal said "We won\'t allow any threat to harm our nation" again. ' * (MAX_SEGMENTS + 5)
    check = check_claim(seed_matcher, text)
    assert len(check.segments) == MAX_SEGMENTS
    assert check.unchecked == 5
    assert check.verdict is Verdict.VERIFIED


def test_text_with_no_words_is_refused(seed_matcher: Matcher) -> None:
    with pytest.raises(EmptyClaimError):
        check_claim(seed_matcher, '"..." — ""')
    with pytest.raises(EmptyTextError):
        check_text(seed_matcher, " ... ", speaker=None, max_chars=100)
    with pytest.raises(InvalidInputError, match="limit is 10"):
        check_text(seed_matcher, SELLAL, speaker=None, max_chars=10)


# --- spelling is not meaning ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["We wont allow any threat to harm our nation", "we won`t allow any threat to harm our nation"]
)
def test_a_dropped_apostrophe_is_no_change(seed_matcher: Matcher, text: str) -> None:
    check = check_claim(seed_matcher, text)
    assert check.verdict is Verdict.VERIFIED
    assert all(op.op == "equal" or op.note for op in check.matches[0].diff)


def test_a_typo_inside_a_negation_is_a_typo_not_a_reversal(seed_matcher: Matcher) -> None:
    assert verdict(seed_matcher, "We wonn't allow any threat to harm our nation")[0] == "altered"
    assert flags(seed_matcher, "We wonn't allow any threat to harm our nation") == ()
    assert flags(seed_matcher, "(The Islamists) can afford to pay people but we canot") == ()


def test_a_negation_that_flips_the_meaning_is_flagged(seed_matcher: Matcher) -> None:
    assert "negation_removed" in flags(seed_matcher, "We will allow any threat to harm our nation")
    assert "negation_removed" in flags(seed_matcher, "(The Islamists) can afford to pay people and so can we")


# --- altered means altered ---------------------------------------------------------------------------


def test_one_changed_word_in_a_short_quote_is_altered() -> None:
    matcher = Matcher([Statement("k", "Our team outhustled the other campaigns", "direct", SpeakerRef("John Kasich"))])
    assert verdict(matcher, '"Our team everyone the other campaigns," Kasich tweeted.') == ("altered", "John Kasich")


def test_sentences_given_in_another_order_are_altered_and_flagged(seed_matcher: Matcher) -> None:
    text = '"The Algerians are going to stand by and watch. They are adopting a sort of benevolent neutrality."'
    text += " Fabiani said."
    assert verdict(seed_matcher, text) == ("altered", "Riccardo Fabiani")
    assert "reordered" in flags(seed_matcher, text)


def test_the_diff_covers_the_quote_not_the_post_around_it(seed_matcher: Matcher) -> None:
    check = check_claim(seed_matcher, f'Just saw this from Fabiani: "{FABIANI}" Unbelievable. #Algeria')
    assert check.verdict is Verdict.VERIFIED
    changes = [op for op in check.matches[0].diff if op.op != "equal" and op.note is None]
    assert changes == []
    assert "added" not in explained(check.matches[0], check.segments[0]).text


# --- paraphrase --------------------------------------------------------------------------------------


def test_a_reported_statement_restated_in_other_words_is_a_paraphrase(seed_matcher: Matcher) -> None:
    text = "Sellal said that additional troops had been sent to secure the borders of Algeria."
    assert verdict(seed_matcher, text) == ("paraphrase", "Abdelmalek Sellal")
    assert "reported_speech" in flags(seed_matcher, text)


def test_a_direct_quote_restated_as_reported_speech_is_a_paraphrase_flagged_restated(seed_matcher: Matcher) -> None:
    text = "Panetta said that they need to work with the nations in the region."
    assert verdict(seed_matcher, text) == ("paraphrase", "Leon Panetta")
    assert "restated" in flags(seed_matcher, text)
    flipped = "Panetta said that they don't need to work with the nations in the region."
    assert verdict(seed_matcher, flipped) == ("altered", "Leon Panetta")


# --- the time budget -------------------------------------------------------------------------------


@pytest.fixture
def budget_matcher() -> Matcher:
    quote = "We need to work with other nations to counter the threat in the region"
    return Matcher([Statement("p1", quote, "direct", SpeakerRef("Leon Panetta"))])


POST = (
    "Officials met on Monday. Later the secretary said "
    '"We need to work with other nations to counter the threat in the region" to reporters. Talks continue.'
)


def test_no_budget_matches_fully(budget_matcher: Matcher) -> None:
    for budget in (None, 0.0):
        check = check_text(budget_matcher, POST, speaker=None, max_chars=10_000, budget_ms=budget)
        assert check.verdict is Verdict.VERIFIED
        assert not check.cut_short


def test_a_spent_budget_cuts_the_matching_short(budget_matcher: Matcher) -> None:
    check = check_text(budget_matcher, POST, speaker=None, max_chars=10_000, budget_ms=1e-6)
    time.sleep(0)
    assert check.cut_short
    assert check.verdict is Verdict.VERIFIED  # the whole post's best candidate is still scored


def test_budget_setting_is_read_from_the_environment_and_never_negative(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATCH_BUDGET_MS", "25")
    assert Settings().match_budget_ms == 25.0
    with pytest.raises(ValidationError, match="match_budget_ms"):
        Settings(match_budget_ms=-1)
