"""python -m service keys create | list | revoke, as real processes, and the keys at work in the app."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlencode

from fastapi.testclient import TestClient

from service.app import create_app
from tests.factories import make_settings


def keys_command(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": db_url}
    return subprocess.run(
        [sys.executable, "-m", "service", "keys", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_create_list_use_and_revoke(db_url: str) -> None:
    made = keys_command(db_url, "create", "--name", "Newsroom bot", "--scopes", "write,read")
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    key_id = key.split("_")[1]
    assert "not shown again" in made.stderr
    listed = keys_command(db_url, "list")
    assert listed.returncode == 0
    assert key_id in listed.stdout and "read,write" in listed.stdout and "active" in listed.stdout
    assert key not in listed.stdout

    quote = {"article": {"title": "Bridge opens"}, "text": "Tolls will stay at zero", "speaker": {"name": "Ana"}}
    with TestClient(create_app(make_settings(db_url))) as client:
        assert client.post("/v1/quotes", json=quote, headers={"X-API-Key": key}).status_code == 201
        # The ingest form takes stored keys too.
        form = {"title": "Ferry", "quotes": "Ana Ruiz | The ferry runs all night", "api_key": key, "action": "store"}
        r = client.post(
            "/ingest", content=urlencode(form), headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert r.status_code == 201, r.text
        revoked = keys_command(db_url, "revoke", key_id)
        assert revoked.returncode == 0 and "revoked" in revoked.stdout
        # Revoked in another process: refused from the next request on, with no restart.
        r = client.post("/v1/quotes", json=quote, headers={"X-API-Key": key})
        assert r.status_code == 403
    assert "revoked" in keys_command(db_url, "list").stdout


def test_bad_arguments_are_refused_clearly(db_url: str) -> None:
    r = keys_command(db_url, "create", "--name", "x", "--scopes", "read,root")
    assert r.returncode == 2 and "unknown scope 'root'" in r.stderr
    r = keys_command(db_url, "revoke", "0123456789ab")
    assert r.returncode == 1 and "no API key with id" in r.stderr
    assert keys_command(db_url, "list").stdout == ""
