"""Render every error as application/problem+json (RFC 9457)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException

from service.errors import ConflictError, ServiceError, UnavailableError

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"


def problem(
    request: Request,
    *,
    status: int,
    title: str,
    detail: str,
    type_: str = "about:blank",
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    request_id = getattr(request.state, "request_id", None)
    if request_id:
        body["request_id"] = request_id
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]


def install(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def _service(request: Request, exc: ServiceError) -> JSONResponse:
        headers = dict(exc.headers or {})
        if exc.status == 401:
            headers["WWW-Authenticate"] = "ApiKey"
        if isinstance(exc, UnavailableError):  # busy, timed out or unreachable: worth retrying
            headers.setdefault("Retry-After", "1")
        return problem(
            request,
            status=exc.status,
            title=exc.title,
            detail=exc.detail,
            type_=exc.type,
            errors=exc.errors,
            headers=headers or None,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _field_errors(exc)
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"])
        return problem(
            request,
            status=422,
            title="Unprocessable Content",
            type_="/problems/validation",
            detail=f"{where}: {first['msg']}" if where else str(first["msg"]),
            errors=errors,
        )

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        headers = getattr(exc, "headers", None)
        return problem(
            request,
            status=exc.status_code,
            title=_title(exc.status_code),
            detail=_routing_detail(request, exc.status_code, headers) or str(exc.detail),
            headers=headers,
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        log.info("integrity error on %s: %s", request.url.path, exc.orig)
        err = ConflictError("the write conflicts with data stored at the same time; nothing was changed, retry it")
        return await _service(request, err)

    @app.exception_handler(OperationalError)
    async def _operational(request: Request, exc: DBAPIError) -> JSONResponse:
        log.warning("database unavailable on %s: %s", request.url.path, exc.orig)
        err = UnavailableError("the database is busy or unreachable; nothing was changed, retry shortly")
        resp = await _service(request, err)
        resp.headers["Retry-After"] = "1"
        return resp

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return problem(
            request,
            status=500,
            title="Internal Server Error",
            detail="an unexpected error occurred; it has been logged",
        )


def _routing_detail(request: Request, status: int, headers: dict[str, str] | None) -> str | None:
    """Say what routing could not find, instead of repeating the title."""
    if status == 404 and "route" not in request.scope:
        return f"nothing is served at {request.url.path}"
    return None


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
