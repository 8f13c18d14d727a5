"""each signing organisation approves a promise before it is published

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 06:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('promise_approval',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('content_digest', sa.String(length=64), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_promise_approval_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_promise_approval_promise_id_promise'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_promise_approval_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_promise_approval')),
    sa.UniqueConstraint('promise_id', 'organisation_id', name=op.f('uq_promise_approval_promise_id_organisation_id'))
    )
    with op.batch_alter_table('promise_approval', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_promise_approval_promise_id'), ['promise_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('promise_approval', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_promise_approval_promise_id'))
    op.drop_table('promise_approval')
