"""POST /v1/verify: is this a real quote, and whose?"""

from __future__ import annotations

from fastapi import APIRouter, Request

from service import catalog
from service.api import schemas, views
from service.api.deps import MatcherDep, SessionDep, SettingsDep

router = APIRouter(prefix="/v1", tags=["verify"])


@router.post("/verify", response_model=schemas.VerifyOut)
def verify(
    body: schemas.VerifyRequest, matcher: MatcherDep, session: SessionDep, settings: SettingsDep, request: Request
) -> schemas.VerifyOut:
    """Verdict (verified, altered, paraphrase, misattributed, not_found) and the best matches, best first."""
    result = catalog.verify(matcher, body.text, speaker=body.speaker, max_chars=settings.max_text_chars)
    request.state.verdict = result.verdict.value  # for the request's log line and the verdict counter
    return views.verify_out(result, catalog.matched_quotes(session, result))
