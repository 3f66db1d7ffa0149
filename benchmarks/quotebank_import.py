"""Import speed of Quotebank's own files: `python -m service import --format quotebank` end to end.

Why: a year of Quotebank is tens of millions of quotations; an import that runs at hundreds of
statements a second would take days. This script times the real command, as a user runs it (a
bz2 file read as a stream, one transaction per batch, COPY on PostgreSQL), on a fresh database
of each kind, and prints statements per second:
- the real reduced subset ../shared/eval/quotebank-2020-congress-subset.json.bz2 (read in place,
  never copied), as it is;
- a file in Quotebank's released shape (`qids`, `probas`, `urls`, a text date) of the size asked:
  the real quotations with their speakers and Wikidata items, then distractors (shuffled words of
  real quotations) from invented speakers with invented items, one speaker per 20 quotations,
  a URL per quotation and a second one for every third (the share of shapes is this script's
  choice, not a measurement of Quotebank).
A re-import of the same file is timed too: it must add nothing, and say so quickly.

Run:  .venv/bin/python benchmarks/quotebank_import.py [--size 200000] [--batch-size 1000]
      [--databases sqlite postgresql] [--postgres-url postgresql://postgres@127.0.0.1/test] [--write]
It prints a table; it asserts nothing.
"""

from __future__ import annotations

import argparse
import bz2
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report  # sibling scripts, not installed modules
from databases import drop_database, fresh_database

ROOT = Path(__file__).resolve().parents[1]
SUBSET = ROOT.parent / "shared" / "eval" / "quotebank-2020-congress-subset.json.bz2"
QUOTES_PER_SPEAKER = 20
_ADDED = re.compile(r"added (\d+), skipped (\d+) already stored, rejected (\d+)")


def real_rows() -> list[dict]:
    with bz2.open(SUBSET, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def released_file(path: Path, real: list[dict], size: int, seed: int) -> None:
    """A bz2 file of `size` lines in Quotebank's released shape."""
    rng = random.Random(seed)
    with bz2.open(path, "wt", encoding="utf-8") as fh:
        for n in range(size):
            if n < len(real):
                r = real[n]
                quotation, speaker, item = r["quotation"], r["speaker"], r["id"]
            else:
                a, b = rng.choice(real)["quotation"].split(), rng.choice(real)["quotation"].split()
                words = a + b
                rng.shuffle(words)
                quotation = " ".join(words[: rng.randint(8, 30)])
                k = n // QUOTES_PER_SPEAKER
                speaker, item = f"Distractor Speaker {k}", f"Q{900_000_000 + k}"
            p = round(rng.uniform(0.5, 0.99), 4)
            urls = [f"https://news{n % 97}.example/{n}/story"] + ([f"https://wire.example/{n}"] if n % 3 == 0 else [])
            row = {
                "quoteID": f"bench-{n:09d}",
                "quotation": quotation,
                "speaker": speaker,
                "qids": [item],
                "date": "2020-02-11 14:05:00",
                "numOccurrences": len(urls),
                "probas": [[speaker, str(p)], ["None", str(round(1 - p, 4))]],
                "urls": urls,
                "phase": "E",
            }
            fh.write(json.dumps(row) + "\n")


def timed_import(url: str, path: Path, batch_size: int) -> tuple[float, tuple[int, int, int]]:
    env = {**os.environ, "DATABASE_URL": url, "INDEX_DIR": "none"}  # the import alone: no snapshot at its end
    command = [sys.executable, "-m", "service", "import", "--format", "quotebank", str(path), "--quiet"]
    t0 = time.perf_counter()
    done = subprocess.run(
        [*command, "--batch-size", str(batch_size)], env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - t0
    found = _ADDED.search(done.stdout)
    if found is None:
        raise SystemExit(f"import failed: {done.stdout[-500:]} {done.stderr[-2000:]}")
    added, skipped, rejected = (int(g) for g in found.groups())
    return seconds, (added, skipped, rejected)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=200_000)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    ap.add_argument("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--write", action="store_true", help="write the table into docs/benchmarks.md")
    args = ap.parse_args()
    if not SUBSET.exists():
        print(f"needs {SUBSET}", file=sys.stderr)
        return 2
    real = real_rows()
    lines = [
        "| file | database | lines | added | seconds | statements/s | re-import: seconds, added |",
        "|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp, report.recording() as out:
        workdir = Path(tmp)
        generated = workdir / "quotes-released-shape.json.bz2"
        released_file(generated, real, args.size, args.seed)
        print(
            f"{len(real)} real quotations; generated file of {args.size} lines, {generated.stat().st_size >> 20} MB bz2"
        )
        for label, path, n in (("real reduced subset", SUBSET, len(real)), ("released shape", generated, args.size)):
            for kind in args.databases:
                name = f"qvs_qbimport_{kind}_{n}"
                url = fresh_database(kind, args.postgres_url, workdir, name)
                seconds, (added, _, rejected) = timed_import(url, path, args.batch_size)
                again, (re_added, _, _) = timed_import(url, path, args.batch_size)
                drop_database(kind, args.postgres_url, name)
                row = (
                    f"| {label} | {kind} | {n} | {added} (rejected {rejected}) | {seconds:.1f} | "
                    f"{added / seconds:,.0f} | {again:.1f}, {re_added} |"
                )
                lines.append(row)
                print(row, flush=True)
        table = "\n".join(lines)
        print()
        print(table)
    if args.write:
        command = "python benchmarks/quotebank_import.py " + " ".join(sys.argv[1:])
        body = (
            "Whole command, process start and migration included, the index snapshot at its end left out "
            f"(INDEX_DIR=none; benchmarks/verify.py times it); batches of {args.batch_size} lines.\n\n" + table
        )
        report.write_section(
            "quotebank-import", "Quotebank import speed", body, command=command.replace(" --write", "").strip()
        )
    del out
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
