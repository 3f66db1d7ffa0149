"""Web pages as articles: the main text and metadata of an HTML page.

Boilerplate removal (menus, cookie banners, related links, footers) is left to trafilatura, a maintained
library built for exactly this; nothing here parses HTML by hand. The page's own metadata (title, canonical
URL, publication date, site name) fills what the caller did not give. No model is loaded: trafilatura works
from the document's structure alone.

Kept apart from the package's ``__init__`` so plain-text extraction never imports an HTML stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class Page:
    """What a web page says about its article; ``text`` has one paragraph a line."""

    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published_at: datetime | None = None


def page_from_html(html: str) -> Page | None:
    """The article of an HTML page, or None when the page has no readable main text."""
    import trafilatura  # imported on first use: it costs most of a second at start-up of every command

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, include_images=False
    )
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        return None
    return Page(
        text=text,
        title=_clean(getattr(doc, "title", None)),
        url=_clean(getattr(doc, "url", None)),
        publisher=_clean(getattr(doc, "sitename", None)),
        published_at=_date(getattr(doc, "date", None)),
    )


def _clean(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _date(value: object) -> datetime | None:
    """Publication date as trafilatura reports it (ISO ``YYYY-MM-DD``); None when absent or malformed."""
    if not isinstance(value, str):
        return None
    try:
        day = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return day if day.tzinfo else day.replace(tzinfo=UTC)  # a date alone: midnight UTC, as stored dates are
