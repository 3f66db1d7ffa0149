"""python -m service backup / restore: a round trip through a real process, on both databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import text

from service.app import create_app
from service.storage.database import is_sqlite, make_engine
from tests.cli.test_cli import run
from tests.factories import make_settings

QUOTE = "The new library will stay open every night until midnight"
ARTICLE = {
    "title": "Library hours",
    "url": "https://example.org/library",
    "quotes": [{"text": QUOTE, "speaker": {"name": "Rosa Diaz", "role": "Librarian"}}],
}


def _verify(db_url: str) -> httpx.Response:
    with TestClient(create_app(make_settings(db_url, sync_interval_seconds=0))) as client:
        return client.post("/v1/verify", json={"text": QUOTE, "speaker": "Rosa Diaz"})


def _damage(db_url: str) -> None:
    """Lose the stored article, as a bad migration, a mistaken delete or an operator would."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM quote"))
        conn.execute(text("DELETE FROM article"))
    engine.dispose()


def test_backup_damage_restore_round_trip(db_url: str, tmp_path: Path, auth: dict[str, str]) -> None:
    with TestClient(create_app(make_settings(db_url, sync_interval_seconds=0))) as client:
        assert client.post("/v1/articles", json=ARTICLE, headers=auth).status_code == 201
    backup_file = tmp_path / "backups" / "quotes.backup"
    done = run(db_url, "backup", str(backup_file))
    assert done.returncode == 0, done.stderr
    assert backup_file.is_file() and "backed up" in done.stdout
    assert not list(backup_file.parent.glob(".*partial"))

    _damage(db_url)
    assert _verify(db_url).json()["verdict"] == "not_found"

    done = run(db_url, "restore", str(backup_file))
    assert done.returncode == 0, done.stderr
    assert "restored" in done.stdout
    answer = _verify(db_url).json()
    assert answer["verdict"] == "verified"
    assert answer["matches"][0]["speaker"]["name"] == "Rosa Diaz"
    assert answer["matches"][0]["article"]["title"] == "Library hours"
    if is_sqlite(db_url):
        with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_restore_refuses_a_damaged_file_and_leaves_the_database_alone(db_url: str, tmp_path: Path) -> None:
    backup_file = tmp_path / "quotes.backup"
    assert run(db_url, "backup", str(backup_file)).returncode == 0
    data = bytearray(backup_file.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096  # a torn or corrupted copy
    broken = tmp_path / "broken.backup"
    broken.write_bytes(bytes(data[: len(data) * 3 // 4]))

    done = run(db_url, "restore", str(broken))
    assert done.returncode == 2
    assert done.stderr.startswith("error:")
    # Nothing was half-restored: the database still answers as before.
    assert _verify_seed(db_url) == "verified"
    assert run(db_url, "restore", str(backup_file)).returncode == 0  # the sound backup still restores


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path, sqlite_template: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'live.db'}"
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    done = run(db_url, "restore", str(other))
    assert done.returncode == 2
    assert "not one of this service" in done.stderr
    missing = run(db_url, "restore", str(tmp_path / "nope.db"))
    assert missing.returncode == 2 and "no such backup file" in missing.stderr


def _verify_seed(db_url: str) -> str:
    with TestClient(create_app(make_settings(db_url, sync_interval_seconds=0))) as client:
        r = client.post("/v1/verify", json={"text": "We won't allow any threat to harm our nation"})
        return r.json()["verdict"]
