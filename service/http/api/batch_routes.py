"""POST /v1/verify/batch: many texts in one request, as JSON or as NDJSON lines.

Items are answered in the order sent. An item that cannot be checked (empty, too long, a line
that is not a JSON object) carries its own error; the others are answered all the same.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from service.core.verify import ClaimCheck, VerifiedClaim, check_text, cite
from service.errors import InvalidInputError, ServiceError
from service.http.api import examples, presenters, schemas
from service.http.api.deps import MatcherDep, SettingsDep
from service.matching import Matcher
from service.settings import Settings

router = APIRouter(prefix="/v1", tags=["verify"])

NDJSON = "application/x-ndjson"
_request = TypeAdapter(schemas.BatchRequest)
_item = TypeAdapter(schemas.BatchItemIn)

_BODY_SCHEMA = {
    "content": {
        "application/json": {
            # Inline: a body the route reads itself does not put its model in the components.
            "schema": {
                "title": "BatchRequest",
                "type": "object",
                "properties": {"items": {"type": "array", "items": schemas.BatchItemIn.model_json_schema()}},
                "required": ["items"],
                "additionalProperties": False,
            },
            "example": examples.load()["batch_json"]["request"]["body"],
        },
        NDJSON: {
            "schema": {"type": "string", "description": 'One item a line: {"id", "text", "speaker"}.'},
            "example": examples.load()["batch_ndjson"]["request"]["content"],
        },
    },
    "required": True,
}


@router.post(
    "/verify/batch",
    response_model=schemas.BatchOut,
    openapi_extra={"requestBody": _BODY_SCHEMA},
    responses={
        200: {
            "content": {
                "application/json": {"example": examples.answer("batch_json")},
                NDJSON: {"schema": {"type": "string"}, "example": examples.lines("batch_ndjson")},
            }
        }
    },
)
async def verify_batch(request: Request, matcher: MatcherDep, settings: SettingsDep) -> Response:
    """Verify up to MAX_BATCH_ITEMS texts (JSON) or MAX_BATCH_LINES lines (NDJSON, answered as NDJSON)."""
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    body = await request.body()
    if kind == NDJSON:
        parsed = _ndjson_items(body, settings.max_batch_lines)
        answers = await run_in_threadpool(_answer, parsed, matcher, request.app.state.engine, settings)
        lines = "".join(a.model_dump_json() + "\n" for a in answers)
        return Response(lines, media_type=NDJSON)
    if kind not in ("application/json", ""):
        raise HTTPException(415, f"send application/json or {NDJSON}, not {kind}")
    items = _json_items(body, settings.max_batch_items)
    answers = await run_in_threadpool(_answer, items, matcher, request.app.state.engine, settings)
    return Response(schemas.BatchOut(items=answers).model_dump_json(), media_type="application/json")


# An item to check with where it sits in the request (for error locations), or a line already
# answered with an error.
Parsed = tuple[list[str | int], schemas.BatchItemIn] | schemas.BatchItemOut


def _json_items(body: bytes, cap: int) -> list[Parsed]:
    try:
        request = _request.validate_json(body)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None
    if len(request.items) > cap:
        raise InvalidInputError(
            f"{len(request.items)} items; the limit is {cap} (send NDJSON for longer lists)",
            errors=[{"loc": ["body", "items"], "msg": f"at most {cap} items"}],
        )
    return [(["body", "items", i], item) for i, item in enumerate(request.items)]


def _ndjson_items(body: bytes, cap: int) -> list[Parsed]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError("the body is not UTF-8 text", errors=[{"loc": ["body"], "msg": "not UTF-8"}]) from None
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if len(lines) > cap:
        raise InvalidInputError(
            f"{len(lines)} lines; the limit is {cap}", errors=[{"loc": ["body"], "msg": f"at most {cap} lines"}]
        )
    return [_line_item(n, line) for n, line in lines]


def _line_item(n: int, line: str) -> Parsed:
    """One NDJSON line as an item, or as an error item naming the line and what is wrong."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(
            None, InvalidInputError(f"line {n} is not JSON: {exc.msg}", errors=[{"loc": [n], "msg": exc.msg}])
        )
    try:
        return ([n], _item.validate_python(raw))
    except ValidationError as exc:
        item_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
        errors = [{"loc": [n, *e["loc"]], "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        where = ".".join(str(p) for p in errors[0]["loc"][1:]) or "item"
        return _error(item_id, InvalidInputError(f"line {n}: {where}: {errors[0]['msg']}", errors=errors))


def _error(item_id: str | None, exc: ServiceError) -> schemas.BatchItemOut:
    return schemas.BatchItemOut(
        id=item_id,
        error=schemas.BatchError(status=exc.status, title=exc.title, detail=exc.detail, errors=exc.errors),
    )


def _answer(items: list[Parsed], matcher: Matcher, engine: Engine, settings: Settings) -> list[schemas.BatchItemOut]:
    """Check every item, then read every matched statement at once."""
    checked: list[schemas.BatchItemOut | tuple[str | None, ClaimCheck]] = []
    for parsed in items:
        if isinstance(parsed, schemas.BatchItemOut):
            checked.append(parsed)
            continue
        where, item = parsed
        try:
            check = check_text(
                matcher,
                item.text,
                speaker=item.speaker,
                max_chars=settings.max_text_chars,
                budget_ms=settings.match_budget_ms,
            )
        except ServiceError as exc:
            if exc.errors:  # the field is located in the item that carries it
                exc.errors = [{"loc": [*where, *str(e["field"]).split(".")], "msg": e["msg"]} for e in exc.errors]
            checked.append(_error(item.id, exc))
        else:
            checked.append((item.id, check))
    cited = cite(engine, [c[1] for c in checked if isinstance(c, tuple)])
    return [
        c
        if isinstance(c, schemas.BatchItemOut)
        else schemas.BatchItemOut(id=c[0], result=presenters.claim_out(VerifiedClaim(c[1], cited)))
        for c in checked
    ]
