"""speaker_matches: loose naming of the person a statement belongs to."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from service.matching import Matcher, SpeakerRef, Statement, Verdict, speaker_matches
from service.matching.names import NAME_TYPO_MIN_LENGTH, NAME_TYPO_MIN_SIMILARITY

PANETTA = SpeakerRef("Leon Panetta", affiliation="U.S. Department of Defense", role="Defense Secretary")
SELLAL = SpeakerRef("Abdelmalek Sellal", affiliation="Algeria", role="Prime Minister")
SIMONOVIC = SpeakerRef(
    "Ivan Simonovic",
    affiliation="United Nations",
    role="Assistant Secretary-General for Human Rights",
    aliases=("Ivan Šimonović",),
)
HOLLANDE = SpeakerRef("Francois Hollande", affiliation="France", role="President", aliases=("François Hollande",))
FRENCH_DIPLOMAT = SpeakerRef("a senior French diplomat", affiliation="France", role="senior diplomat")
ALGERIAN_SOURCE = SpeakerRef(
    "an Algerian source informed about discussions on Mali",
    role="source informed about discussions on Mali",
    aliases=("Algerian source",),
)
ZEID = SpeakerRef("Abou Zeid")


@pytest.mark.parametrize(
    ("claimed", "speaker"),
    [
        ("Panetta", PANETTA),
        ("Leon Panetta", PANETTA),
        ("leon panetta", PANETTA),
        ("PANETTA", PANETTA),
        ("Defense Secretary Leon Panetta", PANETTA),
        ("U.S. Defense Secretary Leon Panetta", PANETTA),
        ("Mr Panetta", PANETTA),
        ("Mr. Panneta", PANETTA),
        ("Panneta", PANETTA),
        ("L. Panetta", PANETTA),
        ("Panetta's", PANETTA),
        ("  Panetta  ", PANETTA),
        ("Sellal", SELLAL),
        ("Selal", SELLAL),
        ("Prime Minister Abdelmalek Sellal", SELLAL),
        ("Šimonović", SIMONOVIC),
        ("Ivan Šimonović", SIMONOVIC),
        ("François Hollande", HOLLANDE),
        ("President Hollande", HOLLANDE),
        ("French diplomat", FRENCH_DIPLOMAT),
        ("senior French diplomat", FRENCH_DIPLOMAT),
        ("a senior French diplomat", FRENCH_DIPLOMAT),
        ("Algerian source", ALGERIAN_SOURCE),
        ("Zeid", ZEID),
    ],
)
def test_loose_names_match(claimed: str, speaker: SpeakerRef) -> None:
    assert speaker_matches(claimed, speaker)


@pytest.mark.parametrize(
    ("claimed", "speaker"),
    [
        ("Leon Brittan", PANETTA),  # a different person sharing the first name
        ("Leon", PANETTA),  # first name alone is not the surname
        ("Ivan Ivanov", SIMONOVIC),
        ("Someone Else Entirely", PANETTA),
        ("Someone Else Entirely", FRENCH_DIPLOMAT),
        ("Hillary Clinton", PANETTA),
        ("Sellal", PANETTA),
        ("Panetta", SELLAL),
        ("Defense Secretary", PANETTA),  # a role, no name
        ("Mr", PANETTA),
        ("", PANETTA),
        ("   ", PANETTA),
        ("?!", PANETTA),
        ("British diplomat", FRENCH_DIPLOMAT),  # description's other words must fit
        ("French journalist", FRENCH_DIPLOMAT),
        ("Leon Panetta Sellal", PANETTA),  # a word that belongs to nobody in the name
    ],
)
def test_other_people_do_not_match(claimed: str, speaker: SpeakerRef) -> None:
    assert not speaker_matches(claimed, speaker)


def test_alias_is_needed_for_a_short_form_of_a_long_description() -> None:
    without_alias = SpeakerRef(ALGERIAN_SOURCE.name, role=ALGERIAN_SOURCE.role)
    assert not speaker_matches("Algerian source", without_alias)
    assert speaker_matches("Algerian source", ALGERIAN_SOURCE)


def test_alias_with_a_different_surname_matches() -> None:
    speaker = SpeakerRef("Mokhtar Belmokhtar", aliases=("The One-Eyed",))
    assert speaker_matches("the one-eyed", speaker)
    assert speaker_matches("Belmokhtar", speaker)
    assert not speaker_matches("One-Eyed Jack", speaker)


@pytest.mark.parametrize(
    ("claimed", "known"), [("Zaid", "Zeid"), ("Diob", "Diop"), ("Ball", "Bals"), ("Toure", "Tour")]
)
def test_short_surnames_differing_by_one_letter_do_not_match(claimed: str, known: str) -> None:
    assert not speaker_matches(claimed, SpeakerRef(f"Amadou {known}"))


def test_name_typo_min_length_both_sides() -> None:
    # One inserted letter: similar enough by ratio, but only allowed once both words are long enough.
    short, short_typo = "Zeid", "Zeida"
    assert len(short) == NAME_TYPO_MIN_LENGTH - 1
    assert fuzz.ratio(short.lower(), short_typo.lower()) >= NAME_TYPO_MIN_SIMILARITY
    assert not speaker_matches(short_typo, SpeakerRef(f"Abou {short}"))

    long, long_typo = "Zeidi", "Zeidia"
    assert len(long) == NAME_TYPO_MIN_LENGTH
    assert fuzz.ratio(long.lower(), long_typo.lower()) >= NAME_TYPO_MIN_SIMILARITY
    assert speaker_matches(long_typo, SpeakerRef(f"Abou {long}"))


def test_name_typo_min_similarity_both_sides() -> None:
    above = fuzz.ratio("panneta", "panetta")
    assert NAME_TYPO_MIN_SIMILARITY <= above < NAME_TYPO_MIN_SIMILARITY + 1
    assert speaker_matches("Panneta", PANETTA)
    assert speaker_matches("Leon Panneta", PANETTA)

    below = fuzz.ratio("pannetti", "panetta")
    assert NAME_TYPO_MIN_SIMILARITY - 6 < below < NAME_TYPO_MIN_SIMILARITY
    assert not speaker_matches("Pannetti", PANETTA)
    assert not speaker_matches("Smyth", SpeakerRef("John Smith"))  # 80: two names, not a typo
    assert speaker_matches("Simonovik", SIMONOVIC)  # one letter off: 89, above the threshold


def test_typo_tolerance_applies_to_first_names_too() -> None:
    assert speaker_matches("Abdelmalik Sellal", SELLAL)
    assert not speaker_matches("Abdul Sellal", SELLAL)


def test_nationality_adjective_before_title_matches() -> None:
    assert speaker_matches("Algerian Prime Minister Abdelmalek Sellal", SELLAL)


def test_initial_must_fit_the_first_name() -> None:
    assert speaker_matches("L Panetta", PANETTA)
    assert not speaker_matches("J. Panetta", PANETTA)


UNATTRIBUTED = SpeakerRef("Unattributed", unattributed=True)
TUNNEL = "The harbour tunnel will carry its first trains before the winter storms arrive"


def test_no_name_is_an_unattributed_statement_s_speaker() -> None:
    assert not speaker_matches("Unattributed", UNATTRIBUTED)
    assert not speaker_matches("Leon Panetta", UNATTRIBUTED)


def test_an_unattributed_statement_never_accuses_but_a_known_speaker_s_copy_does() -> None:
    alone = Matcher([Statement("u", TUNNEL, "direct", UNATTRIBUTED)])
    credited = alone.verify(TUNNEL, speaker="Leon Panetta")
    assert credited.verdict is Verdict.NOT_FOUND
    assert credited.matches[0].speaker_matches is None
    assert alone.verify(TUNNEL).verdict is Verdict.VERIFIED

    # The same words on record twice, once without a speaker and once as Sellal's: crediting
    # Panetta is a misattribution, and the answer names Sellal.
    both = Matcher([Statement("u", TUNNEL, "direct", UNATTRIBUTED), Statement("s", TUNNEL, "direct", SELLAL)])
    wrong = both.verify(TUNNEL, speaker="Leon Panetta")
    assert wrong.verdict is Verdict.MISATTRIBUTED
    assert wrong.matches[0].statement.speaker is SELLAL
    assert both.verify(TUNNEL, speaker="Sellal").verdict is Verdict.VERIFIED


def test_the_credited_person_s_own_statement_answers_before_an_unattributed_copy() -> None:
    # Panetta's stored words differ by one from the claim; the claim's exact words are also on
    # record without a speaker. Credited to Panetta, the claim is his statement altered, never a
    # misattribution of his own words.
    own = TUNNEL + " this autumn"
    claim = TUNNEL + " this year"
    m = Matcher([Statement("a", own, "direct", PANETTA), Statement("u", claim, "direct", UNATTRIBUTED)])
    v = m.verify(claim, speaker="Leon Panetta")
    assert v.verdict is Verdict.ALTERED
    assert v.matches[0].statement.id == "a" and v.matches[0].speaker_matches is True
    # A third person's statement nearly as close does not outrank the credited person's own.
    other = Statement("b", TUNNEL + " this summer", "direct", SELLAL)
    v = Matcher([Statement("a", own, "direct", PANETTA), Statement("u", claim, "direct", UNATTRIBUTED), other]).verify(
        claim, speaker="Leon Panetta"
    )
    assert v.verdict is Verdict.ALTERED and v.matches[0].statement.id == "a"
