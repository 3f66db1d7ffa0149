"""Persist a matcher to a directory, and map it back in milliseconds.

Why: building the index from the database costs every process tens of seconds and its own copy
of everything (23 s and 1.23 GB at a million statements). A snapshot is the matcher's arrays as
numpy `.npy` files: `np.load(mmap_mode="r")` maps them without reading, so a start is a few
file opens and every worker shares one copy in the page cache. `.npy` over a single file with an
offset table or an embedded store: it is numpy's own format (no dependency), each array maps
with its dtype and shape as saved, and the files can be checked one by one.

Crash safety: a snapshot is written into a temporary directory, every file checksummed (CRC-32)
and flushed to disk, the metadata written last; the directory is then renamed into place and
`CURRENT` (the name of the snapshot in use) replaced by an atomic rename. A process killed at any
point leaves either the old snapshot or the new one in force, never half of one; leftovers of a
killed write are removed by the next. A snapshot is read only when its format, its database and
every file's size and checksum are as its metadata says.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import time
import uuid
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from service.matching.index import CandidateIndex
from service.matching.matcher import Matcher
from service.matching.names import SpeakerRef
from service.matching.statement_table import StatementTable, TableArrays

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: no blob of normalised texts (derived from the texts)
CURRENT = "CURRENT"
_META = "meta.json"
_SPEAKERS = "speakers.json"
_TMP_PREFIX = ".tmp-"
_CHUNK = 1 << 24  # bytes read at a time for a checksum


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """What a snapshot holds: the statements as of `cursor` in the database `database`'s change log."""

    name: str
    cursor: int
    statements: int
    database: str
    created_at: float  # seconds since the epoch


@dataclass(frozen=True, slots=True)
class Restored:
    matcher: Matcher
    info: SnapshotInfo


class SnapshotBusy(Exception):
    """Another process is writing a snapshot into this directory."""


@contextmanager
def _writer_lock(directory: Path, *, wait: bool = False) -> Iterator[None]:
    """One writer per directory at a time, across processes; released when the process dies."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / ".lock").open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SnapshotBusy(str(directory)) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write(matcher: Matcher, directory: Path, *, cursor: int, database: str) -> SnapshotInfo:
    """Persist `matcher` as the current snapshot of `directory`; raises SnapshotBusy if another
    process is writing one. `cursor` is the change-log position the matcher is current to."""
    with _writer_lock(directory):
        _remove_leftovers(directory)
        with matcher.lock:
            size = matcher.key_space
            table, speakers = matcher.table.export(size)
            arrays = matcher.index.export()
            arrays["alive"] = arrays["alive"][:size].copy()  # the live array is written to by removals
            statements = len(matcher)
        arrays.update({f"table_{k}": v for k, v in asdict(table).items()})
        name = f"snapshot-{time.time_ns()}"
        tmp = directory / f"{_TMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex}"
        tmp.mkdir()
        files: dict[str, dict[str, int]] = {}
        for key, array in arrays.items():
            path = tmp / f"{key}.npy"
            np.save(path, np.ascontiguousarray(array), allow_pickle=False)
        (tmp / _SPEAKERS).write_text(json.dumps([asdict(s) for s in speakers], ensure_ascii=False), encoding="utf-8")
        for path in sorted(tmp.iterdir()):
            _fsync(path)
            files[path.name] = {"bytes": path.stat().st_size, "crc32": _crc(path)}
        info = SnapshotInfo(name, cursor, statements, database, time.time())
        meta = {"format": FORMAT_VERSION, **asdict(info), "key_space": size, "files": files}
        (tmp / _META).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        _fsync(tmp / _META)
        _fsync(tmp)
        tmp.rename(directory / name)
        pointer = directory / f"{CURRENT}.tmp"
        pointer.write_text(name + "\n", encoding="utf-8")
        _fsync(pointer)
        previous = current(directory)
        pointer.replace(directory / CURRENT)
        _fsync(directory)
        # The snapshot just replaced stays one generation more: a process that read CURRENT a
        # moment ago may still be opening its files. One already mapped keeps its pages anyway.
        keep = {name, previous[0].name if previous else ""}
        for old in directory.glob("snapshot-*"):
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)
        return info


def discard(directory: Path) -> bool:
    """Put the snapshot out of use (after the database was replaced under it); True if there was one.

    Waits for a write in progress, so that it cannot put its snapshot back in use afterwards.
    """
    if not directory.is_dir():
        return False
    with _writer_lock(directory, wait=True):
        try:
            (directory / CURRENT).unlink()
        except FileNotFoundError:
            return False
        return True


def _remove_leftovers(directory: Path) -> None:
    """Temporary directories of writes that were killed (under the writer lock: none is running)."""
    for tmp in directory.glob(f"{_TMP_PREFIX}*"):
        shutil.rmtree(tmp, ignore_errors=True)


def current(directory: Path) -> tuple[Path, dict] | None:  # type: ignore[type-arg]
    """The snapshot in force and its metadata, or None when there is none readable."""
    try:
        name = (directory / CURRENT).read_text(encoding="utf-8").strip()
        path = directory / name
        meta = json.loads((path / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return path, meta


def read(directory: Path, *, database: str, verify: bool = True) -> Restored | None:
    """The snapshot of `database` in `directory`, mapped read-only; None (and the reason logged)
    when there is none, or it is of another format or database, or a file is not as written.

    A snapshot removed while it is being read (another process wrote two newer ones meanwhile)
    is read again from the new `CURRENT`, once."""
    for attempt in range(2):
        try:
            return _read(directory, database=database, verify=verify)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            if attempt:
                log.warning("index snapshot in %s not readable: %s", directory, exc)
    return None


def _read(directory: Path, *, database: str, verify: bool) -> Restored | None:
    found = current(directory)
    if found is None:
        return None
    path, meta = found
    if meta.get("format") != FORMAT_VERSION or meta.get("database") != database:
        log.warning("index snapshot %s is of another format or database; not used", path.name)
        return None
    for file, expected in meta["files"].items():
        f = path / file
        if not f.is_file() or f.stat().st_size != expected["bytes"]:
            log.warning("index snapshot %s: %s is not as written; not used", path.name, file)
            return None
    if verify:
        # zlib lets go of the interpreter while it sums a chunk, so the files are checked side
        # by side: at ten million statements, 4 GB took 3 s one file after another.
        files = list(meta["files"].items())
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            sums = list(pool.map(_crc, (path / file for file, _ in files)))
        for (file, expected), crc in zip(files, sums, strict=True):
            if crc != expected["crc32"]:
                log.warning("index snapshot %s: %s is not as written; not used", path.name, file)
                return None
    # Plain ndarray views of the maps: numpy's memmap subclass runs Python code on every slice,
    # which cost a restored matcher a fifth of its time per verification.
    arrays = {
        p.name.removesuffix(".npy"): np.load(p, mmap_mode="r", allow_pickle=False).view(np.ndarray)
        for p in path.glob("*.npy")
    }
    speakers = [
        SpeakerRef(**{**s, "aliases": tuple(s["aliases"])})
        for s in json.loads((path / _SPEAKERS).read_text(encoding="utf-8"))
    ]
    table = TableArrays(**{k.removeprefix("table_"): v for k, v in arrays.items() if k.startswith("table_")})
    index = CandidateIndex.restored({k: v for k, v in arrays.items() if not k.startswith("table_")})
    info = SnapshotInfo(meta["name"], meta["cursor"], meta["statements"], meta["database"], meta["created_at"])
    return Restored(Matcher.restored(StatementTable(table, speakers), index), info)
