"""Attribution rules for frames that sit away from their quotation, each pinned on small invented text."""

from __future__ import annotations

import pytest

from service.extraction import ExtractedStatement, extract


def _only(statements: list[ExtractedStatement], text: str) -> ExtractedStatement:
    [found] = [s for s in statements if s.text == text]
    return found


def _speaker_name(text: str, quote: str) -> str | None:
    found = _only(extract(text), quote)
    return found.speaker.name if found.speaker else None


def test_sentence_opening_with_its_verb_names_the_speaker_after_it() -> None:
    text = (
        "Tax reform has stalled.\n\n"
        "Experts say the code is complicated. Said Ellis Moore: "
        "\u201cI don\u2019t see anyone interested in tax reform.\u201d"
    )
    assert _speaker_name(text, "I don\u2019t see anyone interested in tax reform.") == "Ellis Moore"


def test_quote_ending_a_sentence_it_did_not_open_keeps_that_sentence_frame() -> None:
    text = (
        'Japan branded the North an "outlaw nation in the neighborhood." '
        "Russia insisted that talks resume. Officials in Seoul were quiet."
    )
    assert _speaker_name(text, "outlaw nation in the neighborhood.") == "Japan"


def test_quote_opening_its_sentence_still_takes_the_frame_after_it() -> None:
    text = '"We will rebuild the harbour." Mayor Ana Ruiz said on Monday.'
    assert _speaker_name(text, "We will rebuild the harbour.") == "Ana Ruiz"


def test_long_appositive_between_quote_and_verb() -> None:
    text = (
        "\u201cThis story is told by everyone and it is wrong,\u201d Malia Cole, the executive director at the "
        "Center for Media Studies and who also appears in the film, told reporters."
    )
    found = _only(extract(text), "This story is told by everyone and it is wrong")
    assert found.speaker is not None
    assert (found.speaker.name, found.speaker.role) == ("Malia Cole", "executive director")


def test_subject_after_introductory_phrase_is_salient_for_pronouns_and_quote_only_paragraphs() -> None:
    text = (
        "Banks faced the committee.\n\n"
        "\u201cYou blamed the tellers,\u201d Merkley said.\n\n"
        "In a statement issued Tuesday, nominee Hanna Cole was more careful. Though she called the bank "
        "\u201creckless\u201d she spoke only of future cases.\n\n"
        "\u201cIf any bank cannot be managed, it should be broken up.\u201d"
    )
    statements = extract(text)
    assert _only(statements, "reckless").speaker.name == "Hanna Cole"  # type: ignore[union-attr]
    quote_only = _only(statements, "If any bank cannot be managed, it should be broken up.")
    assert quote_only.speaker is not None and quote_only.speaker.name == "Hanna Cole"


def test_introductory_phrase_before_the_subject_of_a_label() -> None:
    text = 'In recent weeks, Reid has gone after Trump as a "human leech who will bleed the country."'
    assert _speaker_name(text, "human leech who will bleed the country.") == "Reid"


def test_coordinated_quotations_share_their_attribution() -> None:
    text = 'In recent weeks, Reid has called Trump a "human leech" and a "spoiled brat."'
    statements = extract(text)
    assert {s.text: s.speaker.name for s in statements if s.speaker} == {
        "human leech": "Reid",
        "spoiled brat.": "Reid",
    }


def test_short_quotation_in_another_sentence_is_not_coordinated() -> None:
    text = 'Reid called Trump a "human leech." Later that day, the crowd booed a "spoiled brat."'
    assert [s.text for s in extract(text)] == ["human leech."]


def test_two_sentence_quotation_in_title_case_is_speech_not_a_title() -> None:
    text = '"Here comes the Boss," she said, clapping. "The Donald. Big Daddy."'
    assert "The Donald. Big Daddy." in {s.text for s in extract(text)}


def test_title_case_phrase_is_still_a_title() -> None:
    text = 'She appeared on "Face the Nation" on Sunday and spoke about taxes.'
    assert extract(text) == []


def test_social_media_footer_is_not_a_statement() -> None:
    text = '"PENCE: And that is why we will win.\n\n"Follow Pam Key on Twitter @pamkey."'
    assert [s.text for s in extract(text)] == ["And that is why we will win."]


def test_it_resolves_to_the_organisation_subject_of_its_sentence() -> None:
    text = (
        "The Security Council on Friday condemned the test and pledged sanctions to deter what it called "
        '"a clear threat to international peace."'
    )
    assert _speaker_name(text, "a clear threat to international peace.") == "the Security Council"


def test_participle_used_as_adjective_is_not_a_cue() -> None:
    text = (
        "Following a swiftly called, late meeting, the Security Council issued a statement calling the test "
        '"a clear violation and in flagrant disregard" of five resolutions.'
    )
    assert _speaker_name(text, "a clear violation and in flagrant disregard") == "the Security Council"


def test_quoted_words_inside_a_paraphrase_take_the_frame_closing_the_sentence() -> None:
    text = "A cashier who \u201csteals a handful of $20s\u201d is held accountable, Warren said."
    assert _speaker_name(text, "steals a handful of $20s") == "Warren"


