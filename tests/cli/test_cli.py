"""python -m service ..., run as a real process against a real database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from service.storage.database import make_engine


def run(db_url: str, *args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": db_url, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "service", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def row(text_: str, speaker: str = "Jane Okafor", **extra: str) -> str:
    base = {
        "text": text_,
        "speaker": speaker,
        "affiliation": "City Council",
        "role": "Mayor",
        "kind": "direct",
        "article_title": "Bridge opens",
        "article_url": "https://example.org/bridge",
        "publisher": "Example Times",
    }
    return json.dumps({**base, **extra})


def count_quotes(db_url: str) -> int:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM quote")).scalar_one()
    engine.dispose()
    return n


def test_import_reimport_and_rejected_lines(db_url: str, tmp_path: Path) -> None:
    lines = [
        row("This bridge connects two halves of our city"),
        "{not json",
        row("Tolls will stay at zero for a decade", kind="indirect"),
        json.dumps({"text": "no speaker here"}),
        row("Another statement entirely about ferries", kind="rumour"),
        "",
        row("We will build a second bridge by 2030", speaker="Tom Ruiz", article_title="Ferries", article_url=""),
    ]
    path = tmp_path / "statements.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = count_quotes(db_url)

    first = run(db_url, "import", str(path), "--batch-size", "2")
    assert first.returncode == 1  # some lines were rejected
    assert "added 3, skipped 0 already stored, rejected 3" in first.stdout
    assert "line 2: not valid JSON" in first.stdout
    assert "line 4: speaker: Field required" in first.stdout
    assert "line 5: kind: Input should be 'direct' or 'indirect'" in first.stdout
    assert count_quotes(db_url) == before + 3

    second = run(db_url, "import", str(path), "--quiet")
    assert "added 0, skipped 3 already stored, rejected 3" in second.stdout
    assert count_quotes(db_url) == before + 3

    verified = run(db_url, "verify", "this bridge connects two halves of our city", "--speaker", "Okafor", "--json")
    assert json.loads(verified.stdout)["verdict"] == "verified"


def test_import_of_a_missing_file_is_an_error(tmp_path: Path) -> None:
    result = run(f"sqlite:///{tmp_path / 'x.db'}", "import", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_verify_prints_a_readable_report(db_url: str) -> None:
    result = run(db_url, "verify", "We will allow any threat to harm our nation", "--speaker", "Sellal")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "verdict: altered"
    assert "Abdelmalek Sellal, Prime Minister, Algeria" in result.stdout
    assert "replace: \"won't\" -> 'will' (negation)" in result.stdout


def test_verify_refuses_empty_text(db_url: str) -> None:
    result = run(db_url, "verify", " ... ")
    assert result.returncode == 2
    assert "nothing to match" in result.stderr


def test_migrate_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    result = run(url, "migrate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("database at revision")
    assert count_quotes(url) == 23


def test_extract_prints_what_would_be_stored(tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text('Harbour opens\n\n"We will keep the tolls at zero," Mayor Jane Okafor said.\n', encoding="utf-8")
    result = run(f"sqlite:///{tmp_path / 'x.db'}", "extract", str(article))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["text"] == "We will keep the tolls at zero"
    assert lines[0]["speaker"]["name"] == "Jane Okafor"


def test_ingest_stores_extracted_statements_once(db_url: str, tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text('Harbour opens\n\n"We will keep the tolls at zero," Mayor Jane Okafor said.\n', encoding="utf-8")
    first = run(db_url, "ingest", str(article), "--quiet")
    assert first.returncode == 0, first.stderr
    assert "1 articles: added 1 statements" in first.stdout
    again = run(db_url, "ingest", str(article), "--quiet")
    assert "added 0 statements, skipped 1 already stored" in again.stdout
    assert count_quotes(db_url) == 24


def test_index_build_status_and_discard(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'q.db'}"
    assert run(url, "migrate").returncode == 0
    assert run(url, "index", "status").returncode == 1  # none yet
    built = run(url, "index", "build")
    assert built.returncode == 0, built.stderr
    assert "23 statements" in built.stdout
    status = run(url, "index", "status")
    assert status.returncode == 0 and "23 statements, change log at 23" in status.stdout
    assert "put out of use" in run(url, "index", "discard").stdout
    assert run(url, "index", "status").returncode == 1
    assert "no index directory" in run(url, "index", "status", env_extra={"INDEX_DIR": "none"}).stdout
