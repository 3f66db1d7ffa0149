"""Command line: python -m service migrate | import FILE.jsonl | verify TEXT... | extract FILE | ingest FILE... |
backup PATH | restore PATH | serve | keys | openapi | examples"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from tqdm import tqdm

from service.app import create_app
from service.cli import key_commands
from service.core import ingest
from service.core.verify import verify_claim
from service.errors import InvalidInputError, ServiceError
from service.extraction.documents import HTML_SUFFIXES, binary_problem, looks_like_html
from service.http.api import examples, presenters
from service.http.api.schemas import VerifyOut
from service.settings import get_settings
from service.storage import backup, migrate
from service.storage.database import make_engine, unit_of_work
from service.storage.statement_store import ArticleRecord, SpeakerRecord, StatementRecord, bulk_store, store_article

# Lines per transaction: large enough to amortise the commit, small enough that a failed
# batch is cheap to find and re-run.
IMPORT_BATCH = 1000
_REQUIRED = ("text", "speaker", "article_title")


@dataclass
class ImportSummary:
    added: int = 0
    skipped: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def parse_line(raw: str) -> tuple[ArticleRecord, StatementRecord]:
    """One JSONL line as records; ValueError says what is wrong with it."""
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    for key in _REQUIRED:
        if not isinstance(row.get(key), str) or not row[key].strip():
            raise ValueError(f"'{key}' must be a non-empty string")
    for key, value in row.items():
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(f"'{key}' contains a NUL character")
    kind = row.get("kind") or "direct"
    if kind not in ("direct", "indirect"):
        raise ValueError(f"'kind' must be 'direct' or 'indirect', not {kind!r}")
    optional: dict[str, str | None] = {}
    for key in ("affiliation", "role", "context", "article_url", "publisher"):
        value = row.get(key)
        optional[key] = value.strip() if isinstance(value, str) and value.strip() else None
    speaker = SpeakerRecord(row["speaker"].strip(), optional["affiliation"], optional["role"])
    article = ArticleRecord(
        title=row["article_title"].strip(), url=optional["article_url"], publisher=optional["publisher"]
    )
    return article, StatementRecord(row["text"], kind, speaker, optional["context"])


def _batches(lines: Iterator[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    while batch := list(islice(lines, size)):
        yield batch


def import_jsonl(path: Path, *, batch_size: int = IMPORT_BATCH, progress: bool = True) -> ImportSummary:
    """Import statements from a JSONL file, one transaction per batch of lines."""
    settings = get_settings()
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine)
    summary = ImportSummary()
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
            try:
                with unit_of_work(engine, write=True) as session:
                    added, skipped = bulk_store(session, [(article, statement) for _, article, statement in parsed])
                summary.added += added
                summary.skipped += skipped
            except (SQLAlchemyError, ServiceError) as exc:
                reason = f"batch rolled back: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
                summary.rejected.extend((n, reason) for n, *_ in parsed)
            bar.update(len(batch))
    engine.dispose()
    return summary


def format_claim(out: VerifyOut) -> str:
    """A verification as a person reads it: the verdict, then each segment and its matches."""
    lines = [f"verdict: {out.verdict}"]
    if out.passages_not_found and out.verdict != "not_found" and len(out.segments) > 1:
        lines.append(f"({out.passages_not_found} of {len(out.segments)} passages not on record)")
    for k, seg in enumerate(out.segments, start=1):
        if len(out.segments) > 1:
            credit = f", credited to {seg.attributed_to}" if seg.attributed_to else ""
            lines.append(f"passage {k}: {seg.verdict}{credit}: {seg.text!r}")
        for i, m in enumerate(seg.matches, start=1):
            who = ", ".join(x for x in (m.speaker.name, m.speaker.role, m.speaker.affiliation) if x)
            lines.append(f"{i}. [{m.score:5.1f}] {m.verdict:<10} {who}")
            lines.append(f"   {m.quote.kind}: {m.quote.text}")
            lines.append(f"   {m.explanation}")
            for d in m.diff:
                if d.op != "equal" and d.note not in ("excerpt", "context"):
                    mark = " (negation)" if d.negation else ""
                    note = f" [{d.note}]" if d.note else ""
                    lines.append(f"   {d.op}: {d.stored!r} -> {d.submitted!r}{note}{mark}")
    return "\n".join(lines)


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
    return ArticleRecord(title=title[:1000], text=text)


def extract_file(path: Path) -> int:
    settings = get_settings()
    article = read_article(path, max_chars=settings.max_article_chars)
    for statement in ingest.extract(article.text or "", title=article.title, max_chars=settings.max_article_chars):
        print(json.dumps(asdict(statement), ensure_ascii=False))
    return 0


def ingest_files(paths: Sequence[Path], *, progress: bool = True) -> int:
    """Extract and store each article file, one transaction per file."""
    settings = get_settings()
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine)
    added = skipped = 0
    failed: list[tuple[Path, str]] = []
    for path in tqdm(paths, unit="article", disable=not progress, file=sys.stderr):
        try:
            article = read_article(path, max_chars=settings.max_article_chars)
            found = ingest.extract(article.text or "", title=article.title, max_chars=settings.max_article_chars)
            with unit_of_work(engine, write=True) as session:
                records = ingest.with_known_speakers(session, ingest.extracted_records(found))
                result = store_article(session, article, records)
            added, skipped = added + len(result.added), skipped + len(result.skipped)
        except (OSError, SQLAlchemyError, ServiceError) as exc:
            detail = exc.detail if isinstance(exc, ServiceError) else str(exc)
            failed.append((path, detail.splitlines()[0][:200]))
    print(f"{len(paths) - len(failed)} articles: added {added} statements, skipped {skipped} already stored")
    for path, reason in failed:
        print(f"  {path}: {reason}")
    engine.dispose()
    return 1 if failed else 0


def backup_or_restore(command: str, path: Path, database_url: str) -> int:
    """`backup PATH` or `restore PATH`; 2 when it could not be done (and nothing was changed)."""
    try:
        if command == "backup":
            result = backup.backup(database_url, path)
            print(f"backed up to {result.path} ({result.size_bytes:,} bytes)")
            return 0
        result = backup.restore(database_url, path)
    except backup.BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    engine = make_engine(database_url)
    with engine.connect() as conn:
        revision = migrate.current_revision(conn)
    engine.dispose()
    print(f"restored from {result.path}; schema at revision {revision}")
    if revision != migrate.head_revision():
        print("run `python -m service migrate` to bring it to the latest schema")
    print("restart the service so that it reloads the statements")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="bring the database to the latest schema and seed it if empty")
    p_import = sub.add_parser("import", help="bulk-import statements from a JSONL file")
    p_import.add_argument("file", type=Path)
    p_import.add_argument("--batch-size", type=int, default=IMPORT_BATCH)
    p_import.add_argument("--quiet", action="store_true", help="no progress bar")
    p_verify = sub.add_parser("verify", help="verify quotes (or posts) against the stored statements")
    p_verify.add_argument("texts", nargs="+", metavar="TEXT", help="one claim per argument")
    p_verify.add_argument("--speaker", default=None)
    p_verify.add_argument(
        "--json", action="store_true", help="print each answer as POST /v1/verify gives it, one JSON object a line"
    )
    p_extract = sub.add_parser("extract", help="print the statements an article file would yield, as JSON lines")
    p_extract.add_argument("file", type=Path)
    p_ingest = sub.add_parser("ingest", help="extract and store the statements of article files")
    p_ingest.add_argument("files", type=Path, nargs="+")
    p_ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    key_commands.add_parser(sub)
    sub.add_parser("openapi", help="print the OpenAPI document (python -m service openapi > docs/openapi.json)")
    sub.add_parser("examples", help="replay the OpenAPI examples on a freshly seeded database and store the answers")
    p_backup = sub.add_parser("backup", help="copy the database to a file while the service runs")
    p_backup.add_argument("path", type=Path)
    p_restore = sub.add_parser("restore", help="replace the database's content with a backup (stop the service first)")
    p_restore.add_argument("path", type=Path)
    p_serve = sub.add_parser("serve", help="run the service; SIGTERM finishes requests in flight and exits 0")
    p_serve.add_argument("--host", default="127.0.0.1")
    p_serve.add_argument("--port", type=int, default=8000)
    p_serve.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: WEB_CONCURRENCY, else 1)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = get_settings()

    if args.command == "keys":
        return key_commands.run(args)
    if args.command == "openapi":
        print(json.dumps(create_app(settings).openapi(), indent=2, ensure_ascii=False))
        return 0
    if args.command == "examples":
        print(f"rewrote {examples.refresh()}")
        return 0
    if args.command == "serve":
        from service.http.server import serve

        return serve(host=args.host, port=args.port, workers=args.workers or settings.web_concurrency)
    if args.command in ("backup", "restore"):
        return backup_or_restore(args.command, args.path, settings.database_url)
    if args.command == "migrate":
        engine = make_engine(settings.database_url)
        migrate.upgrade(engine, seed_empty=settings.seed_on_start)
        print(f"database at revision {migrate.head_revision()}")
        return 0
    if args.command in ("extract", "ingest"):
        missing = [p for p in ([args.file] if args.command == "extract" else args.files) if not p.is_file()]
        if missing:
            print(f"error: no such file: {missing[0]}", file=sys.stderr)
            return 2
        try:
            return (
                extract_file(args.file)
                if args.command == "extract"
                else ingest_files(args.files, progress=not args.quiet)
            )
        except ServiceError as exc:
            print(f"error: {exc.detail}", file=sys.stderr)
            return 2
    if args.command == "import":
        if not args.file.is_file():
            print(f"error: no such file: {args.file}", file=sys.stderr)
            return 2
        summary = import_jsonl(args.file, batch_size=max(1, args.batch_size), progress=not args.quiet)
        print(f"added {summary.added}, skipped {summary.skipped} already stored, rejected {len(summary.rejected)}")
        for n, reason in summary.rejected:
            print(f"  line {n}: {reason}")
        return 1 if summary.rejected else 0
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine, seed_empty=settings.seed_on_start)
    matcher = ingest.load_matcher(engine)
    answers = []
    for text in args.texts:
        try:
            claim = verify_claim(
                matcher,
                engine,
                text,
                speaker=args.speaker,
                max_chars=settings.max_text_chars,
                budget_ms=settings.match_budget_ms,
            )
        except ServiceError as exc:
            print(f"error: {exc.detail}", file=sys.stderr)
            return 2
        out = presenters.claim_out(claim)
        answers.append(out.model_dump_json() if args.json else format_claim(out))
    print(("\n" if args.json else "\n\n").join(answers))
    return 0
