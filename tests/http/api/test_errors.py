"""Every error is an RFC 9457 problem: routing misses, validation, limits, and a route that really fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from tests.factories import API_KEY, fresh_sqlite_url, make_settings

PROBLEM_FIELDS = {"type", "title", "status", "detail", "instance", "request_id"}


def assert_problem(r, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert set(body) >= PROBLEM_FIELDS
    assert body["status"] == status
    assert body["request_id"] == r.headers["x-request-id"]
    assert body["instance"] == r.request.url.path
    return body


@pytest.fixture
def sqlite_client(sqlite_template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    with TestClient(create_app(make_settings(fresh_sqlite_url(sqlite_template, tmp_path)))) as c:
        yield c


def test_routing_misses_are_problems(sqlite_client: TestClient) -> None:
    body = assert_problem(sqlite_client.get("/v1/no-such-thing"), 404)
    assert body["title"] == "Not Found" and body["detail"] == "nothing is served at /v1/no-such-thing"
    r = sqlite_client.patch("/v1/quotes", json={})
    body = assert_problem(r, 405)
    assert body["title"] == "Method Not Allowed" and body["detail"].startswith("PATCH is not allowed on /v1/quotes")
    assert "GET" in r.headers["allow"]
    assert_problem(sqlite_client.get("/static/missing.css"), 404)


def test_an_unknown_id_names_it(sqlite_client: TestClient) -> None:
    body = assert_problem(sqlite_client.get("/v1/speakers/spk_nope"), 404)
    assert body["type"] == "/problems/not-found" and "spk_nope" in body["detail"]


def test_an_exception_in_a_route_is_a_500_problem_without_the_trace(
    sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app(make_settings(fresh_sqlite_url(sqlite_template, tmp_path), log_format="json"))

    @app.get("/v1/explode")
    def explode() -> dict:
        raise RuntimeError("secret internals: table quote, password hunter2")

    with TestClient(app) as client:
        r = client.get("/v1/explode", headers={"X-Request-ID": "boom-1"})
        body = assert_problem(r, 500)
        assert body["title"] == "Internal Server Error"
        assert "hunter2" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
        # The service keeps serving.
        assert client.get("/healthz").status_code == 200
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    failure = next(line for line in lines if line["level"] == "ERROR")
    assert failure["request_id"] == "boom-1"
    assert "RuntimeError: secret internals" in failure["exception"]
    access = next(line for line in lines if line["logger"] == "service.access" and line["request_id"] == "boom-1")
    assert access["status"] == 500 and access["route"] == "/v1/explode"


def test_an_exception_in_an_async_route_too(sqlite_client: TestClient) -> None:
    app = sqlite_client.app

    @app.post("/v1/explode-async")  # type: ignore[attr-defined]
    async def explode_async() -> dict:
        raise KeyError("missing")

    assert_problem(sqlite_client.post("/v1/explode-async"), 500)


@pytest.mark.parametrize(
    "path, params, field",
    [
        ("/v1/quotes", {"limit": 101}, ["query", "limit"]),
        ("/v1/quotes", {"limit": 0}, ["query", "limit"]),
        ("/v1/speakers", {"limit": "many"}, ["query", "limit"]),
        ("/v1/articles", {"limit": 1000}, ["query", "limit"]),
        ("/v1/quotes", {"cursor": "c" * 201}, ["query", "cursor"]),
    ],
)
def test_page_size_and_cursor_caps_name_the_field(
    sqlite_client: TestClient, path: str, params: dict, field: list
) -> None:
    body = assert_problem(sqlite_client.get(path, params=params), 422)
    assert body["type"] == "/problems/validation"
    assert body["errors"][0]["loc"] == field
    assert ".".join(field) in body["detail"]


def test_text_length_caps_name_the_field(sqlite_template: Path, tmp_path: Path) -> None:
    settings = make_settings(fresh_sqlite_url(sqlite_template, tmp_path), max_text_chars=100, max_article_chars=300)
    with TestClient(create_app(settings)) as client:
        body = assert_problem(client.post("/v1/verify", json={"text": "word " * 21}), 422)
        assert body["errors"][0]["loc"] == ["body", "text"] and "100" in body["detail"]
        body = assert_problem(client.post("/v1/extract", json={"text": "word " * 61}), 422)
        assert body["errors"][0]["loc"] == ["body", "text"]
        r = client.post("/v1/articles", json={"title": "T", "text": "word " * 61}, headers={"X-API-Key": API_KEY})
        body = assert_problem(r, 422)
        assert body["errors"][0]["loc"] == ["body", "text"]


def test_too_many_quotes_in_one_article_names_the_field(sqlite_client: TestClient, auth: dict) -> None:
    quotes = [{"text": f"statement number {i}", "speaker": {"name": "Ana"}} for i in range(1001)]
    body = assert_problem(sqlite_client.post("/v1/articles", json={"title": "T", "quotes": quotes}, headers=auth), 422)
    assert body["errors"][0]["loc"] == ["body", "quotes"]


def test_unauthorised_is_a_problem_with_a_challenge(sqlite_client: TestClient) -> None:
    r = sqlite_client.delete("/v1/quotes/quo_x")
    body = assert_problem(r, 401)
    assert body["type"] == "/problems/unauthorized"
    assert r.headers["www-authenticate"] == "ApiKey"


def test_a_browser_at_an_unknown_address_gets_a_page(client: TestClient) -> None:
    page = client.get("/no/such/page", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Not found" in page.text
    api = client.get("/v1/nothing-here", headers={"Accept": "text/html"})
    assert api.headers["content-type"] == "application/problem+json"


def test_invalid_json_says_where_and_what(client: TestClient) -> None:
    r = client.post("/v1/verify", content=b'{"text": "x",', headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert r.json()["detail"].startswith("the body is not valid JSON: ")
    assert "at character 13" in r.json()["detail"]


def test_a_body_too_large_has_the_shape_of_every_other_problem(client: TestClient) -> None:
    r = client.post("/v1/verify", content=b"x" * 2_000_001, headers={"Content-Type": "application/json"})
    other = client.get("/v1/quotes/nope")
    assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json"
    assert set(r.json()) == set(other.json()) and r.json()["type"] == "/problems/payload-too-large"


def test_a_wrong_key_on_a_read_says_the_key_is_wrong(db_url: str) -> None:
    with TestClient(create_app(make_settings(db_url, api_keys=""))) as c:
        r = c.get("/v1/quotes", headers={"X-API-Key": "guess"})
    assert r.status_code == 403 and r.json()["detail"].startswith("the API key is not valid")
