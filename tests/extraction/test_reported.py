"""Reported (indirect) statements: the content span without the frame."""

from __future__ import annotations

import pytest

from service.extraction import extract


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("Jon Hale said that the deal was dead.", "the deal was dead", "Jon Hale", "said"),
        ("Jon Hale said the deal was dead.", "the deal was dead", "Jon Hale", "said"),
        ("Jon Hale told reporters the deal was dead.", "the deal was dead", "Jon Hale", "told"),
        ("Jon Hale told reporters on Friday that the deal was dead.", "the deal was dead", "Jon Hale", "told"),
        ("The deal was dead, Jon Hale said.", "The deal was dead", "Jon Hale", "said"),
        (
            "The deal is dead, say local and foreign officials.",
            "The deal is dead",
            "local and foreign officials",
            "say",
        ),
        ("According to Jon Hale, the deal was dead.", "the deal was dead", "Jon Hale", "according to"),
    ],
)
def test_reported_forms(text: str, content: str, speaker: str, cue: str) -> None:
    [found] = extract(text)
    assert found.kind == "indirect"
    assert found.text == content == text[found.start : found.end]
    assert found.speaker is not None and found.speaker.name == speaker
    assert found.cue == cue


def test_direct_frame_is_not_reported_speech() -> None:
    text = '"The deal is dead," Jon Hale said on Friday.'
    assert [s.kind for s in extract(text)] == ["direct"]


def test_adding_continues_the_same_speaker() -> None:
    text = '"We need allies," Jon Hale said, adding any plan would have to be agreed "on a regional basis."'
    statements = extract(text)
    kinds = sorted(s.kind for s in statements)
    assert kinds == ["direct", "direct", "indirect"]
    assert {s.speaker.name for s in statements if s.speaker} == {"Jon Hale"}
    indirect = next(s for s in statements if s.kind == "indirect")
    assert indirect.text.startswith("any plan would")


@pytest.mark.parametrize(
    "frame",
    ["She told the Harbour Gazette on Tuesday:", "Quint said in a statement:", "Quint wrote on her blog:"],
)
def test_a_colon_after_the_verb_hands_over_to_a_direct_quotation(frame: str) -> None:
    text = f'Mayor Rosa Quint spoke on Monday. {frame} "Fares will stay at two dollars."'
    found = [(s.kind, s.text) for s in extract(text)]
    assert found == [("direct", "Fares will stay at two dollars.")]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The ferry will take three years, Jon Hale said, and fares may rise.", "The ferry will take three years"),
        ("The ferry, Jon Hale said, will take three years.", "The ferry, Jon Hale said, will take three years"),
        (
            "Jon Hale, who took office in May, said the ferry will take three years.",
            "the ferry will take three years",
        ),
    ],
    ids=["frame-between-clauses", "frame-inside-the-clause", "relative-clause-after-the-subject"],
)
def test_frame_set_off_by_commas(text: str, content: str) -> None:
    [found] = extract(text)
    assert (found.kind, found.text, found.cue) == ("indirect", content, "said")
    assert found.speaker is not None and found.speaker.name == "Jon Hale"


def test_a_frame_set_off_by_commas_before_a_quotation_is_no_reported_statement() -> None:
    text = 'In a statement, Jon Hale said, "The ferry will take three years."'
    assert [(s.kind, s.text) for s in extract(text)] == [("direct", "The ferry will take three years.")]


@pytest.mark.parametrize(
    "text",
    [
        "One after another, ferry firms, including Harbour Lines, declared bankruptcy.",
        "But in May 2014, the old ferry failed as predicted.",
        "A different story was being told by the Harbour Times, which found a report from 1995.",
        "The ferry weighs 200 tons, which makes it too heavy according to the port's own rules.",
        "The mayor's long silence had voters wondering about her plans for the harbour.",
    ],
    ids=["verb-with-an-object", "as-predicted", "passive", "according-to-a-rule", "participle"],
)
def test_speech_verbs_that_report_nothing(text: str) -> None:
    assert extract(text) == []


def test_a_nested_quotation_closing_before_the_frame_is_still_a_direct_quote() -> None:
    text = "\"People say, 'It is far too late,'\" said Jon Hale, a harbour pilot."
    assert [(s.kind, s.speaker.name if s.speaker else None) for s in extract(text)] == [("direct", "Jon Hale")]
