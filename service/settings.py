"""One place for configuration: environment variables, read once and injected."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

from service.core.api_keys import parse_configured

_ORIGIN = re.compile(r"^[a-z][a-z0-9+.\-]*://[^/\s?#]+$")


def parse_origins(value: str) -> frozenset[str]:
    """CORS_ORIGINS as a set of origins (`scheme://host[:port]`, lower case, no path), or {"*"}.

    >>> sorted(parse_origins("chrome-extension://abcdefgh, https://desk.example.org/"))
    ['chrome-extension://abcdefgh', 'https://desk.example.org']
    >>> parse_origins("https://desk.example.org/tools")
    Traceback (most recent call last):
    ValueError: CORS_ORIGINS: 'https://desk.example.org/tools' is not an origin (scheme://host[:port], no path)
    """
    origins = set()
    for entry in value.split(","):
        origin = entry.strip().lower().rstrip("/")
        if not origin:
            continue
        if origin != "*" and not _ORIGIN.match(origin):
            raise ValueError(f"CORS_ORIGINS: {entry.strip()!r} is not an origin (scheme://host[:port], no path)")
        origins.add(origin)
    return frozenset(origins)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    database_url: str = Field("sqlite:///quotes.db", description="SQLAlchemy URL of the database.")
    api_keys: str = Field(
        "",
        description=(
            "Comma-separated keys accepted in X-API-Key, each KEY, KEY:scope+scope or sha256:<hex digest>[:scopes];"
            " without scopes a key may read and write. Keys made with `keys create` live in the database."
        ),
    )
    require_read_key: bool = Field(
        False, description="Reads and verification need a key with the read scope too (default: open to all)."
    )
    rate_limit_per_minute: int = Field(
        0, ge=0, description="Requests per minute per key, or per client IP without a key, in each process (0: off)."
    )
    migrate_on_start: bool = Field(True, description="Run migrations (and seed an empty database) at start.")
    seed_on_start: bool = Field(True, description="Store the seed article when the database has no articles.")
    max_text_chars: int = Field(10_000, description="Longest text accepted by /v1/verify.")
    max_article_chars: int = Field(500_000, description="Longest article text accepted by /v1/articles.")
    max_body_bytes: int = Field(2_000_000, description="Largest request body, counted as it streams.")
    index_dir: str = Field(
        "",
        description=(
            "Where the index snapshot is kept, memory-mapped by every worker so a start is instant and the "
            "workers share one copy. Empty: beside an SQLite database file (quotes.db.index), none for "
            "PostgreSQL; none: never persisted."
        ),
    )
    sync_interval_seconds: float = Field(
        1.0, description="How often each process reads the change log for writes made elsewhere (0: never)."
    )
    match_budget_ms: float = Field(
        100.0,
        ge=0,
        description=(
            "Time one verification may spend looking up and scoring candidates, in milliseconds; past it the "
            "verdict rests on the best match found so far (0: no limit). A quiet machine verifies within 30 ms "
            "at a million statements, so the default only cuts requests stalled by a busy machine."
        ),
    )
    db_busy_timeout_ms: int = Field(
        5000,
        ge=0,
        description="How long a write waits for another's lock (SQLite busy timeout, PostgreSQL lock_timeout), in ms.",
    )
    db_statement_timeout_ms: int = Field(
        10_000, ge=0, description="PostgreSQL cancels a statement running longer than this, in ms (0: never)."
    )
    web_concurrency: int = Field(
        1,
        ge=1,
        description=(
            "Worker processes of `python -m service serve`, each with its own socket on the port so that the "
            "kernel spreads connections over them; each holds the whole index."
        ),
    )
    log_level: str = Field("INFO", description="Python logging level.")
    log_format: Literal["json", "text"] = Field(
        "json", description="json: one JSON object a line (for log collectors); text: for people."
    )
    otel_exporter_otlp_endpoint: str = Field(
        "", description="OTLP/HTTP endpoint that receives traces; tracing is off while it is empty."
    )
    prometheus_multiproc_dir: str = Field(
        "",
        description=(
            "An empty directory shared by the uvicorn workers: /metrics then sums all of them"
            " (without it each worker reports its own requests)."
        ),
    )
    otel_service_name: str = Field("quote-verification-service", description="service.name on exported traces.")
    max_batch_items: int = Field(100, ge=1, description="Most items in one JSON /v1/verify/batch request.")
    max_batch_lines: int = Field(
        1000, ge=1, description="Most lines in one application/x-ndjson /v1/verify/batch request."
    )
    public_url: str = Field(
        "", description="Base URL the public reaches the service at, for permalinks; empty: taken from each request."
    )
    organization_name: str = Field(
        "Quote verification service", description="Who runs the service: the author of its ClaimReview output."
    )
    organization_url: str = Field("", description="The running organisation's web site, for ClaimReview output.")
    cors_origins: str = Field(
        "",
        description=(
            "Comma-separated origins (scheme://host[:port], such as chrome-extension://<id>, moz-extension://<uuid>,"
            " https://desk.example.org) whose pages may call the read routes and POST /v1/verify(/batch) from a"
            " browser; * admits any. Writes are never open to other origins. Empty: none."
        ),
    )

    @field_validator("api_keys")
    @classmethod
    def _keys_parse(cls, value: str) -> str:
        parse_configured(value)  # a malformed entry stops the start, with the reason
        return value

    @field_validator("cors_origins")
    @classmethod
    def _origins_parse(cls, value: str) -> str:
        parse_origins(value)  # likewise: a path or a bare host name is refused at start
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()


def settings_table() -> str:
    """The settings as a markdown table (environment variable, default, meaning): what
    docs/configuration.md holds, generated from this class so that it cannot drift from it."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.default
        shown = f"`{str(default).lower() if isinstance(default, bool) else default}`" if default != "" else "empty"
        description = (field.description or "").replace("|", "\\|")
        rows.append(f"| `{name.upper()}` | {shown} | {description} |")
    return "\n".join(rows) + "\n"


def index_directory(settings: Settings) -> Path | None:
    """The index snapshot directory the settings ask for, or None when none is kept."""
    if settings.index_dir.strip().lower() == "none":
        return None
    if settings.index_dir.strip():
        return Path(settings.index_dir).expanduser()
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database + ".index")
    return None
