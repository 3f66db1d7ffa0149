"""Request bodies checked as text before JSON parsing, so binary uploads get a problem that says so.

Without this, bytes that are not UTF-8 fail inside the framework's JSON parsing with a bare "error
parsing the body"; article endpoints are where people paste or upload files, so they name the problem.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from service.errors import InvalidInputError
from service.extraction.documents import binary_problem

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class TextBodyRoute(APIRoute):
    """A route whose body must be UTF-8 text; anything else is a 422 naming the first bad byte."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            if request.method in ("POST", "PUT", "PATCH"):
                problem = binary_problem(await request.body())
                if problem is not None:
                    raise InvalidInputError(
                        f"the request body is binary, not UTF-8 JSON text: {problem}",
                        errors=[{"loc": ["body"], "msg": problem}],
                    )
            return await handler(request)

        return checked
