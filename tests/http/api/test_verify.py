"""POST /v1/verify over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

SELLAL = "We won't allow any threat to harm our nation"


def verify(client: TestClient, text: str, speaker: str | None = None) -> dict:
    r = client.post("/v1/verify", json={"text": text, "speaker": speaker})
    assert r.status_code == 200, r.text
    return r.json()


def test_verbatim_quote_is_verified_with_speaker_article_and_context(client: TestClient) -> None:
    body = verify(client, SELLAL)
    assert body["verdict"] == "verified"
    top = body["matches"][0]
    assert top["score"] == 100
    assert top["quote"]["text"] == SELLAL
    assert top["quote"]["kind"] == "direct"
    assert "he said" in top["quote"]["context"]
    assert top["speaker"] == {
        "id": top["speaker"]["id"],
        "name": "Abdelmalek Sellal",
        "affiliation": "Algeria",
        "role": "Prime Minister",
        "wikidata_id": None,  # the seed's speakers are named by their article, not by a corpus
        "unattributed": False,
    }
    assert top["article"]["title"].startswith("In shift, Algeria accepts")
    assert top["article"]["publisher"] == "NBC News"
    assert all(op["op"] == "equal" for op in top["diff"])


def test_typographic_quotes_and_capitals_still_verify(client: TestClient) -> None:
    body = verify(client, "“WE WON’T ALLOW ANY THREAT TO HARM OUR NATION”", speaker="Sellal")
    assert body["verdict"] == "verified"


def test_changed_word_is_altered_and_the_diff_names_it(client: TestClient) -> None:
    body = verify(client, "We will allow any threat to harm our nation", speaker="Abdelmalek Sellal")
    assert body["verdict"] == "altered"
    changes = [op for op in body["matches"][0]["diff"] if op["op"] != "equal"]
    assert changes == [
        {"op": "replace", "stored": "won't", "submitted": "will", "note": None, "negation": True},
    ]


def test_real_quote_pinned_on_the_wrong_person_is_misattributed(client: TestClient) -> None:
    body = verify(client, SELLAL, speaker="Leon Panetta")
    assert body["verdict"] == "misattributed"
    assert body["matches"][0]["speaker"]["name"] == "Abdelmalek Sellal"
    assert body["matches"][0]["speaker_match"] is False


def test_reported_statement_is_a_paraphrase(client: TestClient) -> None:
    body = verify(client, "Algiers would do its best to find a diplomatic solution")
    assert body["verdict"] == "paraphrase"
    assert body["matches"][0]["quote"]["kind"] == "indirect"
    assert body["matches"][0]["speaker"]["name"] == "a second Algerian official"


def test_unrelated_text_is_not_found(client: TestClient) -> None:
    assert verify(client, "The weather in Paris will be sunny with light winds tomorrow")["verdict"] == "not_found"
    assert verify(client, "Nous ne permettrons à aucune menace de nuire à notre nation")["verdict"] == "not_found"


def test_quote_inside_a_tweet_is_found(client: TestClient) -> None:
    tweet = (
        "Big if true: Algeria's PM told parliament "
        '"Algeria wants to avoid having terrorist dens at its frontiers" #Mali'
    )
    body = verify(client, tweet, speaker="Sellal")
    assert body["verdict"] == "verified"
    assert body["matches"][0]["quote"]["text"].startswith("Algeria wants to avoid")


def test_omissions_and_editorial_insertions(client: TestClient) -> None:
    body = verify(
        client, "We need to work with the nations … facing the same threat there from [al-Qaida's] AQIM", "Panetta"
    )
    assert body["verdict"] == "verified"
    notes = {op["note"] for op in body["matches"][0]["diff"]}
    assert {"omission", "editorial"} <= notes
