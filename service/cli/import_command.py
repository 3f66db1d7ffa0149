"""`python -m service import [--format jsonl|quotebank] FILE`: bulk-import statements, one
transaction per batch of lines.

A `jsonl` line is validated by the schema the API documents (`ImportLine`), and each batch is
stored by the same use case as the API's writes: speakers are resolved to the stored people they
name. A `quotebank` line is one of Quotebank's quotations (see `service.core.quotebank`), its
speaker identified by Wikidata item. Files may be compressed (.bz2, .gz, .xz), as Quotebank's are;
they are read as a stream, never whole.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import lzma
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, cast

from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from tqdm import tqdm

from service.core import ingest, live_index, quotebank
from service.errors import ServiceError
from service.http.api.schemas import ImportLine
from service.settings import Settings, index_directory
from service.storage import migrate
from service.storage.database import make_engine, unit_of_work
from service.storage.statement_store import ArticleRecord, SpeakerRecord, StatementRecord

# Lines per transaction: large enough to amortise the commit, small enough that a failed
# batch is cheap to find and re-run.
IMPORT_BATCH = 1000


@dataclass
class ImportSummary:
    added: int = 0
    skipped: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="bulk-import statements from a JSONL or Quotebank file")
    p.add_argument("file", type=Path, help="the file; .bz2, .gz and .xz are read compressed")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="jsonl",
        help="jsonl: the import schema (docs/api.md); quotebank: Quotebank's quotation files",
    )
    p.add_argument("--batch-size", type=int, default=IMPORT_BATCH)
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace, settings: Settings) -> int:
    if not args.file.is_file():
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return 2
    summary = import_file(
        args.file, settings, fmt=args.format, batch_size=max(1, args.batch_size), progress=not args.quiet
    )
    print(f"added {summary.added}, skipped {summary.skipped} already stored, rejected {len(summary.rejected)}")
    directory = index_directory(settings)
    if summary.added and directory is not None:
        # Persisted now, so the next start maps it instead of reading every statement.
        engine = make_engine(settings.database_url)
        info = live_index.build_snapshot(engine, directory)
        engine.dispose()
        if info is not None:
            print(f"index snapshot written: {info.statements} statements")
    for n, reason in summary.rejected:
        print(f"  line {n}: {reason}")
    return 1 if summary.rejected else 0


def parse_line(raw: str) -> tuple[ArticleRecord, StatementRecord]:
    """One JSONL line as records; ValueError says which field is wrong and how."""
    try:
        line = ImportLine.model_validate_json(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        if error["type"] == "json_invalid":
            raise ValueError(f"not valid JSON ({error['ctx'].get('error', error['msg'])})") from None
        where = ".".join(str(p) for p in error["loc"]) or "line"
        raise ValueError(f"{where}: {error['msg']}") from None
    speaker = SpeakerRecord(
        line.speaker.strip(), line.affiliation and line.affiliation.strip(), line.role and line.role.strip()
    )
    article = ArticleRecord(title=line.article_title.strip(), url=line.article_url, publisher=line.publisher)
    return article, StatementRecord(line.text, line.kind, speaker, line.context)


def parse_quotebank_line(raw: str) -> tuple[ArticleRecord, StatementRecord]:
    line = quotebank.parse_line(raw)
    return line.article, line.statement


FORMATS = ("jsonl", "quotebank")
_PARSERS: dict[str, Callable[[str], tuple[ArticleRecord, StatementRecord]]] = {
    "jsonl": parse_line,
    "quotebank": parse_quotebank_line,
}


def _decompressed(raw: IO[bytes], suffix: str) -> IO[bytes]:
    """The file's bytes, decompressed as a stream when its name says it is compressed."""
    if suffix == ".bz2":
        return bz2.BZ2File(raw)
    if suffix == ".gz":
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw))
    if suffix == ".xz":
        return lzma.LZMAFile(raw)
    return raw


def _batches(lines: Iterator[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    while batch := list(islice(lines, size)):
        yield batch


def import_file(
    path: Path, settings: Settings, *, fmt: str = "jsonl", batch_size: int = IMPORT_BATCH, progress: bool = True
) -> ImportSummary:
    """Import statements from a file in `fmt`, one transaction per batch of lines.

    The progress bar counts the file's bytes as read (compressed ones for a compressed file), so a
    file of millions of lines is never read twice to count them first.
    """
    parse = _PARSERS[fmt]
    store = ingest.import_statements if fmt == "jsonl" else ingest.import_identified_statements
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine)
    summary = ImportSummary()
    known: dict[SpeakerRecord, SpeakerRecord] = {}  # speakers resolved so far, across batches
    stored_speakers: set[str] = set()  # speaker ids committed so far (filled on commit only)
    with (
        path.open("rb") as raw,
        _decompressed(raw, path.suffix.lower()) as fh,
        tqdm(total=path.stat().st_size, unit="B", unit_scale=True, disable=not progress, file=sys.stderr) as bar,
    ):
        read = 0  # lines read so far, blank ones included
        broken: list[Exception] = []

        def numbered() -> Iterator[tuple[int, str]]:
            """The file's non-blank lines, each decoded on its own (a line that is not UTF-8 is
            rejected alone); a truncated or corrupt file ends them where it breaks, so the batch
            read so far is still stored."""
            nonlocal read
            try:
                for read, raw_line in enumerate(fh, start=1):
                    try:
                        line = raw_line.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        summary.rejected.append((read, f"not UTF-8 text (byte {exc.start + 1} of the line)"))
                        continue
                    if line.strip():
                        yield read, line
            except (OSError, EOFError) as exc:
                broken.append(exc)

        for batch in _batches(numbered(), batch_size):
            parsed = []
            for n, line in batch:
                try:
                    parsed.append((n, *parse(line)))
                except ValueError as exc:
                    summary.rejected.append((n, str(exc)))
            tried = dict(known)
            try:
                with unit_of_work(engine, write=True) as session:
                    added, skipped = store(
                        session, [(a, s) for _, a, s in parsed], known, stored_speakers=stored_speakers
                    )
                summary.added += added
                summary.skipped += skipped
            except (SQLAlchemyError, ServiceError) as exc:
                known.clear()
                known.update(tried)  # what the rolled-back batch resolved may not be stored
                reason = f"batch rolled back: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
                summary.rejected.extend((n, reason) for n, *_ in parsed)
            bar.update(raw.tell() - bar.n)
        for error in broken:
            reason = f"the file cannot be read from here on: {type(error).__name__}: {error}"
            summary.rejected.append((read + 1, reason))
    summary.rejected.sort()
    engine.dispose()
    return summary
