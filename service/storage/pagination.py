"""Keyset pagination: an opaque cursor holding the last id a page returned."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from service.errors import InvalidInputError, field_error

T = TypeVar("T")


class InvalidCursorError(InvalidInputError):
    type = "/problems/invalid-cursor"


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    next_cursor: str | None


def encode_cursor(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> str | None:
    if not cursor:
        return None
    invalid = InvalidCursorError(
        "cursor is not one this service issued", errors=[field_error("cursor", "not a valid cursor")]
    )
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise invalid from None
    if not raw or not raw.isprintable() or len(raw) > 64:
        raise invalid
    return raw


def page_of(rows: Sequence[T], limit: int, last_id: str | None) -> Page[T]:
    """Rows fetched with limit + 1 become a page and the cursor to the next one."""
    if len(rows) > limit and last_id is not None:
        return Page(rows[:limit], encode_cursor(last_id))
    return Page(rows[:limit], None)
