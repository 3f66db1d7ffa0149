"""Small factories shared by the tests, with keyword overrides."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from service.settings import Settings

API_KEY = "test-write-key"
_counter = itertools.count()


def fresh_sqlite_url(template: Path, directory: Path) -> str:
    path = directory / f"db{next(_counter)}.db"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {"database_url": database_url, "api_keys": API_KEY}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]
