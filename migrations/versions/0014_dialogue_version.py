"""a version on each dialogue, bumped by every edit of it or its questionnaire, so that the
answer path of every app server can keep the questionnaire in memory and know when it is stale

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29 09:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('dialogue', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('dialogue', schema=None) as batch_op:
        batch_op.drop_column('version')
