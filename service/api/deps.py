"""Request dependencies: the unit of work, the matcher, settings and the write-key check."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader
from sqlmodel import Session

from service.errors import ForbiddenError, UnauthorizedError
from service.matching import Matcher
from service.settings import Settings
from service.storage.database import unit_of_work


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

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="A key from the API_KEYS setting.")


def require_write_key(settings: SettingsDep, key: Annotated[str | None, Depends(_api_key_header)]) -> None:
    """Writes need a configured key; with none configured they are refused outright."""
    keys = settings.api_key_list
    if not keys:
        raise ForbiddenError("writes are disabled: the service has no API_KEYS configured")
    if not key:
        raise UnauthorizedError("this operation needs an API key in the X-API-Key header")
    supplied = key.encode()
    # Compare against every key, in constant time, so timing reveals neither key nor position.
    matched = [hmac.compare_digest(supplied, k.encode()) for k in keys]
    if not any(matched):
        raise ForbiddenError("the API key is not valid")


WriteKey = Depends(require_write_key)
