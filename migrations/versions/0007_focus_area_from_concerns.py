"""a promoted group of concerns points to the focus area it became

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 09:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('concern_cluster', schema=None) as batch_op:
        batch_op.add_column(sa.Column('focus_area_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_concern_cluster_focus_area_id'), ['focus_area_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_concern_cluster_focus_area_id_focus_area'),
                                    'focus_area', ['focus_area_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('concern_cluster', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_concern_cluster_focus_area_id_focus_area'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_concern_cluster_focus_area_id'))
        batch_op.drop_column('focus_area_id')
