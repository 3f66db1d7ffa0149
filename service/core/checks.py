"""Saved checks: a verification result kept under a permalink, exactly as it was answered."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.storage import check_store
from service.storage.database import unit_of_work
from service.storage.tables import SavedCheck


def store_check(engine: Engine, *, text: str, speaker: str | None, result: dict[str, Any]) -> SavedCheck:
    """`save_check` in a transaction of its own."""
    with unit_of_work(engine) as session:
        return save_check(session, text=text, speaker=speaker, result=result)


def save_check(session: Session, *, text: str, speaker: str | None, result: dict[str, Any]) -> SavedCheck:
    """Keep a verification result under a new permalink id, in the caller's transaction."""
    return check_store.save_check(
        session, check_id=check_store.new_check_id(), text=text, speaker=speaker, result=result
    )
