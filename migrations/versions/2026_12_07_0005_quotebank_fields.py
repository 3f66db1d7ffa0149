"""What corpora such as Quotebank say of a statement: the speaker's Wikidata identity, how sure the
attribution is, how often and where the quotation appeared, and statements with no known speaker.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("speaker", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wikidata_id", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("unattributed", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f("ix_speaker_wikidata_id"), ["wikidata_id"], unique=True)
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.add_column(sa.Column("speaker_probability", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("occurrences", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "quote_appearance",
        sa.Column("quote_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(
            ["quote_id"], ["quote.id"], name=op.f("fk_quote_appearance_quote_id_quote"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("quote_id", "position", name=op.f("pk_quote_appearance")),
    )


def downgrade() -> None:
    op.drop_table("quote_appearance")
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_column("first_seen_at")
        batch_op.drop_column("occurrences")
        batch_op.drop_column("speaker_probability")
    with op.batch_alter_table("speaker", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speaker_wikidata_id"))
        batch_op.drop_column("unattributed")
        batch_op.drop_column("wikidata_id")
