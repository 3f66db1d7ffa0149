"""`python -m service import FILE.jsonl`: bulk-import statements, one transaction per batch of lines.

Each line is validated by the schema the API documents (`ImportLine`), and each batch is stored by
the same use case as the API's writes: speakers are resolved to the stored people they name.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from tqdm import tqdm

from service.core import ingest
from service.errors import ServiceError
from service.http.api.schemas import ImportLine
from service.settings import Settings
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
    p = sub.add_parser("import", help="bulk-import statements from a JSONL file")
    p.add_argument("file", type=Path)
    p.add_argument("--batch-size", type=int, default=IMPORT_BATCH)
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace, settings: Settings) -> int:
    if not args.file.is_file():
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return 2
    summary = import_jsonl(args.file, settings, batch_size=max(1, args.batch_size), progress=not args.quiet)
    print(f"added {summary.added}, skipped {summary.skipped} already stored, rejected {len(summary.rejected)}")
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


def _batches(lines: Iterator[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    while batch := list(islice(lines, size)):
        yield batch


def import_jsonl(
    path: Path, settings: Settings, *, batch_size: int = IMPORT_BATCH, progress: bool = True
) -> ImportSummary:
    """Import statements from a JSONL file, one transaction per batch of lines."""
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine)
    summary = ImportSummary()
    known: dict[SpeakerRecord, SpeakerRecord] = {}  # speakers resolved so far, across batches
    with path.open(encoding="utf-8") as fh:
        total = sum(1 for _ in fh)
    with (
        path.open(encoding="utf-8") as fh,
        tqdm(total=total, unit="line", disable=not progress, file=sys.stderr) as bar,
    ):
        numbered = ((n, line) for n, line in enumerate(fh, start=1) if line.strip())
        for batch in _batches(numbered, batch_size):
            parsed = []
            for n, line in batch:
                try:
                    parsed.append((n, *parse_line(line)))
                except ValueError as exc:
                    summary.rejected.append((n, str(exc)))
            tried = dict(known)
            try:
                with unit_of_work(engine, write=True) as session:
                    added, skipped = ingest.import_statements(session, [(a, s) for _, a, s in parsed], known)
                summary.added += added
                summary.skipped += skipped
            except (SQLAlchemyError, ServiceError) as exc:
                known.clear()
                known.update(tried)  # what the rolled-back batch resolved may not be stored
                reason = f"batch rolled back: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
                summary.rejected.extend((n, reason) for n, *_ in parsed)
            bar.update(len(batch))
    engine.dispose()
    return summary
