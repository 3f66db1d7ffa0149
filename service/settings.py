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
    match_budget_ms: float = Field(
        100.0,
        ge=0,
        description=(
            "Time one verification may spend looking up and scoring candidates, in milliseconds; past it the "
            "verdict rests on the best match found so far (0: no limit). A quiet machine verifies within 30 ms "
            "at a million statements, so the default only cuts requests stalled by a busy machine."
        ),
    )
    log_level: str = Field("INFO", description="Python logging level.")

    @property
    def api_key_list(self) -> list[str]:
        return [k.strip() for k in self.api_keys.split(",") if k.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
