"""Fixtures of the curated seed statements, loaded from the package data: a matcher needs no database."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from service.matching import Matcher, SpeakerRef, Statement


def load_seed() -> list[Statement]:
    """The seed quotes as statements; ids are "<speaker key>/<position>"."""
    data = json.loads((files("service") / "data" / "seed.json").read_text(encoding="utf-8"))
    speakers = {
        s["key"]: SpeakerRef(s["name"], s["affiliation"], s["role"], tuple(s["aliases"]), s["anonymous"])
        for s in data["speakers"]
    }
    return [
        Statement(f"{q['speaker']}/{i}", q["text"], q["kind"], speakers[q["speaker"]])
        for i, q in enumerate(data["quotes"])
    ]


@pytest.fixture(scope="session")
def seed_statements() -> list[Statement]:
    return load_seed()


@pytest.fixture(scope="session")
def seed_matcher(seed_statements: list[Statement]) -> Matcher:
    """A matcher over the seed; shared, so tests must not add or remove statements."""
    return Matcher(seed_statements)
