"""Cross-origin (CORS) access for the origins CORS_ORIGINS lists, to the read and verify routes only.

A browser extension's pages, or a newsroom tool on its own domain, call the API from another
origin; the browser lets them read the answer only if the service names their origin in
Access-Control-Allow-Origin. That is granted for reading (GET and HEAD under /v1/, except the key
administration) and for verification (POST /v1/verify and /v1/verify/batch). Writes are never
admitted cross-origin, whatever the key: they stay for servers and scripts, which CORS does not
concern, so an origin listed by mistake can never make a visitor's browser write.

A preflight (OPTIONS with Access-Control-Request-Method) is answered here, before the app and its
key check, since browsers send no key with it; one the rules refuse gets a 403 problem saying why
rather than a response without the header, which the browser would report only as a network error.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import ForbiddenError
from service.http.api import problems
from service.http.api.middleware import send_problem

_READ_METHODS = frozenset({"GET", "HEAD"})
_VERIFY_PATHS = frozenset({"/v1/verify", "/v1/verify/batch"})
# Headers a cross-origin caller may send: JSON bodies, the key, its own request id.
_ALLOWED_HEADERS = "Accept, Content-Type, X-API-Key, X-Request-ID"
# Response headers a cross-origin caller may read besides the CORS-safelisted ones.
_EXPOSED_HEADERS = "X-Request-ID, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset"
_PREFLIGHT_MAX_AGE = "600"


def open_to_other_origins(method: str, path: str) -> bool:
    """Whether a cross-origin request may make this call: the read and verify routes.

    >>> open_to_other_origins("POST", "/v1/verify"), open_to_other_origins("GET", "/v1/quotes/q1")
    (True, True)
    >>> open_to_other_origins("POST", "/v1/articles"), open_to_other_origins("GET", "/v1/keys")
    (False, False)
    """
    if method == "POST":
        return path in _VERIFY_PATHS
    return method in _READ_METHODS and path.startswith("/v1/") and not path.startswith("/v1/keys")


class CrossOriginMiddleware:
    """Adds the CORS headers for admitted origins and answers their preflights."""

    def __init__(self, app: ASGIApp, *, origins: frozenset[str]) -> None:
        self.app = app
        self.origins = origins

    def _admits(self, origin: str) -> bool:
        return "*" in self.origins or origin.lower() in self.origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        origin = headers.get(b"origin", b"").decode("latin-1")
        requested = headers.get(b"access-control-request-method", b"").decode("latin-1").upper()
        if scope["method"] == "OPTIONS" and origin and requested:
            await self._preflight(scope, send, origin, requested)
            return
        if not origin or not self._admits(origin) or not open_to_other_origins(scope["method"], scope["path"]):
            await self.app(scope, receive, _vary_on_origin(send))
            return

        async def send_allowed(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).extend(
                    [
                        (b"access-control-allow-origin", origin.encode("latin-1")),
                        (b"access-control-expose-headers", _EXPOSED_HEADERS.encode()),
                        (b"vary", b"Origin"),
                    ]
                )
            await send(message)

        await self.app(scope, receive, send_allowed)

    async def _preflight(self, scope: Scope, send: Send, origin: str, requested: str) -> None:
        path = scope["path"]
        if not self._admits(origin):
            await _refuse(send, scope, f"cross-origin requests from {origin} are not admitted (CORS_ORIGINS)")
            return
        if not open_to_other_origins(requested, path):
            await _refuse(
                send,
                scope,
                f"{requested} {path} is not open to other origins: only reading and POST /v1/verify "
                "(and /v1/verify/batch) are; writes are made from servers and scripts",
            )
            return
        allowed = "GET, HEAD" if requested in _READ_METHODS else "POST"
        await send(
            {
                "type": "http.response.start",
                "status": 204,
                "headers": [
                    (b"access-control-allow-origin", origin.encode("latin-1")),
                    (b"access-control-allow-methods", allowed.encode()),
                    (b"access-control-allow-headers", _ALLOWED_HEADERS.encode()),
                    (b"access-control-max-age", _PREFLIGHT_MAX_AGE.encode()),
                    (b"vary", b"Origin"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _vary_on_origin(send: Send) -> Send:
    """Answers differ by Origin once CORS is on, so caches must keep them apart."""

    async def send_varying(message: Message) -> None:
        if message["type"] == "http.response.start":
            message.setdefault("headers", []).append((b"vary", b"Origin"))
        await send(message)

    return send_varying


async def _refuse(send: Send, scope: Scope, detail: str) -> None:
    rid = scope.get("state", {}).get("request_id")
    document = problems.of_service_error(ForbiddenError(detail), path=scope["path"], request_id=rid)
    await send_problem(send, scope, document)
