"""Bad input gets a clear 4xx problem and changes nothing; never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings


def assert_problem(r, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert body["request_id"] == r.headers["x-request-id"]
    return body


def test_invalid_json(client: TestClient) -> None:
    r = client.post("/v1/verify", content=b'{"text": ', headers={"content-type": "application/json"})
    body = assert_problem(r, 422)
    assert body["errors"][0]["type"] == "json_invalid"


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"text": 5}, ["body", "text"]),
        ({"text": None}, ["body", "text"]),
        ({}, ["body", "text"]),
        ({"text": "We need to work", "speaker": 3}, ["body", "speaker"]),
        ({"text": "We need to work", "extra": 1}, ["body", "extra"]),
        ({"text": "We need\x00 to work"}, ["body", "text"]),
    ],
)
def test_wrong_types_name_the_field(client: TestClient, payload: dict, field: list) -> None:
    body = assert_problem(client.post("/v1/verify", json=payload), 422)
    assert body["errors"][0]["loc"] == field


@pytest.mark.parametrize("text", ["", "   \n\t", "?!... — “”", "\x07\x1b\u200b\x7f", "[...]"])
def test_text_with_nothing_to_match(client: TestClient, text: str) -> None:
    body = assert_problem(client.post("/v1/verify", json={"text": text}), 422)
    assert body["errors"][0]["loc"] == ["body", "text"]


def test_text_over_the_limit(client: TestClient) -> None:
    limit = Settings().max_text_chars
    assert client.post("/v1/verify", json={"text": "word " * (limit // 5)}).status_code == 200
    body = assert_problem(client.post("/v1/verify", json={"text": "word " * (limit // 5 + 1)}), 422)
    assert str(limit) in body["detail"]


def test_body_over_the_cap_is_413_with_and_without_content_length(client: TestClient) -> None:
    big = b'{"text": "' + b"a" * (Settings().max_body_bytes + 10) + b'"}'
    assert_problem(client.post("/v1/verify", content=big, headers={"content-type": "application/json"}), 413)

    def chunks():  # type: ignore[no-untyped-def]
        for i in range(0, len(big), 65536):
            yield big[i : i + 65536]

    r = client.post("/v1/verify", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in r.request.headers
    assert_problem(r, 413)


def test_bad_writes_change_nothing(client: TestClient, auth: dict) -> None:
    before = client.get("/v1/quotes", params={"limit": 100}).json()
    bad_bodies = [
        {"title": "", "quotes": []},
        {"title": "T", "quotes": [{"text": "   ", "speaker": {"name": "X"}}]},
        {"title": "T", "quotes": [{"text": "ok words here", "kind": "rumour", "speaker": {"name": "X"}}]},
        {"title": "T", "quotes": [{"text": "ok words here", "speaker": {"name": ""}}]},
        {"title": "T", "text": "short", "quotes": [{"text": "ok words here", "speaker": {"name": "X"}, "start": 0}]},
        {"title": "T", "text": "short", "quotes": [{"text": "short", "speaker": {"name": "X"}, "start": 0, "end": 99}]},
        {"title": "T\x00", "quotes": []},
        ["not", "an", "object"],
    ]
    for bad in bad_bodies:
        assert_problem(client.post("/v1/articles", json=bad, headers=auth), 422)
    assert client.get("/v1/quotes", params={"limit": 100}).json() == before
    assert len(client.get("/v1/articles").json()["items"]) == 1


def test_unknown_routes_and_methods_are_problems_too(client: TestClient) -> None:
    assert_problem(client.get("/v1/nothing-here"), 404)
    assert_problem(client.put("/v1/verify", json={}), 405)


def test_request_id_is_echoed_or_made(client: TestClient) -> None:
    r = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    r = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert r.headers["x-request-id"] != "bad id\twith spaces"
    assert len(r.headers["x-request-id"]) == 32
