"""Quotebank's quotation-centric files, read into the records an import stores.

Quotebank (Vaucher et al., WSDM 2021) attributes each quotation found in news to its most
probable speaker by machine. Two shapes of its JSON lines are read:

- the released files: `quoteID`, `quotation`, `speaker`, `qids` (the Wikidata items of people with
  the speaker's name), `date` ("2020-01-16 00:00:00"), `numOccurrences`, `probas` ([name,
  probability] pairs, most probable first, "None" for "nobody named"), `urls`, `phase`;
- reduced subsets: `date` in epoch milliseconds, the item as `id`, and a `party_label`.

The top speaker becomes the statement's speaker, with its probability kept. A single Wikidata
item becomes the speaker's identity; several items under one name mean Quotebank could not tell
the namesakes apart, so none is taken and the speaker is the name alone. A quotation whose top
speaker is "None" is stored without a speaker (unattributed). The first URL is the statement's
article; the others are its appearances.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from service.storage.ids import UNATTRIBUTED_SPEAKER_NAME
from service.storage.statement_store import ArticleRecord, SpeakerRecord, StatementRecord

# The source every quotation without a URL is filed under (reduced subsets carry none).
SOURCE_NAME = "Quotebank"
# A quotation longer than this is a page scraped whole, not a quotation: the limit the API puts
# on a quote.
MAX_QUOTATION_CHARS = 20_000
# The speaker column's width.
MAX_SPEAKER_CHARS = 300
# URLs longer than the appearance column are skipped rather than cut (a cut URL leads nowhere).
MAX_URL_CHARS = 2000
_WIKIDATA_ITEM = re.compile(r"Q[1-9][0-9]{0,14}")
_PARTIES = {"D": "Democratic Party", "R": "Republican Party", "I": "Independent", "L": "Libertarian Party"}


@dataclass(frozen=True, slots=True)
class QuotebankLine:
    article: ArticleRecord
    statement: StatementRecord


def parse_line(raw: str) -> QuotebankLine:
    """One Quotebank JSON line as records; ValueError names the field that is wrong and how."""
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    quote_key = _text(row, "quoteID", limit=64)
    quotation = _text(row, "quotation", limit=MAX_QUOTATION_CHARS)
    name = row.get("speaker")
    if name is not None and not isinstance(name, str):
        raise ValueError("speaker: should be a string")
    if name is not None and len(name.strip()) > MAX_SPEAKER_CHARS:
        raise ValueError(f"speaker: at most {MAX_SPEAKER_CHARS} characters")
    unattributed = name is None or name.strip() in ("", "None")
    speaker = (
        SpeakerRecord(UNATTRIBUTED_SPEAKER_NAME, unattributed=True)
        if unattributed
        else SpeakerRecord(
            name.strip(),  # type: ignore[union-attr]
            affiliation=_party(row.get("party_label")),
            wikidata_id=_item(row),
        )
    )
    urls = _urls(row.get("urls"))
    article = (
        ArticleRecord(title=urls[0], url=urls[0], publisher=_host(urls[0]))
        if urls
        else ArticleRecord(title=SOURCE_NAME, publisher=SOURCE_NAME)
    )
    statement = StatementRecord(
        quotation.strip(),
        "direct",
        speaker,
        key=f"quotebank:{quote_key}",
        speaker_probability=None if unattributed else _probability(row.get("probas"), speaker.name),
        occurrences=_count(row.get("numOccurrences")),
        first_seen_at=_date(row.get("date")),
        appearances=tuple(urls[1:]),
    )
    return QuotebankLine(article, statement)


def _text(row: dict[str, Any], key: str, *, limit: int) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key}: required, a non-empty string")
    if len(value) > limit:
        raise ValueError(f"{key}: at most {limit} characters")
    if "\x00" in value:
        raise ValueError(f"{key}: contains a NUL character")
    return value


def _item(row: dict[str, Any]) -> str | None:
    """The speaker's Wikidata item: `id` in reduced files, the only entry of `qids` in released ones."""
    items = row.get("qids")
    if items is None and row.get("id") is not None:
        items = [row["id"]]
    if items is None:
        return None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ValueError("qids: should be a list of Wikidata items")
    bad = [i for i in items if not _WIKIDATA_ITEM.fullmatch(i)]
    if bad:
        raise ValueError(f"qids: {bad[0]!r} is not a Wikidata item (Q followed by digits)")
    distinct = list(dict.fromkeys(items))
    return distinct[0] if len(distinct) == 1 else None


def _probability(probas: Any, name: str) -> float | None:
    if probas is None:
        return None
    if not isinstance(probas, list):
        raise ValueError("probas: should be a list of [speaker, probability] pairs")
    for pair in probas:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
            raise ValueError("probas: should be a list of [speaker, probability] pairs")
        if pair[0].strip() == name:
            try:
                p = float(pair[1])
            except (TypeError, ValueError):
                raise ValueError(f"probas: {pair[1]!r} is not a probability") from None
            if not 0.0 <= p <= 1.0:
                raise ValueError(f"probas: {p} is not between 0 and 1")
            return p
    return None


def _count(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("numOccurrences: should be a whole number, 0 or more")
    return value


def _date(value: Any) -> datetime | None:
    """Released files write "2020-01-16 00:00:00" (UTC); reduced ones epoch milliseconds."""
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise TypeError
        if isinstance(value, int | float):
            return datetime.fromtimestamp(value / 1000, tz=UTC)
        if isinstance(value, str):
            return datetime.fromisoformat(value.strip()).replace(tzinfo=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        pass
    raise ValueError(f"date: {value!r} is neither 'YYYY-MM-DD HH:MM:SS' nor epoch milliseconds")


def _urls(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(u, str) for u in value):
        raise ValueError("urls: should be a list of strings")
    usable = (u.strip() for u in value)
    return list(dict.fromkeys(u for u in usable if u.startswith(("http://", "https://")) and len(u) <= MAX_URL_CHARS))


def _host(url: str) -> str | None:
    """The publisher's host name, read off the URL by hand: urllib's full parse took a third of a
    line's reading time, for a part that needs only the text between '//' and the next '/'."""
    netloc = url.split("/", 3)[2] if url.count("/") >= 2 else ""
    host = netloc.rpartition("@")[2].partition(":")[0].lower()
    return host.removeprefix("www.") or None


def _party(label: Any) -> str | None:
    if not isinstance(label, str) or not label.strip():
        return None
    return _PARTIES.get(label.strip(), label.strip())
