"""Rate limiting: off by default; when on, a token bucket per key or per client IP, answered with 429."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from service.app import create_app
from service.http.ratelimit import TokenBuckets
from tests.factories import API_KEY, fresh_sqlite_url, make_settings

QUOTE = {"text": "We won't allow any threat to harm our nation"}


def app_client(sqlite_template: Path, tmp_path: Path, **overrides: object) -> TestClient:
    return TestClient(create_app(make_settings(fresh_sqlite_url(sqlite_template, tmp_path), **overrides)))


def test_off_by_default(sqlite_template: Path, tmp_path: Path) -> None:
    with app_client(sqlite_template, tmp_path) as client:
        answers = [client.post("/v1/verify", json=QUOTE) for _ in range(40)]
    assert {r.status_code for r in answers} == {200}
    assert "ratelimit-limit" not in answers[-1].headers


def test_the_budget_is_spent_then_429_with_retry_after(sqlite_template: Path, tmp_path: Path) -> None:
    with app_client(sqlite_template, tmp_path, rate_limit_per_minute=3) as client:
        answers = [client.post("/v1/verify", json=QUOTE) for _ in range(3)]
        assert [r.status_code for r in answers] == [200, 200, 200]
        assert [r.headers["ratelimit-remaining"] for r in answers] == ["2", "1", "0"]
        assert answers[0].headers["ratelimit-limit"] == "3"
        r = client.post("/v1/verify", json=QUOTE)
        assert r.status_code == 429
        assert r.headers["content-type"] == "application/problem+json"
        body = r.json()
        assert body["type"] == "/problems/rate-limited" and body["request_id"] == r.headers["x-request-id"]
        # 3 a minute: one token comes back every 20 seconds.
        assert 1 <= int(r.headers["retry-after"]) <= 20
        assert r.headers["ratelimit-remaining"] == "0"
        # Reads and pages share the same budget; probes and the scrape do not spend it.
        assert client.get("/v1/speakers").status_code == 429
        assert client.get("/healthz").status_code == 200
        assert client.get("/metrics").status_code == 200


def test_each_key_has_its_own_bucket_apart_from_anonymous_callers(sqlite_template: Path, tmp_path: Path) -> None:
    with app_client(sqlite_template, tmp_path, rate_limit_per_minute=2, api_keys=f"{API_KEY},other-key") as client:
        for _ in range(2):
            assert client.post("/v1/verify", json=QUOTE).status_code == 200
        assert client.post("/v1/verify", json=QUOTE).status_code == 429  # this IP, without a key
        for key in (API_KEY, "other-key"):
            statuses = [client.post("/v1/verify", json=QUOTE, headers={"X-API-Key": key}).status_code for _ in range(3)]
            assert statuses == [200, 200, 429], key
        # Made-up keys do not buy fresh buckets: they spend the IP's budget, already gone here.
        assert client.post("/v1/verify", json=QUOTE, headers={"X-API-Key": "made-up"}).status_code == 429


def test_guessing_keys_spends_the_ip_budget(sqlite_template: Path, tmp_path: Path) -> None:
    with app_client(sqlite_template, tmp_path, rate_limit_per_minute=3) as client:
        guesses = [client.delete("/v1/quotes/quo_x", headers={"X-API-Key": f"guess-{i}"}) for i in range(4)]
        assert [r.status_code for r in guesses] == [403, 403, 403, 429]
        assert client.delete("/v1/quotes/quo_x", headers={"X-API-Key": API_KEY}).status_code == 404


def test_buckets_refill_with_time() -> None:
    now = [1000.0]
    buckets = TokenBuckets(60, clock=lambda: now[0])  # one token a second
    assert all(buckets.take("k").allowed for _ in range(60))
    denied = buckets.take("k")
    assert not denied.allowed and denied.retry_after == 1 and denied.remaining == 0
    now[0] += 0.5
    assert not buckets.take("k").allowed
    now[0] += 0.5
    assert buckets.take("k").allowed
    now[0] += 3600  # a long idle time refills to the burst size, not beyond
    decisions = [buckets.take("k") for _ in range(61)]
    assert sum(d.allowed for d in decisions) == 60
    assert decisions[0].remaining == 59 and decisions[0].reset == 1
