"""POST /v1/extract, and POST /v1/articles finding the quotes itself."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.http.api.test_bad_input import assert_problem

ARTICLE = (
    "Harbour opens\n\n"
    "Mayor Jane Okafor of Port Vale opened the new harbour on Monday.\n\n"
    '"This harbour connects two halves of our city that were never meant to be apart," Okafor said.\n\n'
    "She added that tolls would stay at zero for a decade."
)


def test_extract_finds_quotes_with_offsets_and_speakers_and_stores_nothing(client: TestClient) -> None:
    r = client.post("/v1/extract", json={"text": ARTICLE, "title": "Harbour opens"})
    assert r.status_code == 200, r.text
    quotes = r.json()["quotes"]
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert len(direct) == 1
    q = direct[0]
    assert ARTICLE[q["start"] : q["end"]] == q["text"]
    assert q["text"].startswith("This harbour connects")
    assert q["speaker"]["name"] == "Jane Okafor"
    assert q["cue"] == "said"
    assert 0 < q["confidence"] <= 1
    assert client.post("/v1/verify", json={"text": q["text"]}).json()["verdict"] == "not_found"


def test_extract_refuses_text_with_nothing_to_read(client: TestClient) -> None:
    for text in ("", "   ", "\x01\x02 12 34 ..."):
        r = client.post("/v1/extract", json={"text": text})
        assert r.status_code == 422, text
        assert r.headers["content-type"] == "application/problem+json"


def test_an_article_posted_without_quotes_is_extracted_and_stored(client: TestClient, auth: dict) -> None:
    body = {"title": "Harbour opens", "url": "https://example.org/harbour", "text": ARTICLE}
    r = client.post("/v1/articles", json=body, headers=auth)
    assert r.status_code == 201, r.text
    stored = r.json()["quotes"]
    assert any(q["kind"] == "direct" and q["speaker"]["name"] == "Jane Okafor" for q in stored)
    assert all(ARTICLE[q["start"] : q["end"]] == q["text"] for q in stored)
    v = client.post("/v1/verify", json={"text": "this harbour connects two halves of our city", "speaker": "Okafor"})
    assert v.json()["verdict"] == "verified"
    again = client.post("/v1/articles", json=body, headers=auth)
    assert again.status_code == 200
    assert again.json()["quotes_added"] == 0


ENDPOINTS = ["/v1/extract", "/v1/articles"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_empty_text_is_a_422_naming_the_field(client: TestClient, auth: dict, path: str) -> None:
    before = _titles(client)
    for text in ("", "  \n ", "12 34 ..."):
        body = assert_problem(client.post(path, json={"title": "Empty", "text": text}, headers=auth), 422)
        assert body["errors"][0]["loc"] == ["body", "text"]
    assert _titles(client) == before


def _titles(client: TestClient) -> list[str]:
    return [a["title"] for a in client.get("/v1/articles", params={"limit": 100}).json()["items"]]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    "raw, names",
    [
        (b'{"title": "Upload", "text": "caf\xe9 au lait \xff\xfe"}', "invalid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL byte"),
    ],
)
def test_binary_body_is_a_422_that_says_so(client: TestClient, auth: dict, path: str, raw: bytes, names: str) -> None:
    r = client.post(path, content=raw, headers={**auth, "content-type": "application/json"})
    body = assert_problem(r, 422)
    assert "binary" in body["detail"] and names in body["detail"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_nul_character_inside_json_text_is_a_422(client: TestClient, auth: dict, path: str) -> None:
    r = client.post(path, json={"title": "Nul", "text": "Okafor said\x00 it opens."}, headers=auth)
    assert assert_problem(r, 422)["errors"][0]["loc"] == ["body", "text"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_ten_megabyte_body_is_a_413(client: TestClient, auth: dict, path: str) -> None:
    text = "Okafor said the harbour opens. " * (10_000_000 // 31)
    r = client.post(path, json={"title": "Huge", "text": text}, headers=auth)
    assert "limit" in assert_problem(r, 413)["detail"]
