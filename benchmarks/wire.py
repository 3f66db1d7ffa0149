"""A small HTTP/1.1 client for measuring the server: keep-alive connections, requests encoded once.

Why: httpx spends about a millisecond of Python CPU on each request. On a two-core machine where
the client shares the cores with the server, that is CPU the server does not get, and latency
and throughput figures end up measuring the client. This client writes request bytes prepared
before the clock starts and reads answers framed by Content-Length, nothing more (no chunked
bodies, TLS or redirects): all the service's JSON answers need. Tools such as wrk do the same
in C; this one needs nothing beyond the standard library.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field


def post_json(path: str, body: object, *, host: str = "127.0.0.1") -> bytes:
    """The bytes of one keep-alive POST of `body` as JSON."""
    payload = json.dumps(body).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(payload)}\r\nConnection: keep-alive\r\n\r\n"
    )
    return head.encode() + payload


class Connection:
    """One keep-alive connection sending requests one after the other."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer)

    async def send(self, request: bytes) -> tuple[int, bytes]:
        """Status and body of the answer to `request`."""
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()


@dataclass
class Load:
    """What a closed-loop run saw: one latency (ms) per answer, and the answers that were not 200."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


async def closed_loop(
    host: str, port: int, requests: list[bytes], *, connections: int, duration: float, warmup: float, timeout: float
) -> Load:
    """`connections` clients, each sending its next request as soon as the last is answered.

    Only answers that arrive after `warmup` seconds count. A request that fails or takes longer
    than `timeout` seconds is an error; its connection is opened again.
    """
    load = Load()
    measuring = False
    stop_at = time.monotonic() + warmup + duration

    async def client(k: int) -> None:
        conn = await Connection.open(host, port)
        i = k
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(conn.send(requests[i % len(requests)]), timeout)
                ok = status == 200
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
                ok = False
                await conn.close()
                conn = await Connection.open(host, port)
            if measuring:
                load.latencies.append((time.perf_counter() - started) * 1000)
                load.errors += not ok
            i += connections
        await conn.close()

    tasks = [asyncio.create_task(client(k)) for k in range(connections)]
    await asyncio.sleep(warmup)
    measuring = True
    began = time.monotonic()
    await asyncio.gather(*tasks)
    load.seconds = time.monotonic() - began
    return load


async def one_at_a_time(host: str, port: int, requests: list[bytes]) -> list[float]:
    """Latency (ms) of each request sent alone on one connection; raises on an answer that is not 200."""
    conn = await Connection.open(host, port)
    took = []
    try:
        for request in requests:
            started = time.perf_counter()
            status, body = await conn.send(request)
            took.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"HTTP {status}: {body[:200]!r}")
    finally:
        await conn.close()
    return took
