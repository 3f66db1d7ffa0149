"""GET /metrics: the Prometheus scrape."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST

router = APIRouter(tags=["health"])


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Request counts and latencies by route template and status, and verdict counts."""
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
