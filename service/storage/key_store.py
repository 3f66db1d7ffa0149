"""Queries on API keys: create, list, revoke, and the lookup each authenticated request makes."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from service.core import api_keys
from service.errors import NotFoundError
from service.storage.tables import ApiKey, utcnow


def create_key(session: Session, *, name: str, scopes: frozenset[api_keys.Scope]) -> tuple[ApiKey, str]:
    """Store a new key's digest; the plain key is returned once and never stored."""
    new = api_keys.generate()
    row = ApiKey(id=new.id, name=name, scopes=api_keys.format_scopes(scopes), key_hash=new.digest)
    session.add(row)
    session.flush()
    return row, new.key


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
