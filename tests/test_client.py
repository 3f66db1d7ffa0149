"""A Python client generated from the committed OpenAPI document works against a real server.

The client is generated into a temporary directory on every run, so no generated code is kept
and the test proves that docs/openapi.json, as committed, yields a client that talks to the
service: typed requests in, typed answers out, problems on bad input.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.test_server import uvicorn

pytestmark = pytest.mark.slow

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"
PACKAGE = "quote_service_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The client package, generated from the committed document and importable."""
    root = tmp_path_factory.mktemp("client")
    config = root / "config.yaml"
    # No post-generation hooks: formatting the generated code is not what is being tested.
    config.write_text(f"post_hooks: []\npackage_name_override: {PACKAGE}\n", encoding="utf-8")
    where = ["--path", str(DOCUMENT), "--output-path", str(root / PACKAGE)]
    subprocess.run(
        [sys.executable, "-m", "openapi_python_client", "generate", *where, "--meta", "none", "--config", str(config)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    sys.path.insert(0, str(root))
    try:
        yield root
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def module(name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_generated_client_verifies_searches_and_finds_speakers(generated: Path, tmp_path: Path) -> None:
    client_module = module("client")
    models = module("models")

    with (
        uvicorn(f"sqlite:///{tmp_path / 'client.db'}") as base,
        client_module.Client(base_url=base, raise_on_unexpected_status=True) as client,
    ):
        exercise(client, models)


def exercise(client: object, models: ModuleType) -> None:
    verify = module("api.verify.verify")
    search_quotes = module("api.quotes.search_quotes")
    list_speakers = module("api.speakers.list_speakers")

    result = verify.sync(
        client=client,
        body=models.VerifyRequest(text="We will allow any threat to harm our nation", speaker="Sellal"),
    )
    assert isinstance(result, models.VerifyOut)
    assert result.verdict == "altered"
    top = result.matches[0]
    assert top.speaker.name == "Abdelmalek Sellal"
    changed = [(d.stored, d.submitted, d.negation) for d in top.diff if d.op != "equal"]
    assert changed == [("won't", "will", True)]

    page = search_quotes.sync(client=client, query="thraet harm natoin", page_size=1)
    assert isinstance(page, models.SearchPageOut)
    hit = page.items[0]
    assert hit.quote.text == "We won't allow any threat to harm our nation"
    assert [hit.quote.text[h.start : h.end] for h in hit.highlights] == ["threat", "harm", "nation"]
    assert hit.article.publisher == "NBC News"
    assert isinstance(page.next_page_token, str)
    following = search_quotes.sync(client=client, query="thraet harm natoin", page_token=page.next_page_token)
    assert hit.quote.id not in {h.quote.id for h in following.items}

    people = list_speakers.sync(client=client, query="simonović")
    assert [s.name for s in people.items] == ["Ivan Simonovic"]
    assert people.items[0].aliases == ["Ivan Šimonović"]

    refused = search_quotes.sync_detailed(client=client, query="threat", page_size=51)
    assert refused.status_code == 422
    assert isinstance(refused.parsed, models.Problem)
    assert refused.parsed.errors[0].loc == ["query", "pageSize"]
