"""concerns analysis runs

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 08:07:45.120375
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('analysis_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dialogue_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('answer_count', sa.Integer(), nullable=False),
    sa.Column('model', sa.JSON(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_analysis_run_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['dialogue_id'], ['dialogue.id'], name=op.f('fk_analysis_run_dialogue_id_dialogue'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_analysis_run_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_run'))
    )
    with op.batch_alter_table('analysis_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_run_dialogue_id'), ['dialogue_id'], unique=False)

    op.create_table('analyst_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['analysis_run.id'], name=op.f('fk_analyst_decision_run_id_analysis_run'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_analyst_decision_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analyst_decision'))
    )
    with op.batch_alter_table('analyst_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analyst_decision_run_id'), ['run_id'], unique=False)

    op.create_table('concern_cluster',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('terms', sa.JSON(), nullable=False),
    sa.Column('examples', sa.JSON(), nullable=False),
    sa.Column('excluded', sa.Boolean(), nullable=False),
    sa.Column('accepted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['analysis_run.id'], name=op.f('fk_concern_cluster_run_id_analysis_run'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concern_cluster'))
    )
    with op.batch_alter_table('concern_cluster', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concern_cluster_run_id'), ['run_id'], unique=False)

    op.create_table('concern_membership',
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=True),
    sa.Column('excluded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answer.id'], name=op.f('fk_concern_membership_answer_id_answer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['cluster_id'], ['concern_cluster.id'], name=op.f('fk_concern_membership_cluster_id_concern_cluster'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['run_id'], ['analysis_run.id'], name=op.f('fk_concern_membership_run_id_analysis_run'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('run_id', 'answer_id', name=op.f('pk_concern_membership'))
    )
    with op.batch_alter_table('concern_membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concern_membership_cluster_id'), ['cluster_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('concern_membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concern_membership_cluster_id'))

    op.drop_table('concern_membership')
    with op.batch_alter_table('concern_cluster', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concern_cluster_run_id'))

    op.drop_table('concern_cluster')
    with op.batch_alter_table('analyst_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analyst_decision_run_id'))

    op.drop_table('analyst_decision')
    with op.batch_alter_table('analysis_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_run_dialogue_id'))

    op.drop_table('analysis_run')

