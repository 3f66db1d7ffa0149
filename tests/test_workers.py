"""`python -m service serve --workers 2`: both workers take connections, even keep-alive ones
opened all at once; a worker that dies is replaced; SIGTERM stops them all with status 0."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import fresh_sqlite_url
from tests.test_server import free_port

pytestmark = pytest.mark.slow

QUOTE = json.dumps({"text": "We won't allow any threat to harm our nation"}).encode()


def workers_of(pid: int) -> list[int]:
    """The server's worker processes (multiprocessing also runs a resource tracker beside them)."""
    children = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [c for c in children if b"resource_tracker" not in Path(f"/proc/{c}/cmdline").read_bytes()]


def served(log: Path) -> int:
    """Workers that have loaded the statements so far (each logs it once)."""
    return len(re.findall(r"serving \d+ statements", log.read_text(errors="replace")))


def wait_for(condition, what: str, proc: subprocess.Popen[bytes], log: Path) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 60
    while not condition():
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what}: server exit status {proc.poll()}\n{log.read_text(errors='replace')}")
        time.sleep(0.1)


def verify_on(conn: socket.socket) -> dict:
    """POST a verification on a keep-alive connection and read the answer."""
    head = f"POST /v1/verify HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: {len(QUOTE)}\r\n"
    conn.sendall(head.encode() + b"\r\n" + QUOTE)
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    header, _, body = data.partition(b"\r\n\r\n")
    length = int(re.search(rb"(?i)content-length: (\d+)", header).group(1))  # type: ignore[union-attr]
    while len(body) < length:
        body += conn.recv(65536)
    assert header.startswith(b"HTTP/1.1 200"), header
    return json.loads(body)


def connections_by_process(pids: list[int], port: int) -> Counter[int]:
    """How many established connections to `port` each process holds, read off /proc."""
    established = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                established.add(fields[9])  # the socket's inode
    held: Counter[int] = Counter()
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            target = os.readlink(fd) if fd.is_symlink() else ""
            if target.startswith("socket:[") and target[8:-1] in established:
                held[pid] += 1
    return held


@pytest.fixture
def two_workers(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int, Path]]:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "DATABASE_URL": fresh_sqlite_url(sqlite_template, tmp_path), "LOG_FORMAT": "text"}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "service", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: served(log) >= 2, "both workers ready", proc, log)
        yield proc, port, log
    finally:
        if proc.poll() is None:  # a test failed midway: leave no worker behind
            for pid in workers_of(proc.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            proc.kill()
            proc.wait()


def test_keep_alive_connections_opened_together_reach_both_workers(
    two_workers: tuple[subprocess.Popen[bytes], int, Path],
) -> None:
    proc, port, _ = two_workers
    workers = workers_of(proc.pid)
    assert len(workers) == 2
    # Sixteen at once: a shared socket hands such a burst to one worker; one socket per worker
    # lets the kernel spread them (all on one of two by chance: 1 in 32,768).
    conns = [socket.create_connection(("127.0.0.1", port)) for _ in range(16)]
    try:
        for conn in conns:
            assert verify_on(conn)["verdict"] == "verified"
        held = connections_by_process(workers, port)
        assert sum(held.values()) == 16
        assert all(held[pid] > 0 for pid in workers), held
    finally:
        for conn in conns:
            conn.close()


def test_a_worker_that_dies_is_replaced_and_sigterm_stops_all_with_status_0(
    two_workers: tuple[subprocess.Popen[bytes], int, Path],
) -> None:
    proc, port, log = two_workers
    first, second = workers_of(proc.pid)
    os.kill(first, signal.SIGKILL)
    wait_for(lambda: served(log) >= 3, "a replacement worker ready", proc, log)
    replaced = workers_of(proc.pid)
    assert second in replaced and first not in replaced and len(replaced) == 2
    for _ in range(8):  # whichever worker takes each connection answers
        with socket.create_connection(("127.0.0.1", port)) as conn:
            assert verify_on(conn)["verdict"] == "verified"

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    assert not any(Path(f"/proc/{pid}").exists() for pid in replaced)
