"""Run the service under uvicorn so that a stop signal ends it cleanly, with exit status 0.

uvicorn finishes the requests in flight on SIGTERM, then re-raises the signal so that the
process ends "killed by SIGTERM" (status 143). Orchestrators and process supervisors read that
as a failure to restart after; here a SIGTERM that led to a graceful shutdown ends with 0.
"""

from __future__ import annotations

import signal

import uvicorn

# Requests still running this long after SIGTERM are cut off: inside Docker's and Kubernetes'
# default 10 s / 30 s stop grace periods, and longer than any verification takes.
GRACEFUL_SHUTDOWN_SECONDS = 5
# Connections served at once before new ones get 503: bounds memory and queueing under a flood.
LIMIT_CONCURRENCY = 200


def serve(*, host: str, port: int) -> int:
    """Serve `service.main:app` until SIGTERM or SIGINT; 0 after a graceful shutdown."""
    config = uvicorn.Config(
        "service.main:app",
        host=host,
        port=port,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        limit_concurrency=LIMIT_CONCURRENCY,
        server_header=False,
        access_log=False,  # the app writes its own access line, with the request id (observability.py)
    )
    # uvicorn restores this handler before re-raising the signal it shut down on: the re-raised
    # SIGTERM then lands here instead of ending the process with status 143.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: None)
    server = uvicorn.Server(config)
    server.run()
    return 0 if server.started else 1
