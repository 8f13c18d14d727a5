"""a focus area's figures are published deliberately: which answers, and when

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 06:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_members', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('published_at', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.drop_column('published_at')
        batch_op.drop_column('published_members')
