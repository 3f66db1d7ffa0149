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
    db_busy_timeout_ms: int = Field(
        5000,
        ge=0,
        description="How long a write waits for another's lock (SQLite busy timeout, PostgreSQL lock_timeout), in ms.",
    )
    db_statement_timeout_ms: int = Field(
        10_000, ge=0, description="PostgreSQL cancels a statement running longer than this, in ms (0: never)."
    )
    log_level: str = Field("INFO", description="Python logging level.")

    @property
    def api_key_list(self) -> list[str]:
        return [k.strip() for k in self.api_keys.split(",") if k.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
