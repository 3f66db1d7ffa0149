"""Queries on API keys: create, list, revoke, and the lookup each authenticated request makes."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from service.errors import NotFoundError
from service.storage.tables import ApiKey, utcnow


def add_key(session: Session, *, key_id: str, name: str, scopes: str, key_hash: str) -> ApiKey:
    """Store a new key by its digest (the plain key is never stored)."""
    row = ApiKey(id=key_id, name=name, scopes=scopes, key_hash=key_hash)
    session.add(row)
    session.flush()
    return row


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.exec(select(ApiKey).order_by(col(ApiKey.created_at), col(ApiKey.id))).all())


def revoke_key(session: Session, key_id: str) -> ApiKey:
    """Mark a key revoked (kept, so the listing shows when); revoking twice keeps the first time."""
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFoundError(f"no API key with id {key_id!r}")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.add(row)
        session.flush()
    return row


def active_key(session: Session, key_id: str) -> ApiKey | None:
    """The key with this id if it exists and is not revoked."""
    row = session.get(ApiKey, key_id)
    return row if row is not None and row.revoked_at is None else None


def has_active_keys(session: Session) -> bool:
    count = session.exec(select(func.count()).select_from(ApiKey).where(col(ApiKey.revoked_at).is_(None))).one()
    return bool(count)
