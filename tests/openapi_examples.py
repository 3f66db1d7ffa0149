"""Replay the OpenAPI examples against a freshly seeded database and rewrite their answers.

    python -m tests.openapi_examples

A development command (it needs the test extra): the service only reads the examples file.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from service.app import create_app
from service.http.api import examples
from service.settings import Settings


def sender(client: TestClient) -> examples.Send:
    def send(
        method: str, path: str, params: Any, body: Any, content: str | None, headers: dict[str, str] | None
    ) -> tuple[int, Any]:
        if content is not None:
            r = client.request(method, path, params=params, content=content, headers=headers)
        else:
            r = client.request(method, path, params=params, json=body, headers=headers)
        if r.headers.get("content-type", "").startswith("application/x-ndjson"):
            return r.status_code, [json.loads(line) for line in r.text.splitlines()]
        return r.status_code, r.json()

    return send


def refresh() -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite:///{tmp}/examples.db", api_keys="", sync_interval_seconds=0)
        with TestClient(create_app(settings)) as client:
            refreshed = examples.replay(sender(client))
    target = examples.path()
    target.write_text(json.dumps(refreshed, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    examples.load.cache_clear()
    return target


if __name__ == "__main__":
    print(f"rewrote {refresh()}")
