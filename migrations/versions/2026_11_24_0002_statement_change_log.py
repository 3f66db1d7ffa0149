"""A log of statement writes that every process follows to keep its matcher current.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "statement_change",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("quote_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_change")),
    )
    with op.batch_alter_table("statement_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_statement_change_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("statement_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_change_created_at"))

    op.drop_table("statement_change")
