"""The OpenAPI document states what every error really is: an RFC 9457 problem.

FastAPI documents only its own 422 body, as application/json. Each operation here lists the
errors it can answer with (which depends on what it takes: a body, path ids, a key, the
database), all as `application/problem+json`, so clients and schema-driven tests know what
to expect.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from service.http.api.deps import effective_routes, needed_scope

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "An RFC 9457 problem.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "One entry per invalid field.",
            "items": {
                "type": "object",
                "required": ["loc", "msg"],
                "properties": {
                    "loc": {
                        "type": "array",
                        "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                        "description": "Where the invalid value is: body, query or path, then the field.",
                    },
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        },
    },
}
_REF = {"$ref": "#/components/schemas/Problem"}
_DESCRIPTIONS = {
    "400": "The body is not JSON.",
    "401": "No API key.",
    "403": "The API key is not accepted, or writes are disabled.",
    "404": "No such id.",
    "409": "The write conflicts with one made at the same time; nothing was changed.",
    "413": "The request body is over the size limit.",
    "422": "The input is invalid; `errors` names each field.",
    "500": "An unexpected error; it has been logged with the request id.",
    "503": "The database is busy or unreachable; nothing was changed. Retry after Retry-After seconds.",
}


# Rules the service enforces beyond types, stated as JSON Schema patterns (unanchored patterns
# search, as in Python's `re`): no string may hold NUL (PostgreSQL text cannot); names and titles
# need a non-blank character; text to verify needs a word, text to extract a letter.
_NO_NUL = "^[^\\x00]*$"
_NOT_BLANK = "^[^\\x00]*[^\\s\\x00][^\\x00]*$"
_HAS_WORD = "^[^\\x00]*[^\\W_][^\\x00]*$"
_HAS_LETTER = "^[^\\x00]*[^\\W\\d_][^\\x00]*$"
_FIELD_PATTERNS = {
    ("VerifyRequest", "text"): _HAS_WORD,
    ("ExtractRequest", "text"): _HAS_LETTER,
    ("QuoteIn", "text"): _NOT_BLANK,
    ("QuoteCreate", "text"): _NOT_BLANK,
    ("SpeakerIn", "name"): _NOT_BLANK,
    ("SpeakerIn", "aliases"): _NOT_BLANK,
    ("ArticleRef", "title"): _NOT_BLANK,
    ("ArticleIn", "title"): _NOT_BLANK,
    ("QuoteCreate", "title"): _NOT_BLANK,
}


def _string_schemas(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The string schemas in a property's schema (itself, or the branches of an anyOf)."""
    if node.get("type") == "string":
        return [node]
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return _string_schemas(node["items"])
    return [branch for option in node.get("anyOf", []) for branch in _string_schemas(option)]


def _document_rules(schemas: dict[str, Any], *, max_lengths: dict[tuple[str, str], int]) -> None:
    for name, model in schemas.items():
        if not name.endswith(("Request", "In", "Ref", "Create")):
            continue  # responses: what the service says, not what it accepts
        for field, prop in model.get("properties", {}).items():
            for string in _string_schemas(prop):
                if "format" in string:
                    continue
                string["pattern"] = _FIELD_PATTERNS.get((name, field), _NO_NUL)
                if (name, field) in max_lengths:
                    string["maxLength"] = max_lengths[(name, field)]


def _errors_of(method: str, operation: dict[str, Any]) -> list[str]:
    codes = ["500"]
    params = operation.get("parameters", [])
    if params or "requestBody" in operation:
        codes.append("422")
    if "requestBody" in operation:
        codes += ["400", "413"]
    if any(p.get("in") == "path" for p in params) or operation.get("security"):  # writes name stored ids
        codes.append("404")
    if operation.get("security"):
        codes += ["401", "403"]
    if method != "get" or params:  # it reads or writes the database
        codes.append("503")
    if method in ("post", "put", "patch", "delete") and operation.get("security"):
        codes.append("409")
    return codes


def document_problems(app: FastAPI) -> None:
    """Make `app.openapi()` describe every error response as application/problem+json."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = plain()
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        settings = app.state.settings
        _document_rules(
            schemas,
            max_lengths={
                ("VerifyRequest", "text"): settings.max_text_chars,
                ("ExtractRequest", "text"): settings.max_article_chars,
                ("ArticleIn", "text"): settings.max_article_chars,
            },
        )
        schemas["Problem"] = PROBLEM_SCHEMA
        if "ExtractRequest" in schemas:  # exactly one of text and html
            schemas["ExtractRequest"]["oneOf"] = [
                {"required": [given], "properties": {other: {"type": "null"}}}
                for given, other in (("text", "html"), ("html", "text"))
            ]
        if "QuoteCreate" in schemas:  # the article a quote belongs to: a stored one, or described inline
            schemas["QuoteCreate"]["anyOf"] = [
                {"required": ["article_id"], "properties": {"article_id": {"type": "string"}}},
                {"required": ["article"], "properties": {"article": {"type": "object"}}},
            ]
        _document_optional_keys(app, schema)
        for path in schema.get("paths", {}).values():
            for method, operation in path.items():
                responses = operation.setdefault("responses", {})
                if "201" in responses and "200" not in responses:  # a store that found it all stored
                    responses["200"] = {**responses["201"], "description": "Everything was already stored."}
                for code in _errors_of(method, operation):
                    documented = responses.setdefault(code, {"description": _DESCRIPTIONS[code]})
                    own = documented.get("content", {}).get("application/json", {}).get("schema")
                    if code == "503" and own is not None:  # /readyz answers 503 with its own body
                        documented["content"] = {"application/json": {"schema": own}}
                    else:
                        documented["content"] = {"application/problem+json": {"schema": _REF}}
                    if code == "503":
                        documented.setdefault("headers", {})["Retry-After"] = {"schema": {"type": "integer"}}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _document_optional_keys(app: FastAPI, schema: dict[str, Any]) -> None:
    """A key is sent to every route (a wrong one is refused anywhere), but only routes that need a
    scope require one: elsewhere the key is optional, which OpenAPI writes as an empty alternative."""
    if app.state.settings.require_read_key:
        return
    paths = schema.get("paths", {})
    for route in effective_routes(app):
        if needed_scope(route) is not None:
            continue
        for method in getattr(route, "methods", None) or ():
            operation = paths.get(getattr(route, "path", ""), {}).get(method.lower())
            if operation and operation.get("security"):
                operation["security"] = [{}, *operation["security"]]
