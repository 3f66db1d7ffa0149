"""`python -m service index build | status | discard`: the persisted index snapshot an operator handles.

A service with an index directory builds its snapshot by itself (at its first start, and again as
changes accumulate); `index build` does it ahead of a start, `index status` says what is there, and
`index discard` puts it out of use after the database was replaced by other means (a `pg_restore`).
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime

from service.core import live_index
from service.matching import snapshot
from service.settings import Settings, index_directory
from service.storage import migrate
from service.storage.database import make_engine


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("index", help="build or inspect the persisted index snapshot (INDEX_DIR)")
    p.add_argument("action", choices=("build", "status", "discard"))


def run(args: argparse.Namespace, settings: Settings) -> int:
    directory = index_directory(settings)
    if directory is None:
        print("no index directory: set INDEX_DIR (an SQLite database keeps one beside its file by default)")
        return 2
    if args.action == "discard":
        discarded = snapshot.discard(directory)
        print(
            f"{directory}: " + ("snapshot put out of use; the next start rebuilds it" if discarded else "no snapshot")
        )
        return 0
    if args.action == "status":
        found = snapshot.current(directory)
        if found is None:
            print(f"{directory}: no snapshot")
            return 1
        path, meta = found
        size = sum(f["bytes"] for f in meta["files"].values())
        at = datetime.fromtimestamp(meta["created_at"], tz=UTC).isoformat(timespec="seconds")
        print(f"{path}: {meta['statements']} statements, change log at {meta['cursor']}, {size:,} bytes, written {at}")
        return 0
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine)
    t0 = time.perf_counter()
    info = live_index.build_snapshot(engine, directory)
    engine.dispose()
    if info is None:
        print(f"{directory}: another process is writing a snapshot; try again when it is done")
        return 1
    print(f"{directory / info.name}: {info.statements} statements in {time.perf_counter() - t0:.1f} s")
    return 0
