"""The documentation says what the code does: the settings table and the links between the documents."""

from __future__ import annotations

import re
from pathlib import Path

from service.settings import settings_table

ROOT = Path(__file__).resolve().parents[1]


def test_the_settings_table_is_generated_from_settings() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    table = text.split("<!-- settings:start -->\n", 1)[1].split("<!-- settings:end -->", 1)[0]
    assert table == settings_table(), "docs/configuration.md is out of date: python -m service settings"


def test_every_relative_link_of_the_readme_and_docs_leads_to_a_file() -> None:
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert (doc.parent / target).exists(), f"{doc.name} links to {target}, which does not exist"


def test_the_readme_stays_a_front_door() -> None:
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 250
