"""POST /v1/extract: the statements an article would yield, without storing anything."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Body

from service.core import ingest
from service.http.api import examples, schemas
from service.http.api.body_text import TextBodyRoute
from service.http.api.deps import SettingsDep

router = APIRouter(prefix="/v1", tags=["extract"], route_class=TextBodyRoute)


@router.post("/extract", response_model=schemas.ExtractOut, responses=examples.ok("extract"))
def extract(
    body: Annotated[schemas.ExtractRequest, Body(openapi_examples=examples.body("extract"))], settings: SettingsDep
) -> schemas.ExtractOut:
    """Direct quotes and reported statements with offsets, speaker, cue, context and confidence.
    With html, the page's main text is read first and returned, since the offsets refer to it."""
    if body.html is not None:
        page = ingest.read_page(body.html, max_chars=settings.max_article_chars)
        title = body.title or page.title
        found = ingest.extract(page.text, title=title, max_chars=settings.max_article_chars)
        return schemas.ExtractOut.model_validate(
            {"quotes": [asdict(s) for s in found], "text": page.text, "title": title}
        )
    found = ingest.extract(body.text or "", title=body.title, max_chars=settings.max_article_chars)
    return schemas.ExtractOut.model_validate({"quotes": [asdict(s) for s in found]})
