"""POST /v1/verify: is this a real quote, and whose?"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from service.core import checks
from service.core.verify import verify_claim
from service.http.api import claimreview, examples, presenters, schemas
from service.storage.database import reads_are_local

router = APIRouter(prefix="/v1", tags=["verify"])

FormatParam = Annotated[
    Literal["json", "claimreview"] | None,
    Query(alias="format", description="claimreview: schema.org ClaimReview JSON-LD (as Accept: application/ld+json)."),
]


@router.post(
    "/verify",
    response_model=schemas.VerifyOut,
    responses={
        200: {
            "content": {
                "application/json": {
                    "examples": {
                        "one quote": {
                            "summary": "A changed word, attributed to its speaker",
                            "value": examples.answer("verify_one_quote"),
                        },
                        "three quotes": {
                            "summary": "A paragraph quoting three passages, saved",
                            "value": examples.answer("verify_three_quotes"),
                        },
                    }
                },
                claimreview.LD_JSON: {
                    "schema": {"type": "object"},
                    "example": examples.answer("verify_claimreview"),
                },
            }
        }
    },
)
async def verify(body: schemas.VerifyRequest, request: Request, format_: FormatParam = None) -> Any:
    """Verdict (verified, altered, paraphrase, misattributed, not_found) and the best matches, best first.

    Each quoted passage of the text is a segment with its own speaker, verdict and matches; the
    top-level verdict is the worst of theirs. `save` (or asking for ClaimReview, which needs a
    permalink) stores the result under `url`.
    """
    # A local SQLite file is read on the event loop (see `reads_are_local`): the whole verification
    # is then CPU work that would hold the GIL in a worker thread anyway. PostgreSQL is a network
    # round trip, so the verification goes to the threadpool in one hand-off.
    # The matcher and settings are read off the app rather than injected: on the busiest route,
    # each dependency FastAPI resolves costs tens of microseconds.
    matcher, settings, engine = request.app.state.matcher, request.app.state.settings, request.app.state.engine
    run = partial(
        verify_claim,
        matcher,
        engine,
        body.text,
        speaker=body.speaker,
        max_chars=settings.max_text_chars,
        budget_ms=settings.match_budget_ms,
    )
    claim = run() if reads_are_local(engine) else await run_in_threadpool(run)
    request.state.verdict = claim.check.verdict.value  # for the request's log line and the verdict counter
    out = presenters.claim_out(claim)
    out.appearance = body.appearance
    as_claimreview = claimreview.wants_claimreview(request, format_)
    if not (body.save or as_claimreview):
        return out
    result = out.model_dump(mode="json")
    row = await run_in_threadpool(checks.store_check, engine, text=body.text, speaker=body.speaker, result=result)
    saved = presenters.check_out(row, presenters.check_url(request, settings, row.id))
    if as_claimreview:
        return claimreview.response(saved, settings)
    return saved
