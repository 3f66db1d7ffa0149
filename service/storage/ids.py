"""Stable public identifiers, derived from what a record is rather than when it was stored.

Re-importing the same article or quote into any database yields the same ids, so links and
permalinks survive rebuilds and a re-import is recognised as a duplicate by its primary key.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from service.matching import normalise

# Identifiers keep the apostrophes of the text they were first derived from ("won't", "O'Brien"):
# matching folds them away, but an id must never change under a record that is already stored.

_ID_HEX = 16  # 64 bits: collisions stay improbable up to billions of records
# Articles and speakers repeat from line to line of an import (one article holds many statements,
# one person says many), so their ids are remembered: deriving one costs a normalisation and a hash.
_REPEATED_IDS = 65536


def _digest(*parts: str | None) -> str:
    joined = "\x1f".join(p or "" for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:_ID_HEX]


def content_hash(text: str) -> str:
    """Hash of an article's text, insensitive to case, punctuation and whitespace changes."""
    return hashlib.sha256(normalise(text, fold_apostrophes=False).encode("utf-8")).hexdigest()


@lru_cache(maxsize=_REPEATED_IDS)
def article_id(*, url: str | None, text_hash: str | None, title: str, publisher: str | None) -> str:
    if url:
        return "art_" + _digest("url", url.strip())
    if text_hash:
        return "art_" + _digest("text", text_hash)
    return "art_" + _digest(
        "title", normalise(title, fold_apostrophes=False), normalise(publisher or "", fold_apostrophes=False)
    )


@lru_cache(maxsize=_REPEATED_IDS)
def speaker_id(*, name: str, anonymous: bool, article: str | None) -> str:
    """Named people are one speaker across articles; an anonymous source only within one."""
    if anonymous:
        return "spk_" + _digest("anon", normalise(name, fold_apostrophes=False), article)
    return "spk_" + _digest("name", normalise(name, fold_apostrophes=False))


# The one speaker of every statement nobody is known to have said.
UNATTRIBUTED_SPEAKER_ID = "spk_unattributed"
UNATTRIBUTED_SPEAKER_NAME = "Unattributed"


def wikidata_speaker_id(item: str) -> str:
    """A person a corpus identifies by Wikidata item, when their name is already another's."""
    return "spk_" + _digest("wikidata", item)


def corpus_quote_id(key: str) -> str:
    """A statement a corpus identifies ("quotebank:2020-01-16-000088")."""
    return "quo_" + _digest("corpus", key)


def quote_id(*, article: str, speaker: str, kind: str, text: str) -> str:
    return "quo_" + _digest(article, speaker, kind, normalise(text, fold_apostrophes=False))
