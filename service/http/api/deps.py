"""Request dependencies: the unit of work, the matcher, settings, and who is calling.

Who is calling: the X-API-Key header, checked once per request (`caller`) against the API_KEYS
setting and the keys stored in the database. A key that is sent must be valid, whatever the
route. Routes that change data declare `WriteKey` (or `AdminKey`); a test walks every route and
fails when a non-GET route has neither and is not listed in READ_ONLY_POSTS. `guard`, applied to
every route, spends the caller's rate-limit token and, when REQUIRE_READ_KEY is on, asks for a
read key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.security import APIKeyHeader
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from service.core import api_keys
from service.core.api_keys import ConfiguredKey, Scope
from service.errors import ForbiddenError, RateLimitedError, UnauthorizedError
from service.matching import Matcher
from service.settings import Settings
from service.storage import key_store
from service.storage.database import unit_of_work

# Probes and the metrics scrape: never rate limited nor asked for a key (they carry none).
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
# Non-GET routes that change nothing, so they need no write key. Adding a route here is a
# deliberate decision the route-walking test makes visible.
READ_ONLY_POSTS = frozenset(
    {
        # Checks a quote. With "save" (or ClaimReview output) it also keeps the caller's own result
        # under a permalink: an append-only record bounded by MAX_TEXT_CHARS and the rate limit.
        ("POST", "/v1/verify"),
        ("POST", "/v1/verify/batch"),  # checks many quotes, saves nothing
        ("POST", "/v1/extract"),  # returns what an article would yield, stores nothing
        ("POST", "/ingest"),  # the HTML form: preview stores nothing; storing checks the form's key itself
    }
)


# Trivial dependencies are async so they run on the event loop: a sync one costs a threadpool
# round trip per request.
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_matcher(request: Request) -> Matcher:
    return request.app.state.matcher


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back if it raises."""
    with unit_of_work(request.app.state.engine) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
MatcherDep = Annotated[Matcher, Depends(get_matcher)]
# scope="function": the commit happens before the response is sent, so a 201 means stored.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]

_api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="A key from the API_KEYS setting or from `python -m service keys create`.",
)
ApiKeyHeader = Annotated[str | None, Depends(_api_key_header)]


@dataclass(frozen=True)
class Caller:
    """An authenticated key: `key_id` names it in logs and rate limits without revealing it."""

    key_id: str
    scopes: frozenset[Scope]


def authenticate(key: str, configured: list[ConfiguredKey], session: Session | None) -> Caller:
    """The caller holding `key`; ForbiddenError when no configured or stored key matches."""
    found = _configured_caller(key, configured)
    if found is not None:
        return found
    key_id = api_keys.stored_key_id(key)
    if key_id is not None and session is not None:
        row = key_store.active_key(session, key_id)
        # The id is public; the digest comparison is the check, in constant time.
        if row is not None and api_keys.same_digest(api_keys.digest(key), row.key_hash):
            return Caller(f"key:{row.id}", api_keys.parse_scopes(row.scopes))
    if not configured and (session is None or not key_store.has_active_keys(session)):
        raise ForbiddenError(
            "the API key is not valid: the service has no API_KEYS configured and no stored keys (writes are disabled)"
        )
    raise ForbiddenError("the API key is not valid")


def _configured_caller(key: str, configured: list[ConfiguredKey]) -> Caller | None:
    position = api_keys.match_configured(key, configured)
    if position is None:
        return None
    # Named by position in API_KEYS: logs and rate limits tell keys apart without anything derived from them.
    return Caller(f"api_keys[{position}]", configured[position].scopes)


def _authenticate_stored(engine: Engine, key: str, configured: list[ConfiguredKey]) -> Caller:
    with unit_of_work(engine) as session:
        return authenticate(key, configured, session)


async def caller(request: Request, key: ApiKeyHeader) -> Caller | None:
    """The caller of this request (None without a key), worked out once and kept on request.state."""
    if hasattr(request.state, "caller"):
        return request.state.caller
    found: Caller | None = None
    if key:
        configured: list[ConfiguredKey] = request.app.state.configured_keys
        found = _configured_caller(key, configured)
        if found is None and configured and api_keys.stored_key_id(key) is None:
            raise ForbiddenError("the API key is not valid")
        if found is None:  # a stored key (or none configured): ask the database, off the event loop
            found = await run_in_threadpool(_authenticate_stored, request.app.state.engine, key, configured)
    request.state.caller = found
    return found


CallerDep = Annotated[Caller | None, Depends(caller)]


def _require(who: Caller | None, scope: Scope) -> Caller:
    if who is None:
        raise UnauthorizedError("this operation needs an API key in the X-API-Key header")
    if not api_keys.allows(who.scopes, scope):
        raise ForbiddenError(f"this operation needs a key with the {scope.label} scope")
    return who


class RequireScope:
    """Dependency: the caller's key must hold `scope` (or a higher one)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    async def __call__(self, who: CallerDep) -> Caller:
        return _require(who, self.scope)


WriteKey = Depends(RequireScope(Scope.WRITE))
AdminKey = Depends(RequireScope(Scope.ADMIN))


async def guard(request: Request, settings: SettingsDep, key: ApiKeyHeader) -> None:
    """Every route: validate a key that was sent, spend a rate-limit token, require a read key if set."""
    if request.url.path in OPEN_PATHS:
        return
    try:
        who = await caller(request, key)
    except ForbiddenError:
        # Refused keys spend the client IP's budget, so guessing keys is rate limited too.
        _spend(request, None)
        raise
    _spend(request, who)
    if settings.require_read_key:
        _require(who, Scope.READ)


def _spend(request: Request, who: Caller | None) -> None:
    limiter = request.app.state.rate_limiter
    if limiter is None:
        return
    client = who.key_id if who else f"ip:{request.client.host if request.client else 'unknown'}"
    decision = limiter.take(client)
    request.state.rate_limit = decision
    if not decision.allowed:
        raise RateLimitedError(
            f"more than {decision.limit} requests a minute; retry in {decision.retry_after} s",
            headers={"Retry-After": str(decision.retry_after)},
        )


def require_write_key(settings: Settings, key: str | None, session: Session | None = None) -> Caller:
    """The write-key check for callers outside the dependency system (the ingest form).

    With a session, keys stored in the database are accepted too.
    """
    if not key:
        raise UnauthorizedError("this operation needs an API key in the X-API-Key header")
    return _require(authenticate(key, api_keys.parse_configured(settings.api_keys), session), Scope.WRITE)


def effective_routes(app: FastAPI) -> list[Any]:
    """Every route as requests meet it: with the prefixes and dependencies of the routers and the
    app it was included into (FastAPI from 0.16x keeps included routers nested in app.routes)."""
    try:
        from fastapi.routing import iter_route_contexts  # type: ignore[attr-defined,unused-ignore]
    except ImportError:  # older FastAPI copies included routes into app.routes
        return list(app.routes)
    return list(iter_route_contexts(app.routes))


def needed_scope(route: Any) -> Scope | None:
    """The scope a route's dependencies demand, found by walking its dependency tree."""
    found: list[Scope] = []
    stack = [getattr(route, "dependant", None)]
    while stack:
        dependant = stack.pop()
        if dependant is None:
            continue
        if isinstance(dependant.call, RequireScope):
            found.append(dependant.call.scope)
        stack.extend(dependant.dependencies)
    return max(found) if found else None
