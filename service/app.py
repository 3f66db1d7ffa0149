"""Application factory: settings in, a ready FastAPI app out."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from service import sync, web
from service.api import articles, extract, health, methods, openapi, problems, quotes, speakers, verify
from service.api.middleware import BodyLimitMiddleware, RequestIdMiddleware
from service.matching import Matcher
from service.settings import Settings, get_settings
from service.storage import migrate
from service.storage.database import make_engine

log = logging.getLogger(__name__)


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
        app.state.matcher, app.state.follower = sync.start_matcher(engine, interval=settings.sync_interval_seconds)
    except SQLAlchemyError:
        # Not migrated yet (migrate-on-start off): serve, let /readyz say what is wrong, and pick
        # the statements up from the change log once the database has been migrated and seeded.
        log.exception("could not load statements; /readyz will report the database state")
        app.state.matcher = Matcher()
        app.state.follower = sync.ChangeFollower(
            engine, app.state.matcher, cursor=0, interval=settings.sync_interval_seconds
        )
        app.state.follower.start()
    log.info("serving %d statements", len(app.state.matcher))


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(_start, app, settings)
        yield
        app.state.follower.stop()
        app.state.engine.dispose()

    app = FastAPI(
        title="Quote verification service",
        version="0.1.0",
        summary="Did this person really say this? Verifies quotes against statements stored from news articles.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    problems.install(app)
    openapi.document_problems(app)
    methods.install(app)
    for module in (verify, extract, quotes, speakers, articles, health):
        app.include_router(module.router)
    web.install(app)  # the HTML pages and /static, after the JSON API so its routes keep precedence
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestIdMiddleware)
    return app
