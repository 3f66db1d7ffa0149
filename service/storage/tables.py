"""The database tables. Their schema is created by the Alembic migrations, never by create_all."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlmodel import Field, SQLModel

# Constraint names are stable across SQLite and PostgreSQL, so migrations can refer to them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

KINDS = ("direct", "indirect")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Article(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=32)
    title: str = Field(max_length=1000)
    url: str | None = Field(default=None, max_length=2000, unique=True)
    publisher: str | None = Field(default=None, max_length=300)
    published_at: datetime | None = None
    text: str | None = Field(default=None, sa_type=Text)
    content_hash: str | None = Field(default=None, max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class Speaker(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=32)
    name: str = Field(max_length=300, index=True)
    affiliation: str | None = Field(default=None, max_length=300)
    role: str | None = Field(default=None, max_length=300)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    anonymous: bool = False
    # The person's Wikidata item ("Q6279"), when a corpus such as Quotebank identifies them: two
    # people of one name stay apart, one person under two spellings stays one.
    wikidata_id: str | None = Field(default=None, max_length=16, unique=True, index=True)
    # The statement is on record but nobody is known to have said it (Quotebank's speaker "None").
    unattributed: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    created_at: datetime = Field(default_factory=utcnow)


class Quote(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("kind IN ('direct', 'indirect')", name="kind"),
        CheckConstraint("char_start IS NULL OR char_end >= char_start", name="offsets"),
        Index("ix_quote_article_start", "article_id", "char_start"),
    )

    id: str = Field(primary_key=True, max_length=32)
    text: str = Field(sa_type=Text)
    kind: str = Field(sa_type=String(8))
    speaker_id: str = Field(
        sa_column=Column(String(32), ForeignKey("speaker.id", ondelete="RESTRICT"), nullable=False, index=True)
    )
    article_id: str = Field(sa_column=Column(String(32), ForeignKey("article.id", ondelete="CASCADE"), nullable=False))
    context: str | None = Field(default=None, sa_type=Text)
    char_start: int | None = None
    char_end: int | None = None
    # A machine attribution's confidence in the speaker, 0-1 (Quotebank's top `probas` entry);
    # None for statements attributed by their article or by hand.
    speaker_probability: float | None = None
    # Articles the quotation appeared in, and when it was first seen, as a corpus counted them.
    occurrences: int | None = None
    first_seen_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class QuoteAppearance(SQLModel, table=True):
    """An address where a statement appeared besides its article (Quotebank's `urls`), in order."""

    __tablename__ = "quote_appearance"

    quote_id: str = Field(
        sa_column=Column(String(32), ForeignKey("quote.id", ondelete="CASCADE"), primary_key=True, nullable=False)
    )
    position: int = Field(primary_key=True)
    url: str = Field(max_length=2000)


class StatementChange(SQLModel, table=True):
    """One row per statement written or deleted, in the same transaction as the write.

    Every process follows this log to keep its in-memory matcher in step with the database,
    whichever process or replica made the change.
    """

    __tablename__ = "statement_change"

    id: int | None = Field(
        default=None,
        sa_column=Column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True),
    )
    quote_id: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, index=True)


class ApiKey(SQLModel, table=True):
    """A key created with `python -m service keys create`: only its SHA-256 digest is kept."""

    __tablename__ = "api_key"

    id: str = Field(primary_key=True, max_length=16)
    name: str = Field(max_length=100)
    scopes: str = Field(max_length=64)
    key_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None


class SavedCheck(SQLModel, table=True):
    """A verification result kept under a permalink: what was submitted, when, and the answer.

    The result is stored as it was answered, not recomputed on read, so a published link keeps
    saying what the service said then even as statements are added or deleted.
    """

    __tablename__ = "saved_check"

    id: str = Field(primary_key=True, max_length=32)
    text: str = Field(sa_type=Text)
    speaker: str | None = Field(default=None, max_length=300)
    verdict: str = Field(max_length=16)
    result: dict = Field(sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    created_at: datetime = Field(default_factory=utcnow)
