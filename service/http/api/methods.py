"""405 Method Not Allowed names every method the path allows, not just one route's.

Starlette answers 405 from the first route whose path matches, so for a path served by several
routes (GET and DELETE /v1/quotes/{id}) its Allow header lists only some of the methods. This
handler collects them from every route that matches the path.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match

from service.http.api.problems import problem

# The methods a route of this API may serve; each is tried against the path.
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """The methods some route serves at the request's path (routing is asked, method by method)."""
    allowed = []
    for method in _METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in app.router.routes):
            allowed.append(method)
    return allowed


def install(app: FastAPI) -> None:
    @app.exception_handler(405)
    async def _method_not_allowed(request: Request, exc: HTTPException) -> JSONResponse:
        allow = ", ".join(allowed_methods(app, request))
        return problem(
            request,
            status=405,
            title="Method Not Allowed",
            detail=f"{request.method} is not allowed on {request.url.path}; allowed: {allow}",
            headers={"Allow": allow},
        )
