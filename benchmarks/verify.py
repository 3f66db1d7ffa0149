"""Verification speed and accuracy at 10k / 100k / 1M statements: engine, HTTP, and a full scan.

Why: the matcher must stay in the low milliseconds as the corpus grows, without losing a
verdict rule. This script measures, in one run and side by side:
- our engine (`Matcher.verify`) in-process;
- our HTTP endpoint (`POST /v1/verify`) on `python -m service serve`, over SQLite and PostgreSQL,
  loaded through `python -m service import` (import rate, time until ready, server memory,
  throughput with 2 workers), driven by benchmarks/wire.py (requests encoded before the clock
  starts, so the client's own CPU stays out of the figures as far as it can);
- the obvious peers, scans over every stored quote on a subset of queries: rapidfuzz
  `process.extractOne` (`ratio` on normalised text) and thefuzz `process.extractOne` with its
  defaults; each row says how many times faster the engine is.

Corpus: the real quotations of ../shared/eval/attributed-quotes.jsonl (when present; the file
is read in place, never copied), less 1,000 held out as negatives, plus synthetic distractors
(shuffled words of real quotes) up to the size asked. Queries: stored real quotes perturbed
(typo, excerpt, omission, insertion, reordering, case and curly quotes, embedded in a
500-character post); recall@1 = the source statement ranked first. False positives: held-out
real quotes answered `verified` or `altered` on another speaker's statement (held-out quotes
that match the same speaker's stored statement are Quotebank's variants of one quote and are
counted apart, as are queries whose top match is a stored near-duplicate of their source).

Held-out quotes whose words are stored anyway are not unstored, and are left out of the
false-positive rate (counted and printed apart, with the rate as it was before they were left
out). Quotebank credits one sentence to several people: a colleague's words quoted in a
speech, a spokesperson's under the principal's name, one senator as "Charles Schumer" and as
"Chuck Schumer"; and it keeps longer and shorter cuts of one quote. Finding such a quote is the
matcher doing its job (with a speaker claimed, the verdict would be `misattributed`), so
counting it as a false positive would measure the data, not the matcher. The test, made on
the text alone before any query runs (see `holds_same_words`), is strict on purpose: at least
85% of the shorter text's words must lie in runs of three or more words that the other text
holds in the same order. A 6-word quote must then be held whole, so "get in this fight with
me" is not a duplicate of "Please stay in this fight with me", while "American people value
our cruise line industry, ..." is one of "The American people value our cruise line
industry," and a sentence found inside a longer cut of it is one of that cut.

Needs the `bench` extra for thefuzz (`pip install -e '.[test,bench]'`); without it that row says so.

Run:  .venv/bin/python benchmarks/verify.py [--sizes 10000 100000 1000000] [--queries 1000] [--write]
      [--databases sqlite postgresql] [--no-http] [--no-peers] [--examples N]
      [--postgres-url postgresql://postgres@127.0.0.1/test]
--examples N prints up to N recall misses and every false positive (query, first match, score,
verdict); --no-peers skips the peers' full scans.
It prints a table; it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import gc
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from service.app import FREEZE_MIN_STATEMENTS, collector_paused
from service.matching import Matcher, SpeakerRef, Verdict, Verification, normalise, speaker_matches

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report
import wire  # sibling scripts, not installed modules
from databases import fresh_database

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "attributed-quotes.jsonl"
HELD_OUT = 1000
SCAN_QUERIES = 50
# thefuzz scans in Python: about ten times slower than rapidfuzz, so fewer queries and a cap.
THEFUZZ_QUERIES = 10
THEFUZZ_SECONDS = 120.0
# Word n-grams shared with a stored quote mark a held-out quote as a variant of it (Quotebank
# repeats one quote with small edits); six words in a row are rarely shared by chance.
SHINGLE_WORDS = 6
# A held-out quote holds a stored quote's words when this share of the shorter text's words lie
# in runs of at least DUPLICATE_RUN_WORDS words that the other holds in the same order: a
# tiny difference (a dropped "the", "our planet" for "the planet") is allowed in long texts,
# none in a 6-word one, and shared stopword pairs never count.
DUPLICATE_SHARE = 0.85
DUPLICATE_RUN_WORDS = 3
# Stored quotes compared word by word with each held-out one: those sharing most word trigrams.
DUPLICATE_CANDIDATES = 20
FAMILIES = ("typo", "excerpt", "omission", "insertion", "reorder", "case_quotes", "embedded")


def load_real(seed: int) -> tuple[list[dict], list[dict]]:
    rows, seen = [], set()
    for line in DATA.open(encoding="utf-8"):
        row = json.loads(line)
        key = normalise(row["text"])
        if len(key.split()) >= 6 and key not in seen:
            seen.add(key)
            rows.append({"text": row["text"], "speaker": row["speaker"]})
    random.Random(seed).shuffle(rows)
    return rows[HELD_OUT:], rows[:HELD_OUT]


def corpus(real: list[dict], size: int, rng: random.Random) -> list[dict]:
    rows = real[:size]
    names = [f"Distractor {i}" for i in range(5000)]  # one string each: ten million rows share them
    while len(rows) < size:
        a, b = rng.choice(real)["text"].split(), rng.choice(real)["text"].split()
        words = a + b
        rng.shuffle(words)
        rows.append({"text": " ".join(words[: rng.randint(8, 30)]), "speaker": names[len(rows) % 5000]})
    return rows


def perturb(family: str, quote: str, rng: random.Random, filler: list[str]) -> str:
    words = quote.split()
    i = rng.randrange(len(words))
    if family == "typo":
        w = words[i]
        if len(w) > 3:
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        return " ".join(words)
    if family == "excerpt":
        n = rng.randint(5, min(12, len(words)))
        start = rng.randrange(len(words) - n + 1)
        return " ".join(words[start : start + n])
    if family == "omission":
        cut = len(words) // 2
        return " ".join(words[:cut]) + " ... " + " ".join(words[cut + 1 :])
    if family == "insertion":
        return " ".join([*words[:i], "really", *words[i:]])
    if family == "reorder":
        cut = max(1, len(words) // 2)
        return " ".join(words[cut:] + words[:cut])
    if family == "case_quotes":
        return "“" + quote.upper().replace("'", "’") + "”"
    post = " ".join(filler)
    cut = rng.randrange(len(post) // 2)
    return f'{post[:cut]} "{quote}" {post[cut:]}'[: 500 + len(quote)]


def shingles(text: str) -> set[tuple[str, ...]]:
    words = normalise(text).split()
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def queries(stored_real: list[dict], unstored: list[dict], n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """Perturbed stored quotes; posts are padded with quotes that are not stored in any variant.

    Quotebank holds several versions of many quotes, so a held-out quote can have a stored
    variant; padding made of one would be a second stored quote in the post, which the
    matcher rightly reports when it explains more of the post than the planted quote.
    """
    seen = set().union(*(shingles(r["text"]) for r in stored_real))
    clean = [u for u in unstored if not shingles(u["text"]) & seen]
    out = []
    for k in range(n):
        family = FAMILIES[k % len(FAMILIES)]
        src = rng.choice(stored_real)
        filler = [rng.choice(clean)["text"] for _ in range(4)]
        out.append((family, src["text"], perturb(family, src["text"], rng, filler)))
    return out


def holds_same_words(a: str, b: str) -> bool:
    """Whether the shorter of two quotes lies, but for tiny differences, inside the other.

    >>> holds_same_words("American people value our cruise line industry, it brings joy",
    ...                  "The American people value our cruise line industry,")
    True
    >>> holds_same_words("get in this fight with me.", "Please stay in this fight with me,")
    False
    """
    wa, wb = normalise(a).split(), normalise(b).split()
    blocks = difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    shared = sum(block.size for block in blocks if block.size >= DUPLICATE_RUN_WORDS)
    return shared >= DUPLICATE_SHARE * min(len(wa), len(wb))


def stored_duplicates(negatives: list[dict], stored_real: list[dict]) -> list[bool]:
    """For each held-out quote, whether some stored real quote holds its words (see the module
    docstring); candidates are the stored quotes sharing most word trigrams with it."""
    trigrams: dict[tuple[str, ...], list[int]] = {}
    for i, r in enumerate(stored_real):
        words = normalise(r["text"]).split()
        for gram in set(zip(words, words[1:], words[2:], strict=False)):
            trigrams.setdefault(gram, []).append(i)
    out = []
    for n in negatives:
        words = normalise(n["text"]).split()
        shared = Counter(
            i for gram in set(zip(words, words[1:], words[2:], strict=False)) for i in trigrams.get(gram, ())
        )
        best = [i for i, _ in shared.most_common(DUPLICATE_CANDIDATES)]
        out.append(any(holds_same_words(n["text"], stored_real[i]["text"]) for i in best))
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."


def example(kind: str, query: str, result: Verification, expected: str | None = None) -> str:
    """One line per field: what was asked, what came back first, and (for misses) what should have."""
    top = result.matches[0] if result.matches else None
    lines = [f"  [{kind}] verdict {result.verdict.value}", f"    Q: {short(query)}"]
    if expected is not None:
        lines.append(f"    E: {short(expected)}")
    if top is not None:
        name, text = top.statement.speaker.name, short(top.statement.text)
        lines.append(f"    M: {top.score:.1f}{' exact' if top.exact else ''} {name!r}: {text}")
    return "\n".join(lines)


def measure_engine(
    rows: list[dict],
    qs: list[tuple[str, str, str]],
    negatives: list[dict],
    duplicate: list[bool],
    examples: int = 0,
) -> dict:
    """The engine in this process, laid out as a server loads a database (`Matcher.loaded`: flat
    arrays, no Python object per statement), so ten million statements fit beside the corpus."""
    refs: dict[str, SpeakerRef] = {}
    t0 = time.perf_counter()
    with collector_paused():  # as the server loads
        matcher = Matcher.loaded(
            (f"s{i}", r["text"], "direct", refs.setdefault(r["speaker"], SpeakerRef(r["speaker"])))
            for i, r in enumerate(rows)
        )
    build = time.perf_counter() - t0
    if len(matcher) >= FREEZE_MIN_STATEMENTS:
        gc.freeze()  # as the server does after its build, so no full collection walks the statements
    sources = {source for _, source, _ in qs}
    by_text = {r["text"]: f"s{i}" for i, r in enumerate(rows) if r["text"] in sources}
    lat, cpu, hits, ties = [], [], 0, 0
    shown: list[str] = []
    for family, source, query in qs:
        t, c = time.perf_counter(), time.process_time()
        result = matcher.verify(query)
        lat.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        top = result.matches[0].statement if result.matches else None
        if top is not None and top.id == by_text[source]:
            hits += 1
        elif top is not None and (normalise(source) in normalise(top.text) or normalise(top.text) in normalise(source)):
            ties += 1  # a stored near-duplicate of the source (Quotebank holds variants of one quote)
        elif len(shown) < examples:
            shown.append(example(f"miss {family}", query, result, expected=source))
    fp_same = fp_other = fp_dup = 0
    for n, dup in zip(negatives, duplicate, strict=True):
        result = matcher.verify(n["text"])
        if result.verdict in (Verdict.VERIFIED, Verdict.ALTERED):
            top = result.matches[0].statement.speaker
            # One person under two names ("Trump", "Donald Trump") is the same speaker.
            same = speaker_matches(n["speaker"], top) or speaker_matches(top.name, SpeakerRef(n["speaker"]))
            fp_same += same
            fp_other += not same and not dup
            fp_dup += not same and dup
            if examples and not same:
                what = "its words are stored: left out" if dup else "false"
                kind = f"{what} {result.verdict.value}, held out from {n['speaker']!r}"
                shown.append(example(kind, n["text"], result))
    unstored = len(negatives) - sum(duplicate)
    gc.unfreeze()
    return {
        "build_s": build,
        "p50": pct(lat, 0.5),
        "p99": pct(lat, 0.99),
        **by_shape(qs, lat),
        # CPU time of this process alone: on a busy machine, closer to what a quiet one would show.
        "cpu_p50": pct(cpu, 0.5),
        "cpu_p99": pct(cpu, 0.99),
        "recall": hits / len(qs),
        "ties": ties / len(qs),
        "fp": fp_other / unstored,
        "fp_same": fp_same / len(negatives),
        "dups": sum(duplicate),
        "fp_dup": fp_dup,
        # as measured before held-out quotes whose words are stored were left out
        "fp_all": (fp_other + fp_dup) / len(negatives),
        "examples": shown,
    }


def measure_scan(rows: list[dict], qs: list[tuple[str, str, str]]) -> dict:
    choices = [normalise(r["text"]) for r in rows]
    lat, hits = [], 0
    for _, source, query in qs[:SCAN_QUERIES]:
        t = time.perf_counter()
        best = process.extractOne(normalise(query), choices, scorer=fuzz.ratio)
        lat.append((time.perf_counter() - t) * 1000)
        hits += best is not None and choices[best[2]] == normalise(source)
    return {"p50": pct(lat, 0.5), "p99": pct(lat, 0.99), "recall": hits / len(lat)}


def measure_thefuzz(rows: list[dict], qs: list[tuple[str, str, str]]) -> dict | None:
    """thefuzz `process.extractOne` with its defaults (WRatio, its own normalisation), as most
    code calls it; a handful of queries, stopped once THEFUZZ_SECONDS are spent. None when
    thefuzz is not installed (it is in the `bench` extra)."""
    try:
        from thefuzz import process as thefuzz_process
    except ImportError:
        return None
    choices = [r["text"] for r in rows]
    lat, hits = [], 0
    spent_until = time.monotonic() + THEFUZZ_SECONDS
    for _, source, query in qs[:THEFUZZ_QUERIES]:
        t = time.perf_counter()
        best = thefuzz_process.extractOne(query, choices)
        lat.append((time.perf_counter() - t) * 1000)
        hits += best is not None and best[0] == source
        if time.monotonic() > spent_until:
            break
    return {"p50": pct(lat, 0.5), "p99": pct(lat, 0.99), "recall": hits / len(lat), "queries": len(lat)}


def ratio(peer: dict, eng: dict) -> str:
    return f"engine {peer['p50'] / eng['p50']:.0f}x faster at p50, {peer['p99'] / eng['p99']:.0f}x at p99"


def by_shape(qs: list[tuple[str, str, str]], lat: list[float]) -> dict:
    """p50/p99 apart for single quotes and for quotes embedded in a post (the slowest shape)."""
    single = [x for (family, _, _), x in zip(qs, lat, strict=True) if family != "embedded"]
    posts = [x for (family, _, _), x in zip(qs, lat, strict=True) if family == "embedded"]
    return {
        "single_p50": pct(single, 0.5),
        "single_p99": pct(single, 0.99),
        "post_p50": pct(posts, 0.5),
        "post_p99": pct(posts, 0.99),
    }


def shapes(m: dict) -> str:
    return (
        f"single quotes p50 {m['single_p50']:.2f} / p99 {m['single_p99']:.2f} ms, "
        f"in a post p50 {m['post_p50']:.2f} / p99 {m['post_p99']:.2f} ms"
    )


def database_bytes(kind: str, url: str) -> int:
    """The database's size on disk: the SQLite file, or pg_database_size (tables, indexes, TOAST)."""
    if kind == "sqlite":
        path = Path(make_url(url).database or "")
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file() and p.suffix != ".index")
    engine = create_engine(url)
    with engine.connect() as conn:
        size = int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    engine.dispose()
    return size


