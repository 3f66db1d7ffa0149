"""One place for configuration: environment variables, read once and injected."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    database_url: str = Field("sqlite:///quotes.db", description="SQLAlchemy URL of the database.")
    api_keys: str = Field("", description="Comma-separated keys accepted in X-API-Key for writes.")
    migrate_on_start: bool = Field(True, description="Run migrations (and seed an empty database) at start.")
    seed_on_start: bool = Field(True, description="Store the seed article when the database has no articles.")
    max_text_chars: int = Field(10_000, description="Longest text accepted by /v1/verify.")
    max_article_chars: int = Field(500_000, description="Longest article text accepted by /v1/articles.")
    max_body_bytes: int = Field(2_000_000, description="Largest request body, counted as it streams.")
    sync_interval_seconds: float = Field(
        1.0, description="How often each process reads the change log for writes made elsewhere (0: never)."
    )
    log_level: str = Field("INFO", description="Python logging level.")
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

    @property
    def api_key_list(self) -> list[str]:
        return [k.strip() for k in self.api_keys.split(",") if k.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
