"""Render every error as application/problem+json (RFC 9457)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException

from service.errors import ConflictError, ServiceError, UnavailableError

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"


def document(
    *,
    path: str,
    request_id: str | None,
    status: int,
    title: str,
    detail: str,
    type_: str = "about:blank",
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The problem document every error is answered with, wherever it is raised (the app's
    handlers below, the middleware outside them)."""
    body: dict[str, Any] = {"type": type_, "title": title, "status": status, "detail": detail, "instance": path}
    if request_id:
        body["request_id"] = request_id
    if errors:
        body["errors"] = errors
    return body


def of_service_error(exc: ServiceError, *, path: str, request_id: str | None, query: Any = ()) -> dict[str, Any]:
    """The document of a domain error; its field errors get their location in the request (a field
    the query string carries is in the query, any other in the body)."""
    errors = None
    if exc.errors:
        errors = [_located(e, query) for e in exc.errors]
    return document(
        path=path,
        request_id=request_id,
        status=exc.status,
        title=exc.title,
        detail=exc.detail,
        type_=exc.type,
        errors=errors,
    )


def _located(error: dict[str, Any], query: Any) -> dict[str, Any]:
    if "field" not in error:
        return error
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in str(error["field"]).split(".") if p]
    where = "query" if parts and parts[0] in query else "body"
    return {"loc": [where, *parts], "msg": error["msg"]}


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
    body = document(
        path=request.url.path,
        request_id=getattr(request.state, "request_id", None),
        status=status,
        title=title,
        detail=detail,
        type_=type_,
        errors=errors,
    )
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]


def _validation_detail(exc: RequestValidationError, errors: list[dict[str, Any]]) -> str:
    """Say where and what: the invalid JSON's position and the parser's complaint, or the first field."""
    raw = exc.errors()
    if raw and raw[0].get("type") == "json_invalid":
        error = raw[0]
        what = (error.get("ctx") or {}).get("error") or error.get("msg", "invalid JSON")
        position = error["loc"][1] if len(error.get("loc", ())) > 1 else None
        at = f" at character {position}" if isinstance(position, int) else ""
        return f"the body is not valid JSON: {what}{at}"
    first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def install(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def _service(request: Request, exc: ServiceError) -> JSONResponse:
        headers = dict(exc.headers or {})
        if exc.status == 401:
            headers["WWW-Authenticate"] = "ApiKey"
        if isinstance(exc, UnavailableError):  # busy, timed out or unreachable: worth retrying
            headers.setdefault("Retry-After", "1")
        body = of_service_error(
            exc,
            path=request.url.path,
            request_id=getattr(request.state, "request_id", None),
            query=request.query_params,
        )
        return JSONResponse(body, status_code=exc.status, media_type=PROBLEM, headers=headers or None)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _field_errors(exc)
        return problem(
            request,
            status=422,
            title="Unprocessable Content",
            type_="/problems/validation",
            detail=_validation_detail(exc, errors),
            errors=errors,
        )

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        html = getattr(request.app.state, "browser_not_found", None)
        if exc.status_code == 404 and html is not None and _wants_html(request) and "route" not in request.scope:
            return html(request)  # a browser at an address that serves nothing: a page, not a document
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


def _wants_html(request: Request) -> bool:
    """A browser navigating (it asks for HTML first), not a script asking for JSON."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and not request.url.path.startswith("/v1/")


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