def test_a_clause_after_the_closing_frame_is_not_a_trailing_frame() -> None:
    text = 'Voters want "lower rents" now, Warren said, but the council has other plans.'
    assert "lower rents" not in {s.text for s in extract(text)}


@pytest.mark.parametrize(
    "lead",
    [
        "The council approved the ferry plan, which Mayor Rosa Quint had backed for years.",
        "Quint spoke to the Harbour Gazette on Monday.",
    ],
    ids=["named-only-as-an-object", "surname-never-given-in-full"],
)
def test_pronoun_with_a_colon_goes_to_the_last_person_named_when_nobody_has_spoken(lead: str) -> None:
    text = f'{lead}\n\nShe added: "The ferry will run every half hour from June."'
    assert _speaker_name(text, "The ferry will run every half hour from June.") in {"Rosa Quint", "Quint"}


def test_participle_phrase_before_a_pronoun_frame_is_not_its_subject() -> None:
    text = (
        "Mayor Rosa Quint toured the pier on Monday.\n\n"
        'Asked about fares, she added: "Nobody will pay more than two dollars."'
    )
    assert _speaker_name(text, "Nobody will pay more than two dollars.") == "Rosa Quint"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Quint won in May. As the Harbour Times put it, "the quiet dealmaker."', "the Harbour Times"),
        ('Quint won in May. She was, as one rival put it, "the quiet dealmaker."', "one rival"),
        ('Quint won in May. "The quiet dealmaker," as one rival put it.', "one rival"),
    ],
    ids=["before", "parenthetical", "after"],
)
def test_as_someone_put_it_credits_the_quotation(text: str, speaker: str) -> None:
    [found] = extract(text)
    assert found.text.lower().rstrip(".") == "the quiet dealmaker"
    assert found.speaker is not None and found.speaker.name == speaker


def test_second_verb_of_a_coordinated_predicate_shares_the_first_subject() -> None:
    text = (
        'The Fact Desk said "Quint inflates" the ridership through a "careless use of counts," and concluded '
        'her remarks were "Half Right."\n\nRidership is counted at the gates.'
    )
    assert _speaker_name(text, "Half Right.") == "The Fact Desk"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "Smugglers used the port -- smuggling the Harbour Gazette reporter said is meant to "
            '"cheat the tax office" each winter.',
            "cheat the tax office",
            "the Harbour Gazette reporter",
        ),
        (
            "Senator Rosa Quint spoke in 1999. She made a remark that bluntly described ferry users as "
            '"fare dodgers." It stuck.',
            "fare dodgers.",
            "Rosa Quint",
        ),
    ],
    ids=["object-relative-after-a-dash", "verb-inside-a-subject-relative"],
)
def test_subject_of_a_cue_inside_a_clause(text: str, quote: str, speaker: str) -> None:
    assert _speaker_name(text, quote) == speaker


def test_markup_around_an_embedded_post_does_not_hide_the_next_subject() -> None:
    text = (
        "Ridership rose in May.\n\n"
        '<post post-author="The figures hold up, so we rate it Correct.">Quint said that fares paid for '
        '"every new boat on the water." The rest of the claim also holds.</post>'
    )
    found = _only(extract(text), "every new boat on the water.")
    assert found.speaker is not None and found.speaker.name == "Quint"
    assert found.text == text[found.start : found.end]


@pytest.mark.parametrize(
    "text",
    [
        'Governor Ben Ruiz toured the pier.\n\n"It will take years" \u2013 Ruiz told reporters.',
        'Governor Ben Ruiz toured the pier.\n\nRuiz\'s blunt reply: "It will take years."',
    ],
    ids=["dash-before-a-full-frame", "possessive-before-a-colon"],
)
def test_frames_naming_the_speaker_beside_a_dash_or_a_possessive(text: str) -> None:
    [found] = extract(text)
    assert found.text.rstrip(".") == "It will take years"
    assert found.speaker is not None and found.speaker.name == "Ben Ruiz"


def test_second_half_of_a_quotation_split_by_said_name_goes_to_that_name() -> None:
    text = (
        '"The danger," said Priya Nair, a harbour engineer who has studied the port for a decade, '
        '"is that the sea wall fails before the new one is built."'
    )
    assert _speaker_name(text, "is that the sea wall fails before the new one is built.") == "Priya Nair"


@pytest.mark.parametrize(
    "tail",
    [
        "during a town hall in Dayton",
        "in an interview on Tuesday",
        "as the crowd cheered",
        "after the vote",
    ],
)
def test_adverbial_after_the_name_is_not_part_of_the_speaker(tail: str) -> None:
    text = f'"We are not going to give up on this city," said former county executive Dana Whitfield {tail}.'
    assert _speaker_name(text, "We are not going to give up on this city") == "Dana Whitfield"


def test_description_after_the_name_keeps_its_prepositional_phrase() -> None:
    text = '"We were told nothing about the closure," said a worker at the plant.'
    assert _speaker_name(text, "We were told nothing about the closure") == "a worker at the plant"


