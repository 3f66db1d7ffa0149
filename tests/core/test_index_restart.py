"""A restart maps the index snapshot and catches up from the change log, on both databases; a
snapshot that cannot be trusted is rebuilt; a build killed with SIGKILL leaves correct answers.

Real apps over real databases (`create_app` through the ASGI test client, and `python -m service`
as a separate process that is killed).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from service.app import create_app
from service.matching import snapshot
from service.storage.database import make_engine
from tests.factories import API_KEY, make_settings

SELLAL = "We won't allow any threat to harm our nation"
OKAFOR = "We will keep the tolls at zero for a decade"
ARTICLE = {"title": "Bridge opens", "text": f'Bridge opens\n\n"{OKAFOR}," Mayor Jane Okafor said on Monday.'}
AUTH = {"X-API-Key": API_KEY}


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


@pytest.fixture
def start(db_url: str, index_dir: Path) -> Iterator[object]:
    """Starts the service on the database with the index directory; every one is stopped at the end."""
    opened: list[TestClient] = []

    def open_app() -> TestClient:
        c = TestClient(create_app(make_settings(db_url, index_dir=str(index_dir), sync_interval_seconds=0)))
        opened.append(c.__enter__())
        return c

    yield open_app
    for c in opened:
        c.__exit__(None, None, None)


def snapshot_name(index_dir: Path, *, wait: float = 10.0) -> str:
    """The snapshot in force, once the background write of a first start has put one there."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        found = snapshot.current(index_dir)
        if found is not None:
            return found[0].name
        time.sleep(0.05)
    raise AssertionError(f"no snapshot in {index_dir}")


def verdict(c: TestClient, quote: str, speaker: str | None = None) -> str:
    return c.post("/v1/verify", json={"text": quote, "speaker": speaker}).json()["verdict"]


def test_a_restart_maps_the_snapshot_and_catches_up_with_writes_made_since(start, index_dir: Path) -> None:  # type: ignore[no-untyped-def]
    first = start()
    written = snapshot_name(index_dir)
    assert first.post("/v1/articles", json=ARTICLE, headers=AUTH).status_code == 201
    listed = first.get("/v1/quotes", params={"speaker": "Sellal"}).json()["items"]
    sellal = next(q for q in listed if q["text"] == SELLAL)
    assert first.delete(f"/v1/quotes/{sellal['id']}", headers=AUTH).status_code == 200

    again = start()
    again.app.state.follower.keeper.join()
    assert snapshot_name(index_dir) == written  # mapped, not rebuilt
    assert verdict(again, OKAFOR, "Okafor") == "verified"  # written after the snapshot: from the log
    assert verdict(again, SELLAL) == "not_found"  # deleted after the snapshot
    assert verdict(again, "We need to work with the nations in the region.", "Panetta") == "verified"


def test_a_snapshot_older_than_the_log_keeps_is_rebuilt(start, index_dir: Path) -> None:  # type: ignore[no-untyped-def]
    first = start()
    written = snapshot_name(index_dir)
    assert first.post("/v1/articles", json=ARTICLE, headers=AUTH).status_code == 201
    path, meta = snapshot.current(index_dir)  # type: ignore[misc]
    (path / "meta.json").write_text(json.dumps({**meta, "created_at": meta["created_at"] - 2 * 3600}))

    again = start()
    again.app.state.follower.keeper.join()
    assert snapshot_name(index_dir) != written  # rebuilt from the database, and persisted again
    assert verdict(again, OKAFOR, "Okafor") == "verified"


def test_a_snapshot_that_disagrees_with_the_database_is_rebuilt(start, index_dir: Path, db_url: str) -> None:  # type: ignore[no-untyped-def]
    start()
    snapshot_name(index_dir)
    engine = make_engine(db_url)  # a change the log never saw, as a restore behind the service's back would be
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM quote WHERE text = :t"), {"t": SELLAL})
    engine.dispose()

    again = start()
    assert verdict(again, SELLAL) == "not_found"
    assert again.app.state.matcher.__len__() == 22


def _killed_build(run: list[str], env: dict[str, str], index_dir: Path, files_written: int | None) -> bool:
    """Start `index build` and SIGKILL it: while it reads the statements (None), or once its
    temporary directory holds `files_written` files. True when it died mid-write."""
    build = subprocess.Popen([*run, "index", "build"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while files_written is not None and build.poll() is None and time.monotonic() < deadline:
        tmp = next(iter(index_dir.glob(".tmp-*")), None)
        if tmp is not None and len(list(tmp.iterdir())) >= files_written:
            break
        time.sleep(0.001)
    if files_written is None:
        time.sleep(0.3)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)
    return build.returncode == -signal.SIGKILL and bool(list(index_dir.glob(".tmp-*")))


@pytest.mark.slow
def test_a_build_killed_at_any_point_leaves_correct_answers(db_url: str, index_dir: Path, tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": f"Statement {i} on the tolls of the harbour bridge",
                "speaker": f"P {i % 50}",
                "article_title": "Tolls",
            }
        )
        for i in range(5000)
    ]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": db_url, "INDEX_DIR": str(index_dir)}
    run = [sys.executable, "-m", "service"]
    subprocess.run([*run, "import", str(path), "--quiet"], env=env, check=True, capture_output=True, timeout=300)
    assert snapshot.current(index_dir) is not None  # the import persisted one
    kept = snapshot_name(index_dir)

    mid_write = [_killed_build(run, env, index_dir, files) for files in (None, 0, 5, 20)]
    assert mid_write[1:] == [True, True, True]  # three kills landed while files were being written
    assert snapshot_name(index_dir) == kept  # the snapshot in force was never touched
    settings = make_settings(db_url, index_dir=str(index_dir), sync_interval_seconds=0)
    with TestClient(create_app(settings)) as c:
        assert len(c.app.state.matcher) == 5023
        assert verdict(c, "Statement 4321 on the tolls of the harbour bridge", "P 21") == "verified"
        assert verdict(c, SELLAL, "Sellal") == "verified"

    snapshot.discard(index_dir)  # and with no snapshot left to fall back on
    for files in (0, 20):
        assert _killed_build(run, env, index_dir, files)
        with TestClient(create_app(settings)) as c:
            assert len(c.app.state.matcher) == 5023
            assert verdict(c, "Statement 17 on the tolls of the harbour bridge", "P 17") == "verified"
            c.app.state.follower.keeper.join()
        snapshot.discard(index_dir)