def _server_pids(pid: int) -> list[int]:
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [pid, *map(int, children)]


def rss_mb(pid: int) -> float:
    """The largest resident set among the server and its workers."""
    total = 0
    for child in _server_pids(pid):
        status = Path(f"/proc/{child}/status").read_text()
        total = max(total, int(re.search(r"VmRSS:\s+(\d+)", status).group(1)))  # type: ignore[union-attr]
    return total / 1024


def pss_mb(pid: int) -> float:
    """The server's proportional set size: every process's private pages, and each shared page
    (a memory-mapped index snapshot) divided among the processes that map it, summed."""
    total = 0
    for child in _server_pids(pid):
        rollup = Path(f"/proc/{child}/smaps_rollup").read_text()
        total += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
    return total / 1024


def measure_http(
    kind: str, rows: list[dict], qs: list[tuple[str, str, str]], pg_url: str, workdir: Path, *, rebuilt: bool = True
) -> dict:
    """Import with the index persisted at the end, then: a restart with the snapshot (1 worker,
    then 2), and (with `rebuilt`) a start without it, the index rebuilt from the database, for
    comparison."""
    url = fresh_database(kind, pg_url, workdir, f"qvs_bench_{len(rows)}")
    path = workdir / "import.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({"text": r["text"], "speaker": r["speaker"], "article_title": "Benchmark"}) + "\n")
    env = {**os.environ, "DATABASE_URL": url, "SEED_ON_START": "false", "INDEX_DIR": str(workdir / "index")}
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "service", "import", str(path), "--quiet", "--batch-size", "5000"],
        env={**env, "INDEX_DIR": "none"},
        check=True,
        capture_output=True,
    )
    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "service", "index", "build"], env=env, check=True, capture_output=True)
    result = {"import_per_s": len(rows) / import_s, "snapshot_s": time.perf_counter() - t0}
    snapshot_bytes = sum(f.stat().st_size for f in (workdir / "index").rglob("*") if f.is_file())
    result["snapshot_b"] = snapshot_bytes / len(rows)
    result["database_b"] = database_bytes(kind, url) / len(rows)
    for workers in (1, 2):
        port = 18900 + workers
        t0 = time.perf_counter()
        proc = serve(env, workers, port, workdir / f"server-{workers}.log")
        result[f"ready_s_{workers}w"] = time.perf_counter() - t0
        if workers == 1:
            result["rss_mb"] = rss_mb(proc.pid)
            requests = [wire.post_json("/v1/verify", {"text": q}) for _, _, q in qs]
            asyncio.run(wire.one_at_a_time("127.0.0.1", port, requests[:20]))  # warm up
            lat = asyncio.run(wire.one_at_a_time("127.0.0.1", port, requests))
            result["p50"], result["p99"] = pct(lat, 0.5), pct(lat, 0.99)
            result.update(by_shape(qs, lat))
        else:
            result["rps_2w"] = throughput(port, [q for _, _, q in qs])
        result[f"pss_mb_{workers}w"] = pss_mb(proc.pid)  # after the requests: the pages they touched count
        proc.terminate()
        proc.wait(timeout=30)
    if rebuilt:
        t0 = time.perf_counter()
        proc = serve({**env, "INDEX_DIR": "none"}, 2, 18903, workdir / "server-rebuilt.log")
        result["ready_s_rebuilt"] = time.perf_counter() - t0
        result["pss_mb_rebuilt"] = pss_mb(proc.pid)
        proc.terminate()
        proc.wait(timeout=30)
    return result


