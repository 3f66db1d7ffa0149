"""Run the service under uvicorn so that a stop signal ends it cleanly, with exit status 0.

uvicorn finishes the requests in flight on SIGTERM, then re-raises the signal so that the
process ends "killed by SIGTERM" (status 143). Orchestrators and process supervisors read that
as a failure to restart after; here a SIGTERM that led to a graceful shutdown ends with 0.

With several workers, each is a process of its own with a listening socket of its own on the
same port (SO_REUSEPORT), and the kernel spreads connections over the sockets by a hash of
their addresses. uvicorn's `--workers` shares one socket instead, and a worker that is idle at
that instant takes every connection of a burst: eight keep-alive connections to two workers,
opened together, all went to one worker in five trials of five, and in one of three runs of a
closed-loop client (benchmarks/wire.py), leaving the other worker idle for as long as the
connections lived. Clients that keep connections open (a reverse proxy's upstream pool, a batch
script) then got one worker's throughput. With a socket per worker, the same eight connections
split 6-2, 7-1 and 5-3: never all on one worker but by a chance of 2 in 256, and a closed-loop
client keeps both workers busy as long as each holds a connection.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import sys
import threading
from multiprocessing.process import BaseProcess

import uvicorn

# Requests still running this long after SIGTERM are cut off: inside Docker's and Kubernetes'
# default 10 s / 30 s stop grace periods, and longer than any verification takes.
GRACEFUL_SHUTDOWN_SECONDS = 5
# Connections served at once (per worker) before new ones get 503: bounds memory and queueing under a flood.
LIMIT_CONCURRENCY = 200
# A worker that exits with this status never started (the app's start-up failed: database
# unreachable, migrations refused): starting it again would only fail again.
STARTUP_FAILURE = 3

log = logging.getLogger("service.http.server")


def serve(*, host: str, port: int, workers: int = 1) -> int:
    """Serve `service.main:app` until SIGTERM or SIGINT; 0 after a graceful shutdown."""
    if workers <= 1:
        # uvicorn restores this handler before re-raising the signal it shut down on: the re-raised
        # SIGTERM then lands here instead of ending the process with status 143.
        signal.signal(signal.SIGTERM, lambda _signum, _frame: None)
        return 0 if _run(_config(host, port)) else 1
    return _supervise(host, port, [_listening(host, port) for _ in range(workers)])


def _config(host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        "service.main:app",
        host=host,
        port=port,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        limit_concurrency=LIMIT_CONCURRENCY,
        server_header=False,
        access_log=False,  # the app writes its own access line, with the request id (observability.py)
    )


def _run(config: uvicorn.Config, sockets: list[socket.socket] | None = None) -> bool:
    """Serve until told to stop; whether the server started at all."""
    server = uvicorn.Server(config)
    server.run(sockets=sockets)
    return server.started


def _listening(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) that other sockets may bind too (SO_REUSEPORT)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def _worker(host: str, port: int, sock: socket.socket) -> None:
    """One worker process: the supervisor owns the stop signals and passes SIGTERM on, so both
    are no-ops here once uvicorn has shut down on them (see `serve`)."""
    signal.signal(signal.SIGTERM, lambda _signum, _frame: None)
    signal.signal(signal.SIGINT, lambda _signum, _frame: None)
    sys.exit(0 if _run(_config(host, port), [sock]) else STARTUP_FAILURE)


def _supervise(host: str, port: int, sockets: list[socket.socket]) -> int:
    """Start a worker per socket, start again any that dies on its own, and on SIGTERM or SIGINT
    pass SIGTERM to all and wait for their graceful shutdown; 0 when every worker ended cleanly."""
    spawn = multiprocessing.get_context("spawn")  # each worker imports the app and builds its own matcher
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
    signal.signal(signal.SIGINT, lambda _signum, _frame: stop.set())

    def start(sock: socket.socket) -> BaseProcess:
        worker = spawn.Process(target=_worker, args=(host, port, sock), name="service-worker")
        worker.start()
        return worker

    workers = [start(sock) for sock in sockets]
    failed = False
    while not stop.wait(0.5):
        for i, worker in enumerate(workers):
            if worker.is_alive():
                continue
            if worker.exitcode == STARTUP_FAILURE:
                log.error("a worker could not start (exit status %s); stopping", worker.exitcode)
                failed = True
                stop.set()
                break
            log.warning("worker %s ended with status %s; starting another", worker.pid, worker.exitcode)
            workers[i] = start(sockets[i])
    for sock in sockets:  # the workers close their copies as they shut down; a copy left open here would keep
        sock.close()  # taking connections that nobody accepts
    for worker in workers:
        if worker.is_alive():
            worker.terminate()  # SIGTERM: a graceful shutdown
    for worker in workers:
        worker.join(GRACEFUL_SHUTDOWN_SECONDS + 5)
        if worker.is_alive():
            worker.kill()
            worker.join()
    return 1 if failed or any(worker.exitcode != 0 for worker in workers) else 0
