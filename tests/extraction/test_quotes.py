"""Direct quotations: every quotation-mark convention of English news, with exact offsets."""

from __future__ import annotations

import pytest

from service.extraction import ExtractedStatement, extract


def _direct(text: str) -> list[ExtractedStatement]:
    out = [s for s in extract(text) if s.kind == "direct"]
    for s in out:
        assert text[s.start : s.end] == s.text
    return out


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('"We will not give up," said Jane Doe, the mayor.', "We will not give up"),
        ("“We will not give up,” said Jane Doe, the mayor.", "We will not give up"),
        ("\"We will not give up,'' said Jane Doe, the mayor.", "We will not give up"),
        ("« We will not give up », said Jane Doe, the mayor.", "We will not give up"),
        ("``We will not give up,'' said Jane Doe, the mayor.", "We will not give up"),
    ],
    ids=["straight", "curly", "apostrophes-close", "guillemets", "backticks"],
)
def test_quote_mark_styles(text: str, quote: str) -> None:
    [found] = _direct(text)
    assert found.text == quote
    assert found.speaker is not None and found.speaker.name == "Jane Doe"
    assert found.speaker.role == "mayor"
    assert found.cue == "said"


def test_nested_single_quotes_stay_inside() -> None:
    text = "“He told me, ‘Never again,’ and he meant it,” Sam Ortiz said."
    [found] = _direct(text)
    assert found.text == "He told me, ‘Never again,’ and he meant it"
    assert found.speaker is not None and found.speaker.name == "Sam Ortiz"


def test_apostrophes_never_open_a_quote() -> None:
    text = "The U.N.'s envoy won't say it. In the '90s the rock 'n' roll era ended, Ms. Lee's aide said."
    assert _direct(text) == []


def test_split_around_he_said_gives_two_records_same_speaker() -> None:
    text = 'Mark Lewis, a farmer in Iowa, was blunt. "It rained too much," he said. "We lost the corn."'
    first, second = _direct(text)
    assert (first.text, second.text) == ("It rained too much", "We lost the corn.")
    assert first.speaker == second.speaker
    assert first.speaker is not None and first.speaker.name == "Mark Lewis"


def test_multi_paragraph_quote_reopens() -> None:
    text = (
        "Senator Ana Ruiz spoke at length.\n\n"
        "“The budget is a moral document. It says who we are.\n\n"
        "“And this one says we have given up,” Ruiz said."
    )
    first, second = _direct(text)
    assert first.text == "The budget is a moral document. It says who we are."
    assert second.text == "And this one says we have given up"
    assert first.speaker == second.speaker
    assert first.speaker is not None and first.speaker.name == "Ana Ruiz"


def test_scare_quotes_and_titles_are_not_statements() -> None:
    text = (
        "The company sold “magic” pills. She appeared on “Meet the Press” on Sunday. "
        'Critics call the plan a "dead end" for workers. The film "Gone With the Wind" aired again.'
    )
    texts = [s.text for s in _direct(text)]
    assert "magic" not in texts
    assert "Meet the Press" not in texts
    assert "Gone With the Wind" not in texts


def test_attributed_fragment_is_a_direct_quote() -> None:
    text = "An aide to the governor said there was \"tacit'' agreement on the plan."
    [found] = _direct(text)
    assert found.text == "tacit"
    assert found.speaker is not None and found.speaker.name == "an aide to the governor"
    assert found.speaker.anonymous


def test_dash_credit_after_quote() -> None:
    text = "“I voted for the first time today and it felt great.” ― Maria Lopez\n“Nothing changed for us.” ― Tom Reyes"
    first, second = _direct(text)
    assert first.speaker is not None and first.speaker.name == "Maria Lopez"
    assert second.speaker is not None and second.speaker.name == "Tom Reyes"


def test_transcript_labels_name_the_speaker() -> None:
    text = 'Host Chris Wallace pressed him.\n\n"WALLACE: Do you stand by the tweet, sir?"\n\n"PENCE: I do, Chris."'
    first, second = _direct(text)
    assert first.text == "Do you stand by the tweet, sir?"
    assert first.speaker is not None and first.speaker.name == "Chris Wallace"
    assert second.speaker is not None and second.speaker.name == "PENCE"
