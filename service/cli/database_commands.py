"""`python -m service migrate`, `backup PATH`, `restore PATH`: the database as an operator handles it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from service.matching import snapshot
from service.settings import Settings, index_directory
from service.storage import backup, migrate
from service.storage.database import make_engine


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub.add_parser("migrate", help="bring the database to the latest schema and seed it if empty")
    p_backup = sub.add_parser("backup", help="copy the database to a file while the service runs")
    p_backup.add_argument("path", type=Path)
    p_restore = sub.add_parser("restore", help="replace the database's content with a backup (stop the service first)")
    p_restore.add_argument("path", type=Path)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "migrate":
        engine = make_engine(settings.database_url)
        migrate.upgrade(engine, seed_empty=settings.seed_on_start)
        engine.dispose()
        print(f"database at revision {migrate.head_revision()}")
        return 0
    status = backup_or_restore(args.command, args.path, settings.database_url)
    directory = index_directory(settings)
    if args.command == "restore" and status == 0 and directory is not None and snapshot.discard(directory):
        print(f"the index snapshot in {directory} was put out of use: the next start rebuilds it")
    return status


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
