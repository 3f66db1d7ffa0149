"""Lists and single reads of quotes, speakers and articles."""

from __future__ import annotations

from fastapi.testclient import TestClient

SEED_STATEMENTS = 23


def all_pages(client: TestClient, path: str, **params: object) -> list[dict]:
    items, cursor = [], None
    while True:
        r = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


def test_quote_pages_cover_every_quote_once(client: TestClient) -> None:
    items = all_pages(client, "/v1/quotes", limit=7)
    ids = [q["id"] for q in items]
    assert len(ids) == SEED_STATEMENTS
    assert len(set(ids)) == SEED_STATEMENTS
    assert sum(q["kind"] == "direct" for q in items) == 10


def test_every_listed_quote_says_who_said_it_and_where(client: TestClient) -> None:
    for q in client.get("/v1/quotes", params={"limit": 100}).json()["items"]:
        assert q["speaker"]["name"]
        assert {"affiliation", "role"} <= set(q["speaker"])
        assert q["article"]["title"].startswith("In shift")
        assert q["article"]["id"].startswith("art_")


def test_quote_filters_by_speaker_name_or_id_and_by_article(client: TestClient) -> None:
    by_name = client.get("/v1/quotes", params={"speaker": "panetta", "limit": 100}).json()["items"]
    assert len(by_name) == 5
    assert sorted(q["kind"] for q in by_name) == ["direct"] * 3 + ["indirect"] * 2
    assert {q["speaker"]["name"] for q in by_name} == {"Leon Panetta"}
    speaker_id = by_name[0]["speaker"]["id"]
    by_id = client.get("/v1/quotes", params={"speaker": speaker_id, "limit": 100}).json()["items"]
    assert {q["id"] for q in by_id} == {q["id"] for q in by_name}
    article_id = by_name[0]["article"]["id"]
    assert len(all_pages(client, "/v1/quotes", article=article_id, limit=10)) == SEED_STATEMENTS
    assert client.get("/v1/quotes", params={"article": "art_nope"}).json() == {"items": [], "next_cursor": None}


def test_single_quote_matches_the_listed_one(client: TestClient) -> None:
    listed = client.get("/v1/quotes", params={"limit": 1}).json()["items"][0]
    detail = client.get(f"/v1/quotes/{listed['id']}").json()
    assert detail.pop("appearances") == []  # the one view that lists them
    assert detail == listed


def test_speaker_detail_lists_their_quotes(client: TestClient) -> None:
    speakers = all_pages(client, "/v1/speakers", limit=5)
    fabiani = next(s for s in speakers if s["name"] == "Riccardo Fabiani")
    assert fabiani["affiliation"] == "Eurasia Group"
    assert fabiani["role"] == "North Africa analyst"
    assert fabiani["quote_count"] == 2
    detail = client.get(f"/v1/speakers/{fabiani['id']}").json()
    assert {q["kind"] for q in detail["quotes"]} == {"direct", "indirect"}
    anonymous = [s for s in speakers if s["anonymous"]]
    assert any(s["name"] == "a senior French diplomat" for s in anonymous)


def test_article_detail_has_text_and_quotes_at_their_offsets(client: TestClient) -> None:
    article = client.get("/v1/articles").json()["items"][0]
    detail = client.get(f"/v1/articles/{article['id']}").json()
    assert detail["publisher"] == "NBC News"
    assert len(detail["quotes"]) == SEED_STATEMENTS
    for q in detail["quotes"]:
        assert detail["text"][q["start"] : q["end"]] == q["text"]


def test_limits_outside_the_range_are_refused(client: TestClient) -> None:
    for path in ("/v1/quotes", "/v1/speakers", "/v1/articles"):
        for limit in (0, 101, -1):
            r = client.get(path, params={"limit": limit})
            assert r.status_code == 422, (path, limit)
            assert r.headers["content-type"] == "application/problem+json"
            assert r.json()["errors"][0]["loc"] == ["query", "limit"]


def test_a_forged_cursor_is_refused(client: TestClient) -> None:
    for cursor in ("!!!", "%%%", "bm90IGFuIGlk\x00"):
        r = client.get("/v1/quotes", params={"cursor": cursor})
        assert r.status_code == 422, cursor


def test_unknown_ids_are_404_problems(client: TestClient) -> None:
    for path in ("/v1/quotes/quo_nope", "/v1/speakers/spk_nope", "/v1/articles/art_nope", "/v1/quotes/999999999"):
        r = client.get(path)
        assert r.status_code == 404
        assert r.headers["content-type"] == "application/problem+json"
        assert "nope" in r.json()["detail"] or "999999999" in r.json()["detail"]


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    ready = client.get("/readyz").json()
    assert ready["status"] == "ok"
    assert ready["statements"] == SEED_STATEMENTS
