"""API keys over HTTP, for holders of an admin key: create (the key is shown once), list, revoke."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, status
from pydantic import BaseModel, ConfigDict, Field

from service.core import api_keys
from service.http.api.deps import AdminKey, SessionDep
from service.storage import key_store
from service.storage.tables import ApiKey

router = APIRouter(prefix="/v1/keys", tags=["keys"], dependencies=[AdminKey])

KeyId = Annotated[str, Path(max_length=16, description="The key's public id (the part after `qvs_`).")]


class KeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$", description="Who or what holds the key."
    )
    scopes: list[Literal["read", "write", "admin"]] = Field(
        default=["read", "write"], min_length=1, max_length=3, description="admin includes write, write includes read."
    )


class KeyOut(BaseModel):
    id: str
    name: str
    scopes: list[str]
    created_at: datetime
    revoked_at: datetime | None


class NewKeyOut(KeyOut):
    key: str = Field(description="The key itself: shown this once, only its SHA-256 digest is stored.")


class KeyList(BaseModel):
    items: list[KeyOut]


def _out(row: ApiKey) -> KeyOut:
    return KeyOut(
        id=row.id, name=row.name, scopes=row.scopes.split(","), created_at=row.created_at, revoked_at=row.revoked_at
    )


@router.get("", response_model=KeyList)
def list_keys(session: SessionDep) -> KeyList:
    return KeyList(items=[_out(row) for row in key_store.list_keys(session)])


@router.post("", response_model=NewKeyOut, status_code=status.HTTP_201_CREATED)
def create_key(body: KeyCreate, session: SessionDep) -> NewKeyOut:
    row, key = api_keys.create_key(session, name=body.name, scopes=api_keys.parse_scopes(",".join(body.scopes)))
    return NewKeyOut(**_out(row).model_dump(), key=key)


@router.delete("/{key_id}", response_model=KeyOut)
def revoke_key(key_id: KeyId, session: SessionDep) -> KeyOut:
    """Revoke a stored key: from the next request on, it is refused (403)."""
    return _out(key_store.revoke_key(session, key_id))
