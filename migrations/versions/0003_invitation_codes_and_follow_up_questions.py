"""invitation codes and follow-up questions

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-25 07:05:53.363092
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('invite_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dialogue_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dialogue_id'], ['dialogue.id'], name=op.f('fk_invite_batch_dialogue_id_dialogue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invite_batch'))
    )
    with op.batch_alter_table('invite_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invite_batch_dialogue_id'), ['dialogue_id'], unique=False)

    op.create_table('invite_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('used', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['invite_batch.id'], name=op.f('fk_invite_code_batch_id_invite_batch'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invite_code')),
    sa.UniqueConstraint('code', name=op.f('uq_invite_code_code'))
    )
    with op.batch_alter_table('invite_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invite_code_batch_id'), ['batch_id'], unique=False)

    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('copied_from_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_question_copied_from_id_question'), 'question', ['copied_from_id'], ['id'])




def downgrade() -> None:

    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_question_copied_from_id_question'), type_='foreignkey')
        batch_op.drop_column('copied_from_id')

    with op.batch_alter_table('invite_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invite_code_batch_id'))

    op.drop_table('invite_code')
    with op.batch_alter_table('invite_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invite_batch_dialogue_id'))

    op.drop_table('invite_batch')

