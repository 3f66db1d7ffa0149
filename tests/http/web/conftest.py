"""Browser fixtures: pytest-playwright driving the system Chromium against a real uvicorn process."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.factories import API_KEY
from tests.test_server import uvicorn


@pytest.fixture(scope="session")
def base_url() -> str | None:
    """Replaces pytest-playwright's fallback `base_url` (a session fixture defined as an instance
    method, which pytest 9 deprecates and this suite's filterwarnings=error turns into an error).
    Tests build their URLs from the `server` fixture instead."""
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Playwright's own browser download cannot run here: use Debian's Chromium."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn process on 127.0.0.1 with a fresh, migrated and seeded SQLite database."""
    path = tmp_path_factory.mktemp("web") / "quotes.db"
    with uvicorn(f"sqlite:///{path}", API_KEYS=API_KEY) as base:
        yield base


@pytest.fixture
def artefacts(tmp_path: Path) -> Path:
    """Where screenshots go: $WEB_ARTEFACTS_DIR when set (CI keeps it), else the test's tmp_path."""
    directory = Path(os.environ.get("WEB_ARTEFACTS_DIR") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    return directory
