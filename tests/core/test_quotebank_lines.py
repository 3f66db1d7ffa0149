"""Reading one Quotebank line: what each field becomes, and the error a bad one gets."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from service.core.quotebank import SOURCE_NAME, parse_line


def line(**fields: object) -> str:
    row: dict[str, object] = {
        "quoteID": "2019-05-02-000111",
        "quotation": "We will fix the bridge first",
        "speaker": "Ada Kowalczyk",
    }
    row.update(fields)
    return json.dumps({k: v for k, v in row.items() if v is not ...})


def test_a_released_line() -> None:
    parsed = parse_line(
        line(
            qids=["Q4200001"],
            date="2019-05-02 07:30:00",
            numOccurrences=4,
            probas=[["Ada Kowalczyk", "0.6512"], ["None", "0.3488"]],
            urls=["https://a.example/x", "ftp://nowhere", "https://b.example/y", "https://a.example/x"],
            phase="D",
        )
    )
    st = parsed.statement
    assert (st.speaker.name, st.speaker.wikidata_id, st.speaker.unattributed) == ("Ada Kowalczyk", "Q4200001", False)
    assert st.speaker_probability == pytest.approx(0.6512)
    assert st.first_seen_at == datetime(2019, 5, 2, 7, 30, tzinfo=UTC)
    assert st.occurrences == 4 and st.kind == "direct" and st.key == "quotebank:2019-05-02-000111"
    assert (parsed.article.url, parsed.article.publisher) == ("https://a.example/x", "a.example")
    assert st.appearances == ("https://b.example/y",)  # not the article's own, not a non-web address


def test_a_reduced_line() -> None:
    st = parse_line(line(id="Q4200002", date=1556782200000, party_label="R", numOccurrences=1)).statement
    assert st.speaker.wikidata_id == "Q4200002" and st.speaker.affiliation == "Republican Party"
    assert st.first_seen_at == datetime(2019, 5, 2, 7, 30, tzinfo=UTC)
    assert st.speaker_probability is None
    assert parse_line(line(id="Q4200002")).article.title == SOURCE_NAME


@pytest.mark.parametrize("speaker", ["None", None])
def test_no_top_speaker_is_an_unattributed_statement(speaker: str | None) -> None:
    st = parse_line(line(speaker=speaker, qids=[], probas=[["None", "0.8"], ["Ada Kowalczyk", "0.2"]])).statement
    assert st.speaker.unattributed and st.speaker.wikidata_id is None and st.speaker_probability is None


def test_namesakes_quotebank_could_not_tell_apart_get_no_identity() -> None:
    assert parse_line(line(qids=["Q4200001", "Q4200003"])).statement.speaker.wikidata_id is None
    assert parse_line(line(qids=["Q4200001", "Q4200001"])).statement.speaker.wikidata_id == "Q4200001"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"quotation": "  "}, "quotation: required"),
        ({"quoteID": ...}, "quoteID: required"),
        ({"speaker": 7}, "speaker: should be a string"),
        ({"qids": "Q1"}, "qids: should be a list"),
        ({"id": "42"}, "qids: '42' is not a Wikidata item"),
        ({"date": "yesterday"}, "date: 'yesterday' is neither"),
        ({"date": True}, "date: True is neither"),
        ({"numOccurrences": -1}, "numOccurrences: should be a whole number"),
        ({"probas": [["Ada Kowalczyk", "high"]]}, "probas: 'high' is not a probability"),
        ({"probas": [["Ada Kowalczyk", "1.7"]]}, "probas: 1.7 is not between 0 and 1"),
        ({"urls": "https://a.example"}, "urls: should be a list of strings"),
    ],
)
def test_a_bad_field_is_named(fields: dict[str, object], error: str) -> None:
    with pytest.raises(ValueError, match="^" + error.replace("(", r"\(").replace(".", r"\.")):
        parse_line(line(**fields))


def test_not_an_object() -> None:
    with pytest.raises(ValueError, match="not a JSON object"):
        parse_line("[1, 2]")
