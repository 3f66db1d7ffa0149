"""Saved verification results, the records behind check permalinks."""

from __future__ import annotations

import secrets
from typing import Any

from sqlmodel import Session

from service.errors import NotFoundError
from service.storage.tables import SavedCheck

# Check ids are random rather than derived from the text: a permalink must not let someone who
# guesses a text confirm that it was checked (drafts and tips are checked before publication),
# and the same text checked twice is two checks, whose answers may differ as statements are
# added. 96 random bits make ids unguessable and collisions negligible.
_ID_BYTES = 12


def new_check_id() -> str:
    return "chk_" + secrets.token_urlsafe(_ID_BYTES)


def save_check(
    session: Session, *, check_id: str, text: str, speaker: str | None, result: dict[str, Any]
) -> SavedCheck:
    """Store a result under `check_id`; committed with the request."""
    row = SavedCheck(id=check_id, text=text, speaker=speaker, verdict=result["verdict"], result=result)
    session.add(row)
    session.flush()
    return row


def get_check(session: Session, check_id: str) -> SavedCheck:
    row = session.get(SavedCheck, check_id)
    if row is None:
        raise NotFoundError(f"no check with id {check_id!r}")
    return row
