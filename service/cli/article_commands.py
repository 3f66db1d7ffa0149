"""`python -m service extract FILE` and `ingest FILE...`: article files read, their statements shown or stored."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from tqdm import tqdm

from service.core import ingest
from service.errors import InvalidInputError, ServiceError
from service.extraction.documents import HTML_SUFFIXES, binary_problem, looks_like_html
from service.settings import Settings
from service.storage import migrate
from service.storage.database import make_engine, unit_of_work
from service.storage.statement_store import ArticleRecord


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p_extract = sub.add_parser("extract", help="print the statements an article file would yield, as JSON lines")
    p_extract.add_argument("file", type=Path)
    p_ingest = sub.add_parser("ingest", help="extract and store the statements of article files")
    p_ingest.add_argument("files", type=Path, nargs="+")
    p_ingest.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace, settings: Settings) -> int:
    paths = [args.file] if args.command == "extract" else args.files
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"error: no such file: {missing[0]}", file=sys.stderr)
        return 2
    try:
        if args.command == "extract":
            return extract_file(args.file, settings)
        return ingest_files(args.files, settings, progress=not args.quiet)
    except ServiceError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 2


def read_article(path: Path, *, max_chars: int) -> ArticleRecord:
    """An article file as a record. An HTML page (by its opening or its suffix) is read for its main text
    and metadata; in plain text the first non-empty line is the title. Binary files are refused."""
    data = path.read_bytes()
    problem = binary_problem(data)
    if problem is not None:
        raise InvalidInputError(f"{path} is a binary file, not text or HTML ({problem})")
    text = data.decode("utf-8").removeprefix("\ufeff")
    if looks_like_html(text) or path.suffix.lower() in HTML_SUFFIXES:
        return ingest.html_article(text, title=None, url=None, publisher=None, published_at=None, max_chars=max_chars)
    title = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
    return ArticleRecord(title=title[: ingest.MAX_TITLE_CHARS], text=text)


def extract_file(path: Path, settings: Settings) -> int:
    article = read_article(path, max_chars=settings.max_article_chars)
    for statement in ingest.extract(article.text or "", title=article.title, max_chars=settings.max_article_chars):
        print(json.dumps(asdict(statement), ensure_ascii=False))
    return 0


def ingest_files(paths: Sequence[Path], settings: Settings, *, progress: bool = True) -> int:
    """Extract and store each article file, one transaction per file."""
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine)
    added = skipped = 0
    failed: list[tuple[Path, str]] = []
    for path in tqdm(paths, unit="article", disable=not progress, file=sys.stderr):
        try:
            article = read_article(path, max_chars=settings.max_article_chars)
            with unit_of_work(engine, write=True) as session:
                result = ingest.store_extracted(session, article, max_chars=settings.max_article_chars)
            added, skipped = added + len(result.added), skipped + len(result.skipped)
        except (OSError, SQLAlchemyError, ServiceError) as exc:
            detail = exc.detail if isinstance(exc, ServiceError) else str(exc)
            failed.append((path, detail.splitlines()[0][:200]))
    print(f"{len(paths) - len(failed)} articles: added {added} statements, skipped {skipped} already stored")
    for path, reason in failed:
        print(f"  {path}: {reason}")
    engine.dispose()
    return 1 if failed else 0