@pytest.mark.parametrize("opener", ["Hours later", "Here in Dayton"])
def test_ordinary_word_opening_the_sentence_is_not_a_name(opener: str) -> None:
    text = (
        "The council met for hours on Monday and the hours were long; here the mood was tense. "
        f"{opener}, Mayor Ana Ruiz addressed the crowd, telling reporters, "
        '"The harbour will reopen in the spring and nobody will lose a job."'
    )
    quote = "The harbour will reopen in the spring and nobody will lose a job."
    assert _speaker_name(text, quote) == "Ana Ruiz"


def test_surname_that_is_also_a_word_stays_a_name_when_the_article_capitalises_it() -> None:
    text = (
        "Council member Tom Young spoke after the young voters left. "
        'Young said the plan was late. "We should have acted in May," Young said.'
    )
    assert _speaker_name(text, "We should have acted in May") == "Tom Young"


def test_long_appositive_after_a_titled_name_still_names_the_speaker() -> None:
    text = (
        '"Nobody on the council wanted the toll," said former Sen. Marta Quill, a moderate from the north '
        "shore who retired after two terms."
    )
    assert _speaker_name(text, "Nobody on the council wanted the toll") == "Marta Quill"


def test_name_after_the_last_title_of_a_long_capitalised_run() -> None:
    text = '"The port will not close," said former North Dakota Gov. Ray Okafor, a harbour board member.'
    assert _speaker_name(text, "The port will not close") == "Ray Okafor"


def test_speech_verb_right_after_the_closing_mark_is_a_frame_without_its_comma() -> None:
    text = '"We have waited for months for an answer from the ministry" said Lena Ortiz.'
    assert _speaker_name(text, "We have waited for months for an answer from the ministry") == "Lena Ortiz"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            'Ruiz: "We will rebuild the harbour by May." Okafor: "The money is not there yet."',
            "The money is not there yet.",
            "Okafor",
        ),
        (
            "TOLLS ARE NOT THE ANSWER - Priya Nair: "
            "\u201cEvery study of the bridge shows traffic moving to side streets.\u201d",
            "Every study of the bridge shows traffic moving to side streets.",
            "Priya Nair",
        ),
        (
            "Turnout matters - More from the report: "
            "\u201cCounties that added polling places saw the largest gains.\u201d",
            "Counties that added polling places saw the largest gains.",
            "the report",
        ),
    ],
)
def test_a_name_alone_before_a_colon_labels_the_quotation(text: str, quote: str, speaker: str) -> None:
    assert _speaker_name(text, quote) == speaker


def test_name_after_a_preposition_is_not_the_subject_of_a_participle_cue() -> None:
    text = 'Mayor Ana Ruiz posted a message on Twitter reading "The harbour reopens on Monday, thank you all."'
    assert _speaker_name(text, "The harbour reopens on Monday, thank you all.") == "Ana Ruiz"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ('"Elections matter," Kelly said.', "Elections matter", "Kelly"),
        (
            '"The paperwork was not enough," said Emily Vance, a director at the centre.',
            "The paperwork was not enough",
            "Emily Vance",
        ),
        (
            '"We will not run his columns," Daily Ledger editor Josh Brand told reporters.',
            "We will not run his columns",
            "Josh Brand",
        ),
    ],
)
def test_names_ending_in_ly_are_not_adverbs(text: str, quote: str, speaker: str) -> None:
    assert _speaker_name(text, quote) == speaker


def test_adverb_between_subject_and_verb_is_still_dropped() -> None:
    assert _speaker_name('"We are ready," Mayor Ana Ruiz publicly said.', "We are ready") == "Ana Ruiz"


def test_name_and_verb_right_after_the_closing_mark_is_a_frame_without_its_comma() -> None:
    text = "\u201cThe caucus is a battle of niches\u201d Ortiz said. \u201cThe toll is one of them.\u201d"
    assert _speaker_name(text, "The caucus is a battle of niches") == "Ortiz"
    assert _speaker_name(text, "The toll is one of them.") == "Ortiz"


def test_words_after_a_closing_mark_without_a_frame_are_not_one() -> None:
    text = 'Volunteers handed out "vote no on the toll" leaflets said to be printed at night.'
    assert all(s.cue != "said" for s in extract(text) if s.kind == "direct")


def test_cue_inverted_mid_sentence_names_the_person_before_the_quotation() -> None:
    text = (
        "Because the vote came so early, explained analyst Ravi Shah, "
        "\u201cthe council never had a chance to read the plan.\u201d"
    )
    assert _speaker_name(text, "the council never had a chance to read the plan.") == "Ravi Shah"


def test_a_cue_taking_an_object_is_not_inverted() -> None:
    text = "Dana Whitfield, who sat on the harbour board, told Reuters, \u201cThe port will not close this year.\u201d"
    assert _speaker_name(text, "The port will not close this year.") == "Dana Whitfield"


def test_a_weekday_between_the_subject_and_its_verb_is_not_the_name() -> None:
    text = "Okafor later Thursday told reporters: \u201cThe council will vote on the toll next week.\u201d"
    assert _speaker_name(text, "The council will vote on the toll next week.") == "Okafor"
