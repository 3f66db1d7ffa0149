"""Load on POST /v1/verify against the real server on 127.0.0.1: requests/s, latency, errors.

Why: the service must hold its latency under concurrent clients, not just one at a time, and
never answer a valid verification with an error. This script starts `python -m service serve`
(1 and 2 workers) on a fresh database at seed scale (the 23 seed statements) and, when
../shared/eval is present, at 100,000 statements (the real quotations plus shuffled-word
distractors, imported with `python -m service import`), then drives it with a closed-loop
client (benchmarks/wire.py: requests encoded before the clock starts, so the client's own CPU
stays small): CONNECTIONS concurrent keep-alive connections, each sending the next perturbed
quote (typo, excerpt, omission, insertion, reordering, capitals and curly quotes, inside a post)
as soon as the previous answer arrives, for DURATION seconds after a warm-up.

The client runs on the same machine as the server: on a small machine it takes CPU from the
server, so the figures are a lower bound on what the server alone would do.

Run:  .venv/bin/python benchmarks/load.py [--scales seed 100000] [--workers 1 2] [--write]
      [--connections 8] [--duration 20] [--databases sqlite postgresql]
It prints a table; it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report
import verify as corpus_tools  # the corpus and perturbations of benchmarks/verify.py
import wire

# Seconds of load before measuring: both workers have loaded and caches are warm.
WARMUP_SECONDS = 3.0
# A request slower than this is counted as an error: far past any latency target.
REQUEST_TIMEOUT_SECONDS = 10.0
# Distinct queries per run; cycled by the connections so no two in a row are the same.
QUERIES = 500


def seed_queries(rng: random.Random) -> list[str]:
    data = json.loads((files("service") / "data" / "seed.json").read_text(encoding="utf-8"))
    quotes = [q["text"] for q in data["quotes"] if len(q["text"].split()) >= 6]
    filler = ["The weather was mild and the markets were calm on the day the talks began."] * 4
    return [
        corpus_tools.perturb(corpus_tools.FAMILIES[k % len(corpus_tools.FAMILIES)], rng.choice(quotes), rng, filler)
        for k in range(QUERIES)
    ]


def prepare(scale: str, kind: str, pg_url: str, workdir: Path, rng: random.Random) -> tuple[str, list[str], dict]:
    """A database at the scale asked, its environment, and queries against it."""
    env: dict[str, str] = {"SYNC_INTERVAL_SECONDS": "1"}
    if scale == "seed":
        url = (
            f"sqlite:///{workdir / 'seed.db'}"
            if kind == "sqlite"
            else corpus_tools.fresh_database(kind, pg_url, workdir, 23)
        )
        migrate = [sys.executable, "-m", "service", "migrate"]
        subprocess.run(migrate, env={**os.environ, "DATABASE_URL": url}, check=True, capture_output=True)
        return url, seed_queries(rng), env
    size = int(scale)
    stored, unstored = corpus_tools.load_real(seed=7)
    rows = corpus_tools.corpus(stored, size, rng)
    url = corpus_tools.fresh_database(kind, pg_url, workdir, size)
    path = workdir / "import.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({"text": r["text"], "speaker": r["speaker"], "article_title": "Benchmark"}) + "\n")
    subprocess.run(
        [sys.executable, "-m", "service", "import", str(path), "--quiet", "--batch-size", "5000"],
        env={**os.environ, "DATABASE_URL": url, "SEED_ON_START": "false"},
        check=True,
        capture_output=True,
    )
    qs = [q for _, _, q in corpus_tools.queries(stored[:size], unstored, QUERIES, rng)]
    return url, qs, {**env, "SEED_ON_START": "false"}


def drive(port: int, texts: list[str], *, connections: int, duration: float) -> dict:
    """Closed loop: each connection sends its next query when the last one is answered."""
    requests = [wire.post_json("/v1/verify", {"text": t}) for t in texts]
    load = asyncio.run(
        wire.closed_loop(
            "127.0.0.1",
            port,
            requests,
            connections=connections,
            duration=duration,
            warmup=WARMUP_SECONDS,
            timeout=REQUEST_TIMEOUT_SECONDS,
        )
    )
    return {
        "requests": len(load.latencies),
        "rps": load.per_second,
        "p50": corpus_tools.pct(load.latencies, 0.50),
        "p95": corpus_tools.pct(load.latencies, 0.95),
        "p99": corpus_tools.pct(load.latencies, 0.99),
        "error_rate": load.errors / max(1, len(load.latencies)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", nargs="+", default=["seed", "100000"], help="'seed' or a number of statements")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--databases", nargs="+", default=["sqlite"])
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--port", type=int, default=18950)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"POST /v1/verify, {args.connections} connections, {args.duration:.0f} s each (after {WARMUP_SECONDS:.0f} s)")
    header = f"{'statements':>10} {'db':>10} {'workers':>7} {'requests':>8} {'req/s':>7} "
    print(header + f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}")
    for kind in args.databases:
        for scale in args.scales:
            if scale != "seed" and not corpus_tools.DATA.exists():
                print(f"{scale:>10} {kind:>10}  skipped: {corpus_tools.DATA} is not here")
                continue
            with tempfile.TemporaryDirectory() as tmp:
                url, texts, env = prepare(scale, kind, args.postgres_url, Path(tmp), rng)
                for workers in args.workers:
                    server_env = {**os.environ, "DATABASE_URL": url, "MIGRATE_ON_START": "false", **env}
                    proc = corpus_tools.serve(server_env, workers, args.port, Path(tmp) / f"server-{workers}.log")
                    try:
                        r = drive(args.port, texts, connections=args.connections, duration=args.duration)
                    finally:
                        proc.terminate()
                        proc.wait(timeout=60)
                    label = "23" if scale == "seed" else f"{int(scale):,}"
                    print(
                        f"{label:>10} {kind:>10} {workers:>7} {r['requests']:>8} {r['rps']:>7.1f} "
                        f"{r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f} {r['error_rate']:>7.2%}",
                        flush=True,
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(report.run(main, "load", "Load (benchmarks/load.py)"))
