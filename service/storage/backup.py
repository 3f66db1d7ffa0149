"""Back up and restore the database: SQLite's online backup, PostgreSQL's pg_dump and pg_restore.

A backup is only ever written whole: it goes to a temporary file beside the target, is checked,
and then renamed over the target, so a failed or interrupted backup never leaves a truncated file
under the backup's name. A restore checks the file before touching the database, and replaces the
database's content in one transaction, so a failed restore leaves the database as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from service.storage.database import is_sqlite

# Pages copied per step of SQLite's online backup. Between steps the source is unlocked, so a
# running service keeps writing during a long backup; 1,024 pages (4 MiB) keep each step short.
SQLITE_BACKUP_PAGES_PER_STEP = 1024
# pg_dump / pg_restore of a large database can take long; beyond this something is stuck.
PG_TOOL_TIMEOUT_SECONDS = 3600


class BackupError(Exception):
    """The backup or restore could not be done; the message says why, and nothing was changed."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    revision: str | None


def backup(database_url: str, target: Path) -> BackupResult:
    """Copy the database at `database_url` into the file `target` while it may be in use."""
    target = target.resolve()
    if is_sqlite(database_url):
        return _sqlite_backup(_sqlite_path(database_url), target)
    return _pg_backup(database_url, target)


def restore(database_url: str, source: Path) -> BackupResult:
    """Replace the content of the database at `database_url` with the backup in `source`."""
    source = source.resolve()
    if not source.is_file():
        raise BackupError(f"no such backup file: {source}")
    if is_sqlite(database_url):
        return _sqlite_restore(source, _sqlite_path(database_url))
    return _pg_restore(database_url, source)


def _sqlite_path(database_url: str) -> Path:
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory database has nothing to back up or restore")
    return Path(database).resolve()


def check_sqlite_file(path: Path) -> str | None:
    """The schema revision of a sound SQLite backup of this service; BackupError otherwise."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"{path} cannot be opened as an SQLite database: {exc}") from None
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise BackupError(f"{path} fails SQLite's integrity check: {verdict}")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "article", "quote", "speaker"} <= tables:
            raise BackupError(f"{path} is an SQLite database, but not one of this service")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a sound SQLite database: {exc}") from None
    finally:
        conn.close()


def _sqlite_backup(source: Path, target: Path) -> BackupResult:
    if not source.is_file():
        raise BackupError(f"no database at {source}")
    if target == source:
        raise BackupError("the backup must go to another file than the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst, pages=SQLITE_BACKUP_PAGES_PER_STEP)
        # A single file, readable without its -wal: the backup is a rollback-journal database.
        dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        dst.close()
        partial.unlink(missing_ok=True)
        raise BackupError(f"backup failed: {exc}") from None
    finally:
        src.close()
    dst.close()
    try:
        revision = check_sqlite_file(partial)
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    return BackupResult(target, target.stat().st_size, revision)


def _sqlite_restore(source: Path, target: Path) -> BackupResult:
    revision = check_sqlite_file(source)
    if target == source:
        raise BackupError("the backup file is the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    # The backup API copies into the live database in one write transaction, under SQLite's own
    # locks and with its WAL: other connections see the old content or the new, never a mix,
    # and a failure leaves the old. Copying files over a database in WAL mode would not be safe.
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as exc:
        raise BackupError(f"restore failed, the database is unchanged: {exc}") from None
    finally:
        src.close()
        dst.close()
    if verdict != "ok":
        raise BackupError(f"the restored database fails SQLite's integrity check: {verdict}")
    return BackupResult(source, source.stat().st_size, revision)


def libpq_url(database_url: str) -> str:
    """The URL as pg_dump and pg_restore take it (no SQLAlchemy driver name)."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def pg_dump_command(database_url: str, target: Path) -> list[str]:
    """pg_dump in its custom format: compressed, and restorable selectively with pg_restore."""
    return ["pg_dump", "--format=custom", "--no-owner", f"--file={target}", f"--dbname={libpq_url(database_url)}"]


def pg_restore_command(database_url: str, source: Path) -> list[str]:
    """pg_restore replacing every object, in one transaction (all or nothing)."""
    return [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={libpq_url(database_url)}",
        str(source),
    ]


def _run_pg_tool(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        shown = " ".join(command)
        raise BackupError(f"{command[0]} is not installed here; run it where it is:\n  {shown}")
    done = subprocess.run(
        command, capture_output=True, text=True, errors="replace", timeout=PG_TOOL_TIMEOUT_SECONDS, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()[:500]}")


def _pg_backup(database_url: str, target: Path) -> BackupResult:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        _run_pg_tool(pg_dump_command(database_url, partial))
        _run_pg_tool(["pg_restore", "--list", str(partial)])  # the archive reads back whole
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    return BackupResult(target, target.stat().st_size, None)


def _pg_restore(database_url: str, source: Path) -> BackupResult:
    _run_pg_tool(["pg_restore", "--list", str(source)])
    _run_pg_tool(pg_restore_command(database_url, source))
    return BackupResult(source, source.stat().st_size, None)
