"""The same article posted by several clients at once is stored exactly once."""

from __future__ import annotations

import threading
from collections import Counter

import httpx
from fastapi.testclient import TestClient

# Enough concurrent writers to overlap on a 2-core machine without making the test slow.
WRITERS = 8

ARTICLE = {
    "title": "Council approves harbour plan",
    "url": "https://example.org/harbour-plan",
    "text": 'Mayor Ana Pérez said: "The harbour will reopen in spring." Critics disagreed.',
    "quotes": [
        {"text": "The harbour will reopen in spring", "speaker": {"name": "Ana Pérez", "role": "Mayor"}},
        {"text": "Critics disagreed with the plan", "kind": "indirect", "speaker": {"name": "critics"}},
    ],
}


def test_concurrent_posts_of_one_article_store_one_copy(client: TestClient, auth: dict[str, str]) -> None:
    before = client.get("/v1/articles").json()["items"]
    start = threading.Barrier(WRITERS)
    responses: list[httpx.Response] = []

    def post() -> None:
        start.wait()
        responses.append(client.post("/v1/articles", json=ARTICLE, headers=auth))

    threads = [threading.Thread(target=post) for _ in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    statuses = Counter(r.status_code for r in responses)
    # Writers take turns, so one stores it and every other finds it stored.
    assert statuses == Counter({201: 1, 200: WRITERS - 1}), statuses
    after = client.get("/v1/articles").json()["items"]
    assert len(after) == len(before) + 1
    stored = [a for a in after if a["url"] == ARTICLE["url"]]
    assert len(stored) == 1
    detail = client.get(f"/v1/articles/{stored[0]['id']}").json()
    assert sorted(q["text"] for q in detail["quotes"]) == sorted(q["text"] for q in ARTICLE["quotes"])
    claim = client.post("/v1/verify", json={"text": "The harbour will reopen in spring"}).json()
    assert claim["verdict"] == "verified"
    assert [m["quote"]["text"] for m in claim["matches"]].count("The harbour will reopen in spring") == 1
