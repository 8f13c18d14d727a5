"""promises: focus areas, promises, activities, feedback updates and internal plans

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 08:31:50.929532
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('promise',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('registration_number', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('source_language', sa.String(length=10), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('police_area_id', sa.Integer(), nullable=True),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('introduction', sa.JSON(), nullable=False),
    sa.Column('situation_picture', sa.JSON(), nullable=False),
    sa.Column('how_to_follow', sa.JSON(), nullable=False),
    sa.Column('successor_id', sa.Integer(), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['organisation.id'], name=op.f('fk_promise_municipality_id_organisation')),
    sa.ForeignKeyConstraint(['police_area_id'], ['organisation.id'], name=op.f('fk_promise_police_area_id_organisation')),
    sa.ForeignKeyConstraint(['successor_id'], ['promise.id'], name=op.f('fk_promise_successor_id_promise'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_promise')),
    sa.UniqueConstraint('slug', name=op.f('uq_promise_slug'))
    )
    op.create_table('effect_goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.JSON(), nullable=False),
    sa.Column('baseline', sa.JSON(), nullable=False),
    sa.Column('target', sa.JSON(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_effect_goal_promise_id_promise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_effect_goal'))
    )
    with op.batch_alter_table('effect_goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_effect_goal_promise_id'), ['promise_id'], unique=False)

    op.create_table('focus_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dialogue_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('description', sa.JSON(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('gender_breakdown', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dialogue_id'], ['dialogue.id'], name=op.f('fk_focus_area_dialogue_id_dialogue'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_focus_area'))
    )
    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_focus_area_dialogue_id'), ['dialogue_id'], unique=False)

    op.create_table('promise_dialogue',
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('dialogue_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dialogue_id'], ['dialogue.id'], name=op.f('fk_promise_dialogue_dialogue_id_dialogue'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_promise_dialogue_promise_id_promise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('promise_id', 'dialogue_id', name=op.f('pk_promise_dialogue'))
    )
    op.create_table('promise_partner',
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_promise_partner_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_promise_partner_promise_id_promise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('promise_id', 'organisation_id', name=op.f('pk_promise_partner'))
    )
    op.create_table('promise_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_promise_plan_promise_id_promise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_promise_plan')),
    sa.UniqueConstraint('promise_id', 'kind', name=op.f('uq_promise_plan_promise_id_kind'))
    )
    with op.batch_alter_table('promise_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_promise_plan_promise_id'), ['promise_id'], unique=False)

    op.create_table('signatory',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_signatory_promise_id_promise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatory'))
    )
    with op.batch_alter_table('signatory', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signatory_promise_id'), ['promise_id'], unique=False)

    op.create_table('activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('description', sa.JSON(), nullable=False),
    sa.Column('responsible_id', sa.Integer(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('status_reason', sa.JSON(), nullable=False),
    sa.Column('production_goal', sa.JSON(), nullable=False),
    sa.Column('focus_area_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['focus_area_id'], ['focus_area.id'], name=op.f('fk_activity_focus_area_id_focus_area'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_activity_promise_id_promise'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['responsible_id'], ['organisation.id'], name=op.f('fk_activity_responsible_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_focus_area_id'), ['focus_area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_promise_id'), ['promise_id'], unique=False)

    op.create_table('promise_focus_area',
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('focus_area_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['focus_area_id'], ['focus_area.id'], name=op.f('fk_promise_focus_area_focus_area_id_focus_area'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_promise_focus_area_promise_id_promise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('promise_id', 'focus_area_id', name=op.f('pk_promise_focus_area'))
    )
    op.create_table('feedback_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('old_status', sa.String(length=20), nullable=True),
    sa.Column('new_status', sa.String(length=20), nullable=True),
    sa.Column('text', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_feedback_update_activity_id_activity'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_feedback_update_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_feedback_update_promise_id_promise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_update'))
    )
    with op.batch_alter_table('feedback_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_update_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_update_promise_id'), ['promise_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('feedback_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_update_promise_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_update_activity_id'))

    op.drop_table('feedback_update')
    op.drop_table('promise_focus_area')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_promise_id'))
        batch_op.drop_index(batch_op.f('ix_activity_focus_area_id'))

    op.drop_table('activity')
    with op.batch_alter_table('signatory', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signatory_promise_id'))

    op.drop_table('signatory')
    with op.batch_alter_table('promise_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_promise_plan_promise_id'))

    op.drop_table('promise_plan')
    op.drop_table('promise_partner')
    op.drop_table('promise_dialogue')
    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_focus_area_dialogue_id'))

    op.drop_table('focus_area')
    with op.batch_alter_table('effect_goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_effect_goal_promise_id'))

    op.drop_table('effect_goal')
    op.drop_table('promise')
