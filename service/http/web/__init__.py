"""The web pages: server-rendered HTML on top of the same use cases as the JSON API.

`install(app)` mounts the vendored static files at /static and adds the page routes last, so
every JSON API route keeps precedence; a browser asking for an address that serves nothing gets
an HTML page, not the API's problem document.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service.http.web.page_routes import not_found, router
from service.http.web.render import HERE


def install(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(router)
    app.state.browser_not_found = lambda request: not_found(request, "Nothing is served at this address.")


__all__ = ["install", "router"]
