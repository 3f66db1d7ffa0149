"""Writes: API keys, storing articles and quotes, deleting them, and what verify sees after."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from service.app import create_app
from tests.factories import fresh_sqlite_url, make_settings

ARTICLE_TEXT = (
    'Mayor Jane Okafor opened the bridge on Monday. "This bridge connects two halves of our city '
    'that were never meant to be apart," Okafor said. She added that tolls would stay at zero.'
)
QUOTE = "This bridge connects two halves of our city that were never meant to be apart"


def article_body(**overrides: object) -> dict:
    start = ARTICLE_TEXT.index(QUOTE)
    body = {
        "title": "Bridge opens",
        "url": "https://example.org/bridge",
        "publisher": "Example Times",
        "text": ARTICLE_TEXT,
        "quotes": [
            {
                "text": QUOTE,
                "kind": "direct",
                "speaker": {"name": "Jane Okafor", "role": "Mayor", "affiliation": "City Council"},
                "start": start,
                "end": start + len(QUOTE),
            },
            {"text": "tolls would stay at zero", "kind": "indirect", "speaker": {"name": "Jane Okafor"}},
        ],
    }
    body.update(overrides)
    return body


def count(client: TestClient, path: str) -> int:
    return len(client.get(path, params={"limit": 100}).json()["items"])


def test_writes_need_a_valid_key(client: TestClient) -> None:
    r = client.post("/v1/articles", json=article_body())
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "ApiKey"
    r = client.post("/v1/articles", json=article_body(), headers={"X-API-Key": "wrong"})
    assert r.status_code == 403
    for method, path in (("DELETE", "/v1/quotes/quo_x"), ("DELETE", "/v1/articles/art_x"), ("POST", "/v1/quotes")):
        assert client.request(method, path, json={}).status_code == 401
    assert count(client, "/v1/articles") == 1


def test_with_no_keys_configured_writes_are_refused(sqlite_template: Path, tmp_path: Path) -> None:
    settings = make_settings(fresh_sqlite_url(sqlite_template, tmp_path), api_keys="")
    with TestClient(create_app(settings)) as client:
        r = client.post("/v1/articles", json=article_body(), headers={"X-API-Key": "anything"})
        assert r.status_code == 403
        assert "no API_KEYS" in r.json()["detail"]


def test_stored_article_is_verifiable_at_once_and_reposting_adds_nothing(client: TestClient, auth: dict) -> None:
    r = client.post("/v1/articles", json=article_body(), headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["article_created"] is True
    assert body["quotes_added"] == 2
    indirect = next(q for q in body["quotes"] if q["kind"] == "indirect")
    assert ARTICLE_TEXT[indirect["start"] : indirect["end"]] == "tolls would stay at zero"

    v = client.post("/v1/verify", json={"text": QUOTE.upper(), "speaker": "Mayor Okafor"}).json()
    assert v["verdict"] == "verified"
    assert v["matches"][0]["article"]["url"] == "https://example.org/bridge"

    again = client.post("/v1/articles", json=article_body(), headers=auth)
    assert again.status_code == 200
    assert again.json()["quotes_added"] == 0
    assert again.json()["quotes_skipped"] == 2
    same_text_other_url = client.post("/v1/articles", json=article_body(url=None), headers=auth)
    assert same_text_other_url.json()["article"]["id"] == body["article"]["id"]
    assert count(client, "/v1/articles") == 2
    assert len(client.get("/v1/quotes", params={"article": body["article"]["id"]}).json()["items"]) == 2


def test_a_bad_quote_leaves_nothing_behind(client: TestClient, auth: dict) -> None:
    bad = article_body()
    bad["quotes"][0]["start"] += 1
    r = client.post("/v1/articles", json=bad, headers=auth)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "quotes", 0, "text"]
    assert count(client, "/v1/articles") == 1
    assert count(client, "/v1/speakers") == 14
    assert client.post("/v1/verify", json={"text": QUOTE}).json()["verdict"] == "not_found"


def test_add_a_quote_to_a_stored_article_then_delete_it(client: TestClient, auth: dict) -> None:
    article_id = client.get("/v1/articles").json()["items"][0]["id"]
    new = {
        "text": "Mali will need years to rebuild its army",
        "kind": "direct",
        "article_id": article_id,
        "speaker": {"name": "Riccardo Fabiani"},
    }
    r = client.post("/v1/quotes", json=new, headers=auth)
    assert r.status_code == 201, r.text
    quote = r.json()["quotes"][0]
    assert quote["speaker"]["affiliation"] == "Eurasia Group"  # the existing speaker, not a new one
    assert client.post("/v1/verify", json={"text": new["text"]}).json()["verdict"] == "verified"

    assert client.delete(f"/v1/quotes/{quote['id']}", headers=auth).status_code == 200
    assert client.get(f"/v1/quotes/{quote['id']}").status_code == 404
    assert client.post("/v1/verify", json={"text": new["text"]}).json()["verdict"] == "not_found"
    assert client.delete(f"/v1/quotes/{quote['id']}", headers=auth).status_code == 404


def test_quote_without_an_article_is_refused(client: TestClient, auth: dict) -> None:
    r = client.post("/v1/quotes", json={"text": "a b c", "speaker": {"name": "X"}}, headers=auth)
    assert r.status_code == 422
    r = client.post("/v1/quotes", json={"text": "a b c", "speaker": {"name": "X"}, "article_id": "art_x"}, headers=auth)
    assert r.status_code == 404


def test_deleting_an_article_deletes_its_quotes_from_storage_and_matching(client: TestClient, auth: dict) -> None:
    article_id = client.get("/v1/articles").json()["items"][0]["id"]
    r = client.delete(f"/v1/articles/{article_id}", headers=auth)
    assert r.status_code == 200
    assert r.json()["quotes_deleted"] == 23
    assert client.get(f"/v1/articles/{article_id}").status_code == 404
    assert count(client, "/v1/quotes") == 0
    body = client.post("/v1/verify", json={"text": "We won't allow any threat to harm our nation"}).json()
    assert (body["verdict"], body["matches"]) == ("not_found", [])
    assert client.get("/readyz").json()["statements"] == 0
