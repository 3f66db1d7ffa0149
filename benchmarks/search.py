"""Search speed and quality at 10k / 100k statements, and speaker lookup by name.

Why: a fact-checker types a few words remembered from a quote, often misspelt, and expects the
quote on the first page at once. This script measures `matching.search.search` in-process on
the corpus benchmarks/verify.py builds (real quotations of ../shared/eval/attributed-quotes.jsonl
plus shuffled-word distractors), with queries of three words taken from a stored real quote
(words of 5+ letters), half of them with one word misspelt (two letters swapped):
- recall@10: the source quote is on the first page (10 hits); MRR: mean reciprocal rank;
- latency p50/p99, and the first search (which lists the vocabulary for typo lookups);
- speaker lookup (`GET /v1/speakers?query=`'s ranking, `lookup.find_speakers`) on an SQLite
  database holding every distinct speaker of the corpus, padded with made-up names (a real
  first name and surname and a number) up to --speakers; probes: a real speaker's surname, the
  surname misspelt, the first 4 letters of the name. The first lookup reads every name (a
  process does that again only when speakers were added).

Run:  .venv/bin/python benchmarks/search.py [--sizes 10000 100000] [--queries 500]
It prints a table; it asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from verify import DATA, corpus, load_real, pct

from service.core.search import find_speakers
from service.matching import Matcher, SpeakerRef, Statement
from service.matching.ranking import search
from service.storage import migrate
from service.storage.database import make_engine
from service.storage.ids import speaker_id
from service.storage.tables import Speaker

PAGE = 10


def swap(word: str, rng: random.Random) -> str:
    j = rng.randrange(1, len(word) - 2)
    return word[:j] + word[j + 1] + word[j] + word[j + 2 :]


def make_queries(stored: list[dict], n: int, rng: random.Random) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    while len(out) < n:
        i = rng.randrange(len(stored))
        words = [w.strip(".,;:!?\"'()“”‘’") for w in stored[i]["text"].split()]
        long = list(dict.fromkeys(w for w in words if len(w) >= 5 and w.isalpha()))
        if len(long) < 3:
            continue
        chosen = rng.sample(long, 3)
        if len(out) % 2:
            chosen[0] = swap(chosen[0], rng)
        out.append((i, " ".join(chosen)))
    return out


def measure_search(rows: list[dict], real_count: int, n_queries: int, rng: random.Random) -> dict:
    refs: dict[str, SpeakerRef] = {}
    matcher = Matcher(
        Statement(f"s{i}", r["text"], "direct", refs.setdefault(r["speaker"], SpeakerRef(r["speaker"])))
        for i, r in enumerate(rows)
    )
    qs = make_queries(rows[:real_count], n_queries, rng)
    t = time.perf_counter()
    search(matcher, qs[0][1], limit=PAGE)
    first = (time.perf_counter() - t) * 1000
    lat, found, rr = [], 0, 0.0
    for source, query in qs:
        t = time.perf_counter()
        hits = search(matcher, query, limit=PAGE)
        lat.append((time.perf_counter() - t) * 1000)
        ids = [h.statement.id for h in hits]
        if f"s{source}" in ids:
            found += 1
            rr += 1 / (ids.index(f"s{source}") + 1)
    return {
        "first": first,
        "p50": pct(lat, 0.5),
        "p99": pct(lat, 0.99),
        "recall": found / len(qs),
        "mrr": rr / len(qs),
    }


def measure_speakers(names: list[str], rng: random.Random) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/speakers.db")
        migrate.upgrade(engine)
        with Session(engine) as session:
            by_id = {speaker_id(name=n, anonymous=False, article=None): n for n in names}
            session.add_all(Speaker(id=sid, name=n) for sid, n in by_id.items())
            session.commit()
        named = [n for n in names if len(n.split()) >= 2 and len(n.split()[-1]) >= 6]
        probes = []
        for name in rng.sample(named, min(60, len(named))):
            surname = name.split()[-1]
            probes += [(name, surname), (name, swap(surname, rng)), (name, name[:4])]
        lat, found = [], 0
        with Session(engine) as session:
            t = time.perf_counter()
            find_speakers(session, query=probes[0][1], limit=20, cursor=None)
            first = (time.perf_counter() - t) * 1000  # reads every name: once per change of the speakers
            for name, query in probes:
                t = time.perf_counter()
                page = find_speakers(session, query=query, limit=20, cursor=None)
                lat.append((time.perf_counter() - t) * 1000)
                found += name in [s.name for s in page.items]
        engine.dispose()
    return {
        "speakers": len(by_id),
        "first": first,
        "p50": pct(lat, 0.5),
        "p99": pct(lat, 0.99),
        "found": found / len(probes),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument(
        "--speakers", type=int, default=100_000, help="speakers stored: the real ones, then made-up first+last names"
    )
    args = parser.parse_args()
    if not DATA.exists():
        print(f"no {DATA}; nothing to measure")
        return 0
    real, _ = load_real(seed=7)
    print("| statements | search p50 ms | p99 ms | first search ms | recall@10 | MRR |")
    print("|---|---|---|---|---|---|")
    for size in args.sizes:
        rng = random.Random(7)
        rows = corpus(real, size, rng)
        m = measure_search(rows, min(size, len(real)), args.queries, rng)
        print(f"| {size:,} | {m['p50']:.2f} | {m['p99']:.2f} | {m['first']:.0f} | {m['recall']:.3f} | {m['mrr']:.3f} |")
    names = sorted({r["speaker"] for r in real})
    rng = random.Random(7)
    split = [n.split() for n in names if len(n.split()) == 2]
    while len(names) < args.speakers:
        names.append(f"{rng.choice(split)[0]} {rng.choice(split)[1]} {len(names)}")
    s = measure_speakers(names, random.Random(7))
    print()
    print("| speakers | first lookup ms | lookup p50 ms | p99 ms | person in the first 20 |")
    print("|---|---|---|---|---|")
    print(f"| {s['speakers']:,} | {s['first']:.0f} | {s['p50']:.2f} | {s['p99']:.2f} | {s['found']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
