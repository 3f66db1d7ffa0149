"""Application factory: settings in, a ready FastAPI app out."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING

from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from service.core import api_keys, live_index
from service.http import observability, web
from service.http.api import (
    article_routes,
    batch_routes,
    check_routes,
    extract_routes,
    health_routes,
    key_routes,
    methods,
    metrics_routes,
    openapi,
    problems,
    quote_routes,
    speaker_routes,
    verify_routes,
)
from service.http.api.cross_origin import CrossOriginMiddleware
from service.http.api.deps import guard
from service.http.api.middleware import BodyLimitMiddleware, ObservedRequestMiddleware, RequestIdMiddleware
from service.http.ratelimit import TokenBuckets
from service.matching import Matcher
from service.settings import Settings, get_settings, index_directory, parse_origins
from service.storage import migrate
from service.storage.database import make_engine

if TYPE_CHECKING:
    from opentelemetry.sdk.trace.export import SpanExporter

log = logging.getLogger(__name__)

# The statements in memory are about two objects each, held for the life of the process; a full
# collection walking them all took 1.07 s at a million statements, a pause some request would wait
# through. From this many on, they are frozen at start-up: the collector leaves them alone, and
# reference counting still frees a statement that is deleted. (Below it a full collection is short,
# and tests that build many apps in one process would otherwise freeze each one's garbage.)
FREEZE_MIN_STATEMENTS = 50_000


@contextmanager
def collector_paused() -> Iterator[None]:
    """Cyclic garbage collection off while the statements load.

    Loading allocates millions of objects that live as long as the process and form no cycles;
    each time they grow by a quarter the collector walks them all again, so at a million
    statements the build took 22.6-26.2 s with it and 19.4-19.5 s without (two runs each).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _start(app: FastAPI, settings: Settings) -> None:
    engine = make_engine(
        settings.database_url,
        busy_timeout_ms=settings.db_busy_timeout_ms,
        statement_timeout_ms=settings.db_statement_timeout_ms,
    )
    app.state.engine = engine
    if settings.migrate_on_start:
        migrate.upgrade(engine, seed_empty=settings.seed_on_start)
    try:
        with collector_paused():
            app.state.matcher, app.state.follower = live_index.start_matcher(
                engine, interval=settings.sync_interval_seconds, index_dir=index_directory(settings)
            )
        if len(app.state.matcher) >= FREEZE_MIN_STATEMENTS:
            gc.freeze()
    except SQLAlchemyError:
        # Not migrated yet (migrate-on-start off): serve, let /readyz say what is wrong, and pick
        # the statements up from the change log once the database has been migrated and seeded.
        log.exception("could not load statements; /readyz will report the database state")
        app.state.matcher = Matcher()
        app.state.follower = live_index.ChangeFollower(
            engine, app.state.matcher, cursor=0, interval=settings.sync_interval_seconds
        )
        app.state.follower.start()
    log.info("serving %d statements", len(app.state.matcher))


def _operation_id(route: APIRoute) -> str:
    """Operation ids are the route functions' names, so generated clients get `search_quotes`
    rather than `search_quotes_v1_quotes_search_get`."""
    return route.name


def create_app(settings: Settings | None = None, *, span_exporter: SpanExporter | None = None) -> FastAPI:
    """The app; `span_exporter` replaces the OTLP exporter when tracing is configured (tests)."""
    settings = settings or get_settings()
    observability.configure_logging(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(_start, app, settings)
        yield
        app.state.follower.stop()
        app.state.engine.dispose()
        if app.state.tracer_provider is not None:
            app.state.tracer_provider.shutdown()  # sends the spans still queued

    app = FastAPI(
        title="Quote verification service",
        version="0.1.0",
        summary="Did this person really say this? Verifies quotes against statements stored from news articles.",
        lifespan=lifespan,
        dependencies=[Depends(guard)],  # every route: key validation, rate limit, read key if required
        generate_unique_id_function=_operation_id,
    )
    app.state.settings = settings
    app.state.configured_keys = api_keys.parse_configured(settings.api_keys)
    app.state.rate_limiter = TokenBuckets(settings.rate_limit_per_minute) if settings.rate_limit_per_minute else None
    app.state.metrics = observability.Metrics(multiprocess_dir=settings.prometheus_multiproc_dir)
    problems.install(app)
    openapi.document_problems(app)
    methods.install(app)
    for module in (
        verify_routes,
        batch_routes,
        check_routes,
        extract_routes,
        quote_routes,
        speaker_routes,
        article_routes,
        key_routes,
        health_routes,
        metrics_routes,
    ):
        app.include_router(module.router)
    web.install(app)  # the HTML pages and /static, after the JSON API so its routes keep precedence
    app.state.tracer_provider = observability.install_tracing(app, settings, exporter=span_exporter)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        # Outside the body cap, so that a browser caller can read a 413 too; inside the log line.
        app.add_middleware(CrossOriginMiddleware, origins=parse_origins(settings.cors_origins))
    app.add_middleware(
        ObservedRequestMiddleware, metrics=app.state.metrics, tracing=app.state.tracer_provider is not None
    )
    app.add_middleware(RequestIdMiddleware)
    return app
