"""ASGI middleware: request ids, the per-request log line and metrics, the catch-all, the body cap."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import PayloadTooLargeError
from service.http import observability
from service.http.api import problems
from service.http.observability import Metrics

_SAFE_ID = re.compile(r"^[A-Za-z0-9._\-]{1,128}$")
access_log = logging.getLogger("service.access")
log = logging.getLogger(__name__)


class RequestIdMiddleware:
    """Take X-Request-ID from the client (when it is sane) or make one; echo it on the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        supplied = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = supplied if _SAFE_ID.match(supplied) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        await self.app(scope, receive, send_with_id)


class BodyLimitMiddleware:
    """Refuse bodies over `max_bytes` with 413, counting as the body streams in.

    The body is read before the app runs, so a client that sends no Content-Length (chunked
    transfer) is held to the same cap and the app never sees a partial body.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        exc = PayloadTooLargeError(f"the request body is over the {self.max_bytes}-byte limit")
        await send_problem(
            send, scope, problems.of_service_error(exc, path=scope.get("path", ""), request_id=_rid(scope)), close=True
        )


def route_template(scope: Scope) -> str:
    """The route's path template (`/v1/quotes/{quote_id}`), so metrics get one series per route."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    if scope.get("path", "").startswith("/static/"):
        return "/static/{path}"
    return "unmatched"


class ObservedRequestMiddleware:
    """One log line and the metrics for each request; an exception that escapes the app becomes a
    500 problem without a stack trace (the trace goes to the log, with the request id).

    Also copies the rate-limit state the guard left on request.state into RateLimit-* headers.
    """

    def __init__(self, app: ASGIApp, *, metrics: Metrics, tracing: bool = False) -> None:
        self.app = app
        self.metrics = metrics
        self.tracing = tracing

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state: dict[str, Any] = scope.setdefault("state", {})
        rid = state.get("request_id")
        token = observability.request_id.set(rid)
        if self.tracing and rid:
            observability.annotate_span(rid)
        status = 500
        responded = False

        async def send_observed(message: Message) -> None:
            nonlocal status, responded
            if message["type"] == "http.response.start":
                responded, status = True, message["status"]
                decision = state.get("rate_limit")
                if decision is not None:
                    message.setdefault("headers", []).extend(
                        [
                            (b"ratelimit-limit", str(decision.limit).encode()),
                            (b"ratelimit-remaining", str(decision.remaining).encode()),
                            (b"ratelimit-reset", str(decision.reset).encode()),
                        ]
                    )
            await send(message)

        try:
            await self.app(scope, receive, send_observed)
        except Exception:
            log.exception("unexpected error on %s %s", scope["method"], scope["path"])
            if responded:
                raise
            status = 500
            body = problems.document(
                path=scope.get("path", ""),
                request_id=_rid(scope),
                status=500,
                title="Internal Server Error",
                detail="an unexpected error occurred; it has been logged with this request id",
            )
            await send_problem(send, scope, body)
        finally:
            seconds = time.perf_counter() - started
            route = route_template(scope)
            verdict = state.get("verdict")
            self.metrics.observe(method=scope["method"], route=route, status=status, seconds=seconds, verdict=verdict)
            caller = state.get("caller")
            client = scope.get("client")
            access_log.info(
                "%s %s %d %.1f ms",
                scope["method"],
                route,
                status,
                seconds * 1000,
                extra={
                    "request_id": rid,
                    "method": scope["method"],
                    "route": route,
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round(seconds * 1000, 2),
                    "verdict": verdict,
                    "caller": caller.key_id if caller is not None else None,
                    "client": client[0] if client else None,
                },
            )
            observability.request_id.reset(token)


def _rid(scope: Scope) -> str | None:
    return scope.get("state", {}).get("request_id")


async def send_problem(send: Send, scope: Scope, document: dict[str, Any], *, close: bool = False) -> None:
    """A problem document (problems.document) written straight to ASGI, for errors raised outside
    the app's handlers: the same body every other error has."""
    body = json.dumps(document, separators=(",", ":")).encode()  # as compact as the app's JSONResponse
    await send(
        {
            "type": "http.response.start",
            "status": document["status"],
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                *([(b"connection", b"close")] if close else []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
