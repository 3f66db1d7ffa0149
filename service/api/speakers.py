"""Speakers: list and read, each with their quotes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from service import lookup
from service.api import examples, schemas, views
from service.api.deps import SessionDep
from service.api.quotes import Cursor, Limit
from service.storage import quotes, speakers

router = APIRouter(prefix="/v1/speakers", tags=["speakers"])


@router.get("", response_model=schemas.SpeakerPage, responses=examples.ok("speaker_search"))
def list_speakers(
    session: SessionDep,
    limit: Limit = 20,
    cursor: Cursor = None,
    query: Annotated[
        str | None,
        Query(
            max_length=300,
            description="A name or any alias, or their beginnings; case, accents and small typos do not count. "
            "Best matches first. Without it, every speaker by id.",
            examples=examples.param("speaker_search", "query"),
        ),
    ] = None,
) -> schemas.SpeakerPage:
    if query:
        page = lookup.find_speakers(session, query=query, limit=limit, cursor=cursor)
    else:
        page = speakers.list_speakers(session, limit=limit, cursor=cursor)
    counts = speakers.quote_counts(session, [s.id for s in page.items])
    return schemas.SpeakerPage(
        items=[views.speaker_out(s, counts.get(s.id, 0)) for s in page.items], next_cursor=page.next_cursor
    )


@router.get("/{speaker_id}", response_model=schemas.SpeakerDetail, responses=examples.ok("speaker_get"))
def get_speaker(
    speaker_id: Annotated[str, Path(examples=examples.param("speaker_get", "speaker_id"))], session: SessionDep
) -> schemas.SpeakerDetail:
    speaker = speakers.get_speaker(session, speaker_id)
    said = [views.quote_out(v) for v in quotes.quotes_of_speaker(session, speaker_id)]
    return schemas.SpeakerDetail(**views.speaker_out(speaker, len(said)).model_dump(), quotes=said)