def serve(env: dict[str, str], workers: int, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`python -m service serve` on 127.0.0.1, returned once every worker has loaded the statements.

    /readyz answers as soon as one worker is up, and at a million statements another may still
    be building its index (some 20 s of CPU), which a throughput run would then share the two
    cores with. Each worker logs "serving N statements" when it is ready, so that is waited for.
    The server's own output goes to `log`, leaving the benchmark's output to its figures.
    """
    command = [sys.executable, "-m", "service", "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}; see {log}")
        if len(re.findall(r"serving \d+ statements", log.read_text(errors="replace"))) >= workers:
            return proc
        time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"the server was not ready within 10 minutes; see {log}")


def throughput(port: int, texts: list[str], *, seconds: float = 10.0, connections: int = 8) -> float:
    """Verifications per second from `connections` closed-loop clients (benchmarks/wire.py)."""
    requests = [wire.post_json("/v1/verify", {"text": t}) for t in texts]
    load = asyncio.run(
        wire.closed_loop("127.0.0.1", port, requests, connections=connections, duration=seconds, warmup=2.0, timeout=30)
    )
    return load.per_second


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--databases", nargs="*", default=["sqlite", "postgresql"])
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--no-peers", action="store_true", help="skip the rapidfuzz and thefuzz full scans")
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--examples", type=int, default=0, help="print up to N recall misses, and every false positive")
    parser.add_argument(
        "--no-rebuilt",
        action="store_true",
        help="skip the start without a snapshot (at ten million, two workers rebuilding need some 12 GB)",
    )
    args = parser.parse_args()
    if not DATA.exists():
        print(f"needs {DATA} (the evaluation data beside the repository)", file=sys.stderr)
        return 1
    real, negatives = load_real(args.seed)
    print(f"real quotes: {len(real)} stored-eligible, {len(negatives)} held out as negatives; seed {args.seed}")
    header = f"{'size':>9} {'what':<22} {'p50 ms':>8} {'p99 ms':>8} {'recall@1':>9} {'false +':>8}  other"
    print(header)
    for size in args.sizes:
        rng = random.Random(args.seed)
        rows = corpus(real, size, rng)
        stored_real = real[: min(size, len(real))]
        qs = queries(stored_real, negatives, args.queries, rng)
        duplicate = stored_duplicates(negatives, stored_real)
        eng = measure_engine(rows, qs, negatives, duplicate, args.examples)
        print(
            f"{size:>9} {'engine':<22} {eng['p50']:>8.2f} {eng['p99']:>8.2f} {eng['recall']:>9.3f} "
            f"{eng['fp']:>8.3f}  CPU time p50 {eng['cpu_p50']:.2f} / p99 {eng['cpu_p99']:.2f} ms; "
            f"built in {eng['build_s']:.1f} s; near-duplicate ties {eng['ties']:.3f}; "
            f"held out, matching the same speaker's stored variant {eng['fp_same']:.3f}; "
            f"{eng['dups']} held out hold a stored quote's words (left out; {eng['fp_dup']} of them "
            f"found on another speaker's statement; false + counting them: {eng['fp_all']:.3f}); {shapes(eng)}"
        )
        for line in eng["examples"]:
            print(line)
        if not args.no_peers:
            scan = measure_scan(rows, qs)
            print(
                f"{size:>9} {'rapidfuzz extractOne':<22} {scan['p50']:>8.2f} {scan['p99']:>8.2f} "
                f"{scan['recall']:>9.3f} {'':>8}  {SCAN_QUERIES} queries; {ratio(scan, eng)}"
            )
            fuzzy = measure_thefuzz(rows, qs)
            if fuzzy is None:
                print(f"{size:>9} {'thefuzz extractOne':<22} not installed (pip install -e '.[bench]')")
            else:
                print(
                    f"{size:>9} {'thefuzz extractOne':<22} {fuzzy['p50']:>8.2f} {fuzzy['p99']:>8.2f} "
                    f"{fuzzy['recall']:>9.3f} {'':>8}  {fuzzy['queries']} queries; {ratio(fuzzy, eng)}"
                )
        if args.no_http:
            continue
        for kind in args.databases:
            with tempfile.TemporaryDirectory() as tmp:
                h = measure_http(kind, rows, qs, args.postgres_url, Path(tmp), rebuilt=not args.no_rebuilt)
            without = (
                f"without it (index rebuilt): ready {h['ready_s_rebuilt']:.1f} s, PSS {h['pss_mb_rebuilt']:.0f} MB "
                "with 2 workers; "
                if "ready_s_rebuilt" in h
                else ""
            )
            print(
                f"{size:>9} {'HTTP ' + kind:<22} {h['p50']:>8.2f} {h['p99']:>8.2f} {'':>9} {'':>8}  "
                f"import {h['import_per_s']:.0f}/s, index snapshot written in {h['snapshot_s']:.1f} s; "
                f"{h['database_b']:.0f} bytes a statement in the database, {h['snapshot_b']:.0f} in the snapshot; "
                f"restart with it: ready {h['ready_s_1w']:.1f} s (1 worker) / {h['ready_s_2w']:.1f} s (2), "
                f"PSS {h['pss_mb_1w']:.0f} / {h['pss_mb_2w']:.0f} MB (largest RSS {h['rss_mb']:.0f} MB); "
                f"{without}{h['rps_2w']:.0f} req/s with 2 workers; HTTP adds {h['p50'] - eng['p50']:.1f} ms "
                f"at p50; {shapes(h)}"
            )
        sys.stdout.flush()
    return 0


def section() -> tuple[str, str]:
    """The docs/benchmarks.md section of the sizes asked: one per set of sizes, so the ten-million
    run (one database, some forty minutes) does not overwrite the table at a million."""
    sizes = argparse.ArgumentParser(add_help=False)
    sizes.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    asked = sizes.parse_known_args()[0].sizes
    label = ", ".join(f"{n:,}" for n in asked)
    title = f"Verification speed and accuracy at {label} statements (benchmarks/verify.py)"
    return "scale-" + "-".join(map(str, asked)), title


if __name__ == "__main__":
    raise SystemExit(report.run(main, *section()))
