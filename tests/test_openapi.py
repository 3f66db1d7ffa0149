"""The committed OpenAPI document is the app's, and its examples are what the service really answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from service.app import create_app
from service.http.api import examples
from tests.factories import make_settings
from tests.openapi_examples import sender

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"
REGENERATE = "regenerate it with: python -m service openapi > docs/openapi.json"
# The read endpoints and extraction: each shows a real request on the seed article and its answer.
WITH_EXAMPLES = [
    ("get", "/v1/quotes"),
    ("get", "/v1/quotes/search"),
    ("get", "/v1/quotes/{quote_id}"),
    ("get", "/v1/speakers"),
    ("get", "/v1/speakers/{speaker_id}"),
    ("get", "/v1/articles"),
    ("get", "/v1/articles/{article_id}"),
    ("post", "/v1/extract"),
    ("get", "/healthz"),
    ("get", "/readyz"),
]


def app_document() -> dict[str, Any]:
    return create_app(make_settings("sqlite:///never-opened.db")).openapi()


def test_the_committed_document_is_the_apps() -> None:
    committed = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert committed == app_document(), f"docs/openapi.json differs from the app's document; {REGENERATE}"


def test_the_regeneration_command_prints_the_committed_document() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "service", "openapi"], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert out == DOCUMENT.read_text(encoding="utf-8")


def test_search_and_read_endpoints_carry_examples() -> None:
    paths = app_document()["paths"]
    for method, path in WITH_EXAMPLES:
        operation = paths[path][method]
        example = operation["responses"]["200"]["content"]["application/json"]["example"]
        assert example, (method, path)
    search = {p["name"]: p for p in paths["/v1/quotes/search"]["get"]["parameters"]}
    assert set(search) == {"query", "speaker", "pageSize", "pageToken"}
    assert search["pageSize"]["schema"]["maximum"] == 50
    assert search["query"]["schema"]["examples"] == ["threat harm nation"]


def test_every_example_is_the_real_answer_on_the_seed(client: TestClient) -> None:
    documented = examples.comparable(examples.load())
    replayed = examples.comparable(examples.replay(sender(client)))
    for name, example in documented.items():
        assert replayed[name] == example, f"example {name!r} is out of date; run python -m tests.openapi_examples"
