"""The ingest form: reading the urlencoded body and turning its fields into the API's request schema.

The form is validated by the same `schemas.ArticleIn` as `POST /v1/articles`, so the page accepts
exactly what the API accepts; pydantic's error locations are mapped back onto the form's fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qsl

from fastapi import Request
from pydantic import ValidationError

from service.http.api import schemas

FORM_TYPE = "application/x-www-form-urlencoded"
FIELDS = ("api_key", "title", "url", "publisher", "published_at", "text", "quotes", "action")
# Quote lines: "Speaker Name | quote text", optionally "| indirect" for a reported statement.
SEPARATOR = "|"
KINDS = {"direct", "indirect"}


async def read_form(request: Request) -> dict[str, str] | None:
    """The submitted fields (first value of each known one), or None when the body is not a form."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != FORM_TYPE:
        return None
    try:
        raw = (await request.body()).decode("utf-8")
        pairs = parse_qsl(raw, keep_blank_values=True, max_num_fields=50)
    except (UnicodeDecodeError, ValueError):
        return None
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in FIELDS and name not in values:
            values[name] = value.replace("\r\n", "\n")
    return values


@dataclass(frozen=True, slots=True)
class QuoteLine:
    line: int
    speaker: str
    text: str
    kind: str = "direct"


@dataclass
class Parsed:
    """The form's article and quotes, and the problems found, by form field."""

    values: dict[str, str]
    lines: list[QuoteLine] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    article: schemas.ArticleIn | None = None

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


def parse_quote_lines(block: str, parsed: Parsed) -> list[QuoteLine]:
    """One quote a line: `Speaker Name | quote text [| indirect]`; blank lines are skipped.

    This is the step an automatic quote extractor will later fill in for a preview.
    """
    lines: list[QuoteLine] = []
    for number, raw in enumerate(block.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split(SEPARATOR)]
        kind = "direct"
        if len(parts) >= 3 and parts[-1].lower() in KINDS:
            kind = parts.pop().lower()
        if len(parts) < 2 or not parts[0] or not SEPARATOR.join(parts[1:]).strip():
            parsed.add("quotes", f"line {number}: write it as “Speaker Name | quote text”")
            continue
        text = SEPARATOR.join(parts[1:]).strip().strip('"“”„«»').strip()
        if not text:
            parsed.add("quotes", f"line {number}: the quote is empty")
            continue
        lines.append(QuoteLine(number, parts[0], text, kind))
    return lines


def _published(value: str, parsed: Parsed) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        parsed.add("published_at", "use a date like 2012-10-21")
        return None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _field_of(loc: tuple[int | str, ...], lines: list[QuoteLine]) -> tuple[str, str]:
    """The form field (and a line prefix) a pydantic error location points at."""
    if loc and loc[0] == "quotes" and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(lines):
        what = "speaker name" if "speaker" in loc else "quote"
        return "quotes", f"line {lines[loc[1]].line}, {what}: "
    name = str(loc[0]) if loc else "text"
    return (name if name in FIELDS else "text"), ""


def parse_article(values: dict[str, str], *, max_article_chars: int) -> Parsed:
    """Validate the form as `POST /v1/articles` would validate the same article."""
    parsed = Parsed(values)
    parsed.lines = parse_quote_lines(values.get("quotes", ""), parsed)
    text = values.get("text", "")
    if len(text) > max_article_chars:
        parsed.add("text", f"the article text is {len(text)} characters; the limit is {max_article_chars}")
    url = values.get("url", "").strip()
    if url and not url.lower().startswith(("http://", "https://")):
        parsed.add("url", "give a web address starting with http:// or https://, or leave it empty")
    body: dict[str, Any] = {
        "title": values.get("title", "").strip(),
        "url": url or None,
        "publisher": values.get("publisher", "").strip() or None,
        "published_at": _published(values.get("published_at", ""), parsed),
        "text": text if text.strip() else None,
        "quotes": [{"text": q.text, "kind": q.kind, "speaker": {"name": q.speaker}} for q in parsed.lines],
    }
    try:
        article = schemas.ArticleIn(**body)
    except ValidationError as exc:
        for error in exc.errors():
            name, prefix = _field_of(tuple(error["loc"]), parsed.lines)
            message = "this field is required" if error["type"] == "string_too_short" else error["msg"]
            parsed.add(name, prefix + message[:1].lower() + message[1:])
        return parsed
    if not parsed.errors:
        parsed.article = article
    return parsed


def found_in_text(values: dict[str, str], line: QuoteLine) -> bool:
    """Whether the quote occurs word for word in the article text (so its offsets will be stored)."""
    return bool(values.get("text")) and line.text in values.get("text", "")
