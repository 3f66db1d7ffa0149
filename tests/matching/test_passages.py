"""quoted_passages: the parts of a text the submitter put between quotation marks."""

from __future__ import annotations

import pytest

from service.matching.quoted import quoted_passages


def passages(text: str) -> list[str]:
    return [text[a:b] for a, b in quoted_passages(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Sellal said "we won\'t allow it" today', ["we won't allow it"]),
        ("Sellal said \u201cwe won\u2019t allow it\u201d today", ["we won\u2019t allow it"]),
        ("Sellal a dit \u00abnous ne le permettrons pas\u00bb hier", ["nous ne le permettrons pas"]),
        ("Sellal sagte \u201ewir erlauben es nicht\u201c gestern", ["wir erlauben es nicht"]),
        ("Sellal said ``we won't allow it'' today", ["we won't allow it"]),
        ("Sellal said \u201cwe won't allow it\" today", ["we won't allow it"]),
    ],
)
def test_double_quote_styles(text: str, expected: list[str]) -> None:
    assert passages(text) == expected


def test_two_single_quotes_close_a_straight_double() -> None:
    text = "A source said there was \"tacit'' agreement and that Paris did not expect more."
    assert passages(text) == ["tacit"]


def test_two_single_quotes_close_a_curly_double() -> None:
    assert passages("\u201cAt the end of the day, we won't oppose it,'' said a source.") == [
        "At the end of the day, we won't oppose it,"
    ]


def test_spans_exclude_the_marks_and_keep_inner_punctuation() -> None:
    text = 'He said: "We need to work, now." Then left.'
    ((start, end),) = quoted_passages(text)
    assert text[start - 1] == '"' and text[end] == '"'
    assert text[start:end] == "We need to work, now."


def test_several_passages_in_order() -> None:
    text = '"We won\'t allow any threat," he said. "Algeria wants to avoid having terrorist dens."'
    assert passages(text) == ["We won't allow any threat,", "Algeria wants to avoid having terrorist dens."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said 'we won't go' and left", ["we won't go"]),
        ("He said \u2018we won\u2019t go\u2019 and left", ["we won\u2019t go"]),
        ("He said \u2018we won't go' and left", ["we won't go"]),
        ("'Algeria's borders are safe', he said", ["Algeria's borders are safe"]),
    ],
)
def test_single_quotes_are_not_confused_with_apostrophes(text: str, expected: list[str]) -> None:
    assert passages(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We won't go, it's Algeria's call",
        "We won\u2019t go, it\u2019s Algeria\u2019s call",
        "The Algerians' position didn't change",
        "no quotation marks at all",
        "",
    ],
)
def test_apostrophes_alone_make_no_passage(text: str) -> None:
    assert passages(text) == []


def test_only_top_level_passages_are_returned() -> None:
    text = "He said \"they told me 'go away' yesterday\" and left"
    assert passages(text) == ["they told me 'go away' yesterday"]


def test_unclosed_quote_gives_no_passage() -> None:
    assert passages("He said \"we won't allow it") == []


def test_blank_passages_are_skipped() -> None:
    assert passages('He said "" and "   " then "yes"') == ["yes"]


def test_guillemets_do_not_close_on_other_marks() -> None:
    assert passages('\u00abnous "ne" le permettrons pas\u00bb') == ['nous "ne" le permettrons pas']


def test_elision_apostrophe_does_not_hide_a_later_quote() -> None:
    assert passages("In the '90s Sellal said \"won't allow any threat\" #Mali") == ["won't allow any threat"]
