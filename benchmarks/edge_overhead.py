"""What the HTTP edge costs per request: request log, metrics, key checks and rate limiting.

Starts a real uvicorn (one worker) on 127.0.0.1 for each configuration on a fresh SQLite copy
of the seeded database, sends the same verify request N times, one at a time, and prints
p50/p99 latency per configuration, so the cost of each edge feature shows as a difference.

    python benchmarks/edge_overhead.py --requests 500
    python benchmarks/edge_overhead.py --app-dir /path/to/another/checkout   # compare two trees
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

QUOTE = {"text": "We will allow any threat to harm our nation", "speaker": "Sellal"}
CONFIGURED_KEY = "bench-write-key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(label: str, seeded: Path, requests: int, app_dir: str | None, env: dict[str, str], headers: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "quotes.db"
        shutil.copyfile(seeded, db)
        port = free_port()
        command = [sys.executable, "-m", "uvicorn", "service.main:app", "--port", str(port), "--no-access-log"]
        if app_dir:
            command += ["--app-dir", app_dir]
        full_env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "API_KEYS": CONFIGURED_KEY, **env}
        if callable(headers):
            headers = headers(full_env)
        proc = subprocess.Popen(command, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=10) as client:
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    try:
                        if client.get("/healthz").status_code == 200:
                            break
                    except httpx.TransportError:
                        time.sleep(0.2)
                for _ in range(20):  # warm up
                    client.post("/v1/verify", json=QUOTE, headers=headers)
                took = []
                for _ in range(requests):
                    start = time.perf_counter()
                    r = client.post("/v1/verify", json=QUOTE, headers=headers)
                    took.append((time.perf_counter() - start) * 1000)
                    assert r.status_code == 200, r.text
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(
        f"{label:<44} p50 {statistics.median(took):6.2f} ms   p99 {percentile(took, 0.99):6.2f} ms   "
        f"mean {statistics.fmean(took):6.2f} ms"
    )


def stored_key_headers(env: dict[str, str]) -> dict[str, str]:
    made = subprocess.run(
        [sys.executable, "-m", "service", "keys", "create", "--name", "bench", "--scopes", "read"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return {"X-API-Key": made.stdout.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--app-dir", default=None, help="serve the `service` package from this directory")
    parser.add_argument("--baseline-only", action="store_true", help="only the first configuration (another tree)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeded = Path(tmp) / "seeded.db"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{seeded}"}
        subprocess.run([sys.executable, "-m", "service", "migrate"], env=env, check=True, capture_output=True)
        configurations: list[tuple[str, dict[str, str], object]] = [
            ("no key, JSON logs, metrics", {"LOG_FORMAT": "json"}, {}),
        ]
        if not args.baseline_only:
            configurations += [
                ("no key, text logs", {"LOG_FORMAT": "text"}, {}),
                ("configured key (X-API-Key)", {}, {"X-API-Key": CONFIGURED_KEY}),
                ("stored key (a database lookup)", {}, stored_key_headers),
                ("no key, rate limit on (10^6/min)", {"RATE_LIMIT_PER_MINUTE": "1000000"}, {}),
            ]
        for label, extra, headers in configurations:
            run(label, seeded, args.requests, args.app_dir, extra, headers)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
