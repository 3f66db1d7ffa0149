"""Examples for the OpenAPI document: real requests on the seed article and their real answers.

They live in data/openapi_examples.json, one system for every route. `python -m
tests.openapi_examples` replays every request against a freshly seeded database and rewrites the
answers (and the ids the later requests take from earlier answers), so the examples follow any
change in what the service says; the test suite replays them too and fails when an answer
differs (leaving out what changes at every replay, such as a saved check's id).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

EXAMPLES_FILE = "openapi_examples.json"
# Long answers are cut in the document: an article's full text or every quote of a speaker
# would bury the shape of the answer the example is there to show.
ELLIPSIS = "…"


def path() -> Path:
    return Path(str(resources.files("service") / "data" / EXAMPLES_FILE))


@cache
def load() -> dict[str, dict[str, Any]]:
    return json.loads(path().read_text(encoding="utf-8"))


def answer(name: str) -> Any:
    """The example's answer, as documented."""
    return load()[name]["response"]


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


# `send(method, path, params, body, content, headers) -> (status, answer)`: the answer is the JSON
# body, or the list of objects of an NDJSON body.
Send = Callable[[str, str, Any, Any, str | None, dict[str, str] | None], tuple[int, Any]]


def replay(send: Send) -> dict[str, dict[str, Any]]:
    """Every example with the answer `send` gives now, in the file's shape."""
    answers: dict[str, Any] = {}
    refreshed: dict[str, dict[str, Any]] = {}
    for name, example in load().items():
        request = dict(example["request"])
        path, values = resolve(request, answers)
        if values:
            request["path_values"] = values
        status, answer = send(
            request["method"],
            path,
            request.get("params"),
            request.get("body"),
            request.get("content"),
            request.get("headers"),
        )
        if status != 200:
            raise RuntimeError(f"example {name}: {request['method']} {path} answered {status}: {answer}")
        answers[name] = answer
        refreshed[name] = {**example, "request": request, "response": trimmed(answer, example.get("trim", {}))}
    return refreshed


def comparable(examples: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The examples without what changes at every replay (a saved check's id, link and date, and
    the path values taken from them), so two replays can be compared."""
    out: dict[str, dict[str, Any]] = {}
    for name, example in examples.items():
        response = json.loads(json.dumps(example["response"]))
        for path in example.get("volatile", []):
            *parents, last = path.strip("/").split("/")
            (pointer(response, "/".join(parents)) if parents else response)[last] = None
        request = dict(example["request"])
        volatile_from = {
            key
            for key, source in request.get("path_from", {}).items()
            if source["pointer"] in examples[source["example"]].get("volatile", [])
        }
        request["path_values"] = {k: v for k, v in request.get("path_values", {}).items() if k not in volatile_from}
        out[name] = {**example, "request": request, "response": response}
    return out


def lines(name: str) -> str:
    """An NDJSON example's answer as the body it is sent in."""
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in load()[name]["response"])
