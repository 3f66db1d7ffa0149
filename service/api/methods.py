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

from service.api.problems import problem


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    scope = {**request.scope, "method": "GET"}
    methods: set[str] = set()
    for route in app.router.routes:
        route_methods = getattr(route, "methods", None)
        if route_methods and route.matches({**scope, "method": next(iter(route_methods))})[0] is Match.FULL:
            methods |= route_methods
    return sorted(methods)


def install(app: FastAPI) -> None:
    @app.exception_handler(405)
    async def _method_not_allowed(request: Request, exc: HTTPException) -> JSONResponse:
        allow = ", ".join(allowed_methods(app, request))
        return problem(
            request,
            status=405,
            title="Method Not Allowed",
            detail=f"{request.method} is not allowed here; allowed: {allow}",
            headers={"Allow": allow},
        )
