"""SIGTERM to `python -m service serve` (a real uvicorn server): the request in flight
completes, then the process exits 0."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.factories import API_KEY, fresh_sqlite_url
from tests.test_server import free_port

pytestmark = pytest.mark.slow

ARTICLE = {
    "title": "Night ferry returns",
    "url": "https://example.org/night-ferry",
    "quotes": [{"text": "The night ferry will sail again from June", "speaker": {"name": "Tomas Berg"}}],
}


def test_sigterm_lets_the_request_in_flight_finish_and_exits_0(sqlite_template: Path, tmp_path: Path) -> None:
    url = fresh_sqlite_url(sqlite_template, tmp_path)
    path = url.removeprefix("sqlite:///")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": url, "API_KEYS": API_KEY, "DB_BUSY_TIMEOUT_MS": "20000"}
    log = (tmp_path / "uvicorn.log").open("w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "service", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        assert proc.poll() is None, log.read()

        # Hold the write lock so the request is still in flight when the signal arrives.
        holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        result: dict[str, httpx.Response] = {}
        writer = threading.Thread(
            target=lambda: result.update(
                r=httpx.post(f"{base}/v1/articles", json=ARTICLE, headers={"X-API-Key": API_KEY}, timeout=30)
            )
        )
        writer.start()
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        time.sleep(1.0)
        assert proc.poll() is None, "the process quit with a request in flight"
        holder.execute("ROLLBACK")
        holder.close()
        writer.join(timeout=30)

        assert result["r"].status_code == 201
        assert proc.wait(timeout=20) == 0
        with sqlite3.connect(path) as conn:
            stored = conn.execute("SELECT count(*) FROM article WHERE url = ?", (ARTICLE["url"],)).fetchone()[0]
        assert stored == 1
        log.seek(0)
        assert "Waiting for connections to close" in log.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
