"""The README's run command: a real uvicorn process on an empty database migrates, seeds and serves."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def uvicorn(db_url: str, **env: str) -> Iterator[str]:
    port = free_port()
    with tempfile.TemporaryFile(mode="w+") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "service.main:app", "--host", "127.0.0.1", "--port", str(port)],
            env={**os.environ, "DATABASE_URL": db_url, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
                if proc.poll() is not None:
                    log.seek(0)
                    pytest.fail(f"uvicorn exited with {proc.returncode}:\n{log.read()}")
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def test_starts_on_an_empty_database_and_serves_the_seed(tmp_path: Path) -> None:
    with uvicorn(f"sqlite:///{tmp_path / 'fresh.db'}") as base:
        assert httpx.get(f"{base}/readyz").json()["statements"] == 23
        r = httpx.post(f"{base}/v1/verify", json={"text": "We won't allow any threat to harm our nation"})
        assert r.json()["verdict"] == "verified"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_starts_migrate_and_seed_once(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}" if backend == "sqlite" else request.getfixturevalue("empty_pg_url")
    with uvicorn(url) as a, uvicorn(url) as b:
        for base in (a, b):
            assert httpx.get(f"{base}/readyz").json()["status"] == "ok"
        quotes = httpx.get(f"{a}/v1/quotes", params={"limit": 100}).json()["items"]
        assert len(quotes) == 23


def test_without_migrate_on_start_an_empty_database_is_not_ready(tmp_path: Path) -> None:
    with uvicorn(f"sqlite:///{tmp_path / 'bare.db'}", MIGRATE_ON_START="false") as base:
        r = httpx.get(f"{base}/readyz")
        assert r.status_code == 503
        assert "python -m service migrate" in r.json()["database"]
