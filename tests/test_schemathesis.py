"""Every operation of the OpenAPI schema, fuzzed by schemathesis with all its checks: no 5xx,
responses as documented, invalid input refused, valid input accepted; on SQLite and PostgreSQL.

Requests carry the write key, so the writes really write (and fuzzed articles really store).
The schema is the app's own (`app.openapi()`); requests go through the ASGI app in process.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from service.app import create_app
from tests.conftest import _scratch_name, pg_database
from tests.factories import API_KEY, make_settings

pytestmark = pytest.mark.slow

# Examples per operation: enough to reach every parameter's edge cases (schemathesis also runs
# its explicit examples and boundary values first), few enough for the suite to take minutes.
EXAMPLES_PER_OPERATION = 40


class _Serving:
    """The ASGI app under test, switched per database by the fixture below.

    The fixture runs the real app's lifespan itself (engine, migrations, matcher); this
    front answers schemathesis' own lifespan messages and passes every request through.
    """

    def __init__(self) -> None:
        self.app: FastAPI | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        assert self.app is not None, "no database fixture active"
        await self.app(scope, receive, send)


# Two rules no JSON Schema can state, so schema-valid input may rightly be refused (422) there:
# a page cursor or token is opaque (only those the service issued are valid), and a quote's `start` and
# `end` must point at the quote in its article's text. Every other check stays on for them.
# An HTML page with no readable article text is refused (422) however well-formed its JSON.
# NDJSON batches answer a bad line with an error item, not a failed request (by design), so the
# negative-data check does not apply to them. /v1/quotes/search shares its path shape with
# /v1/quotes/{quote_id}, so its 405 Allow header truthfully names DELETE too.
# A body over MAX_BODY_BYTES is refused whole with 413 before it is read, which rejects invalid
# input as surely as a 422 does.
CONFIG = schemathesis.Config.from_str(
    """
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]

[[operations]]
include-name = [
  "GET /v1/quotes", "GET /v1/quotes/search", "GET /v1/speakers", "GET /v1/articles",
  "POST /v1/articles", "POST /v1/quotes", "POST /v1/extract"
]
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "422"]

[[operations]]
include-name = ["POST /v1/verify/batch"]
checks.negative_data_rejection.enabled = false

[[operations]]
include-name = ["GET /v1/quotes/search"]
checks.allow_header_conformance.enabled = false
"""
)


@schemathesis.serializer("application/x-ndjson")
def _ndjson(_ctx: Any, value: Any) -> bytes:
    """NDJSON bodies as the batch route reads them: a string as it is, anything else one JSON value a line."""
    if isinstance(value, str):
        return value.encode()
    lines = value if isinstance(value, list) else [value]
    return "".join(json.dumps(line) + "\n" for line in lines).encode()


serving = _Serving()
schema = schemathesis.openapi.from_dict(create_app(make_settings("sqlite:///unused.db")).openapi(), config=CONFIG)
schema.app = serving


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("schemathesis") / "quotes.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield from _serve(f"sqlite:///{path}")
        return
    with pg_database(_scratch_name(), template=request.getfixturevalue("pg_template")) as url:
        yield from _serve(url)


def _serve(url: str) -> Iterator[str]:
    app = create_app(make_settings(url, sync_interval_seconds=0))
    with TestClient(app):  # runs the lifespan: engine, migrations, matcher
        serving.app = app
        yield url
        serving.app = None


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    database=None,
    derandomize=True,  # the same examples on every run: CI fails on a change, never on a draw
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_honours_its_schema(database: str, case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"X-API-Key": API_KEY})
