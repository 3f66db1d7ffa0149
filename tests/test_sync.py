"""Writes made by one process reach every other process's matcher through the change log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from service.app import create_app
from tests.factories import API_KEY, make_settings

NEW = "Ferries will run every ten minutes from the new harbour next spring"


def eventually(check: Callable[[], bool], *, within: float = 2.0) -> float:
    """Seconds until `check` holds; fails if it does not within `within` seconds."""
    start = time.monotonic()
    while time.monotonic() - start < within:
        if check():
            return time.monotonic() - start
        time.sleep(0.05)
    raise AssertionError(f"not true within {within} s")


def verdict(client: TestClient, text: str) -> str:
    return client.post("/v1/verify", json={"text": text}).json()["verdict"]


def test_a_write_in_one_worker_reaches_another_within_two_seconds(db_url: str) -> None:
    settings = make_settings(db_url, sync_interval_seconds=0.2)
    with TestClient(create_app(settings)) as a, TestClient(create_app(settings)) as b:
        article_id = a.get("/v1/articles").json()["items"][0]["id"]
        body = {"text": NEW, "article_id": article_id, "speaker": {"name": "Harbour Master"}}
        r = a.post("/v1/quotes", json=body, headers={"X-API-Key": API_KEY})
        assert r.status_code == 201
        assert verdict(a, NEW) == "verified"  # the writer knows at once
        eventually(lambda: verdict(b, NEW) == "verified")

        quote_id = r.json()["quotes"][0]["id"]
        assert b.delete(f"/v1/quotes/{quote_id}", headers={"X-API-Key": API_KEY}).status_code == 200
        eventually(lambda: verdict(a, NEW) == "not_found")


def test_a_command_line_import_reaches_a_running_service(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": NEW, "speaker": "Harbour Master", "article_title": "Ferries"}) + "\n")
    with TestClient(create_app(make_settings(db_url, sync_interval_seconds=0.2))) as client:
        assert verdict(client, NEW) == "not_found"
        subprocess.run(
            [sys.executable, "-m", "service", "import", str(path), "--quiet"],
            env={**os.environ, "DATABASE_URL": db_url},
            check=True,
            capture_output=True,
            timeout=120,
        )
        eventually(lambda: verdict(client, NEW) == "verified")
        assert client.get("/readyz").json()["statements"] == 24
