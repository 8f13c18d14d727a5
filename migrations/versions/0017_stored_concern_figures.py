"""the concerns page reads each group's figures (size, gender breakdown, shown examples,
changes since published) and the run's (answers placed, answers counted) as stored by the
run and every decision, instead of reading every answer on each visit

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-29 12:50:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Runs made before: placed and counted stay NULL, and the page computes their figures
    # from the answers as it did until the next decision stores them.
    with op.batch_alter_table('analysis_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('placed', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('counted', sa.Integer(), nullable=True))
    with op.batch_alter_table('concern_cluster', schema=None) as batch_op:
        batch_op.add_column(sa.Column('size', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('breakdown', sa.JSON(), nullable=False,
                                      server_default='{}'))
        batch_op.add_column(sa.Column('flags', sa.JSON(), nullable=False,
                                      server_default='[]'))
        batch_op.add_column(sa.Column('shown_examples', sa.JSON(), nullable=False,
                                      server_default='[]'))
        batch_op.add_column(sa.Column('changed', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('concern_cluster', schema=None) as batch_op:
        batch_op.drop_column('changed')
        batch_op.drop_column('shown_examples')
        batch_op.drop_column('flags')
        batch_op.drop_column('breakdown')
        batch_op.drop_column('size')
    with op.batch_alter_table('analysis_run', schema=None) as batch_op:
        batch_op.drop_column('counted')
        batch_op.drop_column('placed')
