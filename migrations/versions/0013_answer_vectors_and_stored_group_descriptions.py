"""answers' multilingual vectors are stored once; groups keep their readable labels

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'answer_vector',
        sa.Column('answer_id', sa.Integer(), nullable=False),
        sa.Column('model', sa.String(length=100), nullable=False),
        sa.Column('vector', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['answer_id'], ['answer.id'],
                                name=op.f('fk_answer_vector_answer_id_answer'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('answer_id', name=op.f('pk_answer_vector')),
    )
    with op.batch_alter_table('concern_cluster', schema=None) as batch_op:
        batch_op.add_column(sa.Column('labels', sa.JSON(), nullable=False,
                                      server_default='{}'))
        batch_op.add_column(sa.Column('languages', sa.JSON(), nullable=False,
                                      server_default='{}'))
        batch_op.add_column(sa.Column('nearest', sa.JSON(), nullable=False,
                                      server_default='{}'))


def downgrade() -> None:
    with op.batch_alter_table('concern_cluster', schema=None) as batch_op:
        batch_op.drop_column('nearest')
        batch_op.drop_column('languages')
        batch_op.drop_column('labels')
    op.drop_table('answer_vector')
