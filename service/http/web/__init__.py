"""The web pages: server-rendered HTML on top of the same catalog as the JSON API.

`install(app)` mounts the vendored static files at /static and adds the page routes last, so
every JSON API route keeps precedence.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service.http.web.page_routes import router
from service.http.web.render import HERE


def install(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(router)


__all__ = ["install", "router"]
