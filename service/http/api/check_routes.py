"""GET /v1/checks/{id}: a saved verification result, as it was answered."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from service.http.api import claimreview, examples, presenters, schemas
from service.http.api.deps import SessionDep, SettingsDep
from service.http.api.verify_routes import FormatParam
from service.storage import check_store

router = APIRouter(prefix="/v1", tags=["verify"])


@router.get(
    "/checks/{check_id}",
    name="get_check",
    response_model=schemas.CheckOut,
    responses={
        200: {
            "content": {
                "application/json": {"example": examples.answer("check_get")},
                claimreview.LD_JSON: {
                    "schema": {"type": "object"},
                    "example": examples.answer("verify_claimreview"),
                },
            }
        }
    },
)
def get_check(
    check_id: Annotated[str, Path(max_length=64, examples=examples.param("check_get", "check_id"))],
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    format_: FormatParam = None,
) -> Any:
    """The stored result of a verification saved with `save` (or as ClaimReview), unchanged since."""
    saved = presenters.check_out(
        check_store.get_check(session, check_id), presenters.check_url(request, settings, check_id)
    )
    if claimreview.wants_claimreview(request, format_):
        return claimreview.response(saved, settings)
    return saved
