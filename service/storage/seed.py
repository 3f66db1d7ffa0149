"""The curated seed: the statements of one real article, shipped with the package."""

from __future__ import annotations

import json
from importlib import resources

from sqlmodel import Session

from service.storage.statement_store import ArticleRecord, SpeakerRecord, StatementRecord, StoreResult, store_article


def seed_records() -> tuple[ArticleRecord, list[StatementRecord]]:
    data_dir = resources.files("service") / "data"
    data = json.loads((data_dir / "seed.json").read_text(encoding="utf-8"))
    meta = data["article"]
    text = (data_dir / meta["text_file"]).read_text(encoding="utf-8")
    article = ArticleRecord(title=meta["title"], url=meta["url"], publisher=meta["publisher"], text=text)
    speakers = {
        s["key"]: SpeakerRecord(s["name"], s["affiliation"], s["role"], tuple(s["aliases"]), s["anonymous"])
        for s in data["speakers"]
    }
    statements = [
        StatementRecord(q["text"], q["kind"], speakers[q["speaker"]], q["context"], q["start"], q["end"])
        for q in data["quotes"]
    ]
    return article, statements


def seed(session: Session) -> StoreResult:
    """Store the seed article; a database that already has it gains nothing."""
    article, statements = seed_records()
    return store_article(session, article, statements)
