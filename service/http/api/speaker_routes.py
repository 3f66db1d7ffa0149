"""Speakers: list and read, each with their quotes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from service.core import search
from service.http.api import examples, presenters, schemas
from service.http.api.deps import SessionDep
from service.http.api.quote_routes import Cursor, Limit
from service.storage import quote_store, speaker_store

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
        page = search.find_speakers(session, query=query, limit=limit, cursor=cursor)
    else:
        page = speaker_store.list_speakers(session, limit=limit, cursor=cursor)
    counts = speaker_store.quote_counts(session, [s.id for s in page.items])
    return schemas.SpeakerPage(
        items=[presenters.speaker_out(s, counts.get(s.id, 0)) for s in page.items], next_cursor=page.next_cursor
    )


@router.get("/{speaker_id}", response_model=schemas.SpeakerDetail, responses=examples.ok("speaker_get"))
def get_speaker(
    speaker_id: Annotated[str, Path(examples=examples.param("speaker_get", "speaker_id"))], session: SessionDep
) -> schemas.SpeakerDetail:
    speaker = speaker_store.get_speaker(session, speaker_id)
    said = [presenters.quote_out(v) for v in quote_store.quotes_of_speaker(session, speaker_id)]
    return schemas.SpeakerDetail(**presenters.speaker_out(speaker, len(said)).model_dump(), quotes=said)
