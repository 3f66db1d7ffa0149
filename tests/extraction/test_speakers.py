"""ExtractedSpeaker attribution: titles, appositives, coreference, pronouns and anonymous sources."""

from __future__ import annotations

from service.extraction import ExtractedSpeaker, ExtractedStatement, extract


def _speakers(text: str, kind: str | None = None) -> list[ExtractedSpeaker | None]:
    return [s.speaker for s in extract(text) if kind is None or s.kind == kind]


def _only(statements: list[ExtractedStatement], text: str) -> ExtractedStatement:
    [found] = [s for s in statements if s.text == text]
    return found


def test_title_before_name_gives_role_and_affiliation() -> None:
    text = "Algerian Prime Minister Abdel Lamine told lawmakers extra troops had been sent to the border."
    [speaker] = _speakers(text)
    assert speaker == ExtractedSpeaker("Abdel Lamine", "Algeria", "Prime Minister", anonymous=False)


def test_appositive_gives_role_and_affiliation() -> None:
    text = '"Expect delays," said Rita Gomez, a senior analyst at Oxford Economics, on Monday.'
    [speaker] = _speakers(text)
    assert speaker is not None
    assert (speaker.name, speaker.role, speaker.affiliation) == ("Rita Gomez", "senior analyst", "Oxford Economics")


def test_surname_resolves_to_full_name_with_earlier_role() -> None:
    text = (
        "U.S. Defense Secretary Leon Carter voiced concern about the border.\n\n"
        '"We need partners in the region," Carter said.'
    )
    statements = extract(text)
    quote = _only(statements, "We need partners in the region")
    assert quote.speaker == ExtractedSpeaker("Leon Carter", "U.S. Department of Defense", "Defense Secretary")


def test_pronoun_goes_to_most_recent_speaker() -> None:
    text = (
        "Mayor Karen Bell said the bridge would reopen in May.\n\n"
        "Opponents have questioned the cost.\n\n"
        '"We will not cut corners," she said.'
    )
    quote = _only(extract(text), "We will not cut corners")
    assert quote.speaker is not None and quote.speaker.name == "Karen Bell"


def test_quote_only_paragraph_goes_to_previous_speaker() -> None:
    text = (
        "Economist Paul Ng said prices would keep rising.\n\n"
        '"There is no sign of a turn. Wages are not keeping up with rents anywhere."'
    )
    quote = _only(extract(text), "There is no sign of a turn. Wages are not keeping up with rents anywhere.")
    assert quote.speaker is not None and quote.speaker.name == "Paul Ng"


def test_anonymous_source_keeps_description() -> None:
    text = '"Talks have stalled," a senior French diplomat said.'
    [speaker] = _speakers(text)
    assert speaker == ExtractedSpeaker("a senior French diplomat", "France", "senior diplomat", anonymous=True)


def test_anonymous_ministry_source() -> None:
    text = "A French defense ministry source said the talks had stalled over funding."
    [speaker] = _speakers(text)
    assert speaker == ExtractedSpeaker(
        "a French defense ministry source", "French defense ministry", "source", anonymous=True
    )


def test_people_sharing_a_surname_are_not_merged() -> None:
    text = (
        'Hillary Clinton said the plan was sound. "It works," Bill Clinton said later.\n\n'
        '"We tested it," Hillary Clinton added.'
    )
    names = {s.speaker.name for s in extract(text) if s.speaker is not None}
    assert {"Hillary Clinton", "Bill Clinton"} <= names


def test_according_to() -> None:
    text = "Turnout rose by a third, according to Ivan Petrov, the U.N.'s elections adviser."
    [found] = extract(text)
    assert found.kind == "indirect"
    assert found.text == "Turnout rose by a third"
    assert found.speaker == ExtractedSpeaker("Ivan Petrov", "United Nations", "elections adviser")
    assert found.cue == "according to"


def test_a_title_alone_names_the_one_person_given_that_title_earlier() -> None:
    text = (
        "Sen. Rosa Quint and Governor Ben Ruiz toured the new pier on Monday.\n\n"
        '"It opens in June," the senator said. "Fares stay low," the governor added.'
    )
    statements = extract(text)
    assert _only(statements, "It opens in June").speaker.name == "Rosa Quint"  # type: ignore[union-attr]
    assert _only(statements, "Fares stay low").speaker.name == "Ben Ruiz"  # type: ignore[union-attr]


def test_a_title_shared_by_two_people_stays_a_description() -> None:
    text = (
        "Sen. Rosa Quint and Sen. Ben Ruiz toured the new pier on Monday.\n\n"
        '"It opens in June," the senator said. Governor Ann Lee arrived later.'
    )
    assert _only(extract(text), "It opens in June").speaker.name == "the senator"  # type: ignore[union-attr]


def test_a_title_does_not_name_someone_introduced_only_later() -> None:
    text = '"It opens in June," the mayor said.\n\nMayor Ana Ruiz cut the ribbon on Monday.'
    assert _only(extract(text), "It opens in June").speaker.name == "the mayor"  # type: ignore[union-attr]


def test_a_title_before_the_name_gives_the_role() -> None:
    text = 'Governor Ben Ruiz toured the pier.\n\nHis spokeswoman, Ana Cruz, said: "It will take years."'
    [speaker] = _speakers(text)
    assert speaker is not None and (speaker.name, speaker.role) == ("Ana Cruz", "spokeswoman")


def test_an_office_named_by_its_holder_keeps_the_capital() -> None:
    text = (
        "Governor Ben Ruiz toured the pier.\n\n\u201cIt will take years,\u201d Ruiz\u2019s office said in a statement."
    )
    [speaker] = _speakers(text)
    assert speaker is not None and speaker.name == "Ruiz\u2019s office"
