"""used invitation codes are deleted; a batch keeps how many codes it was issued with

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 06:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('invite_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issued', sa.Integer(), nullable=False,
                                      server_default='0'))
    op.execute('UPDATE invite_batch SET issued = (SELECT count(*) FROM invite_code '
               'WHERE invite_code.batch_id = invite_batch.id)')
    with op.batch_alter_table('invite_batch', schema=None) as batch_op:
        batch_op.alter_column('issued', server_default=None)
    # Used codes carried the answer's transaction and position; they go, and with them the
    # flag. (Run VACUUM FULL invite_code after upgrading: see README, "Privacy".)
    op.execute('DELETE FROM invite_code WHERE used')
    with op.batch_alter_table('invite_code', schema=None) as batch_op:
        batch_op.drop_column('used')


def downgrade() -> None:
    with op.batch_alter_table('invite_code', schema=None) as batch_op:
        batch_op.add_column(sa.Column('used', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('invite_code', schema=None) as batch_op:
        batch_op.alter_column('used', server_default=None)
    with op.batch_alter_table('invite_batch', schema=None) as batch_op:
        batch_op.drop_column('issued')
