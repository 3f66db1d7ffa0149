"""POST /v1/verify/batch, as JSON and as NDJSON, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from service.app import create_app
from tests.factories import fresh_sqlite_url, make_settings

SELLAL = "We won't allow any threat to harm our nation"
NDJSON = {"Content-Type": "application/x-ndjson"}


def test_a_batch_of_100_is_answered_in_order_with_errors_kept_to_their_items(client: TestClient) -> None:
    texts = [SELLAL, "We will allow any threat to harm our nation", "", "x " * 6000, "Nous ne permettrons pas"]
    items = [{"id": f"item-{i}", "text": texts[i % len(texts)], "speaker": "Sellal"} for i in range(100)]
    r = client.post("/v1/verify/batch", json={"items": items})
    assert r.status_code == 200, r.text
    answers = r.json()["items"]
    assert [a["id"] for a in answers] == [f"item-{i}" for i in range(100)]
    for i, a in enumerate(answers):
        kind = i % len(texts)
        if kind == 2:
            assert a["result"] is None
            assert a["error"]["status"] == 422
            assert a["error"]["errors"][0]["loc"] == ["body", "items", i, "text"]
        elif kind == 3:
            assert a["result"] is None
            assert "the limit is 10000" in a["error"]["detail"]
        else:
            assert a["error"] is None
            assert a["result"]["verdict"] == ["verified", "altered", None, None, "not_found"][kind]


def test_a_batch_answers_what_single_verification_answers(client: TestClient) -> None:
    text = 'Sellal said: "Algeria wants to avoid having terrorist camps at its frontiers."'
    single = client.post("/v1/verify", json={"text": text}).json()
    batch = client.post("/v1/verify/batch", json={"items": [{"id": "a", "text": text}]}).json()
    assert batch["items"][0]["result"] == single


def test_more_items_than_the_limit_is_refused(tmp_path: Path, sqlite_template: Path) -> None:
    settings = make_settings(fresh_sqlite_url(sqlite_template, tmp_path), max_batch_items=3)
    with TestClient(create_app(settings)) as c:
        items = [{"text": SELLAL}] * 4
        r = c.post("/v1/verify/batch", json={"items": items})
        assert r.status_code == 422
        assert r.json()["errors"] == [{"loc": ["body", "items"], "msg": "at most 3 items"}]
        assert c.post("/v1/verify/batch", json={"items": items[:3]}).status_code == 200


def test_malformed_json_batches_name_the_field(client: TestClient) -> None:
    r = client.post("/v1/verify/batch", json={"items": [{"id": "a", "txt": SELLAL}]})
    assert r.status_code == 422
    assert ["body", "items", 0, "text"] in [e["loc"] for e in r.json()["errors"]]
    r = client.post("/v1/verify/batch", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    r = client.post("/v1/verify/batch", content=b"hello", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    assert r.headers["content-type"] == "application/problem+json"


def test_ndjson_in_and_out_with_a_bad_line_answered_as_an_error(client: TestClient) -> None:
    lines = [
        json.dumps({"id": "a", "text": SELLAL, "speaker": "Panetta"}),
        "this is not json",
        "",
        json.dumps({"id": "c", "text": 5}),
        json.dumps({"id": "d", "text": "We will allow any threat to harm our nation"}),
    ]
    r = client.post("/v1/verify/batch", content="\n".join(lines) + "\n", headers=NDJSON)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/x-ndjson")
    answers = [json.loads(line) for line in r.text.splitlines()]
    assert [a["id"] for a in answers] == ["a", None, "c", "d"]
    assert answers[0]["result"]["verdict"] == "misattributed"
    assert answers[1]["error"]["detail"].startswith("line 2 is not JSON")
    assert answers[2]["error"]["errors"][0]["loc"] == [4, "text"]
    assert answers[3]["result"]["verdict"] == "altered"


def test_ndjson_has_its_own_line_limit(tmp_path: Path, sqlite_template: Path) -> None:
    settings = make_settings(fresh_sqlite_url(sqlite_template, tmp_path), max_batch_items=1, max_batch_lines=2)
    with TestClient(create_app(settings)) as c:
        two = "\n".join(json.dumps({"text": SELLAL}) for _ in range(2))
        assert c.post("/v1/verify/batch", content=two, headers=NDJSON).status_code == 200
        r = c.post("/v1/verify/batch", content=two + "\n" + two, headers=NDJSON)
        assert r.status_code == 422
        assert r.json()["detail"] == "4 lines; the limit is 2"
        r = c.post("/v1/verify/batch", content=b"\xff\xfe", headers=NDJSON)
        assert r.status_code == 422
