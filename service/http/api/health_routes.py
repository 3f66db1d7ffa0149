"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from service.http.api import examples, schemas
from service.http.api.deps import MatcherDep
from service.storage.migrate import current_revision, head_revision

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=schemas.Health, responses=examples.ok("healthz"))
def healthz() -> schemas.Health:
    """The process is up and serving."""
    return schemas.Health(status="ok")


@router.get(
    "/readyz", response_model=schemas.Health, responses={**examples.ok("readyz"), 503: {"model": schemas.Health}}
)
def readyz(request: Request, matcher: MatcherDep) -> JSONResponse:
    """The database answers and its schema is at the head migration."""
    head = head_revision()
    try:
        with request.app.state.engine.connect() as conn:
            current = current_revision(conn)
    except SQLAlchemyError as exc:
        body = schemas.Health(status="unavailable", database=f"unreachable: {type(exc).__name__}")
        return JSONResponse(body.model_dump(), status_code=503)
    if current != head:
        body = schemas.Health(status="unavailable", database="reachable", revision=current)
        body.database = f"schema at {current or 'nothing'}, expected {head}; run `python -m service migrate`"
        return JSONResponse(body.model_dump(), status_code=503)
    body = schemas.Health(status="ok", database="reachable", revision=current, statements=len(matcher))
    return JSONResponse(body.model_dump())
