"""an index on concern_membership.answer_id: deleting answers (retention, erasure) cascades to
their group memberships, and without it PostgreSQL read every membership for each answer
(enforce-retention at national scale: 9 s before the seed had a grouping run, 532 s with one)

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-29 13:35:00
"""
from collections.abc import Sequence

from alembic import op


revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f('ix_concern_membership_answer_id'), 'concern_membership',
                    ['answer_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_concern_membership_answer_id'), table_name='concern_membership')
