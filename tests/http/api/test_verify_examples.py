"""The OpenAPI examples of the verify, batch and check endpoints are what the service answers."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from service.http.api import verify_examples


def _essentials(result: dict[str, Any]) -> Any:
    return (
        result["verdict"],
        [(m["quote"]["id"], m["verdict"], m["explanation"], m["flags"]) for m in result["matches"][:1]],
        [(s["start"], s["end"], s["attributed_to"], s["verdict"]) for s in result["segments"]],
    )


def test_every_changed_endpoint_documents_examples(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    verify = paths["/v1/verify"]["post"]
    assert verify["responses"]["200"]["content"]["application/json"]["examples"]
    assert verify["responses"]["200"]["content"]["application/ld+json"]["example"]["@type"] == "ClaimReview"
    batch = paths["/v1/verify/batch"]["post"]
    assert set(batch["requestBody"]["content"]) == {"application/json", "application/x-ndjson"}
    assert set(batch["responses"]["200"]["content"]) >= {"application/json", "application/x-ndjson"}
    check = paths["/v1/checks/{check_id}"]["get"]
    assert check["responses"]["200"]["content"]["application/json"]["example"]["check_id"] == verify_examples.CHECK_ID


def test_the_verify_examples_are_the_services_answers(client: TestClient) -> None:
    requests = {
        "one quote": {"text": "We will allow any threat to harm our nation", "speaker": "Sellal"},
        "three quotes": {"text": verify_examples.CHECK["text"], "save": True},
    }
    for name, example in verify_examples.VERIFY_JSON.items():
        got = client.post("/v1/verify", json=requests[name]).json()
        assert _essentials(got) == _essentials(example["value"]), name


def test_the_batch_examples_are_the_services_answers(client: TestClient) -> None:
    got = client.post(
        "/v1/verify/batch", content=verify_examples.BATCH_NDJSON_IN, headers={"Content-Type": "application/x-ndjson"}
    )
    expected = verify_examples.BATCH_NDJSON.splitlines()
    for line, want in zip(got.text.splitlines(), expected, strict=True):
        a, b = json.loads(line), json.loads(want)
        assert a["id"] == b["id"] and a["error"] == b["error"]
        if b["result"]:
            assert _essentials(a["result"]) == _essentials(b["result"])
