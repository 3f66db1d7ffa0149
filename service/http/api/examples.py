"""Examples for the OpenAPI document: real requests on the seed article and their real answers.

They live in data/openapi_examples.json. `python -m service examples` replays every request
against a freshly seeded database and rewrites the answers (and the ids the later requests
take from earlier answers), so the examples follow any change in what the service says; the
test suite replays them too and fails when an answer differs.
"""

from __future__ import annotations

import json
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

EXAMPLES_FILE = "openapi_examples.json"
# Long answers are cut in the document: an article's full text or every quote of a speaker
# would bury the shape of the answer the example is there to show.
ELLIPSIS = "…"


def _path() -> Path:
    return Path(str(resources.files("service") / "data" / EXAMPLES_FILE))


@cache
def load() -> dict[str, dict[str, Any]]:
    return json.loads(_path().read_text(encoding="utf-8"))


def ok(name: str) -> dict[int | str, dict[str, Any]]:
    """A route's `responses=` entry showing the example's answer."""
    return {200: {"content": {"application/json": {"example": load()[name]["response"]}}}}


def param(name: str, key: str) -> list[Any]:
    """The value the example sends for a query or path parameter, as `examples=` wants it."""
    request = load()[name]["request"]
    value = request.get("params", {}).get(key, request.get("path_values", {}).get(key))
    return [value]


def body(name: str) -> dict[str, Any]:
    """The example's request body, for `openapi_examples=`."""
    return {"seed": {"summary": "From the seed article", "value": load()[name]["request"]["body"]}}


def pointer(document: Any, path: str) -> Any:
    """The value at a JSON pointer ("/items/0/id")."""
    for part in path.strip("/").split("/"):
        document = document[int(part)] if isinstance(document, list) else document[part]
    return document


def trimmed(answer: Any, trim: dict[str, int]) -> Any:
    """The answer with each field named in `trim` cut: a string to that many characters and an
    ellipsis, a list to that many items."""
    if not isinstance(answer, dict):
        return answer
    cut = dict(answer)
    for field, size in trim.items():
        value = cut.get(field)
        if isinstance(value, str) and len(value) > size:
            cut[field] = value[:size] + ELLIPSIS
        elif isinstance(value, list):
            cut[field] = value[:size]
    return cut


def resolve(request: dict[str, Any], answers: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The concrete path of a request and the path values it takes from earlier answers."""
    values = dict(request.get("path_values", {}))
    for key, source in request.get("path_from", {}).items():
        values[key] = pointer(answers[source["example"]], source["pointer"])
    return request["path"].format(**values), values


def replay(send: Any) -> dict[str, dict[str, Any]]:
    """Every example with the answer `send(method, path, params, body) -> (status, json)` gives now."""
    answers: dict[str, Any] = {}
    refreshed: dict[str, dict[str, Any]] = {}
    for name, example in load().items():
        request = dict(example["request"])
        path, values = resolve(request, answers)
        if values:
            request["path_values"] = values
        status, answer = send(request["method"], path, request.get("params"), request.get("body"))
        if status != 200:
            raise RuntimeError(f"example {name}: {request['method']} {path} answered {status}: {answer}")
        answers[name] = answer
        refreshed[name] = {"request": request, "response": trimmed(answer, example.get("trim", {}))}
        if example.get("trim"):
            refreshed[name]["trim"] = example["trim"]
    return refreshed


def refresh() -> Path:
    """Replay every example against a freshly seeded SQLite database and rewrite the file."""
    from fastapi.testclient import TestClient  # the test extra: this is a development command

    from service.app import create_app
    from service.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite:///{tmp}/examples.db", api_keys="", sync_interval_seconds=0)
        with TestClient(create_app(settings)) as client:

            def send(method: str, path: str, params: Any, body: Any) -> tuple[int, Any]:
                r = client.request(method, path, params=params, json=body)
                return r.status_code, r.json()

            refreshed = replay(send)
    path = _path()
    path.write_text(json.dumps(refreshed, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    load.cache_clear()
    return path
