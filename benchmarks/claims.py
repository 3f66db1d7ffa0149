"""What segments, explanations, batches and saved checks cost on the verify hot path.

Why: POST /v1/verify aims at about 5 ms at p50. Claims add work to it: the extractor runs on
text that holds quotation marks, each quoted passage is verified on its own, and every match
gets an explanation. Saving a check adds a database write. This script measures, on the seed
statements:
- in-process: `Matcher.verify` against `check_claim` (plus explanations) for a plain quote, a
  quote in a post with one quoted passage, and a paragraph with three quoted passages;
- over HTTP on a real uvicorn process (SQLite): POST /v1/verify with and without `save`, a
  ClaimReview answer, and a batch of 100 items against 100 single requests.

Run:  .venv/bin/python benchmarks/claims.py [--repeat 300] [--write]
It prints a table; it asserts nothing. Figures on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import httpx

from service.core.verify import check_claim
from service.matching import Matcher, SpeakerRef, Statement
from service.matching.explain import explain

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report

PLAIN = "We will allow any threat to harm our nation"
POST = 'Algeria\'s PM told parliament "Algeria wants to avoid having terrorist dens at its frontiers" #Mali'
PARAGRAPH = (
    'Sellal told parliament: "We won\'t allow any threat to harm our nation." '
    '"Algeria wants to avoid having terrorist camps at its frontiers," Sellal said. '
    'Fabiani said: "We need to work with the nations in the region."'
)
TEXTS = {"plain quote": PLAIN, "post, 1 passage": POST, "paragraph, 3 passages": PARAGRAPH}


def seed_matcher() -> Matcher:
    data = json.loads((files("service") / "data" / "seed.json").read_text(encoding="utf-8"))
    refs = {
        s["key"]: SpeakerRef(s["name"], s["affiliation"], s["role"], tuple(s["aliases"]), s["anonymous"])
        for s in data["speakers"]
    }
    return Matcher(Statement(str(i), q["text"], q["kind"], refs[q["speaker"]]) for i, q in enumerate(data["quotes"]))


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """p50 and p99 in milliseconds."""
    fn()  # warm caches
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def engine(repeat: int) -> None:
    m = seed_matcher()
    print("| in-process | what | p50 ms | p99 ms |")
    print("|---|---|---|---|")
    for name, text in TEXTS.items():
        p50, p99 = timed(lambda t=text: m.verify(t), repeat)
        print(f"| {name} | Matcher.verify | {p50:.2f} | {p99:.2f} |")

        def claim(t: str = text) -> None:
            for s in check_claim(m, t).segments:
                for match in s.matches:
                    explain(match)

        p50, p99 = timed(claim, repeat)
        print(f"| {name} | check_claim + explain | {p50:.2f} | {p99:.2f} |")


def http(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(tmp) / 'q.db'}", "SYNC_INTERVAL_SECONDS": "0"}
        port = "8799"
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "service.main:app", "--port", port, "--log-level", "warning"], env=env
        )
        try:
            base = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=base, timeout=60) as c:
                for _ in range(100):
                    try:
                        if c.get("/readyz").status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    time.sleep(0.2)
                print()
                print("| HTTP, SQLite | what | p50 ms | p99 ms |")
                print("|---|---|---|---|")
                cases = {
                    "plain quote": {"text": PLAIN, "speaker": "Sellal"},
                    "plain quote, save": {"text": PLAIN, "speaker": "Sellal", "save": True},
                    "paragraph, 3 passages": {"text": PARAGRAPH},
                    "paragraph, 3 passages, save": {"text": PARAGRAPH, "save": True},
                }
                for name, body in cases.items():
                    p50, p99 = timed(lambda b=body: c.post("/v1/verify", json=b).raise_for_status(), repeat)
                    print(f"| {name} | POST /v1/verify | {p50:.2f} | {p99:.2f} |")
                p50, p99 = timed(
                    lambda: c.post("/v1/verify?format=claimreview", json=cases["plain quote"]).raise_for_status(),
                    repeat,
                )
                print(f"| plain quote | ClaimReview (saves) | {p50:.2f} | {p99:.2f} |")
                items = [{"id": str(i), "text": [PLAIN, PARAGRAPH][i % 2]} for i in range(100)]
                p50, _ = timed(lambda: c.post("/v1/verify/batch", json={"items": items}).raise_for_status(), 20)
                print(f"| 100 items | POST /v1/verify/batch | {p50:.2f} | |")
                p50, _ = timed(lambda: [c.post("/v1/verify", json={"text": i["text"]}) for i in items], 20)
                print(f"| 100 items | 100 x POST /v1/verify | {p50:.2f} | |")
        finally:
            server.terminate()
            server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()
    engine(args.repeat)
    if not args.no_http:
        http(args.repeat)


if __name__ == "__main__":
    raise SystemExit(report.run(main, "claims-cost", "What claims cost on the hot path (benchmarks/claims.py)"))
