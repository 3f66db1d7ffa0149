"""python -m service extract|ingest on HTML pages and on files that are not text, as a real process."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import count_quotes, run
from tests.http.api.test_extract_html import PAGE


def test_extract_detects_an_html_page_and_reads_its_article(tmp_path: Path) -> None:
    page = tmp_path / "harbour.page"  # no telling suffix: the page's opening says HTML
    page.write_text(PAGE, encoding="utf-8")
    result = run(f"sqlite:///{tmp_path / 'x.db'}", "extract", str(page))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    said = {line["text"]: line["speaker"]["name"] for line in lines}
    assert said["This harbour connects two halves of our city"] == "Jane Okafor"
    assert not any("cookies" in line["context"] or "<p>" in line["context"] for line in lines)


def test_ingest_stores_html_and_text_files_together(db_url: str, tmp_path: Path) -> None:
    page = tmp_path / "harbour.html"
    page.write_text(PAGE, encoding="utf-8")
    plain = tmp_path / "bridge.txt"
    plain.write_text('Bridge opens\n\n"We will keep the tolls at zero," Mayor Ada Brook said.\n', encoding="utf-8")
    before = count_quotes(db_url)
    result = run(db_url, "ingest", str(page), str(plain), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2 articles")
    assert count_quotes(db_url) > before + 2


def test_extract_refuses_a_binary_file(tmp_path: Path) -> None:
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    result = run(f"sqlite:///{tmp_path / 'x.db'}", "extract", str(image))
    assert result.returncode != 0
    assert "binary file" in result.stderr and "NUL byte" in result.stderr
    assert result.stdout == ""


def test_ingest_reports_a_file_that_is_not_utf8_and_stores_the_others(db_url: str, tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes('Caf\u00e9 opens\n\n"Nous ouvrons," Mayor Ada Brook said.\n'.encode("latin-1"))
    plain = tmp_path / "bridge.txt"
    plain.write_text('Bridge opens\n\n"We will keep the tolls at zero," Mayor Ada Brook said.\n', encoding="utf-8")
    before = count_quotes(db_url)
    result = run(db_url, "ingest", str(latin1), str(plain), "--quiet")
    assert result.returncode == 1
    assert f"{latin1}: " in result.stdout and "invalid UTF-8 at byte 3" in result.stdout
    assert count_quotes(db_url) == before + 1
