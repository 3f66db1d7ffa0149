"""What the HTTP edge costs per request: request log, metrics, key checks and rate limiting.

Starts a real uvicorn (one worker) on 127.0.0.1 for each configuration on a fresh SQLite copy
of the seeded database, sends the same verify request N times, one at a time, and prints
p50/p99 latency per configuration, so the cost of each edge feature shows as a difference.

    python benchmarks/edge_overhead.py --requests 500
    python benchmarks/edge_overhead.py --app-dir /path/to/another/checkout   # compare two trees
    python benchmarks/edge_overhead.py --micro   # the edge's own CPU cost, in process, without HTTP noise
"""

from __future__ import annotations

import argparse
import asyncio
import logging
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
        full_env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "API_KEYS": CONFIGURED_KEY, **env}
        if app_dir:
            # The other tree may not know this tree's migrations: serve the database as it is.
            command += ["--app-dir", app_dir]
            full_env["MIGRATE_ON_START"] = "false"
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


def micro(rounds: int) -> None:
    """Microseconds per request spent in the log-and-metrics middleware, the key check and the bucket."""
    from service.core import api_keys
    from service.http.api.middleware import ObservedRequestMiddleware
    from service.http.observability import JsonFormatter, Metrics
    from service.http.ratelimit import TokenBuckets

    handler = logging.StreamHandler(open(os.devnull, "w"))  # noqa: SIM115 - lives as long as the process
    handler.setFormatter(JsonFormatter())
    access = logging.getLogger("service.access")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    access.propagate = False

    async def noop(scope: dict, receive: object, send: object) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b"{}"})  # type: ignore[operator]

    async def sink(message: dict) -> None:
        return None

    async def drive(app: object) -> float:
        start = time.perf_counter()
        for _ in range(rounds):
            scope = {"type": "http", "method": "POST", "path": "/v1/verify", "headers": [], "state": {}}
            await app(scope, None, sink)  # type: ignore[operator]
        return (time.perf_counter() - start) / rounds * 1e6

    bare = asyncio.run(drive(noop))
    observed = asyncio.run(drive(ObservedRequestMiddleware(noop, metrics=Metrics())))  # type: ignore[arg-type]
    configured = api_keys.parse_configured(",".join(f"key-{i}" for i in range(10)))
    start = time.perf_counter()
    for _ in range(rounds):
        api_keys.match_configured("key-9", configured)
    matching = (time.perf_counter() - start) / rounds * 1e6
    buckets = TokenBuckets(1_000_000)
    start = time.perf_counter()
    for i in range(rounds):
        buckets.take(f"ip:{i % 1000}")
    bucket = (time.perf_counter() - start) / rounds * 1e6
    print(f"log line + metrics per request      {observed - bare:7.1f} µs")
    print(f"configured key check (10 keys)      {matching:7.1f} µs")
    print(f"token bucket                        {bucket:7.1f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--app-dir", default=None, help="serve the `service` package from this directory")
    parser.add_argument("--baseline-only", action="store_true", help="only the first configuration (another tree)")
    parser.add_argument("--micro", action="store_true", help="only the in-process cost of each edge feature")
    args = parser.parse_args()
    if args.micro:
        micro(max(args.requests, 1) * 40)
        return
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
